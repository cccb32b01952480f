"""On an X11 desktop, the fullscreen kiosk stays above other windows and takes focus back.

Under cage (Wayland) only the kiosk is ever shown, so none of this is
needed there. On an X11 desktop (deploy/linux/x11-autostart) another
program, an update notifier, say, can open its window over the kiosk and
keep it there, and patients cannot close it. So there, in fullscreen:

- the window asks the window manager to keep it above others
  (``WindowStaysOnTopHint``: the EWMH ``_NET_WM_STATE_ABOVE`` state);
- whenever another program's window takes the focus, the kiosk raises
  itself and takes the focus back, after a short pause (so that it never
  fights a window manager that moves focus about in several steps).

It lets go for staff: while the staff menu or Status is shown (after the
PIN), the kiosk drops the "above" state and another window (a terminal,
say) may come in front; back on the patients' screens, the kiosk is above
again and takes the screen back. "Exit kiosk" ends it all.
``--windowed`` is an ordinary window and is never kept in front.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)

# Screens on which staff (who typed the PIN) may use other windows.
STAFF_AT_WORK = frozenset({"staff", "status", "usage"})


def keeps_itself_in_front(platform_name: str, windowed: bool) -> bool:
    """Only a fullscreen kiosk on X11 needs to."""
    return platform_name == "xcb" and not windowed


class KeepInFront(QObject):
    """Raises and re-activates the kiosk window when another program's window takes focus."""

    def __init__(
        self,
        app: QGuiApplication,
        window: KioskWindow,
        *,
        reclaim_ms: int = 300,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or window)
        self._app = app
        self._window = window
        self._reclaim = QTimer(self, singleShot=True, interval=reclaim_ms)
        self._reclaim.timeout.connect(self.reclaim)
        app.applicationStateChanged.connect(self._state_changed)
        window.screen_changed.connect(self._screen_changed)

    @staticmethod
    def stay_on_top(window: KioskWindow) -> None:
        """Before the window is shown: ask the window manager to keep it above others."""
        window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)

    def _screen_changed(self, screen: str) -> None:
        staff = screen in STAFF_AT_WORK
        handle = self._window.windowHandle()
        if handle is not None:
            # On the QWindow, the X11 state changes in place; on the widget,
            # a new flag would hide and re-create the window.
            handle.setFlag(Qt.WindowType.WindowStaysOnTopHint, not staff)
        if not staff and self._app.applicationState() != Qt.ApplicationState.ApplicationActive:
            self._reclaim.start()

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self._reclaim.stop()
        else:
            self._reclaim.start()

    def reclaim(self) -> None:
        window = self._window
        if not window.isVisible() or window.current_screen in STAFF_AT_WORK:
            return
        if self._app.applicationState() == Qt.ApplicationState.ApplicationActive:
            return
        log.info("another window took the screen; the kiosk takes it back")
        window.raise_()
        window.activateWindow()
