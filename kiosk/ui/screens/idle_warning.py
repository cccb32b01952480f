"""The idle warning: "Are you still reading?" over the whole screen."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAccessible, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from kiosk.ui.style import theme
from kiosk.ui.widgets.accessible import set_role
from kiosk.ui.widgets.button import TouchButton
from kiosk.ui.widgets.text import WrappedText


class IdleOverlay(QWidget):
    """ "Are you still reading?" over the whole screen, with one huge button.

    For screen readers it is an alert named by its question and described by
    its countdown; while it shows, keyboard focus is on **Keep reading**
    (Orca presents an alert when focus moves into it), and it goes back
    where it was when the warning ends.
    """

    keep_reading = Signal()

    def __init__(self, palette: theme.Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._palette = palette
        self._metrics: theme.Metrics | None = None
        self._return_focus: QWidget | None = None
        self._return_ring = False
        self._seconds = 0
        set_role(self, QAccessible.Role.AlertMessage)
        self.card = QWidget(self)
        self.card.setObjectName("idleCard")
        self.card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.question = WrappedText()
        self.message = WrappedText()
        self.button = TouchButton("")
        self.button.setObjectName("keepReading")
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
        self.retranslate()
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The warning's words in the language in use."""
        question = self.tr("Are you still reading?")
        self.setAccessibleName(question)
        self.card.setAccessibleName(question)
        self.question.setText(question)
        self.button.set_label(self.tr("Keep reading"))
        self.button.setAccessibleDescription(self.tr("Stay on this page"))
        self.set_seconds_left(self._seconds)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # A tap anywhere on the dimmed screen means "still here".
        event.accept()
        self.keep_reading.emit()

    def show_warning(self) -> None:
        """Shows the warning over the window, with focus on Keep reading: a
        focus ring only if the patient was using a keyboard."""
        focused = QApplication.focusWidget()
        self._return_focus = focused if focused is not self.button else None
        self._return_ring = _shows_focus_ring(focused)
        self.show()
        self.raise_()
        self.button.take_focus(ring=self._return_ring)

    def dismiss(self) -> None:
        """Hides the warning and gives focus back where it was."""
        if not self.isVisible():
            return
        widget, self._return_focus = self._return_focus, None
        # Focus first, then hide: hiding the focused button would send focus
        # to some other control, and a screen reader would say that one too.
        if widget is not None and shiboken6.isValid(widget) and widget.isVisible():
            reason = Qt.FocusReason.OtherFocusReason
            if self._return_ring:
                reason = Qt.FocusReason.TabFocusReason
            widget.setFocus(reason)
        self.hide()

    def set_seconds_left(self, seconds: int) -> None:
        self._seconds = seconds
        source = "If not, this screen goes back to the start in %n seconds."
        text = self.tr("If not, this screen goes back to the start in %n seconds.", "", seconds)
        if text == source.replace("%n", str(seconds)) and seconds == 1:
            # Untranslated, that is English, which Qt has no plural rules for.
            text = "If not, this screen goes back to the start in 1 second."
        self.message.setText(text)
        self.setAccessibleDescription(self.message.text())
        self._fit_card()

    def announcement(self) -> str:
        """The warning as one sentence pair, for screen readers and the voice."""
        tap = self.tr("Tap the screen to keep reading.")
        return f"{self.question.text()} {self.message.text()} {tap}"

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


def _shows_focus_ring(widget: QWidget | None) -> bool:
    """Whether ``widget`` shows keyboard focus (a keyboard user put it there)."""
    shows = getattr(widget, "shows_focus_ring", None)
    return bool(shows()) if callable(shows) else False
