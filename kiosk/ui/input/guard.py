"""Application-wide input rules for a public touchscreen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent

# Never shown on a kiosk: they need a hover or a long press, and they lead
# to things a patient cannot get out of.
BLOCKED_EVENTS = frozenset(
    {
        QEvent.Type.ContextMenu,
        QEvent.Type.ToolTip,
        QEvent.Type.WhatsThis,
        QEvent.Type.QueryWhatsThis,
        QEvent.Type.DragEnter,
        QEvent.Type.Drop,
    }
)

TAP_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
    }
)


# Keys that press the focused button, like a tap does.
ACTIVATION_KEYS = frozenset(
    {Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Select}
)


class InputGuard(QObject):
    """Swallows context menus and tooltips, and taps just after a screen change.

    A shaky hand often taps twice; after the first tap opens a screen, the
    second must not press whatever now lies under the finger. ``settle()``
    starts a short window in which taps, and keys that press buttons, are
    ignored.
    """

    def __init__(self, settle_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settling = QTimer(self, singleShot=True, timerType=Qt.TimerType.PreciseTimer)
        self._settling.setInterval(settle_ms)

    @property
    def settling(self) -> bool:
        return self._settling.isActive()

    def settle(self) -> None:
        if self._settling.interval() > 0:
            self._settling.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in BLOCKED_EVENTS:
            return True
        if not self._settling.isActive():
            return False
        if kind in TAP_EVENTS:
            return True
        return (
            kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)
            and isinstance(event, QKeyEvent)
            and Qt.Key(event.key()) in ACTIVATION_KEYS
        )
