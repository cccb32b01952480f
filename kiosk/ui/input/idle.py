"""Idle detection: the clock that warns a patient who stopped reading, then forgets the visit."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal

# Input that shows someone is there. Presses, not releases or moves: a
# finger resting on the glass can send a stream of moves.
ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
        QEvent.Type.TabletPress,
    }
)

# During the warning these belong to the warning itself: its overlay covers
# the screen and answers them (with a visible pressed state on its button).
POINTER_PRESSES = frozenset(
    {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.TabletPress}
)

COUNTDOWN_TICK_MS = 200


class IdleMonitor(QObject):
    """Watches the application's input and times the idle warning.

    After ``timeout_ms`` without input, emits ``warning_started`` (if the
    current screen wants a warning) and then, after ``warning_ms`` more,
    ``expired``. Any input resets the clock. During the warning, taps are
    left to the warning's overlay (which calls :meth:`activity`); other input
    (keys, the wheel) ends the warning and is swallowed, so it does nothing
    else.

    :attr:`last_active_at` (on the ``monotonic`` clock, in seconds) is when
    someone was last known to be there; the visit statistics end a visit
    there, not at the timeout.
    """

    warning_started = Signal()
    countdown = Signal(int)  # whole seconds left, while warning
    resumed = Signal()
    expired = Signal()

    def __init__(
        self,
        timeout_ms: int,
        warning_ms: int,
        parent: QObject | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.base_timeout_ms = timeout_ms
        self._monotonic = monotonic
        self._last_active_at: float | None = None
        self.warning_ms = warning_ms
        self._warn = True
        self._held = False
        self._idle = QTimer(self, singleShot=True, timerType=Qt.TimerType.CoarseTimer)
        self._idle.setInterval(timeout_ms)
        self._idle.timeout.connect(self._on_idle)
        # Precise: a coarse timer may be 5% off, which over a 20 s countdown
        # shows as a second too many.
        self._countdown = QTimer(self, singleShot=True, timerType=Qt.TimerType.PreciseTimer)
        self._countdown.setInterval(warning_ms)
        self._countdown.timeout.connect(self._on_expired)
        self._tick = QTimer(self, interval=min(COUNTDOWN_TICK_MS, max(1, warning_ms)))
        self._tick.timeout.connect(self._emit_countdown)

    @property
    def warning(self) -> bool:
        return self._countdown.isActive()

    @property
    def timeout_ms(self) -> int:
        return self._idle.interval()

    @property
    def last_active_at(self) -> float | None:
        """When the clock last started afresh because someone was there: their
        last input, a new screen, or read-aloud ending; on the ``monotonic``
        clock, which no change of the time of day moves. None before any.

        The return home after the idle time restarts it too: read it before.
        """
        return self._last_active_at

    def restart(self, *, minimum_ms: int = 0, warn: bool = True) -> None:
        """Start timing afresh for a new screen.

        ``minimum_ms`` lengthens the timeout (a long answer needs long
        reading); ``warn`` is False where expiry is silent (the home screen).
        """
        self._warn = warn
        self._last_active_at = self._monotonic()
        self._idle.setInterval(max(self.base_timeout_ms, minimum_ms))
        self._stop_warning()
        if not self.held:
            self._idle.start()

    @property
    def held(self) -> bool:
        return self._held

    def hold(self, held: bool) -> None:
        """Stops the clock while the kiosk reads aloud (nobody taps while
        they listen); released, it starts afresh, as after a tap."""
        if held == self._held:
            return
        self._held = held
        if held:
            was_warning = self.warning
            self._idle.stop()
            self._stop_warning()
            if was_warning:
                self.resumed.emit()
        else:
            self._last_active_at = self._monotonic()  # listening was being there
            self._idle.start()

    def stop(self) -> None:
        self._idle.stop()
        self._stop_warning()

    def activity(self) -> None:
        """Someone is there: postpone the timeout, close any warning."""
        self._last_active_at = self._monotonic()
        was_warning = self.warning
        self._stop_warning()
        if not self.held:
            self._idle.start()
        if was_warning:
            self.resumed.emit()

    def seconds_left(self) -> int:
        remaining = min(self.warning_ms, max(0, self._countdown.remainingTime()))
        return math.ceil(remaining / 1000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in ACTIVITY_EVENTS or not (self._idle.isActive() or self.warning):
            return False
        if not self.warning:
            self.activity()
            return False
        if kind in POINTER_PRESSES:
            return False
        self.activity()
        return True

    def _on_idle(self) -> None:
        if not self._warn:
            self._on_expired()
            return
        self._countdown.start()
        self._tick.start()
        self._emit_countdown()  # first, so the warning shows (and says) the right number
        self.warning_started.emit()

    def _emit_countdown(self) -> None:
        self.countdown.emit(self.seconds_left())

    def _stop_warning(self) -> None:
        self._countdown.stop()
        self._tick.stop()

    def _on_expired(self) -> None:
        self._stop_warning()
        self.expired.emit()
