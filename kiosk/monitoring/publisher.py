"""Keeps the metrics file current: every 30 seconds, and soon after each content result."""

from __future__ import annotations

import datetime as dt
import logging
import queue
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.monitoring.metrics import exposition, from_status, resident_memory_bytes
from kiosk.monitoring.textfile import TextfileWriter, WriteResult
from kiosk.status import TIME_FORMAT, ContentStatus

log = logging.getLogger(__name__)

INTERVAL_MS = 30_000
MIN_GAP_MS = 1_000  # a burst of content results makes one write, not one each
STOP_WAIT_MS = 2_000
# How often a write's result is looked for while one is out: soon enough
# for Status, and nothing at all between writes.
RESULT_POLL_MS = 20


class MetricsPublisher(QObject):
    """Writes ``status`` (and the extras) to ``path`` for node_exporter.

    The file is written on the writer's thread, never on the GUI thread;
    ``status.metrics`` says how the latest write went (the Status screen
    shows it), and ``status_changed`` is emitted when that changes. A
    failure is logged once, with what to do; the next write that works is
    logged too. At :meth:`stop` the file is removed: a kiosk that stopped
    must not keep looking alive to Prometheus through its last file.
    """

    status_changed = Signal()

    def __init__(
        self,
        path: Path,
        status: ContentStatus,
        *,
        version: str,
        visits_total: Callable[[], int] | None = None,
        interval_ms: int = INTERVAL_MS,
        min_gap_ms: int = MIN_GAP_MS,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        write: Callable[[Path, bytes], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self._status = status
        self._version = version
        self._visits_total = visits_total
        self._now = now
        self._min_gap_s = min_gap_ms / 1000
        self._last_write = -float("inf")  # time.monotonic() of the latest write asked
        self.writes_skipped = 0
        self.write_failures = 0
        self._failure: str | None = None  # the reason logged, while writes keep failing
        self._stuck_logged = False
        self._started = False
        self._again = False  # a write was skipped: write once the running one ends
        options = {"write": write} if write is not None else {}
        # The writer's thread touches no Qt object: it leaves each result in a
        # queue, which a timer here looks into while a write is out (a signal
        # emitted from that thread could meet this object being deleted).
        self._results: queue.SimpleQueue[WriteResult] = queue.SimpleQueue()
        self._writer = TextfileWriter(path, self._results.put, now=now, **options)
        self._outstanding = 0  # writes asked for whose result has not come back
        self._collect = QTimer(self, interval=RESULT_POLL_MS)
        self._collect.timeout.connect(self._collect_results)
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.write_now)
        self._soon = QTimer(self, singleShot=True)
        self._soon.timeout.connect(self.write_now)
        status.metrics = f"not written yet ({path})"

    def start(self) -> None:
        """Write at once (a new kiosk shows up straight away), then every interval."""
        self._started = True
        self._timer.start()
        self.write_now()

    def request_write(self) -> None:
        """Something changed: write now, or as soon as the minimum gap allows."""
        if not self._started or self._soon.isActive():
            return
        wait_s = self._last_write + self._min_gap_s - time.monotonic()
        if wait_s <= 0:
            self.write_now()
        else:
            self._soon.start(max(1, round(wait_s * 1000)))

    def write_now(self) -> None:
        self._soon.stop()
        self._last_write = time.monotonic()
        snapshot = from_status(
            self._status,
            version=self._version,
            visits_total=self._visits_total() if self._visits_total is not None else None,
            memory_bytes=resident_memory_bytes(),
            writes_skipped=self.writes_skipped,
            write_failures=self.write_failures,
            today=self._now().date(),
        )
        if self._writer.submit(lambda: exposition(snapshot)):
            self._outstanding += 1
            if not self._collect.isActive():  # start() again would put it off
                self._collect.start()
        else:
            self._skipped()

    def _collect_results(self) -> None:
        while True:
            try:
                result = self._results.get_nowait()
            except queue.Empty:
                break
            self._outstanding -= 1
            self._done(result)
        if self._outstanding <= 0:
            self._collect.stop()

    def _skipped(self) -> None:
        self.writes_skipped += 1
        self._again = True  # what changed must not wait for the next interval
        since = self._writer.busy_since
        if since is None:  # it ended just now, or the publisher has stopped
            return
        reason = (
            f"the write started at {since.strftime(TIME_FORMAT)} has not finished "
            f"({self.writes_skipped} skipped so far); is the disk slow or hanging?"
        )
        if not self._stuck_logged:
            self._stuck_logged = True
            log.warning("metrics file %s: %s", self.path, reason)
        self._set_status(f"not written: {reason}")

    def _done(self, result: WriteResult) -> None:
        self._stuck_logged = False
        if self._again:
            self._again = False
            self.request_write()
        if result.error is None:
            if self._failure is not None:
                log.info("metrics file %s written again", self.path)
            self._failure = None
            when = result.finished_at.strftime(TIME_FORMAT)
            self._set_status(f"written to {self.path} at {when}")
            return
        self.write_failures += 1
        if result.error != self._failure:
            log.error("metrics file %s not written: %s", self.path, result.error)
            self._failure = result.error
        self._set_status(f"not written: {result.error}")

    def _set_status(self, text: str) -> None:
        self._status.metrics = text
        self.status_changed.emit()

    def stop(self, wait_ms: int = STOP_WAIT_MS) -> bool:
        """No more writes; remove the file. False if the disk did not answer within ``wait_ms``."""
        if not self._started:
            return True
        self._started = False
        self._timer.stop()
        self._soon.stop()
        self._collect.stop()
        removed = self._writer.close(remove=True, timeout_s=wait_ms / 1000)
        if not removed:
            log.warning("metrics file %s: not removed within %d ms", self.path, wait_ms)
        return removed
