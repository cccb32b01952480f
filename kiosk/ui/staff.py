"""Staff screens: the hidden corner gesture, the PIN pad, the menu and Status.

No text field anywhere: a QLineEdit would bring up the system's on-screen
keyboard, a way out of the kiosk. The PIN is typed on big on-screen keys.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent, QWindow
from PySide6.QtWidgets import QGridLayout, QTextEdit, QVBoxLayout, QWidget

from kiosk.ui import theme
from kiosk.ui.widgets import TouchButton, WrappedText, enable_kinetic_scrolling

log = logging.getLogger(__name__)

MAX_PIN_DIGITS = 8


class CornerTaps(QObject):
    """Five taps in the window's top-left corner within three seconds.

    Staff learn it in one sentence; patients do not hit it by accident (the
    corner holds no control, and four taps followed by a pause count for
    nothing).
    """

    triggered = Signal()

    def __init__(
        self, window: QWindow | None, *, taps: int = 5, within_ms: int = 3000, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.taps = taps
        self.corner_px = 120
        self._count = 0
        self._expiry = QTimer(self, singleShot=True)
        self._expiry.setInterval(within_ms)
        self._expiry.timeout.connect(self.reset)

    @property
    def count(self) -> int:
        """Taps counted so far in the current run."""
        return self._count

    def reset(self) -> None:
        self._count = 0
        self._expiry.stop()

    def tap_at(self, position: QPointF) -> None:
        if position.x() > self.corner_px or position.y() > self.corner_px:
            self.reset()
            return
        if self._count == 0:
            self._expiry.start()
        self._count += 1
        if self._count >= self.taps:
            self.reset()
            self.triggered.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Presses are counted on the window (each reaches it once), before
        # Qt hands them to the widget underneath.
        if (
            event.type() == QEvent.Type.MouseButtonPress
            and watched is self.window
            and isinstance(event, QMouseEvent)
        ):
            self.tap_at(event.position())
        return False


class _CentredColumn(QWidget):
    """A screen whose content is a centred column, re-centred on every resize."""

    _layout: QVBoxLayout
    _metrics: theme.Metrics | None = None

    def _centre(self) -> None:
        metrics = self._metrics
        if metrics is None:
            return
        width = min(self.width(), round(metrics.tile_min_width * 2))
        side = max(metrics.margin, (self.width() - width) // 2)
        self._layout.setContentsMargins(side, metrics.margin, side, metrics.margin)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._centre()


class PinPad(_CentredColumn):
    """Big digit keys, dots for the digits typed, and a lock after five misses."""

    accepted = Signal()
    cancelled = Signal()

    def __init__(
        self,
        palette: theme.Palette,
        verify: Callable[[str], bool],
        *,
        max_failures: int = 5,
        lockout_ms: int = 60_000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._palette = palette
        self._verify = verify
        self.max_failures = max_failures
        self.failures = 0
        self._digits = ""
        self._lockout = QTimer(self, singleShot=True)
        self._lockout.setInterval(lockout_ms)
        self._lockout.timeout.connect(self._unlock)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # digits typed on a keyboard
        self.setAccessibleName("Staff PIN pad")

        self.title = WrappedText("Staff only: enter the PIN")
        self.dots = WrappedText()
        self.message = WrappedText()
        self.keys: dict[str, TouchButton] = {}
        grid = QGridLayout()
        labels = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "Clear", "0", "OK"]
        for index, label in enumerate(labels):
            key = TouchButton(label)
            key.setObjectName(f"pin-{label.lower()}")
            self.keys[label] = key
            grid.addWidget(key, *divmod(index, 3))
            if label.isdigit():
                key.clicked.connect(lambda _=False, d=label: self.press_digit(d))
        self.keys["Clear"].setAccessibleName("Clear the PIN")
        self.keys["OK"].setAccessibleName("OK, enter the PIN")
        self.keys["Clear"].clicked.connect(self.clear)
        self.keys["OK"].clicked.connect(self.submit)
        self.cancel = TouchButton("Cancel")
        self.cancel.setAccessibleName("Cancel: back to the information screen")
        self.cancel.clicked.connect(self.cancelled)
        self._grid = grid
        self._layout = QVBoxLayout(self)
        for widget in (self.title, self.dots, self.message):
            self._layout.addWidget(widget)
        self._layout.addLayout(grid)
        self._layout.addWidget(self.cancel)
        self._layout.addStretch(1)
        self._show_digits()

    @property
    def locked(self) -> bool:
        return self._lockout.isActive()

    def reset(self) -> None:
        """A fresh entry; a running lock stays."""
        self._digits = ""
        if not self.locked:
            self.message.setText("")
        self._show_digits()

    def press_digit(self, digit: str) -> None:
        if self.locked or len(self._digits) >= MAX_PIN_DIGITS:
            return
        self._digits += digit
        self._show_digits()

    def clear(self) -> None:
        self._digits = ""
        self._show_digits()

    def submit(self) -> None:
        if self.locked or not self._digits:
            return
        entered, self._digits = self._digits, ""
        self._show_digits()
        if self._verify(entered):
            log.info("staff PIN accepted")
            self.failures = 0
            self.message.setText("")
            self.accepted.emit()
            return
        self.failures += 1
        log.warning("staff PIN wrong (%d of %d)", self.failures, self.max_failures)
        if self.failures >= self.max_failures:
            seconds = round(self._lockout.interval() / 1000)
            log.warning("staff PIN pad locked for %d seconds", seconds)
            self._lockout.start()
            self._set_keys_enabled(False)
            self.message.setText(f"Too many wrong PINs. Try again in {seconds} seconds.")
        else:
            left = self.max_failures - self.failures
            self.message.setText(f"Wrong PIN. {left} {'try' if left == 1 else 'tries'} left.")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Staff with a keyboard may type the PIN; it never reaches a text field.
        key = event.key()
        if len(event.text()) == 1 and event.text() in "0123456789":
            self.press_digit(event.text())
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        elif key == Qt.Key.Key_Backspace:
            self.clear()
        elif key == Qt.Key.Key_Escape:
            self.cancelled.emit()
        else:
            super().keyPressEvent(event)

    def _unlock(self) -> None:
        self.failures = 0
        self._set_keys_enabled(True)
        self.message.setText("")

    def _set_keys_enabled(self, enabled: bool) -> None:
        for key in self.keys.values():
            key.setEnabled(enabled)

    def _show_digits(self) -> None:
        self.dots.setText(" ".join("●" * len(self._digits)) or "no digits yet")
        self.dots.setAccessibleName(f"{len(self._digits)} digits entered")

    def apply_theme(self, palette: theme.Palette, metrics: theme.Metrics) -> None:
        self._palette = palette
        self._metrics = metrics
        self._centre()
        self._layout.setSpacing(metrics.target_gap)
        self._grid.setSpacing(metrics.target_gap)
        self.title.set_style(theme.font(metrics.heading_px, bold=True), palette.text)
        self.dots.set_style(theme.font(metrics.heading_px, bold=True), palette.text)
        self.message.set_style(theme.font(metrics.body_px), palette.text)
        key_style = theme.primary_style(palette, metrics)
        for key in self.keys.values():
            key.set_style(key_style)
        self.cancel.set_style(dataclasses.replace(theme.tile_style(palette, metrics), centred=True))


class StaffMenu(_CentredColumn):
    exit_requested = Signal()
    reload_requested = Signal()
    status_requested = Signal()
    back = Signal()

    def __init__(self, palette: theme.Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._palette = palette
        self.title = WrappedText("Staff menu")
        self.note = WrappedText()
        self.exit_button = TouchButton("Exit kiosk")
        self.reload_button = TouchButton("Reload content now")
        self.status_button = TouchButton("Status")
        self.back_button = TouchButton("Back")
        self.back_button.setAccessibleName("Back to the information screen")
        self.exit_button.clicked.connect(self.exit_requested)
        self.reload_button.clicked.connect(self.reload_requested)
        self.status_button.clicked.connect(self.status_requested)
        self.back_button.clicked.connect(self.back)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.note)
        for button in (self.status_button, self.reload_button, self.exit_button, self.back_button):
            self._layout.addWidget(button)
        self._layout.addStretch(1)

    def apply_theme(self, palette: theme.Palette, metrics: theme.Metrics) -> None:
        self._palette = palette
        self._metrics = metrics
        self._centre()
        self._layout.setSpacing(metrics.gap)
        self.title.set_style(theme.font(metrics.heading_px, bold=True), palette.text)
        self.note.set_style(theme.font(metrics.body_px), palette.text)
        for button in (self.status_button, self.reload_button, self.exit_button):
            button.set_style(theme.primary_style(palette, metrics))
        self.back_button.set_style(
            dataclasses.replace(theme.tile_style(palette, metrics), centred=True)
        )


class StatusScreen(QWidget):
    """Plain-text status for staff, scrolled by dragging, with a Back button."""

    back = Signal()

    def __init__(self, palette: theme.Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._palette = palette
        self.title = WrappedText("Status")
        self.text = QTextEdit()
        self.text.setAccessibleName("Status")
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.text.setFrameShape(QTextEdit.Shape.NoFrame)
        self.text.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        enable_kinetic_scrolling(self.text)
        self.back_button = TouchButton("Back")
        self.back_button.setAccessibleName("Back to the staff menu")
        self.back_button.clicked.connect(self.back)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.text, 1)
        self._layout.addWidget(self.back_button)

    def show_lines(self, lines: list[str]) -> None:
        self.text.setPlainText("\n".join(lines))

    def apply_theme(self, palette: theme.Palette, metrics: theme.Metrics) -> None:
        self._palette = palette
        self._layout.setContentsMargins(
            metrics.margin, metrics.margin, metrics.margin, metrics.margin
        )
        self._layout.setSpacing(metrics.gap)
        self.title.set_style(theme.font(metrics.heading_px, bold=True), palette.text)
        self.text.setFont(theme.font(metrics.small_px))
        self.back_button.set_style(theme.primary_style(palette, metrics))
