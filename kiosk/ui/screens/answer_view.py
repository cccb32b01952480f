"""The answer itself: a read-only text view, scrolled by dragging, read line by
line with the keys, and marked word by word while Listen reads it."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from kiosk.content import Topic

# A bullet is a character of the text (not a list marker Qt draws beside it),
# so a screen reader reading the line says "bullet"; the no-break space keeps
# it with the first word.
from kiosk.ui.screens.answer_document import (
    index_with_soft_hyphens,
    write_answer,
)
from kiosk.ui.style import theme
from kiosk.ui.widgets.accessible import name_scroll_area
from kiosk.ui.widgets.hyphenation import hyphenate, without_soft_hyphens
from kiosk.ui.widgets.scrolling import enable_kinetic_scrolling
from kiosk.ui.widgets.text import (
    index_at_utf16,
    utf16_length,
    words_broken_anywhere,
)


class AnswerView(QTextEdit):
    """Read-only, plain-text answer document that scrolls by dragging.

    The document is built block by block with ``QTextCursor.insertText``:
    answer text is never parsed as HTML, so it can hold no link or image.

    Screen-reader and keyboard users move through it by line with a caret
    (the arrow keys; Space and Page Up/Down still scroll a page). The caret
    is drawn only once a key was pressed here: a touch user never sees one,
    and taps and drags neither move it nor select text.
    """

    # Where the text column starts, in pixels from the view's side: what
    # stands above the answer lines up with it.
    column_placed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        # No caret until a key is pressed here (see keyPressEvent); a finger
        # only ever scrolls.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setFrameShape(QTextEdit.Shape.NoFrame)
        # Keyboard and switch users scroll the answer with the arrow keys,
        # Page Up/Down and Space; a tap gives no focus, so no ring appears.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        # Lines break between words. A word too wide for the column is
        # hyphenated (_fit_long_words); one that still cannot fit breaks
        # anywhere rather than run off the screen.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
        enable_kinetic_scrolling(self)
        self._measure = 10_000
        self._spoken_end = 0
        self._bullets: list[int] = []  # document positions of the bullet marks
        self._silent: tuple[int, int] = (0, 0)  # the note's positions: not read aloud
        self._spoken_word: tuple[int, int] | None = None
        self._palette = theme.Palette()
        self._shown: tuple[Topic, theme.Metrics] | None = None
        self._footer: tuple[str, str | None] | None = None  # (text, its language)
        self._note: tuple[str, str] | None = None  # (text, its language)
        self._hyphenated: frozenset[str] = frozenset()  # words too wide for the column
        self._hyphenated_at = -1  # the viewport width they were found at
        self._fitting = False
        self._source_line = "Source: %1"  # in the language in use: see retranslate
        self.setDocument(self._new_document())
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Its own words (the scroll bar's names, "Source:") in the language in use."""
        name_scroll_area(self, self.tr("Answer"), self.tr("Answer: scroll bar"))
        self._source_line = self.tr("Source: %1")
        self._rewrite_source()

    def _rewrite_source(self) -> None:
        """The source line in the language in use, in place: the answer
        above it keeps its layout, and the patient their place in it."""
        if self._shown is None or not self._shown[0].source:
            return
        topic = self._shown[0]
        text = hyphenate(
            self._source_line.replace("%1", topic.source or ""), topic.language, self._hyphenated
        )
        block = self.document().findBlock(self._spoken_end).next()
        if block.text() == text:
            return
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)
        self._fit_long_words()

    def _new_document(self) -> QTextDocument:
        document = QTextDocument(self)
        # A read-only page needs no undo history; kept, it would grow with
        # every answer ever shown.
        document.setUndoRedoEnabled(False)
        document.setDocumentMargin(0)
        return document

    def show_topic(
        self,
        topic: Topic,
        palette: theme.Palette,
        metrics: theme.Metrics,
        *,
        keep_position: bool = False,
    ) -> None:
        """Shows ``topic`` from its top; with ``keep_position`` (a new text
        size or contrast for the same answer), at the same place in it."""
        self._palette = palette
        self._hyphenated = frozenset()  # found again for this text and these sizes
        self._shown = (topic, metrics)
        self._write(keep_position=keep_position)
        self._fit_long_words()

    def set_footer(self, text: str | None, language: str | None = None) -> None:
        """The clinic's footer line, in ``language``, written below the answer
        (or not, ``None``)."""
        self._footer = (text, language) if text else None

    def set_note(self, note: tuple[str, str] | None) -> None:
        """(text, language) of a line shown under the question, not read aloud:
        that the answer is not in the visit's language."""
        self._note = note

    def _write(self, *, keep_position: bool) -> None:
        if self._shown is None:
            return
        topic, metrics = self._shown
        bar = self.verticalScrollBar()
        position = bar.value() / bar.maximum() if keep_position and bar.maximum() else 0.0
        caret = self.textCursor().position() if keep_position else 0
        if not keep_position and self.keyboard_caret():
            # A new answer, perhaps a new patient: no caret until a key.
            self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        if self.cursorWidth() != max(2, metrics.border // 2):
            self.setCursorWidth(max(2, metrics.border // 2))
        # A fresh document per answer, the old one deleted: emptying one
        # document instead keeps every text format it ever held (each list
        # gets its own), and clear() leaves a frame behind per visit; either
        # way memory grows over weeks of use.
        previous = self.document()
        document = self._new_document()
        written = write_answer(
            document,
            topic,
            self._palette,
            metrics,
            source_line=self._source_line,
            footer=self._footer,
            note=self._note,
            hyphenate_words=lambda text, language: hyphenate(text, language, self._hyphenated),
        )
        self._measure, self._spoken_end, self._bullets, self._silent = written
        self.setDocument(document)
        if caret:
            cursor = QTextCursor(document)
            cursor.setPosition(min(caret, document.characterCount() - 1))
            self.setTextCursor(cursor)
        if previous.parent() is self:
            previous.deleteLater()
        self._centre_column()
        self._show_spoken_word()
        bar.setValue(round(position * bar.maximum()))

    def _fit_long_words(self) -> None:
        """Hyphenates the words that the column is too narrow for, at its width now.

        Qt breaks a word anywhere only where it cannot fit a line whole, so
        those breaks name the words that need hyphens. A word that still
        breaks anywhere after that has no hyphenation point that helps: the
        last resort, left as it is.
        """
        if self._shown is None or self._fitting:
            return
        self._fitting = True  # a new document can show or hide the scroll bar: a resize
        try:
            if self._hyphenated and self.viewport().width() != self._hyphenated_at:
                # A new width: words that needed hyphens may now fit whole.
                self._hyphenated = frozenset()
                self._write(keep_position=True)
            self._hyphenated_at = self.viewport().width()
            too_wide = set(self.broken_words()) - self._hyphenated
            if too_wide:
                self._hyphenated |= too_wide
                self._write(keep_position=True)
        finally:
            self._fitting = False

    def broken_words(self) -> list[str]:
        """The words the answer breaks where no hyphen may go, as laid out now."""
        document = self.document()
        document.size()  # lays the document out, if it is not yet
        broken: list[str] = []
        block = document.begin()
        while block.isValid():
            broken += words_broken_anywhere(block.layout(), block.text())
            block = block.next()
        return list(dict.fromkeys(broken))

    def _spoken_document_text(self) -> str:
        """The question and the answer as the document holds them (soft hyphens
        too), each bullet mark a space."""
        text = self.document().toPlainText()
        # Document positions count UTF-16 units; an emoji is two of them.
        spoken = list(text[: index_at_utf16(text, self._spoken_end)])
        # A bullet mark is read as a pause, not as "bullet": a space keeps
        # every later word at its place for the word marks.
        for position in self._bullets:
            index = index_at_utf16(text, position)
            if index < len(spoken):
                spoken[index] = " "
        # Nor is the note read: it is in the visit's language, the answer
        # (and the voice) in another.
        first, last = (index_at_utf16(text, position) for position in self._silent)
        spoken[first:last] = " " * len(spoken[first:last])
        return "".join(spoken)

    def spoken_text(self) -> str:
        """The question and the answer (not the source), as plain text."""
        return without_soft_hyphens(self._spoken_document_text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Someone is using a keyboard here: from now on the keys move a caret
        # (the arrow keys by line), which is drawn. Selecting is by keyboard
        # only, never by a finger.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        for keys, step, mode, page in self._LINE_KEYS:
            if event.matches(keys):
                self._move_by_line(step, mode, page=page)
                event.accept()
                return
        super().keyPressEvent(event)

    _LINE_KEYS = (
        (QKeySequence.StandardKey.MoveToNextLine, 1, QTextCursor.MoveMode.MoveAnchor, False),
        (QKeySequence.StandardKey.MoveToPreviousLine, -1, QTextCursor.MoveMode.MoveAnchor, False),
        (QKeySequence.StandardKey.SelectNextLine, 1, QTextCursor.MoveMode.KeepAnchor, False),
        (QKeySequence.StandardKey.SelectPreviousLine, -1, QTextCursor.MoveMode.KeepAnchor, False),
        (QKeySequence.StandardKey.MoveToNextPage, 1, QTextCursor.MoveMode.MoveAnchor, True),
        (QKeySequence.StandardKey.MoveToPreviousPage, -1, QTextCursor.MoveMode.MoveAnchor, True),
        (QKeySequence.StandardKey.SelectNextPage, 1, QTextCursor.MoveMode.KeepAnchor, True),
        (QKeySequence.StandardKey.SelectPreviousPage, -1, QTextCursor.MoveMode.KeepAnchor, True),
    )
    # Where the line keys left the caret, and its distance from where its
    # line starts: kept while they go on, as an editor keeps a column.
    _line_goal: tuple[int, float] | None = None

    def _move_by_line(self, step: int, mode: QTextCursor.MoveMode, *, page: bool) -> None:
        """Moves the caret to the line laid out below (``step`` 1) or above
        (-1), or a page of lines, at the same distance from where lines
        start: the right edge, right to left.

        Qt's own Up, Down, Page Up and Page Down skip lines right to left, or
        stick: a new caret remembers x = 0, the left edge, where such a line
        ends; and QTextLine.xToCursor turns either edge of a wrapped
        right-to-left line into a position on the line beside it.
        """
        cursor = self.textCursor()
        position = cursor.position()
        block = cursor.block()
        line = block.layout().lineForTextPosition(cursor.positionInBlock())
        if not line.isValid():  # not laid out yet
            return
        if self._line_goal is not None and self._line_goal[0] == position:
            distance = self._line_goal[1]
        else:
            x = cast(tuple[float, int], line.cursorToX(cursor.positionInBlock()))[0]
            edge, way = self._line_start(block, line)
            distance = (x - edge) * way
        top = block.layout().position().y() + line.y()
        while (beside := self._position_beside(position, step, distance)) is not None:
            if page and abs(self._line_top(beside) - top) >= self.viewport().height():
                # A page on: the text scrolls by a page, the caret stays on it.
                bar = self.verticalScrollBar()
                action = bar.SliderAction
                bar.triggerAction(
                    action.SliderPageStepAdd if step > 0 else action.SliderPageStepSub
                )
                break
            position = beside
            if not page:
                break
        cursor.setPosition(position, mode)
        self.setTextCursor(cursor)
        self._line_goal = (position, distance)

    def _position_beside(self, position: int, step: int, distance: float) -> int | None:
        """The position ``distance`` into the line below (``step`` 1) or
        above (-1) the one at ``position``; None past the first or last line."""
        block = self.document().findBlock(position)
        line = block.layout().lineForTextPosition(position - block.position())
        if not line.isValid():  # not laid out yet
            return None
        index = line.lineNumber() + step
        while not 0 <= index < block.layout().lineCount():
            block = block.next() if step > 0 else block.previous()
            if not block.isValid():
                return None
            index = 0 if step > 0 else block.layout().lineCount() - 1
        target = block.layout().lineAt(index)
        edge, way = self._line_start(block, target)
        beside = target.xToCursor(edge + way * distance)
        # On this line, not the next: a wrapped line ends where the next starts.
        last = target.textStart() + target.textLength()
        if index < block.layout().lineCount() - 1:
            last = max(target.textStart(), last - 1)
        return block.position() + min(max(beside, target.textStart()), last)

    def _line_top(self, position: int) -> float:
        """The y of the top of the line at ``position``, in the document."""
        block = self.document().findBlock(position)
        layout = block.layout()
        return layout.position().y() + layout.lineForTextPosition(position - block.position()).y()

    @staticmethod
    def _line_start(block: QTextBlock, line: QTextLine) -> tuple[float, int]:
        """The x where ``line`` starts, and which way its text runs from there
        (1 rightwards, -1 leftwards)."""
        if block.textDirection() == Qt.LayoutDirection.RightToLeft:
            return line.x() + line.width(), -1
        return line.x(), 1

    def keyboard_caret(self) -> bool:
        """True once a key was pressed on this answer: the caret shows."""
        return bool(self.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard)

    def shows_focus_ring(self) -> bool:
        """True while it has focus and shows its caret to a keyboard user."""
        return self.hasFocus() and self.keyboard_caret()

    def show_spoken_word(self, start: int, length: int) -> None:
        """Marks the word at ``start`` (an index into :meth:`spoken_text`)
        being read aloud, and keeps it in view."""
        written = self._spoken_document_text()
        first = index_with_soft_hyphens(written, start)
        last = index_with_soft_hyphens(written, start + length)
        start, length = utf16_length(written[:first]), utf16_length(written[first:last])
        self._spoken_word = (start, length)
        self._show_spoken_word()
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(start, self._spoken_end))
        word = self.cursorRect(cursor)
        viewport = self.viewport().rect()
        if not viewport.contains(word):
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + word.top() - viewport.height() // 3)

    def clear_spoken_word(self) -> None:
        self._spoken_word = None
        self.setExtraSelections([])

    def _show_spoken_word(self) -> None:
        if self._spoken_word is None:
            self.setExtraSelections([])
            return
        start, length = self._spoken_word
        end = min(start + length, self._spoken_end)
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(start, end))
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(self._palette.highlight))
        fmt.setForeground(QColor(self._palette.highlight_text))
        selection.format = fmt
        self.setExtraSelections([selection])

    def _centre_column(self) -> None:
        """Keep lines to a comfortable length: a centred column of text."""
        document = self.document()
        spare = max(0, self.viewport().width() - self._measure)
        frame = document.rootFrame()
        fmt: QTextFrameFormat = frame.frameFormat()
        fmt.setLeftMargin(spare // 2)
        fmt.setRightMargin(spare - spare // 2)
        fmt.setBottomMargin(self._measure // 40)
        frame.setFrameFormat(fmt)
        self.column_placed.emit(spare // 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._centre_column()
        self._fit_long_words()

    def line_width(self) -> float:
        """Width available to a line of answer text, in pixels."""
        fmt = self.document().rootFrame().frameFormat()
        return self.viewport().width() - fmt.leftMargin() - fmt.rightMargin()
