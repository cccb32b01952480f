"""Writing the metrics file off the GUI thread, whole or not at all. No Qt.

node_exporter reads every ``*.prom`` file in its textfile folder at each
scrape, so a reader must never see half a file: the data goes to a hidden
temporary file beside it (its name does not end in ``.prom``), which is then
renamed over the old one in one step.

Why not prometheus_client's ``write_to_textfile``, which does the same: its
temporary file gets the process's umask, and the Linux service runs the
kiosk with ``UMask=0027`` (its logs and state are private), so the file
would be unreadable to node_exporter, which runs as another user. The
metrics hold nothing private: the file is made readable by all.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.files import replace_file

log = logging.getLogger(__name__)

FILE_MODE = 0o644  # node_exporter runs as its own user ("prometheus" on Debian)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one rename, readable by all; raises ``OSError``."""
    replace_file(path, data, mode=FILE_MODE)


def describe_failure(path: Path, error: OSError) -> str:
    """Why ``path`` could not be written, and what to do, in one line for staff and the log."""
    folder = path.parent
    if error.errno == errno.ENOENT:
        return f"the folder {folder} does not exist; create it, or change metrics_file"
    if error.errno in (errno.EACCES, errno.EPERM):
        return (
            f"no permission to write in {folder}; give the kiosk's user write access "
            "(deploy/README.md, monitoring)"
        )
    if error.errno == errno.EROFS:
        return (
            f"{folder} is read-only for the kiosk; under systemd, list it in the "
            "service's ReadWritePaths="
        )
    if error.errno == errno.ENOSPC:
        return f"the disk holding {folder} is full"
    if error.errno == errno.EISDIR:
        return f"{path} is a folder; metrics_file must name a file"
    return f"{error.strerror or error} ({folder})"


@dataclass(frozen=True, slots=True)
class WriteResult:
    """How one write ended: ``error`` is None when the file was written."""

    path: Path
    finished_at: dt.datetime
    error: str | None = None


class TextfileWriter:
    """Writes the file on a thread of its own, one write at a time.

    :meth:`submit` never waits: while a write is still running (a slow or
    hanging disk) the new one is skipped, and the caller counts it. The
    thread is a daemon: a write stuck in the kernel cannot hold up the
    kiosk's exit. ``on_done`` is called on the writer's thread.
    """

    def __init__(
        self,
        path: Path,
        on_done: Callable[[WriteResult], None],
        *,
        write: Callable[[Path, bytes], None] = write_atomically,
        now: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        self.path = path
        self._on_done: Callable[[WriteResult], None] | None = on_done
        self._write = write
        self._now = now
        self._lock = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()
        self.busy_since: dt.datetime | None = None  # when the running write started

    @property
    def busy(self) -> bool:
        return not self._idle.is_set()

    def submit(self, render: Callable[[], bytes]) -> bool:
        """Render and write on the writer's thread; False if one is still running or closed."""
        with self._lock:
            if self._on_done is None or self.busy:
                return False
            self._idle.clear()
            self.busy_since = self._now()
        threading.Thread(target=self._run, args=(render,), name="metrics", daemon=True).start()
        return True

    def _run(self, render: Callable[[], bytes]) -> None:
        error = None
        try:
            self._write(self.path, render())
        except OSError as exc:
            error = describe_failure(self.path, exc)
        except Exception as exc:  # a bug: still a result, or every later write would skip
            log.exception("writing the metrics file %s failed", self.path)
            error = f"unexpected error ({exc}); see the log"
        result = WriteResult(self.path, self._now(), error)
        with self._lock:
            self.busy_since = None
            self._idle.set()
            if self._on_done is not None:  # held: close() cannot slip in between
                self._on_done(result)

    def close(self, *, remove: bool, timeout_s: float) -> bool:
        """No more writes or results; with ``remove``, delete the file after the last write.

        Waits at most ``timeout_s``; True if all was done in that time.
        """
        with self._lock:
            self._on_done = None
        if not remove:
            return self._idle.wait(timeout_s)
        removed = threading.Event()

        def remove_file() -> None:
            self._idle.wait()  # a running write would put the file back after us
            try:
                self.path.unlink(missing_ok=True)
            except OSError as exc:
                log.warning("metrics file %s not removed: %s", self.path, exc.strerror or exc)
            removed.set()

        threading.Thread(target=remove_file, name="metrics-remove", daemon=True).start()
        return removed.wait(timeout_s)
