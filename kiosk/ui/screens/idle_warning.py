"""The idle warning: "Are you still reading?" over the whole screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.style import theme
from kiosk.ui.widgets.button import TouchButton
from kiosk.ui.widgets.text import WrappedText


class IdleOverlay(QWidget):
    """ "Are you still reading?" over the whole screen, with one huge button."""

    keep_reading = Signal()

    def __init__(self, palette: theme.Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._palette = palette
        self._metrics: theme.Metrics | None = None
        self.card = QWidget(self)
        self.card.setObjectName("idleCard")
        self.card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.question = WrappedText("Are you still reading?")
        self.message = WrappedText()
        self.button = TouchButton("Keep reading")
        self.button.setObjectName("keepReading")
        self.button.setAccessibleDescription("Stay on this page")
        # On release, wherever the finger ends: a shaky press that slides
        # off the button still means "I am here".
        self.button.released.connect(self.keep_reading)
        self._card_layout = QVBoxLayout(self.card)
        self._card_layout.addWidget(self.question)
        self._card_layout.addWidget(self.message)
        self._card_layout.addWidget(self.button)
        self._outer = QVBoxLayout(self)
        self._outer.addStretch(1)
        self._outer.addWidget(self.card, 0, Qt.AlignmentFlag.AlignHCenter)
        self._outer.addStretch(1)
        self.set_seconds_left(0)
        self.hide()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # A tap anywhere on the dimmed screen means "still here".
        event.accept()
        self.keep_reading.emit()

    def set_seconds_left(self, seconds: int) -> None:
        unit = "second" if seconds == 1 else "seconds"
        self.message.setText(f"If not, this screen goes back to the start in {seconds} {unit}.")
        self._fit_card()

    def announcement(self) -> str:
        """The warning as one sentence pair, for screen readers and the voice."""
        return f"{self.question.text()} {self.message.text()} Tap the screen to keep reading."

    def _fit_card(self) -> None:
        # The card is centred, so its layout gets no height-for-width pass
        # from the outer layout: size it for its width here.
        self.card.setFixedHeight(self._card_layout.totalHeightForWidth(self.card.width()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._metrics is not None:
            self.apply_theme(self._palette, self._metrics)

    def apply_theme(self, palette: theme.Palette, metrics: theme.Metrics) -> None:
        self._palette = palette
        self._metrics = metrics
        pad = metrics.margin
        self._card_layout.setContentsMargins(pad, pad, pad, pad)
        self._card_layout.setSpacing(metrics.gap)
        self._outer.setContentsMargins(
            metrics.margin, metrics.margin, metrics.margin, metrics.margin
        )
        self.question.set_style(theme.font(metrics.heading_px, bold=True), palette.card_text)
        self.message.set_style(theme.font(metrics.body_px), palette.card_text)
        self.button.set_style(theme.primary_style(palette, metrics, size=1.2))
        self.card.setFixedWidth(
            min(round(metrics.tile_min_width * 2.2), max(1, self.width() - 2 * metrics.margin))
        )
        self._fit_card()
