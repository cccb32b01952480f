"""Wires the pieces together: settings + content -> application + window."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk import __version__
from kiosk.content import Pack
from kiosk.settings import Settings
from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)


def display_available(
    env: Mapping[str, str] = os.environ, x11_sockets: Path = Path("/tmp/.X11-unix")
) -> bool:
    """Whether Qt can open a window here, checked before Qt tries (and aborts).

    Only X11 and Wayland need a display server; other platforms (Windows,
    macOS, or an explicit QT_QPA_PLATFORM such as eglfs on a bare kiosk) are
    left to Qt. A display that is named but whose server is not running (a
    service started before the desktop) counts as none.
    """
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    if env.get("QT_QPA_PLATFORM"):
        return True
    wayland = env.get("WAYLAND_DISPLAY")
    if wayland:
        socket = Path(wayland) if Path(wayland).is_absolute() else None
        if socket is None and env.get("XDG_RUNTIME_DIR"):
            socket = Path(env["XDG_RUNTIME_DIR"]) / wayland
        if socket is not None and socket.exists():
            return True
    display = env.get("DISPLAY")
    if display:
        host, _, screen = display.rpartition(":")
        if host not in ("", "unix"):
            return True  # a remote display: only Qt can find out
        number = screen.partition(".")[0]
        if number.isdigit() and (x11_sockets / f"X{number}").exists():
            return True
    return False


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once with the kiosk's settings."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setApplicationName("kiosk")
    QApplication.setApplicationVersion(__version__)
    app = QApplication(argv or [sys.argv[0]])
    app.setStyle("Fusion")  # the same look on every platform
    return app


def build_window(app: QApplication, pack: Pack, settings: Settings) -> KioskWindow:
    return KioskWindow(
        pack,
        idle_timeout_ms=settings.idle_timeout_ms,
        idle_warning_ms=settings.idle_warning_ms,
        locked=not settings.windowed,
        app=app,
    )


def run(pack: Pack, settings: Settings) -> int:
    """Show the kiosk until staff exit; returns the exit code."""
    app = application()
    window = build_window(app, pack, settings)
    if settings.windowed:
        window.resize(1280, 800)
        window.show()
    else:
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        # Cover the screen even where no window manager honours "fullscreen"
        # (a bare X server started by xinit, common on kiosks).
        window.setGeometry(app.primaryScreen().geometry())
        window.showFullScreen()
    log.info("kiosk %s showing %d topics from %s", __version__, len(pack.topics), pack.folder)
    return app.exec()
