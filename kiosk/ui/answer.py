"""The answer screen: the question, the answer in large print, a Home button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextListFormat,
    QTextOption,
)
from PySide6.QtWidgets import QHBoxLayout, QTextEdit, QVBoxLayout, QWidget

from kiosk.content import BulletList, Topic
from kiosk.paths import resource
from kiosk.ui import theme
from kiosk.ui.widgets import TouchButton, WrappedText, enable_kinetic_scrolling

LINE_HEIGHT_PERCENT = 150


class AnswerView(QTextEdit):
    """Read-only, plain-text answer document that scrolls by dragging.

    The document is built block by block with ``QTextCursor.insertText``:
    answer text is never parsed as HTML, so it can hold no link or image.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
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
        self._measure = 10_000
        self.setDocument(self._new_document())

    def _new_document(self) -> QTextDocument:
        document = QTextDocument(self)
        # A read-only page needs no undo history; kept, it would grow with
        # every answer ever shown.
        document.setUndoRedoEnabled(False)
        document.setDocumentMargin(0)
        return document

    def show_topic(self, topic: Topic, palette: theme.Palette, metrics: theme.Metrics) -> None:
        # A fresh document per answer, the old one deleted: emptying one
        # document instead keeps every text format it ever held (each list
        # gets its own), and clear() leaves a frame behind per visit; either
        # way memory grows over weeks of use.
        previous = self.document()
        document = self._new_document()
        body_font = theme.font(metrics.body_px)
        document.setDefaultFont(body_font)
        self._measure = round(QFontMetricsF(body_font).averageCharWidth() * metrics.measure_chars)

        heading = QTextCharFormat()
        heading.setFont(theme.font(metrics.heading_px, bold=True))
        heading.setForeground(QColor(palette.text))
        body = QTextCharFormat()
        body.setFont(body_font)
        body.setForeground(QColor(palette.text))
        small = QTextCharFormat()
        small.setFont(theme.font(metrics.small_px))
        small.setForeground(QColor(palette.muted_text))

        def block_format(bottom: float, line_height: int = LINE_HEIGHT_PERCENT) -> QTextBlockFormat:
            fmt = QTextBlockFormat()
            fmt.setLineHeight(
                line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
            )
            fmt.setBottomMargin(bottom)
            return fmt

        paragraph_gap = metrics.body_px * 1.1
        cursor = QTextCursor(document)
        cursor.setBlockFormat(block_format(paragraph_gap, 125))
        cursor.insertText(topic.question, heading)
        for block in topic.answer:
            if isinstance(block, BulletList):
                list_format = QTextListFormat()
                list_format.setStyle(QTextListFormat.Style.ListDisc)
                list_format.setIndent(1)
                bullets = None
                for index, item in enumerate(block.items):
                    last = index == len(block.items) - 1
                    cursor.insertBlock(
                        block_format(paragraph_gap if last else metrics.body_px * 0.4), body
                    )
                    if bullets is None:
                        bullets = cursor.createList(list_format)
                    else:
                        bullets.add(cursor.block())
                    cursor.insertText(item, body)
            else:
                cursor.insertBlock(block_format(paragraph_gap), body)
                cursor.insertText(block.text, body)
        if topic.source:
            cursor.insertBlock(block_format(0, 130), small)
            cursor.insertText(f"Source: {topic.source}", small)
        document.setIndentWidth(metrics.body_px * 1.2)
        self.setDocument(document)
        if previous.parent() is self:
            previous.deleteLater()
        self._centre_column()
        self.verticalScrollBar().setValue(0)

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
    home_requested = Signal()

    def __init__(self, palette: theme.Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._palette = palette
        self._metrics: theme.Metrics | None = None
        self.topic: Topic | None = None
        self.view = AnswerView()
        self.home_button = TouchButton("Home")
        self.home_button.setObjectName("home")
        self.home_button.setAccessibleName("Home")
        self.home_button.setAccessibleDescription("Back to all questions")
        self.home_button.set_icon_file(str(resource("icons", "home.svg")))
        self.home_button.clicked.connect(self.home_requested)
        self.footer = WrappedText()

        # The Home button sits at the bottom, within reach from a wheelchair
        # and of either hand; the footer shares its bar so it is always seen.
        self._bar = QHBoxLayout()
        self._bar.addWidget(self.home_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._bar.addWidget(self.footer, 1, Qt.AlignmentFlag.AlignVCenter)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.view, 1)
        self._layout.addLayout(self._bar)

    def set_footer(self, text: str | None) -> None:
        self.footer.setText(text or "")

    def show_topic(self, topic: Topic) -> None:
        self.topic = topic
        if self._metrics is not None:
            self.view.show_topic(topic, self._palette, self._metrics)
        # Keys go to the answer first, so a second Space scrolls the text
        # instead of pressing Home.
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def apply_metrics(self, metrics: theme.Metrics) -> None:
        self._metrics = metrics
        palette = self._palette
        self._layout.setContentsMargins(
            metrics.margin, metrics.margin, metrics.margin // 2, metrics.margin // 2
        )
        self._layout.setSpacing(metrics.gap)
        self._bar.setSpacing(metrics.gap)
        self._bar.setContentsMargins(0, 0, metrics.margin // 2, 0)
        self.home_button.set_style(theme.primary_style(palette, metrics))
        width = max(metrics.min_target * 2, self.home_button.sizeHint().width())
        self.home_button.setFixedWidth(width)
        self.footer.set_style(theme.font(metrics.small_px), palette.muted_text)
        if self.topic is not None:
            self.view.show_topic(self.topic, palette, metrics)

    def reset(self) -> None:
        self.view.verticalScrollBar().setValue(0)
