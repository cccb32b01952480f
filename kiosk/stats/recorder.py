"""Writes usage statistics on a thread of its own: the screen never waits on SQLite.

:meth:`Recorder.record` only puts an event on a queue. The writer thread
takes what has come at most ``flush_interval_s`` after an event and writes
it in one transaction, so a hard kill loses that much and the time of a
write (milliseconds; up to ``busy_timeout_s`` while another program holds
the file, README: *Usage statistics*). Each event
is written as it happens (a visit's row at its start, a topic's at its
opening), so a long visit under way is kept, not only finished ones.

Faults (the file locked, read-only, damaged, the disk full, the folder
impossible to create, a file from a newer kiosk) pause recording: the log
says so once, with the file and what to do; :attr:`Recorder.state` says it
in one line for staff; events are dropped and counted; every
``retry_interval_s`` the writer opens the file afresh, so a passing lock
clears by itself.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from kiosk.stats import database
from kiosk.stats.database import minute, rounded_seconds
from kiosk.stats.events import (
    ChoiceUsed,
    ContentReloaded,
    Event,
    TopicClosed,
    TopicOpened,
    VisitEnded,
    VisitStarted,
)
from kiosk.stats.faults import FolderError, describe_fault

log = logging.getLogger(__name__)

FLUSH_INTERVAL_S: Final = 2.0
RETRY_INTERVAL_S: Final = 300.0
# Short: another program holding the file must cost the writer little; the
# retry comes later anyway.
BUSY_TIMEOUT_S: Final = 0.5
# Far more than patients make between two writes; past it (a writer stuck
# in a file call) events are dropped, not kept in memory without end.
MAX_QUEUED: Final = 10_000
RETENTION_EVERY: Final = dt.timedelta(days=1)

# A visit still open when the kiosk stopped, was killed or paused: its
# length is not known, so it counts the reading times that are (a lower bound).
_CLOSE_LEFTOVERS: Final = """
UPDATE visits SET ended_by = 'stopped',
    seconds = coalesce((SELECT sum(seconds) FROM topic_reads WHERE visit_id = visits.id), 0)
WHERE ended_by IS NULL
"""

Connect = Callable[[Path, float], sqlite3.Connection]


def _connect(path: Path, timeout_s: float) -> sqlite3.Connection:
    return database.connect(path, timeout_s=timeout_s)


@dataclass(eq=False)
class _Flush:
    done: threading.Event = field(default_factory=threading.Event)


_STOP: Final = object()
_EVENTS: Final = (VisitStarted, TopicOpened, TopicClosed, ChoiceUsed, VisitEnded, ContentReloaded)


class Recorder:
    """Records :mod:`kiosk.stats.events` into the database at ``path``.

    ``now`` (local wall clock) dates the daily clean-up; ``monotonic``
    times the retries. Both are parameters so tests never wait for them.
    ``on_state`` is called with :attr:`state` whenever it changes, from the
    writer thread: a GUI must move it to its own thread before using it, and
    call :meth:`stop_reporting` before the objects it posts to go. It runs
    under a lock :meth:`stop_reporting` takes, so it must never wait for the
    thread that stops reporting.
    """

    def __init__(
        self,
        path: Path,
        *,
        keep_days: int,
        flush_interval_s: float = FLUSH_INTERVAL_S,
        retry_interval_s: float = RETRY_INTERVAL_S,
        busy_timeout_s: float = BUSY_TIMEOUT_S,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        monotonic: Callable[[], float] = time.monotonic,
        on_state: Callable[[str], None] | None = None,
        connect: Connect = _connect,
    ) -> None:
        self.path = path
        self.keep_days = keep_days
        self._flush_interval_s = flush_interval_s
        self._retry_interval_s = retry_interval_s
        self._busy_timeout_s = busy_timeout_s
        self._now = now
        self._monotonic = monotonic
        self._on_state = on_state
        self._reporting = threading.Lock()  # held while on_state runs
        self._connect = connect
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._wake = threading.Event()
        self._closed = False
        self._dropped_full = 0  # counted on the caller's thread
        self._dropped_paused = 0  # counted on the writer thread
        self._state = f"starting ({path})"
        self._reason: str | None = None  # why paused; None while recording
        # The fault last logged, until events are written again: a file that
        # opens but still cannot take a write (a disk nearly full) is logged
        # once, not at every retry.
        self._fault: str | None = None
        # The writer thread's own:
        self._db: sqlite3.Connection | None = None
        self._paused_at = 0.0
        self._cleaned_at: dt.datetime | None = None
        self._visit: int | None = None  # the visit under way, as written
        self._read: int | None = None  # its topic read still open (a rowid)
        # A daemon: close() waits for the last batch (for at most its timeout),
        # and a process that fails, or leaves without close(), is never held
        # up by the writer.
        self._thread = threading.Thread(target=self._run, name="stats-writer", daemon=True)
        self._thread.start()

    # -- any thread ---------------------------------------------------------
    @property
    def state(self) -> str:
        """``recording to PATH``, ``paused: REASON (PATH)``, or ``starting (PATH)``."""
        return self._state

    @property
    def finished(self) -> bool:
        """The writer thread has ended (after :meth:`close`)."""
        return not self._thread.is_alive()

    @property
    def paused(self) -> bool:
        return self._reason is not None

    @property
    def dropped(self) -> int:
        """Events not recorded since the start: while paused, or with the queue full."""
        return self._dropped_full + self._dropped_paused

    def stop_reporting(self) -> None:
        """Call ``on_state`` no more: once this returns it is not running, and
        never will be again. :attr:`state` still follows the writer."""
        with self._reporting:
            self._on_state = None

    def record(self, event: Event) -> None:
        """Queue ``event`` for writing; returns at once, whatever the database does."""
        if self._closed or self._queue.qsize() >= MAX_QUEUED:
            self._dropped_full += 1
            return
        self._queue.put(event)

    def flush(self, timeout_s: float = 5.0) -> bool:
        """Wait until all recorded so far is written (or dropped); False on timeout.

        Also the moment a paused recorder tries again, if its retry is due.
        """
        if self._closed:
            return not self._thread.is_alive()
        marker = _Flush()
        self._queue.put(marker)
        self._wake.set()
        return marker.done.wait(timeout_s)

    def close(self, timeout_s: float = 1.5) -> bool:
        """Write what is queued and close the file; False if the writer is still
        busy after ``timeout_s`` (then the process must not wait for it)."""
        if not self._closed:
            self._closed = True
            self._queue.put(_STOP)
            self._wake.set()
        self._thread.join(timeout_s)
        if self._thread.is_alive():
            log.warning(
                "usage statistics: the writer did not finish within %.1f s; "
                "the last events may not be recorded in %s",
                timeout_s,
                self.path,
            )
            return False
        return True

    # -- the writer thread -----------------------------------------------------
    def _run(self) -> None:
        try:
            self._open()
        except Exception as exc:  # a bug here must not end recording for the whole run
            log.exception("usage statistics: unexpected error in the writer")
            self._pause(exc)
        stopping = False
        while not stopping:
            try:
                first = self._queue.get(timeout=self._retry_interval_s)
            except queue.Empty:
                first = None
            batch = [] if first is None else [first]
            if first is not None and not isinstance(first, _Flush) and first is not _STOP:
                # Gather what comes soon after: one transaction, not one per tap.
                self._wake.wait(self._flush_interval_s)
            self._wake.clear()
            while True:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            stopping = any(item is _STOP for item in batch)
            markers = [item for item in batch if isinstance(item, _Flush)]
            events = [item for item in batch if isinstance(item, _EVENTS)]
            try:
                if not stopping:
                    self._housekeeping()
                self._write(events)
            except Exception as exc:  # a bug here must not end recording for the whole run
                log.exception("usage statistics: unexpected error in the writer")
                self._pause(exc)
            finally:
                for marker in markers:
                    marker.done.set()
        self._close_db()

    def _housekeeping(self) -> None:
        if self._reason is not None:
            if self._monotonic() - self._paused_at >= self._retry_interval_s:
                self._open()
            return
        if self._db is not None and self._cleaned_at is not None:
            now = self._now()
            if now - self._cleaned_at >= RETENTION_EVERY:
                self._guarded(lambda db: self._delete_old(db, now))

    def _open(self) -> None:
        self._close_db()
        self._visit = self._read = None
        try:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise FolderError(str(exc)) from exc
            db = self._connect(self.path, self._busy_timeout_s)
            db.isolation_level = None  # transactions are begun and ended here
            self._db = db
            self._transaction(db, self._tidy)
        except (sqlite3.Error, OSError) as exc:
            self._pause(exc)
            return
        self._set_recording()

    def _tidy(self, db: sqlite3.Connection) -> None:
        """At open: close the visits left open, delete what is past keeping."""
        db.execute(_CLOSE_LEFTOVERS)
        self._delete_old(db, self._now())

    def _delete_old(self, db: sqlite3.Connection, now: dt.datetime) -> None:
        cutoff = minute(now - dt.timedelta(days=self.keep_days))
        db.execute("DELETE FROM visits WHERE started < ?", (cutoff,))
        db.execute("DELETE FROM reloads WHERE at < ?", (cutoff,))
        self._cleaned_at = now

    def _write(self, events: list[Event]) -> None:
        if not events:
            return
        if self._reason is not None or self._db is None:
            self._dropped_paused += len(events)
            return

        def apply_all(db: sqlite3.Connection) -> None:
            for event in events:
                self._apply(db, event)

        if not self._guarded(apply_all):
            self._dropped_paused += len(events)  # the whole batch was rolled back
        elif self._fault is not None:
            log.info(
                "usage statistics: recording again to %s (%d event%s dropped so far)",
                self.path,
                self.dropped,
                "" if self.dropped == 1 else "s",
            )
            self._fault = None

    def _guarded(self, work: Callable[[sqlite3.Connection], object]) -> bool:
        """``work`` in one transaction; False if a fault paused recording."""
        assert self._db is not None
        try:
            self._transaction(self._db, work)
        except (sqlite3.Error, OSError) as exc:
            self._pause(exc)
            return False
        return True

    @staticmethod
    def _transaction(db: sqlite3.Connection, work: Callable[[sqlite3.Connection], object]) -> None:
        # IMMEDIATE: the write lock first, so a busy file fails before any work.
        db.execute("BEGIN IMMEDIATE")
        try:
            work(db)
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    def _apply(self, db: sqlite3.Connection, event: Event) -> None:
        if isinstance(event, VisitStarted):
            cursor = db.execute("INSERT INTO visits (started) VALUES (?)", (minute(event.at),))
            self._visit, self._read = cursor.lastrowid, None
        elif isinstance(event, ContentReloaded):
            db.execute(
                "INSERT INTO reloads (at, result, errors) VALUES (?, ?, ?)",
                (minute(event.at), event.result, event.errors),
            )
        elif self._visit is None:
            # Its visit's start was not recorded (recording was paused then).
            self._dropped_paused += 1
        elif isinstance(event, TopicOpened):
            cursor = db.execute(
                "INSERT INTO topic_reads (visit_id, topic, opened) VALUES (?, ?, ?)",
                (self._visit, event.topic, minute(event.at)),
            )
            self._read = cursor.lastrowid
        elif isinstance(event, TopicClosed):
            if self._read is not None:
                db.execute(
                    "UPDATE topic_reads SET seconds = ? WHERE rowid = ?",
                    (rounded_seconds(event.seconds), self._read),
                )
            self._read = None
        elif isinstance(event, ChoiceUsed):
            db.execute(
                "INSERT OR IGNORE INTO choices_used (visit_id, choice) VALUES (?, ?)",
                (self._visit, event.choice),
            )
        elif isinstance(event, VisitEnded):
            seconds = rounded_seconds(event.seconds)
            db.execute(
                "UPDATE visits SET seconds = ?, ended_by = ? WHERE id = ?",
                (seconds, event.how, self._visit),
            )
            # No topic read longer than its visit.
            db.execute(
                "UPDATE topic_reads SET seconds = ? WHERE visit_id = ? AND seconds > ?",
                (seconds, self._visit, seconds),
            )
            self._visit = self._read = None

    def _pause(self, exc: BaseException) -> None:
        self._close_db()
        self._visit = self._read = None
        self._paused_at = self._monotonic()
        reason, action = describe_fault(exc)
        if reason != self._fault:
            minutes = self._retry_interval_s / 60
            log.warning(
                "usage statistics paused: %s (%s): %s; %s. Recording resumes by itself "
                "once that is fixed (tried every %g minute%s); until then nothing is recorded",
                reason,
                self.path,
                exc,
                action,
                minutes,
                "" if minutes == 1 else "s",
            )
        self._reason = self._fault = reason
        self._set_state(f"paused: {reason} ({self.path})")

    def _set_recording(self) -> None:
        self._reason = None
        self._set_state(f"recording to {self.path}")

    def _set_state(self, state: str) -> None:
        if state == self._state:
            return
        self._state = state
        with self._reporting:
            if self._on_state is None:
                return
            try:
                self._on_state(state)
            except Exception:
                log.exception("usage statistics: the state callback failed")

    def _close_db(self) -> None:
        db, self._db = self._db, None
        if db is not None:
            try:
                db.close()
            except sqlite3.Error:
                log.debug("usage statistics: closing %s failed", self.path, exc_info=True)
