"""A running kiosk killed outright (SIGKILL, a crash) loses at most the events of
its last flush interval and one write: everything done before is in the file."""

from __future__ import annotations

import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path
from typing import IO

import pytest

from kiosk.stats.recorder import BUSY_TIMEOUT_S, FLUSH_INTERVAL_S

# The writer commits a batch at most FLUSH_INTERVAL_S after its first event,
# plus the time of the write itself (at most BUSY_TIMEOUT_S waiting for a lock).
LOSS_BOUND_S = FLUSH_INTERVAL_S + BUSY_TIMEOUT_S
TOPICS = ("t0", "t1", "t2")

# The real kiosk, offscreen, with statistics on. A timer plays patients: each
# visit opens a tile, turns contrast on, goes Home and is then forgotten (as
# after the idle time), one step every 50 ms. After each step it prints what
# it did and when, on the monotonic clock the test shares (one per machine).
CHILD = """
import sys
import time
from contextlib import closing
from pathlib import Path

from PySide6.QtCore import QTimer

from kiosk.app import Kiosk, application
from kiosk.settings import Settings

content, folder = Path(sys.argv[1]), Path(sys.argv[2])
settings = Settings(
    content,
    windowed=True,
    stats_db=folder / "stats.sqlite3",
    state_dir=folder / "state",
    log_dir=folder / "logs",
)
app = application()
kiosk = Kiosk(app, settings, poll_ms=60_000, settle_ms=10)
window = kiosk.window
window.resize(1280, 800)
window.show()
assert kiosk.recorder is not None and kiosk.recorder.flush()
topics = [topic.id for topic in window.pack.topics]
steps = iter(range(1_000_000_000))


def step():
    number = next(steps)
    visit, kind = number // 4 + 1, number % 4
    if kind == 0:
        tile = (visit - 1) % len(topics)
        window.home.tiles[tile].click()
        done = f"open {visit} {topics[tile]}"
    elif kind == 1:
        window.answer.contrast_button.click()
        done = f"contrast {visit}"
    elif kind == 2:
        window.answer.home_button.click()
        done = f"home {visit}"
    else:
        window.return_home_after_idle()
        done = f"end {visit}"
    print(time.monotonic(), done, flush=True)


timer = QTimer(interval=50)
timer.timeout.connect(step)
timer.start()
print("ready", flush=True)
app.exec()
"""


def read_lines(stream: IO[str], lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line.rstrip("\n"))
    lines.put(None)  # the end of the output


def stderr_text(folder: Path) -> str:
    return (folder / "child-stderr.txt").read_text(encoding="utf-8")


def in_file(db: sqlite3.Connection, action: list[str]) -> bool:
    """Whether the file holds what one step of the child did."""
    kind, visit = action[0], int(action[1])
    if kind == "open":
        sql = "SELECT 1 FROM topic_reads WHERE visit_id = ? AND topic = ?"
        return db.execute(sql, (visit, action[2])).fetchone() is not None
    if kind == "contrast":
        sql = "SELECT 1 FROM choices_used WHERE visit_id = ? AND choice = 'contrast'"
        return db.execute(sql, (visit,)).fetchone() is not None
    if kind == "home":
        sql = "SELECT 1 FROM topic_reads WHERE visit_id = ? AND seconds IS NOT NULL"
        return db.execute(sql, (visit,)).fetchone() is not None
    assert kind == "end"
    sql = "SELECT 1 FROM visits WHERE id = ? AND ended_by = 'home'"
    return db.execute(sql, (visit,)).fetchone() is not None


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL on this system")
def test_a_running_kiosk_killed_outright_keeps_all_but_its_last_events(
    tmp_path: Path, write_pack, child_env: dict[str, str]
) -> None:
    # When the child is killed, after its first step: past the bound, so that
    # some steps must be in the file, and anywhere in a flush interval, so that
    # the batch under way may be just begun or about to be written.
    kill_after_s = LOSS_BOUND_S + random.uniform(0, FLUSH_INTERVAL_S)
    content = write_pack({topic: (f"Question {topic}?", "An answer.") for topic in TOPICS})
    lines: queue.Queue[str | None] = queue.Queue()
    done: list[tuple[float, list[str]]] = []  # (when, what) for each step
    with (
        (tmp_path / "child-stderr.txt").open("w", encoding="utf-8") as stderr,
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(content), str(tmp_path)],
            env=dict(child_env, QT_QPA_PLATFORM="offscreen"),
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        ) as child,
    ):
        assert child.stdout is not None
        reader = threading.Thread(target=read_lines, args=(child.stdout, lines), daemon=True)
        reader.start()
        try:
            # Each wait is for the child's next line; the timeout ends a broken test only.
            assert lines.get(timeout=60) == "ready"
            while not done or done[-1][0] - done[0][0] < kill_after_s:
                line = lines.get(timeout=60)
                assert line is not None, "the kiosk ended by itself:\n" + stderr_text(tmp_path)
                at, *action = line.split()
                done.append((float(at), action))
            killed_at = time.monotonic()
            os.kill(child.pid, signal.SIGKILL)
            assert child.wait(timeout=60) == -signal.SIGKILL
            reader.join(timeout=60)
            while (line := lines.get(timeout=60)) is not None:  # printed before it died
                at, *action = line.split()
                done.append((float(at), action))
        finally:
            if child.poll() is None:
                child.kill()

    with closing(sqlite3.connect(tmp_path / "stats.sqlite3")) as db:
        lost = [(killed_at - at, action) for at, action in done if not in_file(db, action)]
    assert any(killed_at - at > LOSS_BOUND_S for at, _ in done)  # the test has teeth
    oldest = max((age for age, _ in lost), default=0.0)
    killed = f"killed {kill_after_s:.2f} s after its first step"
    print(f"{killed}: {len(lost)} of {len(done)} steps lost, the oldest {oldest:.2f} s old")
    too_old = [(round(age, 2), action) for age, action in lost if age > LOSS_BOUND_S]
    assert not too_old, f"{killed}, lost steps done more than {LOSS_BOUND_S} s before"
