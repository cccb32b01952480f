"""Is there a display to show the kiosk on? Asked before Qt is loaded (no Qt here).

Qt aborts the whole process when it cannot open its display, so the kiosk
asks first, and says so in one sentence instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path


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
