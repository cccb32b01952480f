"""Writing a report's file in one step: a reader sees the old file or the new one."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def replace_file(path: Path, data: bytes) -> None:
    """``path`` now holds ``data``; raises ``OSError`` (a missing folder, no permission).

    The data goes to a temporary file beside it first (the same file system,
    so that the rename is atomic), opened with "x" (never an existing file)
    and so with the umask's permissions, like any file the user writes.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("xb") as file:
            file.write(data)
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
