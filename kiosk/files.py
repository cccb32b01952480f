"""Replacing a file in one step: a reader sees the old file or the new one. No Qt."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

# os.open's flags for a new file written as bytes (Windows opens text otherwise).
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def replace_file(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """``path`` now holds ``data``; raises ``OSError`` (a missing folder, no permission).

    The data goes to a hidden temporary file beside it, ``.NAME.tmp`` (the
    same file system, so that the rename is atomic; a name that no ``*.prom``
    or ``*.csv`` pattern matches), which is then renamed over ``path``. No
    temporary file is left behind, even after a failure. ``mode``: the
    file's permissions whatever the umask; None: the umask's, like any file
    the user writes.
    """
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        # One left by a process killed mid-write would lend the new file its mode.
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        fd = os.open(temporary, _NEW_FILE, 0o666 if mode is None else mode)
        try:
            if mode is not None and sys.platform != "win32":  # Windows has no such modes
                os.fchmod(fd, mode)  # past the umask
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
