"""The kiosk with usage statistics on and off: what reaches the file, and what staff see."""

from __future__ import annotations

import functools
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, NoReturn

import pytest
from pytestqt.qtbot import QtBot

from kiosk import __version__
from kiosk.app import Kiosk
from kiosk.settings import Settings
from kiosk.stats.recorder import Recorder
from kiosk.status import status_lines
from kiosk.ui.relay import GuiRelay

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


def test_stats_off_writes_no_file(start_kiosk, tmp_path: Path, platform_dirs: Path):
    path = tmp_path / "stats.sqlite3"
    kiosk = start_kiosk(stats=False, stats_db=path)
    kiosk.window.home.tiles[0].click()
    kiosk.window.idle.expired.emit()
    assert kiosk.recorder is None
    assert statistics_line(kiosk) == "Usage statistics: off (stats: false in the config file)"
    assert kiosk.window.visits.visits_started == 1  # still counted, for metrics
    assert not path.exists()
    # Nor at the default place. (Not a walk of tmp_path: the kept copy of
    # the pack is being swapped in under it meanwhile.)
    assert not (platform_dirs / "data").exists()


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


# A kiosk whose start fails once its statistics writer is running. The child
# prints "recorder" when the Recorder exists, so the failure is known to come
# after it; sys.argv: the pack, the folder for the rest, and where it fails.
FAILING_START = """
import sys
from pathlib import Path

import kiosk.app as app_module
from kiosk.settings import Settings
from kiosk.stats.recorder import Recorder


class Announced(Recorder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        print("recorder", flush=True)


def broken(*_args, **_kwargs):
    raise RuntimeError("injected start-up failure")


app_module.Recorder = Announced
folder = Path(sys.argv[2])
settings = Settings(
    Path(sys.argv[1]),
    windowed=True,
    stats_db=folder / "stats.sqlite3",
    state_dir=folder / "state",
    log_dir=folder / "logs",
)
if sys.argv[3] == "kiosk":
    app_module.LastGoodCopy = broken  # later in Kiosk.__init__
    app_module.Kiosk(app_module.application(), settings)
else:
    app_module._show = broken  # in _run_alone, after the Kiosk exists
    app_module.run(settings)
"""


@pytest.mark.parametrize("where", ["kiosk", "run"])
def test_a_start_that_fails_after_the_recorder_exists_ends_the_process(
    tmp_path: Path, write_pack, child_env: dict[str, str], where: str
):
    pack = write_pack({"a": ("A?", "A.")})
    try:
        child = subprocess.run(
            [sys.executable, "-c", FAILING_START, str(pack), str(tmp_path), where],
            env=dict(child_env, QT_QPA_PLATFORM="offscreen"),
            capture_output=True,
            text=True,
            check=False,
            # Seconds normally; far more on a loaded machine, and far less than for ever.
            timeout=30,
        )
    except subprocess.TimeoutExpired as exc:
        stderr = exc.stderr.decode() if isinstance(exc.stderr, bytes) else exc.stderr
        pytest.fail(f"the process did not end by itself after a failed start:\n{stderr}")
    assert child.stdout.splitlines() == ["recorder"]
    assert "RuntimeError: injected start-up failure" in child.stderr
    assert child.returncode == 1  # Python's exit on an error: no hang, no abort
    if where == "run":  # the log says what happened, not the running kiosk's "returning home"
        log = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
        assert "CRITICAL kiosk.app: the kiosk could not start" in log
        assert "RuntimeError: injected start-up failure" in log
        assert "returning home" not in log


def test_a_kiosk_that_fails_to_start_closes_its_statistics(
    qapp, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import kiosk.app as app_module  # noqa: PLC0415 - patched where Kiosk looks them up

    recorders: list[Recorder] = []

    class Kept(Recorder):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            recorders.append(self)

    def broken(*_args: object, **_kwargs: object) -> NoReturn:
        raise RuntimeError("injected start-up failure")

    monkeypatch.setattr(app_module, "Recorder", Kept)
    monkeypatch.setattr(app_module, "LastGoodCopy", broken)
    settings = Settings(REPO / "content", windowed=True, stats_db=tmp_path / "stats.sqlite3")
    with pytest.raises(RuntimeError, match="injected"):
        Kiosk(qapp, settings)
    [recorder] = recorders
    assert recorder.finished


def test_the_writer_posts_nothing_to_the_window_once_the_stop_began(
    qtbot: QtBot, start_kiosk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import kiosk.app as app_module  # noqa: PLC0415 - patched where Kiosk looks it up

    # The writer is stuck opening the file until the test lets it go on, and
    # then finds it locked: a state to report, after the stop timed out.
    opening = threading.Event()
    go_on = threading.Event()

    def stuck_connect(_path: Path, _timeout_s: float) -> sqlite3.Connection:
        opening.set()
        go_on.wait(30)  # the test sets it; the timeout only ends a broken test
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(app_module, "Recorder", functools.partial(Recorder, connect=stuck_connect))
    posted: list[str] = []
    original_post = GuiRelay.post

    def spy(self: GuiRelay, text: str) -> None:
        posted.append(text)
        original_post(self, text)

    monkeypatch.setattr(GuiRelay, "post", spy)
    kiosk = start_kiosk(stats_db=tmp_path / "stats.sqlite3")
    recorder = kiosk.recorder
    assert recorder is not None
    assert opening.wait(30)
    assert not kiosk.stop_recording(timeout_s=0.01)  # the writer is still busy
    go_on.set()
    qtbot.waitUntil(lambda: recorder.finished)
    assert recorder.paused  # it had something to say...
    assert posted == []  # ...and said it to no one
