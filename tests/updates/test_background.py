"""A content folder that stops answering (a dead network share) never freezes the screen.

The share is a test double of the file layer: while it hangs, every listing
and every load blocks its caller until the test lets it go, as a "hard" NFS
mount does when its server is gone. Nothing here sleeps: tests wait on
signals, and the GUI thread's liveness is shown by a timer of its own that
keeps firing while the worker's call is blocked.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from prometheus_client.parser import text_string_to_metric_families
from PySide6.QtCore import QObject, QTimer
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.content import Pack
from kiosk.content.listing import take_listing_or_reason
from kiosk.content.loader import load_pack
from kiosk.settings import Settings
from kiosk.updates import watcher as content_watcher
from kiosk.updates.background import BackgroundWatcher
from kiosk.updates.last_good import LastGoodCopy

NEVER_MS = 3_600_000
ANSWER_MS = 200  # how long a call may take before the folder counts as not answering
TOPICS = {"a": ("Where do I park?", "Behind the clinic."), "b": ("Is there a lift?", "Yes.")}
# A call blocked longer than this is a broken test, not a hung share: let it go.
BACKSTOP_S = 30


class HangingShare:
    """The watcher's file calls, which block while the share "hangs"."""

    def __init__(self) -> None:
        self._answer = threading.Event()
        self._answer.set()
        self.blocked = threading.Event()  # a call is waiting right now

    def hang(self) -> None:
        self._answer.clear()

    def release(self) -> None:
        self._answer.set()

    def _wait(self) -> None:
        if not self._answer.is_set():
            self.blocked.set()
            self._answer.wait(BACKSTOP_S)
            self.blocked.clear()

    def take_listing(self, folder: Path, pictures: Iterable[str] = ()) -> Any:
        self._wait()
        return take_listing_or_reason(folder, pictures)

    def load(self, folder: Path, **options: Any) -> Pack:
        self._wait()
        return load_pack(folder, **options)


@pytest.fixture
def share(monkeypatch: pytest.MonkeyPatch) -> Iterator[HangingShare]:
    share = HangingShare()
    monkeypatch.setattr(content_watcher, "take_listing_or_reason", share.take_listing)
    monkeypatch.setattr(content_watcher, "load_pack", share.load)
    yield share
    share.release()  # a blocked worker must end before its thread is deleted


@pytest.fixture
def folder(write_pack) -> Path:
    return write_pack(TOPICS)


WatcherFactory = Callable[..., BackgroundWatcher]


@pytest.fixture
def make_watcher(qtbot: QtBot, share: HangingShare) -> Iterator[WatcherFactory]:
    made: list[BackgroundWatcher] = []

    def make(folder: Path, **options: Any) -> BackgroundWatcher:
        options.setdefault("poll_ms", NEVER_MS)
        options.setdefault("settle_ms", 10)
        options.setdefault("answer_timeout_ms", ANSWER_MS)
        watcher = BackgroundWatcher(folder, **options)
        made.append(watcher)
        return watcher

    yield make
    share.release()
    for watcher in made:
        assert watcher.shut_down(wait_ms=BACKSTOP_S * 1000)


def gui_ticks(owner: QObject) -> list[int]:
    """A timer on the GUI thread, as the watchdog's pings are: its ticks show the loop runs."""
    ticks: list[int] = []
    timer = QTimer(owner, interval=10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    return ticks


def test_a_healthy_folder_is_loaded_at_start(make_watcher, folder: Path) -> None:
    watcher = make_watcher(folder)
    first = watcher.start()
    assert first == load_pack(folder)
    assert watcher.answering


def test_a_folder_hanging_at_start_gives_up_waiting_and_delivers_later(
    qtbot: QtBot, make_watcher, share: HangingShare, folder: Path
) -> None:
    share.hang()
    watcher = make_watcher(folder)
    assert watcher.start() is None  # after ANSWER_MS, not when the share answers
    assert not watcher.answering
    events: list[object] = []
    watcher.answering_changed.connect(events.append)
    watcher.pack_loaded.connect(events.append)
    share.release()
    qtbot.waitUntil(lambda: len(events) == 2)
    assert events == [True, load_pack(folder)]
    assert watcher.answering


def test_the_gui_thread_runs_on_while_the_share_hangs(
    qtbot: QtBot, make_watcher, share: HangingShare, folder: Path
) -> None:
    watcher = make_watcher(folder)
    watcher.start()
    share.hang()
    with qtbot.waitSignal(watcher.answering_changed) as lost:
        watcher.reload_now()
    assert lost.args == [False]
    assert share.blocked.is_set()  # the worker is still inside the call
    ticks = gui_ticks(watcher)
    qtbot.waitUntil(lambda: len(ticks) >= 20)  # the event loop turns meanwhile
    assert share.blocked.is_set()
    with qtbot.waitSignals([watcher.answering_changed, watcher.pack_loaded]):
        share.release()


def test_calls_do_not_pile_up_behind_a_hung_one(
    qtbot: QtBot, make_watcher, share: HangingShare, folder: Path
) -> None:
    watcher = make_watcher(folder)
    watcher.start()
    share.hang()
    with qtbot.waitSignal(watcher.answering_changed):
        watcher.reload_now()
    for _ in range(5):
        watcher.reload_now()  # staff tapping Reload again and again
    packs: list[Pack] = []
    watcher.pack_loaded.connect(packs.append)
    with qtbot.waitSignal(watcher.answering_changed):
        share.release()
    qtbot.waitUntil(lambda: len(packs) == 6)
    assert all(pack == packs[0] for pack in packs)


class SlowCopy(LastGoodCopy):
    """A kept copy on a slow disk: each save waits until the test lets it go."""

    def __init__(self, state_dir: Path) -> None:
        super().__init__(state_dir)
        self.go = threading.Event()
        self.saving = threading.Event()

    def save(self, source: Path, files: Any) -> bool:
        self.saving.set()
        self.go.wait(BACKSTOP_S)
        return super().save(source, files)


def test_keeping_the_copy_never_counts_as_the_folder_not_answering(
    qtbot: QtBot, make_watcher, folder: Path, tmp_path: Path
) -> None:
    copy = SlowCopy(tmp_path / "state")
    watcher = make_watcher(folder, copy=copy)
    try:
        # The pack is handed over before its copy is written, however slow the disk.
        assert watcher.start() == load_pack(folder)
        assert copy.saving.wait(BACKSTOP_S)  # the worker is writing the copy now
        ticks = gui_ticks(watcher)
        qtbot.waitUntil(lambda: len(ticks) >= 4 * ANSWER_MS // 10)  # past the answer time
        assert watcher.answering
    finally:
        copy.go.set()
    qtbot.waitUntil(lambda: copy.info() is not None)


def test_shutting_down_a_stuck_worker_is_bounded(
    qtbot: QtBot, make_watcher, share: HangingShare, folder: Path
) -> None:
    watcher = make_watcher(folder)
    watcher.start()
    share.hang()
    with qtbot.waitSignal(watcher.answering_changed):
        watcher.reload_now()
    assert not watcher.shut_down(wait_ms=50)  # still inside the call: not waited for
    share.release()
    assert watcher.shut_down(wait_ms=BACKSTOP_S * 1000)


# -- the kiosk ---------------------------------------------------------------------
@pytest.fixture
def start_kiosk(qapp, qtbot: QtBot, share: HangingShare) -> Iterator[Callable[..., Kiosk]]:
    started: list[Kiosk] = []

    def unlock_and_release(window: Any) -> None:
        # Closing the window stops its watcher, which must not be left blocked.
        share.release()
        window.locked = False

    def start(
        folder: Path, state_dir: Path, *, metrics_file: Path | None = None, **options: Any
    ) -> Kiosk:
        settings = Settings(content=folder, state_dir=state_dir, metrics_file=metrics_file)
        options.setdefault("poll_ms", NEVER_MS)
        kiosk = Kiosk(qapp, settings, settle_ms=10, answer_timeout_ms=ANSWER_MS, **options)
        started.append(kiosk)
        qtbot.addWidget(kiosk.window, before_close_func=unlock_and_release)
        kiosk.window.resize(1280, 800)
        kiosk.window.show()
        return kiosk

    yield start
    share.release()
    for kiosk in started:
        kiosk.stop_watching()


def tile_texts(kiosk: Kiosk) -> list[str]:
    return [tile.text() for tile in kiosk.window.home.tiles]


def test_a_restart_during_an_outage_shows_the_kept_copy(
    qtbot: QtBot, start_kiosk, share: HangingShare, folder: Path, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    first = start_kiosk(folder, state)
    assert tile_texts(first) == ["Where do I park?", "Is there a lift?"]
    assert first.stop_watching()
    first.window.close()

    share.hang()  # the share's server goes away; the kiosk restarts
    kiosk = start_kiosk(folder, state)
    assert kiosk.window.current_screen == "home"  # not the "being updated" page
    assert tile_texts(kiosk) == ["Where do I park?", "Is there a lift?"]
    lines = "\n".join(kiosk.window.status_screen.text.toPlainText().splitlines())
    assert "Content shown: the kept copy of the last good content, saved at " in lines
    assert "Last reload: content folder not answering since " in lines
    assert kiosk.window.staff_menu.note.text().startswith(
        "Content: content folder not answering since "
    )


def test_the_share_coming_back_replaces_the_copy_and_clears_the_status(
    qtbot: QtBot, start_kiosk, share: HangingShare, folder: Path, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    start_kiosk(folder, state).stop_watching()
    (folder / "topics" / "c.yaml").write_text("question: New?\nanswer: Yes.\n", encoding="utf-8")
    share.hang()
    kiosk = start_kiosk(folder, state)
    assert len(tile_texts(kiosk)) == 2  # the copy, from before the new topic
    share.release()
    qtbot.waitUntil(lambda: len(tile_texts(kiosk)) == 3)
    assert kiosk.status.not_answering_since is None
    assert kiosk.status.copy_saved_at is None
    assert kiosk.status.last_result == "OK"

    def copy_has_the_new_topic() -> None:
        kept = kiosk.copy.load(folder)  # the kiosk's own copy: its lock keeps saves apart
        assert kept is not None
        assert [t.id for t in kept[0].topics] == ["a", "b", "c"]

    qtbot.waitUntil(copy_has_the_new_topic)


def test_a_restart_with_the_folder_gone_shows_the_kept_copy(
    qtbot: QtBot, start_kiosk, folder: Path, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    start_kiosk(folder, state).stop_watching()
    folder.rename(folder.with_name("unmounted"))
    kiosk = start_kiosk(folder, state)
    assert tile_texts(kiosk) == ["Where do I park?", "Is there a lift?"]
    assert kiosk.status.last_result == "1 error (the last good content is still shown)"
    assert "folder not found" in str(kiosk.status.last_problems[0])


def test_a_clock_reset_at_start_still_shows_the_kept_copy(
    qtbot: QtBot, start_kiosk, write_pack, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Reviewed today; after a power cut the kiosk's clock says 2020 and the
    # folder is gone: the copy's dates are after "today", and it shows anyway.
    folder = write_pack(TOPICS)
    state = tmp_path / "state"
    start_kiosk(folder, state).stop_watching()
    folder.rename(folder.with_name("unmounted"))
    kiosk = start_kiosk(folder, state, now=lambda: dt.datetime(2020, 1, 1, 8, 0))
    assert tile_texts(kiosk) == ["Where do I park?", "Is there a lift?"]
    logged = [r.getMessage() for r in caplog.records if r.getMessage().startswith("the kept")]
    assert len(logged) == 2
    assert logged[0].endswith(
        "after today (2020-01-01); write the day a clinician last checked this topic, "
        "today or earlier"
    )
    assert "topics/a.yaml:5:11: warning: 'reviewed' is " in logged[0]


def test_without_a_kept_copy_a_hung_share_shows_the_calm_page(
    qtbot: QtBot, start_kiosk, share: HangingShare, folder: Path, tmp_path: Path
) -> None:
    share.hang()
    kiosk = start_kiosk(folder, tmp_path / "empty-state")
    assert kiosk.window.current_screen == "unavailable"
    share.release()
    qtbot.waitUntil(lambda: kiosk.window.current_screen == "home")


def test_a_kept_copy_of_another_folder_is_never_shown(
    qtbot: QtBot, start_kiosk, share: HangingShare, write_pack, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    start_kiosk(write_pack(TOPICS), state).stop_watching()
    share.hang()
    kiosk = start_kiosk(write_pack({"x": ("Other?", "Other.")}), state)
    assert kiosk.window.current_screen == "unavailable"


def test_a_state_folder_that_cannot_be_written_is_logged_once(
    qtbot: QtBot, start_kiosk, folder: Path, tmp_path: Path, caplog
) -> None:
    blocked = tmp_path / "state-is-a-file"
    blocked.write_text("", encoding="utf-8")
    kiosk = start_kiosk(folder, blocked)
    assert tile_texts(kiosk) == ["Where do I park?", "Is there a lift?"]
    for n in range(2):
        (folder / "topics" / f"new{n}.yaml").write_text("question: N?\nanswer: N.\n", "utf-8")
        kiosk.watcher.reload_now()
        qtbot.waitUntil(lambda n=n: len(tile_texts(kiosk)) == 3 + n)
    warnings = [r for r in caplog.records if "cannot keep a copy of the content" in r.message]
    assert len(warnings) == 1


def test_the_copy_follows_each_good_pack(
    qtbot: QtBot, start_kiosk, folder: Path, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    kiosk = start_kiosk(folder, state)
    (folder / "topics" / "b.yaml").unlink()
    kiosk.watcher.reload_now()
    qtbot.waitUntil(lambda: tile_texts(kiosk) == ["Where do I park?"])

    def kept_ids() -> list[str]:
        kept = kiosk.copy.load(folder)  # the kiosk's own copy: its lock keeps saves apart
        assert kept is not None
        return [t.id for t in kept[0].topics]

    qtbot.waitUntil(lambda: kept_ids() == ["a"])  # written just after the pack is shown
    # A broken pack is never kept.
    (folder / "topics" / "a.yaml").write_text("question: [broken\n", encoding="utf-8")
    kiosk.watcher.reload_now()
    qtbot.waitUntil(lambda: kiosk.status.last_result.startswith("1 error"))
    kiosk.watcher.reload_now()  # a step more: anything kept would be written by now
    qtbot.waitUntil(lambda: kiosk.status.last_result.startswith("1 error"))
    assert kept_ids() == ["a"]
    assert LastGoodCopy(state).load(folder) is not None  # and it loads from disk alone


def test_reload_while_the_share_hangs_says_so_in_the_staff_menu(
    qtbot: QtBot, start_kiosk, share: HangingShare, folder: Path, tmp_path: Path
) -> None:
    kiosk = start_kiosk(folder, tmp_path / "state")
    share.hang()
    with qtbot.waitSignal(kiosk.watcher.answering_changed):
        kiosk.watcher.reload_now()  # the folder stops answering
    kiosk.window.show_staff_menu()
    menu = kiosk.window.staff_menu
    menu.reload_button.click()
    assert not menu.reloading  # not "Reloading…" for as long as the share hangs
    assert menu.note.text().startswith("Content: content folder not answering since ")
    share.release()
    qtbot.waitUntil(lambda: menu.note.text().startswith("Content: OK, 2 topics. Checked at "))


def test_a_thread_object_already_deleted_counts_as_ended(make_watcher, folder: Path) -> None:
    # At exit Python deletes objects in any order: the window's deletion may
    # ask an already deleted thread object to end; that must not raise.
    watcher = make_watcher(folder)
    watcher.start()
    assert watcher.shut_down()
    shiboken6.delete(watcher._worker.thread)
    assert watcher.shut_down()


def test_the_metrics_file_shows_the_kept_copy_and_the_hung_folder(
    qtbot: QtBot, start_kiosk, share: HangingShare, folder: Path, tmp_path: Path
) -> None:
    def metrics() -> dict[str, float]:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        return {s.name: s.value for f in text_string_to_metric_families(text) for s in f.samples}

    state = tmp_path / "state"
    start_kiosk(folder, state).stop_watching()
    share.hang()
    path = tmp_path / "kiosk.prom"
    kiosk = start_kiosk(folder, state, metrics_file=path)
    qtbot.waitUntil(lambda: metrics().get("kiosk_content_folder_answering") == 0)
    found = metrics()
    assert found["kiosk_content_showing_kept_copy"] == 1
    assert found["kiosk_content_topics"] == 2
    assert "kiosk_content_last_reload_success" not in found  # no result from the folder yet
    share.release()
    qtbot.waitUntil(lambda: metrics().get("kiosk_content_folder_answering") == 1)
    qtbot.waitUntil(lambda: metrics().get("kiosk_content_showing_kept_copy") == 0)
    assert metrics()["kiosk_content_last_reload_success"] == 1
    assert kiosk.status.copy_saved_at is None
