"""The kiosk with usage statistics on and off: what reaches the file, and what staff see."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk import __version__
from kiosk.app import Kiosk
from kiosk.settings import Settings
from kiosk.status import status_lines

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def start_kiosk(qapp, qtbot: QtBot):
    def start(**settings_options: object) -> Kiosk:
        settings = Settings(REPO / "content", windowed=True, **settings_options)  # type: ignore[arg-type]
        kiosk = Kiosk(qapp, settings, poll_ms=60_000, settle_ms=10)
        qtbot.addWidget(kiosk.window)
        kiosk.window.resize(1280, 800)
        kiosk.window.show()
        return kiosk

    return start


def statistics_line(kiosk: Kiosk) -> str:
    lines = status_lines(kiosk.status, kiosk.status.started_at, __version__)
    return next(line for line in lines if line.startswith("Usage statistics: "))


def test_a_visit_is_recorded_end_to_end(qtbot: QtBot, start_kiosk, tmp_path: Path):
    path = tmp_path / "stats" / "stats.sqlite3"
    kiosk = start_kiosk(stats_db=path, stats_keep_days=30)
    window = kiosk.window
    qtbot.waitUntil(lambda: statistics_line(kiosk) == f"Usage statistics: recording to {path}")
    window.home.tiles[0].click()
    window.answer.contrast_button.click()
    window.answer.home_button.click()
    window.idle.expired.emit()  # the home screen's idle return: the visit ends
    assert kiosk.recorder is not None
    assert kiosk.recorder.flush()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT ended_by FROM visits").fetchall() == [("home",)]
        topic = kiosk.window.pack.topics[0].id  # type: ignore[union-attr]
        assert db.execute("SELECT topic, seconds FROM topic_reads").fetchall() == [(topic, 0)]
        assert db.execute("SELECT choice FROM choices_used").fetchall() == [("contrast",)]
        assert db.execute("SELECT result, errors FROM reloads").fetchall() == [("ok", 0)]
    window.close()
    assert kiosk.recorder.finished  # closing the window closed the file


def test_the_writers_state_reaches_status_on_the_gui_thread(
    qtbot: QtBot, start_kiosk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    path = blocker / "stats.sqlite3"
    threads: list[threading.Thread] = []
    original = Kiosk._statistics_state

    def spy(self: Kiosk, state: str) -> None:
        threads.append(threading.current_thread())
        original(self, state)

    monkeypatch.setattr(Kiosk, "_statistics_state", spy)
    kiosk = start_kiosk(stats_db=path)
    paused = f"Usage statistics: paused: the database folder cannot be created ({path})"
    # The kiosk may read the state before the writer's report arrives: wait for that.
    qtbot.waitUntil(lambda: bool(threads))
    assert threads == [threading.main_thread()]
    assert statistics_line(kiosk) == paused
    kiosk.window.show_status()
    assert paused in kiosk.window.status_screen.text.toPlainText().splitlines()


def test_stats_off_writes_no_file(start_kiosk, tmp_path: Path):
    path = tmp_path / "stats.sqlite3"
    kiosk = start_kiosk(stats=False, stats_db=path)
    kiosk.window.home.tiles[0].click()
    kiosk.window.idle.expired.emit()
    assert kiosk.recorder is None
    assert statistics_line(kiosk) == "Usage statistics: off (stats: false in the config file)"
    assert kiosk.window.visits.visits_started == 1  # still counted, for metrics
    assert not path.exists()
    assert not any(tmp_path.rglob("*.sqlite3"))


def test_a_locked_statistics_file_does_not_hold_up_a_stop(qtbot: QtBot, start_kiosk, tmp_path):
    path = tmp_path / "stats.sqlite3"
    kiosk = start_kiosk(stats_db=path)
    assert kiosk.recorder is not None
    assert kiosk.recorder.flush()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the file
    try:
        kiosk.window.home.tiles[0].click()
        started = time.monotonic()
        kiosk.window.close()  # the last write waits for the lock, briefly
        assert time.monotonic() - started < 2
        assert kiosk.recorder.finished
        assert kiosk.recorder.paused
    finally:
        other.close()
