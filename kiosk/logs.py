"""Logging to a size-capped file and stderr, and a trace of even a hard crash."""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
from pathlib import Path
from typing import TextIO

LOG_NAME = "kiosk.log"
CRASH_NAME = "crash.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger(__name__)


def setup_logging(log_dir: Path | None) -> Path | None:
    """Log to ``log_dir/kiosk.log`` (rotated) and to stderr; return the log file.

    When the folder cannot be created or written, logging falls back to stderr
    alone, says so, and the kiosk carries on: a full disk must not take the
    information screen down with it.
    """
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    if sys.stderr is not None:  # None under pythonw.exe on Windows
        stderr = logging.StreamHandler(sys.stderr)
        stderr.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(stderr)
    if log_dir is None:
        return None
    log_file = log_dir / LOG_NAME
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        to_file = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as exc:
        log.warning("cannot write logs to %s (%s); logging to stderr only", log_dir, exc)
        return None
    to_file.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(to_file)
    return log_file


def _rotate_crash_log(path: Path) -> None:
    """Start a new crash.log when the old one is over MAX_BYTES, as kiosk.log does.

    faulthandler writes straight to a file descriptor, so a logging handler
    cannot rotate it while the kiosk runs; but each process writes at most
    one trace (a few KiB), and every restart after a crash passes here first.
    So a kiosk that crashes again and again keeps at most BACKUPS + 1 files
    of about MAX_BYTES each. The handler is used only for its rotation: the
    same names (crash.log.1, .2, ...) and the same rules as kiosk.log.
    """
    if path.stat().st_size < MAX_BYTES:
        return
    rotation = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
    )
    try:
        rotation.doRollover()
    finally:
        rotation.close()


def enable_crash_trace(log_dir: Path | None) -> TextIO | None:
    """Have a hard crash (a segfault in Qt, say) leave its traceback in crash.log.

    Returns the open file, which must stay open for as long as the process runs.
    """
    try:
        if log_dir is None:
            raise FileNotFoundError("no log folder")
        path = log_dir / CRASH_NAME
        if path.exists():
            _rotate_crash_log(path)
        stream = path.open("a", encoding="utf-8")
    except OSError as exc:
        if sys.stderr is not None:  # None under pythonw.exe: then there is nowhere to write
            log.warning("cannot write %s (%s); crash traces go to stderr", CRASH_NAME, exc)
            faulthandler.enable()
        return None
    faulthandler.enable(file=stream)
    return stream
