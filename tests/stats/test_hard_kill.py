"""A kiosk killed outright (SIGKILL, a power cut of the process) loses at most the
last flush interval of statistics."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.stats.recorder import FLUSH_INTERVAL_S

# Records one visit of one topic every 50 ms, printing its number and when,
# on the monotonic clock the test shares (one per machine on Linux).
CHILD = """
import datetime as dt, sys, time
from pathlib import Path
from kiosk.stats.events import TopicClosed, TopicOpened, VisitEnded, VisitStarted
from kiosk.stats.recorder import Recorder

recorder = Recorder(Path(sys.argv[1]), keep_days=400)
assert recorder.flush()
print("ready", flush=True)
at = dt.datetime(2026, 12, 3, 9, 0)
number = 0
while True:
    for event in (VisitStarted(at), TopicOpened(f"t{number}", at), TopicClosed(5),
                  VisitEnded(5, "home")):
        recorder.record(event)
    print(number, time.monotonic(), flush=True)
    number += 1
    time.sleep(0.05)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL on this system")
def test_a_hard_kill_loses_at_most_the_last_flush_interval(tmp_path: Path) -> None:
    path = tmp_path / "stats.sqlite3"
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True
    ) as child:
        assert child.stdout is not None
        try:
            assert child.stdout.readline() == "ready\n"
            recorded: dict[int, float] = {}
            started = None
            # Past one flush interval and a half: some batches written, one under way.
            while started is None or recorded[max(recorded)] - started < FLUSH_INTERVAL_S * 1.5:
                number, at = child.stdout.readline().split()
                recorded[int(number)] = float(at)
                started = started or float(at)
            killed_at = time.monotonic()
            os.kill(child.pid, signal.SIGKILL)
            for line in child.stdout:  # what it printed before it died
                number, at = line.split()
                recorded[int(number)] = float(at)
        finally:
            child.kill()
    assert child.returncode == -signal.SIGKILL

    with sqlite3.connect(path) as db:
        kept = {int(topic[1:]) for (topic,) in db.execute("SELECT topic FROM topic_reads")}
    lost = {number: killed_at - at for number, at in recorded.items() if number not in kept}
    assert kept  # the earlier batches are there
    older = {number: age for number, age in lost.items() if age > FLUSH_INTERVAL_S}
    assert not older, f"lost events recorded more than {FLUSH_INTERVAL_S} s before the kill"
