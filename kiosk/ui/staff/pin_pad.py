"""The staff PIN pad: big on-screen keys, dots for the digits, a lock after misses.

No text field anywhere: a QLineEdit would bring up the system's on-screen
keyboard, a way out of the kiosk. The PIN is typed on big on-screen keys (or
a keyboard). For screen readers the dots are a password field, which they do
not echo, and every message about the PIN is an alert that the field also
carries as its description, so it is spoken where the focus is.
"""

from __future__ import annotations

import dataclasses
import logging
import math
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QHideEvent, QKeyEvent
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.ui.staff.centred_column import CentredColumn
from kiosk.ui.staff.pin_check import PinCheck
from kiosk.ui.style import theme
from kiosk.ui.widgets.accessible import set_password_field, set_role
from kiosk.ui.widgets.button import TouchButton
from kiosk.ui.widgets.text import WrappedText

log = logging.getLogger(__name__)


MAX_PIN_DIGITS = 8
COUNTDOWN_TICK_MS = 200  # the lockout message counts down in whole seconds


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"


class PinField(WrappedText):
    """The digits typed so far, shown as dots; a password field for screen
    readers, named by how many digits it holds, never which."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self._digits = 0
        super().__init__(parent=parent)
        set_password_field(self)
        # Keys typed on a keyboard arrive here and go on to the pad.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.show_count(0)

    def show_count(self, digits: int) -> None:
        self._digits = digits
        self.setText(" ".join("●" * digits) or "no digits yet")

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt's name)
        # WrappedText names itself after its text: here that would be the
        # dots, and a screen reader would say "black circle" before the count.
        count = _count(self._digits, "digit") + " entered" if self._digits else "no digits yet"
        if self.accessibleName() != f"Staff PIN, {count}":
            super().setAccessibleName(f"Staff PIN, {count}")


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
        # Precise: a coarse timer may be 5% off, a second too many on the screen.
        self._lockout = QTimer(self, singleShot=True, timerType=Qt.TimerType.PreciseTimer)
        self._lockout.setInterval(lockout_ms)
        self._lockout.timeout.connect(self._unlock)
        self._tick = QTimer(self, interval=min(COUNTDOWN_TICK_MS, max(1, lockout_ms)))
        self._tick.timeout.connect(self._show_lockout)
        self._key_styles: tuple[theme.ButtonStyle, theme.ButtonStyle] | None = None
        # Digits typed on a keyboard go to the PIN field (see PinField) and
        # on to the pad; the pad itself takes no focus, so that a screen
        # reader sees one focused thing.
        self.setAccessibleName("Staff PIN pad")

        self.title = WrappedText("Staff only: enter the PIN")
        set_role(self.title, QAccessible.Role.Heading)
        self.dots = PinField()
        self.message = WrappedText()
        set_role(self.message, QAccessible.Role.AlertMessage)
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
            self._say("")
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
            self._say("")
            self.accepted.emit()
            return
        self.failures += 1
        log.warning("staff PIN wrong (%d of %d)", self.failures, self.max_failures)
        if self.failures >= self.max_failures:
            seconds = round(self._lockout.interval() / 1000)
            log.warning("staff PIN pad locked for %d seconds", seconds)
            self._lockout.start()
            self._tick.start()
            self._set_keys_enabled(False)
            # The field says it once; the message on screen counts down.
            self._say(
                f"Too many wrong PINs. The keys are off for {_count(seconds, 'second')}.",
                on_screen=self._lockout_text(),
            )
        else:
            left = self.max_failures - self.failures
            self._say(f"Wrong PIN. {left} {'try' if left == 1 else 'tries'} left.")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Staff with a keyboard may type the PIN; it never reaches a text field.
        key = event.key()
        if len(event.text()) == 1 and event.text() in "0123456789":
            # Typing goes on in the PIN field, even if it began on an
            # on-screen key: Enter then enters the PIN, and a screen reader,
            # in a password field, echoes no further digit.
            self.dots.setFocus(Qt.FocusReason.OtherFocusReason)
            self.press_digit(event.text())
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        elif key == Qt.Key.Key_Backspace:
            self.clear()
        elif key == Qt.Key.Key_Escape:
            self.cancelled.emit()
        else:
            super().keyPressEvent(event)

    def _say(self, message: str, *, on_screen: str | None = None) -> None:
        """Shows ``message`` (or ``on_screen``) and gives it to the PIN field as
        its description, with focus there: a screen reader speaks it at once
        (Orca speaks a focused field's description, and a change to it)."""
        self.message.setText(message if on_screen is None else on_screen)
        self.dots.setAccessibleDescription(message)
        if message and self.isVisible():
            self.dots.setFocus(Qt.FocusReason.OtherFocusReason)

    def _lockout_text(self) -> str:
        remaining = min(self._lockout.interval(), max(0, self._lockout.remainingTime()))
        seconds = math.ceil(remaining / 1000)
        return f"Too many wrong PINs. Try again in {_count(seconds, 'second')}."

    def _show_lockout(self) -> None:
        if self.locked:
            self.message.setText(self._lockout_text())

    def hideEvent(self, event: QHideEvent) -> None:
        # Left while a PIN was being checked (Cancel, idle, staff gone): its
        # answer must not open the staff menu over the patients' screens later.
        if self._check.running:
            self._check.forget()
            self._set_keys_enabled(True)
            self.message.setText("")
        super().hideEvent(event)

    def _unlock(self) -> None:
        self._tick.stop()
        self.failures = 0
        self._set_keys_enabled(True)
        self._say("")

    def _set_keys_enabled(self, enabled: bool) -> None:
        for key in self.keys.values():
            key.setEnabled(enabled)
        self._style_keys()

    def _style_keys(self) -> None:
        # Locked keys are drawn as outlines in the muted text colour: plainly
        # off, yet their labels still readable (7:1).
        if self._key_styles is None:
            return
        style = self._key_styles[0] if not self.locked else self._key_styles[1]
        for key in self.keys.values():
            key.set_style(style)

    def _show_digits(self) -> None:
        self.dots.show_count(len(self._digits))

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
        self._key_styles = (key_style, theme.disabled_style(key_style, palette))
        self._style_keys()
        self.cancel.set_style(dataclasses.replace(theme.tile_style(palette, metrics), centred=True))
