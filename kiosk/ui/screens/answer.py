"""The answer screen: the question, the answer in large print, a Home button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QKeyEvent,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextOption,
)
from PySide6.QtWidgets import QTextEdit, QVBoxLayout, QWidget

from kiosk.content import BulletList, Topic
from kiosk.paths import resource
from kiosk.ui.style import theme
from kiosk.ui.style.text_size import TextSize
from kiosk.ui.widgets.accessible import name_scroll_area
from kiosk.ui.widgets.button import TouchButton
from kiosk.ui.widgets.flow_row import FlowRow
from kiosk.ui.widgets.scrolling import enable_kinetic_scrolling
from kiosk.ui.widgets.text import WrappedText

LINE_HEIGHT_PERCENT = 150  # WCAG 1.4.8: line spacing at least 1.5
# The space after a paragraph, in font sizes: WCAG 1.4.12's 2 x the font
# size. Paragraphs then start about 2.1 line spacings apart, above the 1.5
# that WCAG 1.4.8 asks for.
PARAGRAPH_GAP_EM = 2.0
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
        # A 100-letter word breaks where it must instead of running off-screen.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
        enable_kinetic_scrolling(self)
        name_scroll_area(self, "Answer")
        self._measure = 10_000
        self._spoken_end = 0
        self._bullets: list[int] = []  # document positions of the bullet marks
        self._spoken_word: tuple[int, int] | None = None
        self._palette = theme.Palette()
        self.setDocument(self._new_document())

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
        bar = self.verticalScrollBar()
        position = bar.value() / bar.maximum() if keep_position and bar.maximum() else 0.0
        caret = self.textCursor().position() if keep_position else 0
        if not keep_position and self.keyboard_caret():
            # A new answer, perhaps a new patient: no caret until a key.
            self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        if self.cursorWidth() != max(2, metrics.border // 2):
            self.setCursorWidth(max(2, metrics.border // 2))
        self._palette = palette
        # A fresh document per answer, the old one deleted: emptying one
        # document instead keeps every text format it ever held (each list
        # gets its own), and clear() leaves a frame behind per visit; either
        # way memory grows over weeks of use.
        previous = self.document()
        document = self._new_document()
        self._measure, self._spoken_end, self._bullets = _write_answer(
            document, topic, palette, metrics
        )
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

    def spoken_text(self) -> str:
        """The question and the answer (not the source), as plain text."""
        text = self.document().toPlainText()
        # Document positions count UTF-16 units; an emoji is two of them.
        spoken = list(text[: _index_at_utf16(text, self._spoken_end)])
        # A bullet mark is read as a pause, not as "bullet": a space keeps
        # every later word at its place for the word marks.
        for position in self._bullets:
            index = _index_at_utf16(text, position)
            if index < len(spoken):
                spoken[index] = " "
        return "".join(spoken)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Someone is using a keyboard here: from now on the keys move a caret
        # (the arrow keys by line), which is drawn. Selecting is by keyboard
        # only, never by a finger.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        super().keyPressEvent(event)

    def keyboard_caret(self) -> bool:
        """True once a key was pressed on this answer: the caret shows."""
        return bool(self.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard)

    def shows_focus_ring(self) -> bool:
        """True while it has focus and shows its caret to a keyboard user."""
        return self.hasFocus() and self.keyboard_caret()

    def show_spoken_word(self, start: int, length: int) -> None:
        """Marks the word at ``start`` (an index into :meth:`spoken_text`)
        being read aloud, and keeps it in view."""
        spoken = self.spoken_text()
        start, length = _utf16_length(spoken[:start]), _utf16_length(spoken[start : start + length])
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

    def line_width(self) -> float:
        """Width available to a line of answer text, in pixels."""
        fmt = self.document().rootFrame().frameFormat()
        return self.viewport().width() - fmt.leftMargin() - fmt.rightMargin()


class AnswerScreen(QWidget):
    """The answer, and the visit's controls: Home, text size, contrast, Listen.

    The controls sit at the bottom, within reach from a wheelchair and of
    either hand, and wrap onto a second line on a narrow panel. They only
    ask; the window decides (and resets them for the next patient).
    """

    home_requested = Signal()
    text_size_requested = Signal(object)  # a TextSize
    high_contrast_requested = Signal(bool)
    listen_requested = Signal(bool)  # True: start reading aloud, False: stop

    def __init__(self, palette: theme.Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setAccessibleName("Answer screen")
        self._palette = palette
        self._metrics: theme.Metrics | None = None
        self.topic: Topic | None = None
        # The visit's choices as the window last showed them.
        self._text_size = TextSize.NORMAL
        self._high_contrast = False
        self.view = AnswerView()
        self.footer = WrappedText()

        self.home_button = TouchButton("Home")
        self.home_button.setObjectName("home")
        self.home_button.setAccessibleName("Home")
        self.home_button.setAccessibleDescription("Back to all questions")
        self.home_button.set_icon_file(str(resource("icons", "home.svg")))
        self.home_button.clicked.connect(self.home_requested)

        self.text_size_buttons: dict[TextSize, TouchButton] = {}
        for size in TextSize:
            button = TouchButton(size.label)
            button.setObjectName(f"textSize{size.name.title()}")
            # The visible label first (WCAG 2.5.3), so "press A plus" works.
            button.setAccessibleName(f"{size.label}, {size.spoken_name.lower()} text")
            button.setAccessibleDescription("Changes the size of the writing")
            button.make_choice(exclusive=True)
            button.chosen.connect(lambda s=size: self._request(self.text_size_requested, s))
            self.text_size_buttons[size] = button

        self.contrast_button = TouchButton("Contrast")
        self.contrast_button.setObjectName("contrast")
        self.contrast_button.setAccessibleName("High contrast")
        self.contrast_button.setAccessibleDescription("White writing on black, or back")
        self.contrast_button.make_choice()
        self.contrast_button.set_icon_file(str(resource("icons", "contrast.svg")))
        self.contrast_button.chosen.connect(
            lambda: self._request(self.high_contrast_requested, not self._high_contrast)
        )

        self.listen_button = TouchButton("Listen")
        self.listen_button.setObjectName("listen")
        self.listen_button.make_choice()
        self.listen_button.chosen.connect(
            lambda: self._request(self.listen_requested, not self._speaking)
        )
        self._speaking: bool | None = None
        self.set_speaking(False)
        self.show_choices(self._text_size, self._high_contrast)
        self.listen_button.hide()  # until the window has a working voice

        self.controls = FlowRow()
        self.controls.setAccessibleName("Controls")
        self.controls.set_items(
            [
                self.home_button,
                *self.text_size_buttons.values(),
                self.contrast_button,
                self.listen_button,
            ]
        )
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.view, 1)
        self._layout.addWidget(self.footer)
        self._layout.addWidget(self.controls)

    def set_footer(self, text: str | None) -> None:
        self.footer.setText(text or "")
        self.footer.setVisible(bool(text))

    def show_topic(self, topic: Topic) -> None:
        self.topic = topic
        self.view.setAccessibleName(f"Answer: {topic.question}")
        self.view.clear_spoken_word()
        if self._metrics is not None:
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
        self.listen_button.setVisible(available)
        self.controls.relayout()

    def set_speaking(self, speaking: bool) -> None:
        # Every screen change says "not speaking": only a change of state
        # relabels and restyles the button.
        if speaking == self._speaking:
            return
        self._speaking = speaking
        button = self.listen_button
        button.show_checked(speaking)
        button.setText("Stop" if speaking else "Listen")
        button.setAccessibleName("Stop reading aloud" if speaking else "Listen")
        button.setAccessibleDescription(
            "Stops the voice" if speaking else "Reads the question and answer aloud"
        )
        button.set_icon_file(str(resource("icons", "stop.svg" if speaking else "listen.svg")))
        if self._metrics is not None:
            self._style_listen_button(self._metrics)
        if not speaking:
            self.view.clear_spoken_word()

    def spoken_text(self) -> str:
        """What Listen reads: the question and the answer, as on screen."""
        return self.view.spoken_text()

    def apply_theme(self, palette: theme.Palette, metrics: theme.Metrics) -> None:
        self._palette = palette
        self._metrics = metrics
        self._layout.setContentsMargins(
            metrics.margin, metrics.margin, metrics.margin // 2, metrics.margin // 2
        )
        self._layout.setSpacing(metrics.gap)
        self.controls.set_spacing(metrics.gap)
        self.home_button.set_style(theme.primary_style(palette, metrics))
        # The three A's grow like the text they choose.
        for size, button in self.text_size_buttons.items():
            button.set_style(theme.toggle_style(palette, metrics, size=0.75 + size.value / 4))
        self.contrast_button.set_style(theme.toggle_style(palette, metrics))
        self._style_listen_button(metrics)
        self.footer.set_style(theme.font(metrics.footer_px), palette.muted_text)
        if self.topic is not None:
            self.view.show_topic(self.topic, palette, metrics, keep_position=True)
        self.controls.relayout()

    def _style_listen_button(self, metrics: theme.Metrics) -> None:
        self.listen_button.set_style(theme.toggle_style(self._palette, metrics))

    def reset(self) -> None:
        self.view.verticalScrollBar().setValue(0)


def _block_format(bottom: float, line_height: int = LINE_HEIGHT_PERCENT) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    fmt.setBottomMargin(bottom)
    return fmt


def _write_answer(
    document: QTextDocument, topic: Topic, palette: theme.Palette, metrics: theme.Metrics
) -> tuple[int, int, list[int]]:
    """Writes the question, answer and source into the empty ``document``.

    Returns the column width for ``metrics.measure_chars`` characters, the
    position where the answer ends (what Listen reads stops there) and the
    positions of the bullet marks.
    """
    body_font = theme.font(metrics.body_px)
    document.setDefaultFont(body_font)
    font_metrics = QFontMetricsF(body_font)
    per_char = font_metrics.horizontalAdvance(SAMPLE_PROSE) / len(SAMPLE_PROSE)
    measure = round(per_char * metrics.measure_chars)

    heading = QTextCharFormat()
    heading.setFont(theme.font(metrics.heading_px, bold=True))
    heading.setForeground(QColor(palette.text))
    body = QTextCharFormat()
    body.setFont(body_font)
    body.setForeground(QColor(palette.text))
    small = QTextCharFormat()
    small.setFont(theme.font(metrics.small_px))
    small.setForeground(QColor(palette.muted_text))

    paragraph_gap = metrics.body_px * PARAGRAPH_GAP_EM
    bullets: list[int] = []
    cursor = QTextCursor(document)
    cursor.setBlockFormat(_block_format(paragraph_gap, 125))
    cursor.insertText(topic.question, heading)
    for block in topic.answer:
        if isinstance(block, BulletList):
            for index, item in enumerate(block.items):
                last = index == len(block.items) - 1
                fmt = _block_format(paragraph_gap if last else metrics.body_px * 0.4)
                # The mark hangs left of the text, which wraps under itself.
                fmt.setLeftMargin(metrics.body_px * BULLET_INDENT_EM)
                fmt.setTextIndent(-font_metrics.horizontalAdvance(BULLET))
                cursor.insertBlock(fmt, body)
                bullets.append(cursor.position())
                cursor.insertText(BULLET + item, body)
        else:
            cursor.insertBlock(_block_format(paragraph_gap), body)
            cursor.insertText(block.text, body)
    spoken_end = cursor.position()
    if topic.source:
        cursor.insertBlock(_block_format(0, 130), small)
        cursor.insertText(f"Source: {topic.source}", small)
    return measure, spoken_end, bullets


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _index_at_utf16(text: str, units: int) -> int:
    """The index into ``text`` of the character that starts at UTF-16 unit ``units``."""
    count = 0
    for index, char in enumerate(text):
        if count >= units:
            return index
        count += 2 if ord(char) > 0xFFFF else 1
    return len(text)
