"""The recorder: what it writes, when, and how it pauses and resumes on real SQLite faults."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.stats import database
from kiosk.stats.events import (
    ChoiceUsed,
    ContentReloaded,
    TopicClosed,
    TopicOpened,
    VisitEnded,
    VisitStarted,
)
from kiosk.stats.recorder import Recorder

T0 = dt.datetime(2026, 12, 3, 9, 15, 42)
RETRY_S = 300.0
AS_ROOT = not hasattr(os, "geteuid") or os.geteuid() == 0
needs_non_root = pytest.mark.skipif(AS_ROOT, reason="root writes files whatever their mode")


class Clock:
    """The wall clock and the monotonic clock, moved by the test only."""

    def __init__(self) -> None:
        self.wall = T0
        self.mono = 1000.0

    def now(self) -> dt.datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.wall += dt.timedelta(seconds=seconds)
        self.mono += seconds


@pytest.fixture(autouse=True)
def _log_info(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.stats")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "stats.sqlite3"


@pytest.fixture
def states() -> list[str]:
    return []


@pytest.fixture
def start(clock: Clock, path: Path, states: list[str]) -> Iterator[Callable[..., Recorder]]:
    """``start(**options)``: a Recorder with the test's clocks, closed after the test."""
    made: list[Recorder] = []

    def make(**options: object) -> Recorder:
        options = {
            "keep_days": 400,
            "retry_interval_s": RETRY_S,
            "now": clock.now,
            "monotonic": clock.monotonic,
            "on_state": states.append,
            **options,
        }
        recorder = Recorder(options.pop("path", path), **options)  # type: ignore[arg-type]
        made.append(recorder)
        return recorder

    yield make
    for recorder in made:
        assert recorder.close(timeout_s=5)


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


def a_visit(at: dt.datetime = T0, topic: str = "side-effects") -> list[object]:
    return [
        VisitStarted(at),
        TopicOpened(topic, at),
        TopicClosed(20),
        VisitEnded(25, "home"),
    ]


def record_all(recorder: Recorder, events: list[object]) -> None:
    for event in events:
        recorder.record(event)  # type: ignore[arg-type]
    assert recorder.flush()


# -- what is written ------------------------------------------------------------


def test_a_visit_is_written_to_the_minute_with_rounded_times(start, path):
    recorder = start()
    record_all(
        recorder,
        [
            VisitStarted(T0),
            TopicOpened("what-is-tms", T0),
            ChoiceUsed("text size A+"),
            ChoiceUsed("text size A+"),  # used again: recorded once
            TopicClosed(12.4),
            TopicOpened("side-effects", T0 + dt.timedelta(seconds=30)),
            ChoiceUsed("contrast"),
            TopicClosed(100),  # longer than the visit: cut to its length
            VisitEnded(61, "idle"),
        ],
    )
    assert recorder.state == f"recording to {path}"
    assert rows(path, "SELECT id, started, seconds, ended_by FROM visits") == [
        (1, "2026-12-03 09:15", 60, "idle")
    ]
    assert rows(path, "SELECT visit_id, topic, opened, seconds FROM topic_reads") == [
        (1, "what-is-tms", "2026-12-03 09:15", 10),
        (1, "side-effects", "2026-12-03 09:16", 60),
    ]
    assert rows(path, "SELECT visit_id, choice FROM choices_used ORDER BY choice") == [
        (1, "contrast"),
        (1, "text size A+"),
    ]


def test_a_visit_under_way_is_already_in_the_file(start, path):
    recorder = start()
    record_all(recorder, [VisitStarted(T0), TopicOpened("what-is-tms", T0)])
    assert rows(path, "SELECT started, seconds, ended_by FROM visits") == [
        ("2026-12-03 09:15", 0, None)
    ]
    assert rows(path, "SELECT topic, seconds FROM topic_reads") == [("what-is-tms", None)]


def test_content_reloads_are_written(start, path):
    recorder = start()
    record_all(
        recorder,
        [
            ContentReloaded(T0, "ok"),
            ContentReloaded(T0, "failed", 3),
            ContentReloaded(T0, "unavailable"),
        ],
    )
    assert rows(path, "SELECT at, result, errors FROM reloads") == [
        ("2026-12-03 09:15", "ok", 0),
        ("2026-12-03 09:15", "failed", 3),
        ("2026-12-03 09:15", "unavailable", 0),
    ]


def test_close_writes_what_is_queued(start, path):
    recorder = start()
    for event in a_visit():
        recorder.record(event)  # type: ignore[arg-type]
    assert recorder.close(timeout_s=5)
    assert rows(path, "SELECT seconds, ended_by FROM visits") == [(25, "home")]
    recorder.record(VisitStarted(T0))  # after close: dropped, never an error
    assert recorder.dropped == 1


def test_a_visit_left_open_by_a_stopped_kiosk_is_closed_at_open(start, path):
    db = database.connect(path)
    db.execute("INSERT INTO visits (started) VALUES ('2026-12-02 17:00')")
    db.execute("INSERT INTO topic_reads VALUES (1, 'a', '2026-12-02 17:00', 20)")
    db.execute("INSERT INTO topic_reads VALUES (1, 'b', '2026-12-02 17:01', 15)")
    db.execute("INSERT INTO topic_reads VALUES (1, 'c', '2026-12-02 17:02', NULL)")
    db.commit()
    db.close()
    recorder = start()
    assert recorder.flush()
    # Its length: the reading times that are known; the last read's stays unknown.
    assert rows(path, "SELECT seconds, ended_by FROM visits") == [(35, "stopped")]
    assert rows(path, "SELECT topic, seconds FROM topic_reads") == [
        ("a", 20),
        ("b", 15),
        ("c", None),
    ]


def test_old_rows_are_deleted_at_open_and_then_once_a_day(start, path, clock):
    db = database.connect(path)
    for started in ("2026-11-22 12:00", "2026-11-23 11:59", "2026-11-23 12:30", "2026-12-01 08:00"):
        db.execute("INSERT INTO visits (started, ended_by) VALUES (?, 'home')", (started,))
        db.execute("INSERT INTO reloads VALUES (?, 'ok', 0)", (started,))
    db.execute("INSERT INTO topic_reads VALUES (1, 'a', '2026-11-22 12:00', 5)")
    db.commit()
    db.close()
    clock.wall = dt.datetime(2026, 12, 3, 12, 0)
    recorder = start(keep_days=10)  # keeps from 2026-11-23 12:00
    assert recorder.flush()
    kept = [("2026-11-23 12:30",), ("2026-12-01 08:00",)]
    assert rows(path, "SELECT started FROM visits") == kept
    assert rows(path, "SELECT at FROM reloads") == kept
    assert rows(path, "SELECT count(*) FROM topic_reads") == [(0,)]

    clock.advance(23 * 3600)  # not a day yet
    assert recorder.flush()
    assert len(rows(path, "SELECT started FROM visits")) == 2
    clock.advance(3600)
    assert recorder.flush()
    assert rows(path, "SELECT started FROM visits") == [("2026-12-01 08:00",)]
    assert rows(path, "SELECT at FROM reloads") == [("2026-12-01 08:00",)]


def test_record_never_waits_for_the_database(start, path):
    """A file call that hangs (a dead network share) holds the writer, never the caller."""
    release = threading.Event()

    def hanging_connect(where: Path, timeout_s: float) -> sqlite3.Connection:
        release.wait(10)
        return database.connect(where, timeout_s=timeout_s)

    recorder = start(connect=hanging_connect)
    try:
        for event in a_visit():
            recorder.record(event)  # type: ignore[arg-type]
        assert not recorder.flush(timeout_s=0.05)
        assert recorder.state == f"starting ({path})"
        assert not recorder.close(timeout_s=0.05)  # gives up: the exit must not wait
    finally:
        release.set()
    assert recorder.close(timeout_s=5)
    assert rows(path, "SELECT seconds, ended_by FROM visits") == [(25, "home")]


@pytest.mark.parametrize(
    "event",
    [
        lambda: ChoiceUsed("font"),
        lambda: VisitEnded(5, "crashed"),
        lambda: ContentReloaded(T0, "maybe"),
        lambda: ContentReloaded(T0, "ok", -1),
    ],
)
def test_events_refuse_what_the_schema_would(event):
    with pytest.raises(ValueError, match=r"unknown|negative"):
        event()


# -- faults ------------------------------------------------------------------


def pause_and_resume(
    recorder: Recorder,
    path: Path,
    clock: Clock,
    states: list[str],
    caplog: pytest.LogCaptureFixture,
    *,
    reason: str,
    action: str,
    clear: Callable[[], None],
    load: list[object] | None = None,
) -> None:
    """The fault is in place: recording ``load`` (a visit) pauses with ``reason``,
    logged once, and resumes by itself after ``clear`` at the next retry."""
    load = load or a_visit()
    paused = f"paused: {reason} ({path})"
    record_all(recorder, load)
    assert recorder.state == paused
    assert states[-1] == paused
    assert recorder.paused
    assert recorder.dropped >= 4
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"usage statistics paused: {reason} ({path}): ")
    assert action in warnings[0]
    assert "Recording resumes by itself once that is fixed (tried every 5 minutes)" in warnings[0]

    clock.advance(RETRY_S)  # a retry while the fault is still there: not logged again
    record_all(recorder, load)
    assert recorder.state == paused
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1

    clear()
    clock.advance(RETRY_S - 1)
    assert recorder.flush()
    assert recorder.state == paused  # not yet time to try again
    clock.advance(1)
    assert recorder.flush()
    assert recorder.state == f"recording to {path}"
    assert states[-1] == f"recording to {path}"
    assert not recorder.paused
    record_all(recorder, a_visit(T0 + dt.timedelta(hours=1), topic="after"))
    assert rows(path, "SELECT topic FROM topic_reads WHERE topic = 'after'") == [("after",)]
    assert any(
        r.getMessage().startswith(f"usage statistics: recording again to {path}")
        for r in caplog.records
    )


def test_a_lock_held_by_another_program_pauses_then_clears(start, path, clock, states, caplog):
    recorder = start(busy_timeout_s=0.05)
    assert recorder.flush()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    pause_and_resume(
        recorder,
        path,
        clock,
        states,
        caplog,
        reason="the database is locked by another program",
        action="close the program that holds it open",
        clear=lambda: other.execute("ROLLBACK"),
    )
    other.close()


def test_once_reporting_stopped_the_state_changes_silently(start, path, states):
    recorder = start(busy_timeout_s=0.05)
    assert recorder.flush()
    assert states == [f"recording to {path}"]
    recorder.stop_reporting()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        record_all(recorder, a_visit())
        assert recorder.state == f"paused: the database is locked by another program ({path})"
        assert states == [f"recording to {path}"]
    finally:
        other.close()


def test_a_read_only_database_pauses_then_clears(start, path, clock, states, caplog):
    # As root the file's mode does not bind, so SQLite is told the same
    # thing another way: the connection may only read.
    fault = {"read_only": True}

    def connect(where: Path, timeout_s: float) -> sqlite3.Connection:
        db = database.connect(where, timeout_s=timeout_s)
        db.execute(f"PRAGMA query_only = {int(fault['read_only'])}")
        return db

    database.connect(path).close()
    pause_and_resume(
        start(connect=connect),
        path,
        clock,
        states,
        caplog,
        reason="the database file or its folder is read-only",
        action="let the kiosk's user write the file, the -wal and -shm files beside it",
        clear=lambda: fault.update(read_only=False),
    )


@needs_non_root
def test_a_read_only_file_pauses_then_clears(start, path, clock, states, caplog):
    database.connect(path).close()
    path.chmod(0o444)
    pause_and_resume(
        start(),
        path,
        clock,
        states,
        caplog,
        reason="the database file or its folder is read-only",
        action="let the kiosk's user write the file, the -wal and -shm files beside it",
        clear=lambda: [f.chmod(0o644) for f in path.parent.glob(f"{path.name}*")],
    )


@needs_non_root
def test_a_read_only_folder_pauses_then_clears(start, path, clock, states, caplog):
    database.connect(path).close()
    path.parent.chmod(0o555)
    try:
        pause_and_resume(
            start(),
            path,
            clock,
            states,
            caplog,
            reason="the database file or its folder is read-only",
            action="let the kiosk's user write the file, the -wal and -shm files beside it",
            clear=lambda: path.parent.chmod(0o755),
        )
    finally:
        path.parent.chmod(0o755)


def _move_away(path: Path) -> Callable[[], None]:
    def clear() -> None:
        for name in (path.name, f"{path.name}-wal", f"{path.name}-shm"):
            (path.parent / name).unlink(missing_ok=True)

    return clear


def test_a_file_that_is_not_a_database_pauses_until_moved_away(start, path, clock, states, caplog):
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not SQLite" * 1000)
    pause_and_resume(
        start(),
        path,
        clock,
        states,
        caplog,
        reason="the database file is damaged or not a database",
        action="move the file away",
        clear=_move_away(path),
    )


def test_a_malformed_database_pauses_until_moved_away(start, path, clock, states, caplog):
    db = database.connect(path)
    db.executemany(
        "INSERT INTO visits (started, ended_by) VALUES (?, 'home')",
        [("2026-12-03 09:15",)] * 2000,
    )
    db.commit()
    db.close()
    data = bytearray(path.read_bytes())
    page = 4096
    data[page:] = b"\xa5" * (len(data) - page)  # every page but the first: garbage
    path.write_bytes(bytes(data))
    with sqlite3.connect(path) as check, pytest.raises(sqlite3.DatabaseError, match="malformed"):
        check.execute("SELECT count(*) FROM visits WHERE ended_by IS NULL").fetchall()
    pause_and_resume(
        start(),
        path,
        clock,
        states,
        caplog,
        reason="the database file is damaged or not a database",
        action="move the file away",
        clear=_move_away(path),
    )


def test_a_full_disk_pauses_then_clears(start, path, clock, states, caplog):
    # SQLite reports a full disk (SQLITE_FULL) when the file may not grow:
    # max_page_count at the file's size makes it so without filling a disk.
    fault = {"full": True}

    def connect(where: Path, timeout_s: float) -> sqlite3.Connection:
        db = database.connect(where, timeout_s=timeout_s)
        if fault["full"]:
            pages = db.execute("PRAGMA page_count").fetchone()[0]
            db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    recorder = start(connect=connect)
    assert recorder.flush()
    many = [VisitStarted(T0), VisitEnded(5, "home")] * 1000  # more than the pages hold
    pause_and_resume(
        recorder,
        path,
        clock,
        states,
        caplog,
        reason="the disk is full",
        action="free space on the disk that holds the file, or lower stats_keep_days",
        clear=lambda: fault.update(full=False),
        load=many,
    )
    # Each batch that did not fit was rolled back whole: no half-written visits.
    assert rows(path, "SELECT count(*) FROM visits WHERE ended_by IS NULL") == [(0,)]


def test_a_folder_that_cannot_be_created_pauses_then_clears(start, tmp_path, clock, states, caplog):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    path = blocker / "stats.sqlite3"
    pause_and_resume(
        start(path=path),
        path,
        clock,
        states,
        caplog,
        reason="the database folder cannot be created",
        action="create the folder for the kiosk's user",
        clear=blocker.unlink,
    )


def test_a_newer_kiosks_database_pauses_until_moved_away(start, path, clock, states, caplog):
    database.connect(path).close()
    with sqlite3.connect(path) as newer:
        newer.execute(f"PRAGMA user_version = {database.SCHEMA_VERSION + 1}")
    pause_and_resume(
        start(),
        path,
        clock,
        states,
        caplog,
        reason="the database file is from a newer kiosk or another program",
        action="move the file away, or set stats_db to another file",
        clear=_move_away(path),
    )
    assert rows(path, "PRAGMA user_version") == [(database.SCHEMA_VERSION,)]


def test_a_visit_under_way_when_recording_paused_is_closed_as_stopped(start, path, clock):
    recorder = start(busy_timeout_s=0.05)
    record_all(recorder, [VisitStarted(T0), TopicOpened("a", T0), TopicClosed(10)])
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    record_all(recorder, [TopicOpened("b", T0), TopicClosed(10)])
    assert recorder.paused
    other.execute("ROLLBACK")
    other.close()
    clock.advance(RETRY_S)
    # The rest of that visit arrives after the retry: its start is not the
    # one in the file, so it is dropped, not added to a visit it missed.
    dropped = recorder.dropped
    record_all(recorder, [TopicOpened("c", T0), TopicClosed(10), VisitEnded(60, "idle")])
    assert not recorder.paused
    assert recorder.dropped == dropped + 3
    assert rows(path, "SELECT seconds, ended_by FROM visits") == [(10, "stopped")]
    assert rows(path, "SELECT topic FROM topic_reads") == [("a",)]


# A program that fails while its recorder runs, without closing it.
UNCLOSED = """
import sys
from pathlib import Path
from kiosk.stats.recorder import Recorder

recorder = Recorder(Path(sys.argv[1]), keep_days=400)
assert recorder.flush()
raise SystemExit("failed with the recorder still running")
"""


def test_a_recorder_left_running_does_not_keep_its_process_alive(tmp_path: Path):
    try:
        child = subprocess.run(
            [sys.executable, "-c", UNCLOSED, str(tmp_path / "stats.sqlite3")],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,  # a second normally; the wait is for the process's end
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the writer thread kept the process alive")
    assert child.returncode == 1
    assert "failed with the recorder still running" in child.stderr
