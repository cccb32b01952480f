"""The hidden way in for staff: five taps in the top-left corner."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QWindow


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
