"""The answer screen: the question, the answer in large print, a Home button."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLayout,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QBoxLayout, QTextEdit, QVBoxLayout, QWidget

from kiosk.content import BulletList, Topic
from kiosk.i18n.words import words_language
from kiosk.paths import resource
from kiosk.ui.languages import direction, language_name_in
from kiosk.ui.screens.answer_layout import (
    HEADING_GAP_EM,
    PARAGRAPH_GAP_EM,
    Arrangement,
    arabic_script,
    choose_arrangement,
    first_view_height,
    line_height_em,
)
from kiosk.ui.style import theme
from kiosk.ui.style.text_size import TextSize
from kiosk.ui.widgets.accessible import name_scroll_area
from kiosk.ui.widgets.button import TouchButton
from kiosk.ui.widgets.flow_row import FlowRow
from kiosk.ui.widgets.hyphenation import SOFT_HYPHEN, hyphenate, without_soft_hyphens
from kiosk.ui.widgets.language_choice import LanguageChoice
from kiosk.ui.widgets.scrolling import enable_kinetic_scrolling
from kiosk.ui.widgets.text import (
    WrappedText,
    index_at_utf16,
    utf16_length,
    words_broken_anywhere,
)

# A bullet is a character of the text (not a list marker Qt draws beside it),
# so a screen reader reading the line says "bullet"; the no-break space keeps
# it with the first word.
BULLET = "\u2022\u00a0"
BULLET_INDENT_EM = 1.2  # where a bullet's text starts
# Ordinary English prose, to size the column in real characters (a font's
# "average character width" is that of all its glyphs, capitals and digits
# included, and would make lines a quarter longer than asked).
SAMPLE_PROSE = (
    "The brain has two halves. After a stroke, one half may hold back the other. "
    "Ask our staff if you have questions about your own care and treatment."
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
        written = _write_answer(
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
        first = _index_with_soft_hyphens(written, start)
        last = _index_with_soft_hyphens(written, start + length)
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

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._centre_column()
        self._fit_long_words()

    def line_width(self) -> float:
        """Width available to a line of answer text, in pixels."""
        fmt = self.document().rootFrame().frameFormat()
        return self.viewport().width() - fmt.leftMargin() - fmt.rightMargin()


class AnswerScreen(QWidget):
    """The answer, and the visit's controls: Home, text size, contrast, Listen.

    The controls sit at the bottom, within reach from a wheelchair and of
    either hand, and wrap onto a second line on a narrow panel; on a panel
    too short to show enough of the answer above them, they stand in a
    column at its right (see :mod:`kiosk.ui.screens.answer_layout`). They
    only ask; the window decides (and resets them for the next patient).
    """

    home_requested = Signal()
    text_size_requested = Signal(object)  # a TextSize
    high_contrast_requested = Signal(bool)
    listen_requested = Signal(bool)  # True: start reading aloud, False: stop

    def __init__(self, palette: theme.Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._palette = palette
        self._metrics: theme.Metrics | None = None
        self.topic: Topic | None = None
        self.language = "en"  # the visit's
        self._footer_language: str | None = None
        # The visit's choices as the window last showed them.
        self._text_size = TextSize.NORMAL
        self._high_contrast = False
        self.view = AnswerView()
        self.footer = WrappedText()

        self.home_button = TouchButton("")
        self.home_button.setObjectName("home")
        self.home_button.set_icon_file(str(resource("icons", "home.svg")))
        self.home_button.clicked.connect(self.home_requested)

        self.text_size_buttons = {size: self._text_size_button(size) for size in TextSize}

        self.contrast_button = TouchButton("")
        self.contrast_button.setObjectName("contrast")
        self.contrast_button.make_choice()
        self.contrast_button.set_icon_file(str(resource("icons", "contrast.svg")))
        self.contrast_button.chosen.connect(
            lambda: self._request(self.high_contrast_requested, not self._high_contrast)
        )

        self.listen_button = TouchButton("")
        self.listen_button.setObjectName("listen")
        self.listen_button.make_choice()
        self.listen_button.chosen.connect(
            lambda: self._request(self.listen_requested, not self._speaking)
        )
        self._speaking: bool | None = None
        self.set_speaking(False)
        self.show_choices(self._text_size, self._high_contrast)
        self.listen_button.hide()  # until the window has a working voice

        self._rewrite_note = QTimer(self)
        self._rewrite_note.setSingleShot(True)
        self._rewrite_note.setInterval(0)
        self._rewrite_note.timeout.connect(self._write_note_again)

        self.languages = self._language_choice()
        self.controls = FlowRow()
        self._place_controls()
        self._column = QVBoxLayout()
        self._column.addWidget(self.view, 1)
        self._column.addWidget(self.footer)
        self._layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._layout.addLayout(self._column, 1)
        self._layout.addWidget(self.controls)
        self.arrangement = Arrangement()
        self._arranged_for = 0.0  # the first view's height it was arranged for
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            # The note above the answer is in the kiosk's words too. A tap on
            # a language shows the answer again right after this (show_topic),
            # so it is written once, then; anything else gets it from the timer.
            if self.topic is not None and self.isVisible():
                self._rewrite_note.start()
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange and self._metrics is not None:
            # The margins change sides; the arrangement stays as it is.
            outer, _ = self._spacing(self.arrangement, self._metrics)
            self._layout.setContentsMargins(*outer)

    def _write_note_again(self) -> None:
        if self.topic is not None:
            self.view.set_note(self._note(self.topic))
            if self._metrics is not None:
                self.view.show_topic(self.topic, self._palette, self._metrics, keep_position=True)

    def retranslate(self) -> None:
        """The screen's own words (not the answer's) in the language in use;
        the controls are placed again for their new widths."""
        self.setAccessibleName(self.tr("Answer screen"))
        self.home_button.set_label(self.tr("Home"))
        self.home_button.setAccessibleDescription(self.tr("Back to all questions"))
        for size, button in self.text_size_buttons.items():
            button.setAccessibleName(self._text_size_name(size))
            button.setAccessibleDescription(self.tr("Changes the size of the writing"))
        self.contrast_button.set_label(self.tr("Contrast"), self.tr("High contrast"))
        self.contrast_button.setAccessibleDescription(self.tr("White writing on black, or back"))
        self._label_listen_button()
        self.controls.setAccessibleName(self.tr("Controls"))
        if self.topic is not None:
            self._name_answer(self.topic)
        if self._metrics is None:
            self.controls.relayout()
        # The controls are laid out again for their new widths; the language
        # control keeps its form, so the button just tapped stays in place.
        self._arrange(keep_language_control=True)

    def _text_size_name(self, size: TextSize) -> str:
        # The visible label first (WCAG 2.5.3), so "press A plus" works.
        if size is TextSize.LARGEST:
            return self.tr("A++, largest text")
        if size is TextSize.LARGER:
            return self.tr("A+, larger text")
        return self.tr("A, normal text")

    def _name_answer(self, topic: Topic) -> None:
        self.view.setAccessibleName(self.tr("Answer: %1").replace("%1", topic.question))

    def _text_size_button(self, size: TextSize) -> TouchButton:
        button = TouchButton(size.label)
        button.setObjectName(f"textSize{size.name.title()}")  # named in retranslate
        button.make_choice(exclusive=True)
        button.chosen.connect(lambda s=size: self._request(self.text_size_requested, s))
        return button

    def _language_choice(self) -> LanguageChoice:
        # Its buttons ask the window directly (language_chosen, chooser_requested).
        return LanguageChoice("answer", self)

    def _place_controls(self) -> None:
        self.controls.set_items(
            [
                self.home_button,
                *self.text_size_buttons.values(),
                self.contrast_button,
                self.listen_button,
                *self.languages.widgets(),
            ]
        )

    def set_footer(self, text: str | None, language: str | None = None) -> None:
        """The clinic's footer line, written in ``language``."""
        if (text or "", language) == (self.footer.text(), self._footer_language):
            return
        width = self.footer.width()
        before = (bool(self.footer.text()), self.footer.heightForWidth(width))
        self._footer_language = language
        self.footer.set_language(language)
        self.footer.setText(text or "")
        if (bool(text), self.footer.heightForWidth(width)) != before or self._metrics is None:
            self._arrange()
        else:  # as tall as before: the same arrangement, with the new words
            in_answer = self.arrangement.footer_in_answer
            self.view.set_footer(text if in_answer else None, language)

    def set_languages(self, languages: tuple[str, ...], current: str) -> None:
        """The pack's languages and the visit's: the language control shows
        for two or more, and an answer not in the visit's language says so."""
        self.language = current
        if self.languages.set_languages(languages, current):
            self._place_controls()
            self._arrange()

    def _note(self, topic: Topic) -> tuple[str, str] | None:
        """(text, language) of the note for an answer not in the visit's
        language: that it is only in the one it is written in."""
        if topic.language == self.language:
            return None
        source = "This answer is only in %1."
        translated = self.tr("This answer is only in %1.")
        # The sentence and the language's name in it in the same language:
        # that of the kiosk's words where the sentence is translated.
        language = words_language() if translated != source else "en"
        return translated.replace("%1", language_name_in(topic.language, language)), language

    def show_topic(self, topic: Topic) -> None:
        self.topic = topic
        self._rewrite_note.stop()  # written below, in the words in use
        self._name_answer(topic)
        self.view.setLocale(QLocale(topic.language))
        self.view.set_note(self._note(topic))
        self.view.clear_spoken_word()
        if self._metrics is not None:
            # An answer in another script may need more room in view (taller
            # lines): the screen is arranged again only then.
            if self._first_view_height(self._metrics) != self._arranged_for:
                self._arrange(keep_language_control=True)
            self.view.show_topic(topic, self._palette, self._metrics)
        # Keys go to the answer first, so a second Space scrolls the text
        # instead of pressing Home.
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_choices(self, text_size: TextSize, high_contrast: bool) -> None:
        """Marks the visit's current text size and contrast as chosen."""
        self._text_size, self._high_contrast = text_size, high_contrast
        self.text_size_buttons[text_size].show_checked(True)
        self.contrast_button.show_checked(high_contrast)

    def _request(self, signal: SignalInstance, value: object) -> None:
        """Asks the window for ``value``, then shows what the window decided:
        a tap, a key or a screen reader's toggle must never leave a control
        showing a state the visit is not in."""
        signal.emit(value)
        self.show_choices(self._text_size, self._high_contrast)
        self.listen_button.show_checked(bool(self._speaking))

    def set_listen_available(self, available: bool) -> None:
        if self.listen_button.isHidden() != available:
            return  # as it is: no new arrangement
        self.listen_button.setVisible(available)
        self.controls.relayout()
        self._arrange()

    def set_speaking(self, speaking: bool) -> None:
        # Every screen change says "not speaking": only a change of state
        # relabels and restyles the button.
        if speaking == self._speaking:
            return
        self._speaking = speaking
        button = self.listen_button
        button.show_checked(speaking)
        self._label_listen_button()
        button.set_icon_file(str(resource("icons", "stop.svg" if speaking else "listen.svg")))
        if self._metrics is not None:
            self._style_listen_button(self._metrics)
        if not speaking:
            self.view.clear_spoken_word()

    def _label_listen_button(self) -> None:
        button = self.listen_button
        if self._speaking:
            button.set_label(self.tr("Stop"), self.tr("Stop reading aloud"))
            button.setAccessibleDescription(self.tr("Stops the voice"))
        else:
            button.set_label(self.tr("Listen"))
            button.setAccessibleDescription(self.tr("Reads the question and answer aloud"))

    def spoken_text(self) -> str:
        """What Listen reads: the question and the answer, as on screen."""
        return self.view.spoken_text()

    def apply_theme(self, palette: theme.Palette, metrics: theme.Metrics) -> None:
        self._palette = palette
        self._metrics = metrics
        self.home_button.set_style(theme.primary_style(palette, metrics))
        # The three A's grow like the text they choose.
        for size, button in self.text_size_buttons.items():
            button.set_style(theme.toggle_style(palette, metrics, size=0.75 + size.value / 4))
        self.contrast_button.set_style(theme.toggle_style(palette, metrics))
        self._style_listen_button(metrics)
        self.languages.apply_theme(palette, metrics)
        self.footer.set_style(theme.font(metrics.footer_px), palette.muted_text)
        self._arrange(restyled=True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self, *, restyled: bool = False, keep_language_control: bool = False) -> None:
        """Places footer and controls so that the answer shows enough of itself,
        and shows the answer again if its text or its footer changed. With
        ``keep_language_control`` (new words, as on a language tap) the
        language buttons, or the one Language button, stay as they are."""
        metrics = self._metrics
        if metrics is None:
            return
        footer = self.footer.text() or None
        kept = self.arrangement.languages_in_chooser if keep_language_control else None
        self._arranged_for = needed = self._first_view_height(metrics)
        arrangement = choose_arrangement(
            lambda candidate: self._answer_height(
                candidate, metrics, footer, language_row_allowed=kept is not None
            ),
            needed,
            languages_in_chooser=kept,
        )
        moved_footer = arrangement.footer_in_answer != self.arrangement.footer_in_answer
        self.arrangement = arrangement
        self.languages.set_collapsed(arrangement.languages_in_chooser)
        outer, spacing = self._spacing(arrangement, metrics)
        self._layout.setContentsMargins(*outer)
        self._layout.setSpacing(spacing)
        self._column.setSpacing(spacing)
        self.controls.set_spacing(spacing)
        beside = arrangement.controls_beside
        self._layout.setDirection(
            QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        )
        self.controls.set_one_per_line(beside)
        self._layout.setAlignment(
            self.controls, Qt.AlignmentFlag.AlignBottom if beside else Qt.AlignmentFlag(0)
        )
        self.footer.setVisible(footer is not None and not arrangement.footer_in_answer)
        self.view.set_footer(
            footer if arrangement.footer_in_answer else None, self._footer_language
        )
        self.controls.relayout()
        # Placed now, not at the next event: what is on screen matches the
        # arrangement before anything is drawn or measured.
        self._layout.activate()
        if self.topic is not None and (restyled or moved_footer):
            self.view.show_topic(self.topic, self._palette, metrics, keep_position=True)

    def _first_view_height(self, metrics: theme.Metrics) -> float:
        """What the open answer needs in view, its question and first lines
        measured as its script sets them."""
        topic = self.topic
        if topic is None:
            return first_view_height(metrics)
        first = topic.answer[0] if topic.answer else None
        sample = first.items[0] if isinstance(first, BulletList) else first.text if first else ""
        if arabic_script(topic.language):  # set at a fixed distance
            return first_view_height(
                metrics,
                heading_line_px=metrics.heading_px * line_height_em(topic.language, heading=True),
                body_line_px=metrics.body_px * line_height_em(topic.language),
            )
        return first_view_height(
            metrics,
            heading_line_px=_line_height(topic.question, theme.font(metrics.heading_px, bold=True)),
            body_line_px=_line_height(sample, theme.font(metrics.body_px)),
        )

    def _spacing(
        self, arrangement: Arrangement, metrics: theme.Metrics
    ) -> tuple[tuple[int, int, int, int], int]:
        """(left, top, right, bottom) margins and the spacing between parts."""
        if arrangement.tight:
            gap = metrics.target_gap
            return (gap, gap, gap, gap), gap
        margin = metrics.margin
        # The narrow side by the scroll bar: on the left, right to left.
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            return (margin // 2, margin, margin, margin // 2), metrics.gap
        return (margin, margin, margin // 2, margin // 2), metrics.gap

    def _answer_height(
        self,
        arrangement: Arrangement,
        metrics: theme.Metrics,
        footer: str | None,
        *,
        language_row_allowed: bool = False,
    ) -> float | None:
        """The answer's height in ``arrangement`` at the screen's size now; None
        if the controls cannot stand beside it here."""
        (left, top, right, bottom), spacing = self._spacing(arrangement, metrics)
        height = self.height() - top - bottom
        controls = self.controls
        self.languages.set_collapsed(arrangement.languages_in_chooser)
        if arrangement.controls_beside:
            column = controls.widest_item()
            landscape = self.width() >= self.height()
            fits = controls.height_for(column, spacing=spacing, one_per_line=True) <= height
            return height if landscape and fits else None
        width = self.width() - left - right
        controls_height = controls.height_for(width, spacing=spacing, one_per_line=False)
        if (
            not arrangement.languages_in_chooser
            and self.languages.buttons
            and not language_row_allowed
        ):
            # The language buttons may fill a row the other controls leave
            # part free, not add one: that costs every answer its room.
            rows = controls.rows_for(width, spacing=spacing)
            self.languages.set_collapsed(True)
            collapsed = controls.rows_for(width, spacing=spacing)
            self.languages.set_collapsed(False)
            if rows > collapsed:
                return None
        height -= controls_height + spacing
        if footer is not None and not arrangement.footer_in_answer:
            height -= self.footer.heightForWidth(width) + spacing
        return height

    def _style_listen_button(self, metrics: theme.Metrics) -> None:
        self.listen_button.set_style(theme.toggle_style(self._palette, metrics))

    def reset(self) -> None:
        self.view.verticalScrollBar().setValue(0)


def _line_height(text: str, font: QFont) -> float:
    """The height of a line of ``text`` (its first 80 characters) in ``font``,
    as Qt sets it: taller than the font's own where a fallback font draws
    some of it."""
    layout = QTextLayout(text[:80], font)
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    return line.height() if line.isValid() else 0.0


def _block_format(
    font_px: int,
    bottom: float,
    *,
    heading: bool = False,
    language: str | None = None,
) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    line_height = font_px * line_height_em(language, heading=heading)
    if arabic_script(language):
        fmt.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    else:
        # Lines at least this far apart (taller if a fallback font for an
        # emoji needs it), as WCAG and CSS measure line height.
        fmt.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.MinimumHeight.value)
    fmt.setBottomMargin(bottom)
    # The paragraph goes the way its language is written, whatever letter it
    # starts with (Qt would guess from the first: an Arabic paragraph that
    # starts with "TMS" would come out left to right), and starts where that
    # direction starts lines: at the right, for Arabic.
    fmt.setLayoutDirection(direction(language))
    fmt.setAlignment(Qt.AlignmentFlag.AlignLeading)
    return fmt


def _char_format(font: QFont, colour: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFont(font)
    fmt.setForeground(QColor(colour))
    return fmt


def _bullet_format(
    font_px: int, bottom: float, language: str, bullet_width: float
) -> QTextBlockFormat:
    """A bullet's paragraph, indented: the mark hangs before the text, which
    wraps under itself. Right to left, the mark starts the line at the right
    and the text wraps under the mark: Qt counts a hanging mark there as
    width beyond the line, and the answer would scroll sideways."""
    fmt = _block_format(font_px, bottom, language=language)
    indent = font_px * BULLET_INDENT_EM
    if direction(language) == Qt.LayoutDirection.RightToLeft:
        fmt.setRightMargin(indent - bullet_width)
    else:
        fmt.setLeftMargin(indent)
        fmt.setTextIndent(-bullet_width)
    return fmt


def _write_answer(
    document: QTextDocument,
    topic: Topic,
    palette: theme.Palette,
    metrics: theme.Metrics,
    *,
    source_line: str = "Source: %1",
    footer: tuple[str, str | None] | None = None,
    note: tuple[str, str] | None = None,
    hyphenate_words: Callable[[str, str | None], str] = lambda text, _language: text,
) -> tuple[int, int, list[int], tuple[int, int]]:
    """Writes the question, ``note``, answer, source (as ``source_line``
    words it, %1 the source) and ``footer`` into the empty ``document``, each
    text through ``hyphenate_words`` in its language (the topic's; the note's
    and the footer's their own).

    Returns the column width for ``metrics.measure_chars`` characters, the
    position where the answer ends (what Listen reads stops there), the
    positions of the bullet marks and where the note starts and ends.
    """
    body_font = theme.font(metrics.body_px)
    document.setDefaultFont(body_font)
    font_metrics = QFontMetricsF(body_font)
    per_char = font_metrics.horizontalAdvance(SAMPLE_PROSE) / len(SAMPLE_PROSE)
    measure = round(per_char * metrics.measure_chars)
    language = topic.language

    heading = _char_format(theme.font(metrics.heading_px, bold=True), palette.text)
    body = _char_format(body_font, palette.text)
    small = _char_format(theme.font(metrics.small_px), palette.muted_text)

    body_px = metrics.body_px
    paragraph_gap = body_px * PARAGRAPH_GAP_EM
    cursor = QTextCursor(document)
    cursor.setBlockFormat(
        _block_format(metrics.heading_px, body_px * HEADING_GAP_EM, heading=True, language=language)
    )
    cursor.insertText(hyphenate_words(topic.question, language), heading)
    silent = (0, 0)
    if note is not None:
        text, note_language = note
        fmt = _block_format(metrics.small_px, body_px * HEADING_GAP_EM, language=note_language)
        cursor.insertBlock(fmt, small)
        start = cursor.position()
        cursor.insertText(hyphenate_words(text, note_language), small)
        silent = (start, cursor.position())
    bullets: list[int] = []
    bullet_width = font_metrics.horizontalAdvance(BULLET)
    for block in topic.answer:
        if isinstance(block, BulletList):
            for index, item in enumerate(block.items):
                last = index == len(block.items) - 1
                gap = paragraph_gap if last else body_px * 0.4
                fmt = _bullet_format(body_px, gap, language, bullet_width)
                cursor.insertBlock(fmt, body)
                bullets.append(cursor.position())
                cursor.insertText(BULLET + hyphenate_words(item, language), body)
        else:
            cursor.insertBlock(_block_format(body_px, paragraph_gap, language=language), body)
            cursor.insertText(hyphenate_words(block.text, language), body)
    spoken_end = cursor.position()
    if topic.source:
        gap = paragraph_gap if footer else 0
        cursor.insertBlock(_block_format(metrics.small_px, gap, language=language), small)
        cursor.insertText(hyphenate_words(source_line.replace("%1", topic.source), language), small)
    if footer:
        text, footer_language = footer
        footer_format = QTextCharFormat(small)
        footer_format.setFont(theme.font(metrics.footer_px))
        cursor.insertBlock(
            _block_format(metrics.footer_px, 0, language=footer_language), footer_format
        )
        cursor.insertText(hyphenate_words(text, footer_language), footer_format)
    return measure, spoken_end, bullets, silent


def _index_with_soft_hyphens(written: str, index: int) -> int:
    """The index into ``written`` of the character at ``index`` once its soft hyphens are gone."""
    seen = 0
    for position, char in enumerate(written):
        if seen == index:
            return position
        seen += char != SOFT_HYPHEN
    return len(written)
