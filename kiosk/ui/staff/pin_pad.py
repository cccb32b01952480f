"""The staff PIN pad: big on-screen keys, dots for the digits, a lock after misses.

No text field anywhere: a QLineEdit would bring up the system's on-screen
keyboard, a way out of the kiosk. The PIN is typed on big on-screen keys.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.ui.staff.centred_column import CentredColumn
from kiosk.ui.staff.pin_check import PinCheck
from kiosk.ui.style import theme
from kiosk.ui.widgets.button import TouchButton
from kiosk.ui.widgets.text import WrappedText

log = logging.getLogger(__name__)


MAX_PIN_DIGITS = 8


class PinPad(CentredColumn):
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
        self._check = PinCheck(verify, self)  # off the GUI thread: a hash takes ~0.5 s
        self._check.finished.connect(self._checked)
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

    @property
    def checking(self) -> bool:
        """A PIN is being checked; its answer has not come yet."""
        return self._check.running

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
        if self.locked or self.checking or not self._digits:
            return
        entered, self._digits = self._digits, ""
        self._show_digits()
        self._set_keys_enabled(False)  # until the answer comes; Cancel still works
        self.message.setText("Checking the PIN…")
        self._check.start(entered)

    def _checked(self, right: bool) -> None:
        self._set_keys_enabled(True)
        if right:
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

    def hideEvent(self, event: QHideEvent) -> None:
        # Left while a PIN was being checked (Cancel, idle, staff gone): its
        # answer must not open the staff menu over the patients' screens later.
        if self._check.running:
            self._check.forget()
            self._set_keys_enabled(True)
            self.message.setText("")
        super().hideEvent(event)

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
