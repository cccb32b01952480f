"""One kiosk per machine: a lock file in the state folder.

Two kiosks on one PC would fight over the screen and write the same log.
``QLockFile`` writes the holder's process id, host and program name into
the file, and takes over a lock whose holder is no longer running (after a
crash or a power cut), also when that process id was reused meanwhile by
another program; with its stale time set to 0 it never takes a lock from a
kiosk that is still running, however long it has run.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLockFile

log = logging.getLogger(__name__)

LOCK_NAME = "kiosk.lock"


class AlreadyRunningError(Exception):
    """Another kiosk holds the lock."""

    def __init__(self, lock_file: Path, pid: int | None) -> None:
        self.lock_file = lock_file
        self.pid = pid
        who = f" (process {pid})" if pid else ""
        super().__init__(
            f"kiosk: another kiosk is already running on this computer{who}, "
            f"holding {lock_file}; stop it first (Exit kiosk in its staff menu, "
            "or sudo systemctl stop kiosk), then start this one again."
        )


def hold_instance_lock(state_dir: Path) -> QLockFile | None:
    """Take the one-kiosk lock in ``state_dir``, creating the folder if needed.

    Returns the held lock (keep it until the kiosk stops, then ``unlock()``),
    or ``None`` when the folder cannot be written: then the kiosk runs
    without the lock, with a warning, as a full disk must not take the
    information screen down. Raises :class:`AlreadyRunningError`.
    """
    lock_file = state_dir / LOCK_NAME
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        log.warning("cannot create %s (%s); not guarding against a second kiosk", state_dir, exc)
        return None
    lock = QLockFile(str(lock_file))
    lock.setStaleLockTime(0)  # a running kiosk's lock is never stale, however old
    if lock.tryLock(0):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        pid, _host, _program = lock.getLockInfo()  # pid 0: the file could not be read
        raise AlreadyRunningError(lock_file, pid if pid > 0 else None)
    log.warning(
        "cannot write the lock file %s (%s); not guarding against a second kiosk",
        lock_file,
        lock.error().name,
    )
    return None
