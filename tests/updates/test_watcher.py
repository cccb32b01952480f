"""ContentWatcher: changed packs are emitted once settled, broken ones reported, outages survived.

Timings are milliseconds. Tests of what must *not* happen, or of the order
of listings, drive the two steps (``poll`` and ``settle``) by hand, with the
timers set so long they never fire: no test depends on how fast the machine is.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer
from pytestqt.qtbot import QtBot

from kiosk.content import ContentError, Pack, load_pack
from kiosk.content.listing import take_listing
from kiosk.updates import watcher as content_watcher
from kiosk.updates.watcher import ContentWatcher

PackWriter = Callable[..., Path]
NEVER_MS = 3_600_000  # a timer that never fires during a test
TOPICS = {"a": ("Where do I park?", "Behind the clinic."), "b": ("Is there a lift?", "Yes.")}


def topic_text(question: str, answer: str = "Ask at the desk.") -> str:
    return f'question: "{question}"\nanswer: "{answer}"\n'


def save_by_rename(file: Path, text: str) -> None:
    """Save as most editors do: write a scratch file, then rename it over the old one."""
    scratch = file.with_name(f".{file.name}.tmp")
    scratch.write_text(text, encoding="utf-8")
    scratch.replace(file)


def bump_mtime(file: Path, seconds: int = 10) -> None:
    """Move the modification time on: file systems may keep it in whole seconds."""
    info = file.stat()
    os.utime(file, ns=(info.st_atime_ns, info.st_mtime_ns + seconds * 1_000_000_000))


@dataclass
class Emitted:
    """Every signal a watcher emitted, recorded as it happens (no event loop needed)."""

    packs: list[Pack] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)
    unavailable: list[str] = field(default_factory=list)

    @property
    def nothing(self) -> bool:
        return not (self.packs or self.errors or self.unavailable)


def record(watcher: ContentWatcher) -> Emitted:
    emitted = Emitted()
    watcher.pack_loaded.connect(emitted.packs.append)
    watcher.load_failed.connect(emitted.errors.append)
    watcher.folder_unavailable.connect(emitted.unavailable.append)
    return emitted


WatcherFactory = Callable[..., ContentWatcher]


@pytest.fixture
def start_watcher(qtbot: QtBot) -> Iterator[WatcherFactory]:
    """Start a watcher on ``folder``; by default only change events (no polls) move it."""
    started: list[ContentWatcher] = []

    def start(folder: Path, *, poll_ms: int = NEVER_MS, settle_ms: int = 20) -> ContentWatcher:
        watcher = ContentWatcher(folder, poll_ms=poll_ms, settle_ms=settle_ms)
        started.append(watcher)
        watcher.start()
        return watcher

    yield start
    for watcher in started:
        watcher.stop()


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders the watcher loaded, in order: a reload that emits nothing still counts.

    Tests clear it after ``start()``, whose own load is not what they count.
    """
    calls: list[Path] = []

    def counting_load(folder: Path, **options: Any) -> Pack:
        calls.append(folder)
        return load_pack(folder, **options)

    monkeypatch.setattr(content_watcher, "load_pack", counting_load)
    return calls


@pytest.fixture
def folder(write_pack: PackWriter) -> Path:
    return write_pack(TOPICS)


def manual_watcher(start_watcher: WatcherFactory, folder: Path) -> ContentWatcher:
    """A watcher whose timers never fire: the test takes every step itself."""
    return start_watcher(folder, poll_ms=NEVER_MS, settle_ms=NEVER_MS)


# -- start --------------------------------------------------------------------
def test_a_review_date_after_the_kiosk_s_date_is_shown_with_a_warning(
    qtbot: QtBot, write_pack: PackWriter
) -> None:
    # An admin a time zone ahead, or this kiosk's clock reset by a power cut:
    # patients still get the content, and staff see the warning in Status.
    folder = write_pack({"a": TOPICS["a"]}, reviewed=dt.date(2026, 12, 4))
    watcher = ContentWatcher(folder, poll_ms=NEVER_MS, today=lambda: dt.date(2026, 12, 3))
    result = watcher.start()
    watcher.stop()
    assert isinstance(result, Pack)
    assert [str(p) for p in result.warnings] == [
        f"{folder}/topics/a.yaml:5:11: warning: 'reviewed' is 2026-12-04, after today "
        "(2026-12-03); write the day a clinician last checked this topic, today or earlier"
    ]


def test_start_returns_the_pack_and_emits_nothing(qtbot: QtBot, folder: Path) -> None:
    watcher = ContentWatcher(folder, poll_ms=NEVER_MS)
    emitted = record(watcher)
    result = watcher.start()
    watcher.stop()
    assert result == load_pack(folder)
    assert watcher.last_result is result
    assert watcher.last_listing == take_listing(folder)
    assert emitted.nothing


def test_start_returns_the_error_of_an_invalid_pack(qtbot: QtBot, folder: Path) -> None:
    (folder / "kiosk.yaml").unlink()
    watcher = ContentWatcher(folder, poll_ms=NEVER_MS)
    result = watcher.start()
    watcher.stop()
    assert isinstance(result, ContentError)
    assert result.render().startswith(f"{folder}/kiosk.yaml: error: file not found")


def test_every_timer_belongs_to_the_watcher(qtbot: QtBot, folder: Path) -> None:
    owner = QObject()
    watcher = ContentWatcher(folder, parent=owner)
    assert watcher.parent() is owner
    timers = watcher.findChildren(QTimer)
    assert len(timers) == 3
    assert all(timer.parent() is watcher for timer in timers)


@pytest.mark.parametrize(("poll_ms", "settle_ms"), [(0, 20), (-1, 20), (50, -1)])
def test_timings_must_make_sense(folder: Path, poll_ms: int, settle_ms: int) -> None:
    with pytest.raises(ValueError, match="poll_ms must be positive"):
        ContentWatcher(folder, poll_ms=poll_ms, settle_ms=settle_ms)


# -- changes seen through change events -------------------------------------------
def test_an_added_topic_is_emitted(
    qtbot: QtBot, start_watcher: WatcherFactory, folder: Path
) -> None:
    watcher = start_watcher(folder)
    with qtbot.waitSignal(watcher.pack_loaded) as loaded:
        (folder / "topics" / "c.yaml").write_text(topic_text("Can I eat before?"), "utf-8")
    pack = loaded.args[0]
    assert isinstance(pack, Pack)
    assert pack.topic("c").question == "Can I eat before?"
    assert watcher.last_result is pack
    assert watcher.last_listing is not None
    assert "topics/c.yaml" in watcher.last_listing.names


def test_an_edit_in_place_is_emitted(
    qtbot: QtBot, start_watcher: WatcherFactory, folder: Path
) -> None:
    watcher = start_watcher(folder)
    with (
        qtbot.waitSignal(watcher.pack_loaded) as loaded,
        (folder / "topics" / "a.yaml").open("w", encoding="utf-8") as file,
    ):
        file.write(topic_text("Where can I park a bike?"))
    assert loaded.args[0].topic("a").question == "Where can I park a bike?"


def test_save_by_rename_is_emitted_and_the_file_is_watched_again(
    qtbot: QtBot, start_watcher: WatcherFactory, folder: Path
) -> None:
    watcher = start_watcher(folder)
    file = folder / "topics" / "a.yaml"
    with qtbot.waitSignal(watcher.pack_loaded) as loaded:
        save_by_rename(file, topic_text("Where do visitors park?"))
    assert loaded.args[0].topic("a").question == "Where do visitors park?"

    # The rename ended the watch on the old file; only a new watch sees this.
    with (
        qtbot.waitSignal(watcher.pack_loaded) as loaded,
        file.open("w", encoding="utf-8") as stream,
    ):
        stream.write(topic_text("Where do patients park?"))
    assert loaded.args[0].topic("a").question == "Where do patients park?"


def test_a_deleted_topic_is_emitted_without_it(
    qtbot: QtBot, start_watcher: WatcherFactory, folder: Path
) -> None:
    watcher = start_watcher(folder)
    with qtbot.waitSignal(watcher.pack_loaded) as loaded:
        (folder / "topics" / "b.yaml").unlink()
    assert [topic.id for topic in loaded.args[0].topics] == ["a"]


def test_an_invalid_edit_emits_the_located_error_and_no_pack(
    qtbot: QtBot, start_watcher: WatcherFactory, folder: Path
) -> None:
    watcher = start_watcher(folder)
    with (
        qtbot.assertNotEmitted(watcher.pack_loaded),
        qtbot.waitSignal(watcher.load_failed) as failed,
    ):
        (folder / "topics" / "a.yaml").write_text('question: "Q?"\nanswr: A.\n', "utf-8")
    error = failed.args[0]
    assert isinstance(error, ContentError)
    assert error.render() == (
        f"{folder}/topics/a.yaml:2:1: error: unknown key 'answr'; did you mean 'answer'?"
    )
    assert watcher.last_result is error


def test_fixing_a_broken_pack_emits_it_even_if_it_is_the_last_good_one(
    qtbot: QtBot, start_watcher: WatcherFactory, folder: Path
) -> None:
    watcher = start_watcher(folder)
    good = watcher.last_result
    file = folder / "topics" / "a.yaml"
    original = file.read_bytes()
    with qtbot.waitSignal(watcher.load_failed):
        file.write_text("question: [\n", "utf-8")
    with qtbot.waitSignal(watcher.pack_loaded) as loaded:
        file.write_bytes(original)
    assert loaded.args[0] == good


def test_polling_alone_finds_a_change(
    qtbot: QtBot, start_watcher: WatcherFactory, folder: Path
) -> None:
    watcher = start_watcher(folder, poll_ms=50, settle_ms=20)
    # A network share sends no change events: silence them.
    file_watcher = watcher.findChild(QFileSystemWatcher)
    assert file_watcher is not None
    file_watcher.blockSignals(True)
    with qtbot.waitSignal(watcher.pack_loaded) as loaded:
        (folder / "topics" / "c.yaml").write_text(topic_text("Can I eat before?"), "utf-8")
    assert loaded.args[0].topic("c").question == "Can I eat before?"


def test_a_removed_folder_is_reported_and_its_return_emitted(
    qtbot: QtBot, start_watcher: WatcherFactory, folder: Path, tmp_path: Path
) -> None:
    watcher = start_watcher(folder, poll_ms=50, settle_ms=20)
    before = watcher.last_result
    backup = tmp_path / "backup"
    shutil.copytree(folder, backup)

    with qtbot.assertNotEmitted(watcher.load_failed):
        with qtbot.waitSignal(watcher.folder_unavailable) as unavailable:
            shutil.rmtree(folder)
        assert unavailable.args == [f"content folder not found: {folder}"]
        assert watcher.last_listing is None

        # Restored in one step (copied beside it, then renamed), as a half
        # copied folder could legitimately fail to load.
        with qtbot.waitSignal(watcher.pack_loaded) as loaded:
            shutil.copytree(backup, tmp_path / "staging")
            (tmp_path / "staging").rename(folder)
    # The same pack as before the outage, emitted again all the same.
    assert loaded.args[0] == before
    assert watcher.last_listing == take_listing(folder)


def test_a_folder_missing_at_start_is_loaded_when_it_appears(
    qtbot: QtBot, start_watcher: WatcherFactory, write_pack: PackWriter, tmp_path: Path
) -> None:
    folder = tmp_path / "share" / "content"
    watcher = start_watcher(folder, poll_ms=50, settle_ms=20)
    assert isinstance(watcher.last_result, ContentError)
    assert watcher.last_listing is None
    emitted = record(watcher)

    with qtbot.waitSignal(watcher.pack_loaded) as loaded:
        folder.parent.mkdir()
        write_pack(TOPICS).rename(folder)
    assert [topic.id for topic in loaded.args[0].topics] == ["a", "b"]
    # Its absence was the result of start(): not reported again.
    assert emitted.unavailable == []


# -- the steps, taken by hand ------------------------------------------------------
def test_scratch_files_never_cause_a_load(
    start_watcher: WatcherFactory, folder: Path, loads: list[Path]
) -> None:
    watcher = manual_watcher(start_watcher, folder)
    loads.clear()
    emitted = record(watcher)
    topics = folder / "topics"
    for name in (".a.yaml.swp", "x~", "x.tmp", "~$x.yaml", "x.sync-conflict-1.yaml", ".x"):
        (topics / name).write_text("question: [half a fi", "utf-8")
        watcher.poll()
        watcher.settle()
    assert loads == []
    assert emitted.nothing

    # The same steps do load a real change.
    (topics / "c.yaml").write_text(topic_text("Can I eat before?"), "utf-8")
    watcher.poll()
    watcher.settle()
    assert loads == [folder]
    assert [pack.topic("c").question for pack in emitted.packs] == ["Can I eat before?"]


def test_a_file_written_in_slow_chunks_is_loaded_only_once_complete(
    start_watcher: WatcherFactory, folder: Path, loads: list[Path]
) -> None:
    watcher = manual_watcher(start_watcher, folder)
    loads.clear()
    emitted = record(watcher)
    file = folder / "topics" / "c.yaml"
    text = topic_text("Can I eat before the session?", "Yes, a light meal is fine.")
    half = len(text) // 2

    file.write_text(text[:half], "utf-8")
    watcher.poll()  # the first listing: a change
    with file.open("a", encoding="utf-8") as stream:
        stream.write(text[half:])
    watcher.settle()  # disagrees with the first: still being written
    assert loads == []
    assert emitted.nothing

    watcher.settle()  # agrees: the file held still for settle_ms
    assert loads == [folder]
    assert emitted.errors == []
    [pack] = emitted.packs
    assert pack.topic("c").question == "Can I eat before the session?"


def test_files_that_change_while_being_read_are_read_again(
    start_watcher: WatcherFactory, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    watcher = manual_watcher(start_watcher, folder)
    emitted = record(watcher)
    file = folder / "topics" / "c.yaml"
    text = topic_text("Can I eat before the session?", "Yes, a light meal is fine.")
    half = len(text) // 2
    reads: list[Pack | ContentError] = []

    def load_then_copy_on(folder: Path, **options: Any) -> Pack:
        # A copy that goes on right after the first read.
        try:
            pack = load_pack(folder, **options)
            reads.append(pack)
            return pack
        except ContentError as error:
            reads.append(error)
            raise
        finally:
            if len(reads) == 1:
                with file.open("a", encoding="utf-8") as stream:
                    stream.write(text[half:])

    monkeypatch.setattr(content_watcher, "load_pack", load_then_copy_on)
    file.write_text(text[:half], "utf-8")
    watcher.poll()
    watcher.settle()  # reads the half file, then sees it changed meanwhile
    assert len(reads) == 1
    assert emitted.nothing

    watcher.settle()
    assert len(reads) == 2
    assert emitted.errors == []
    [pack] = emitted.packs
    assert pack.topic("c").question == "Can I eat before the session?"


def test_a_same_size_edit_is_seen_by_its_modification_time(
    start_watcher: WatcherFactory, folder: Path
) -> None:
    watcher = manual_watcher(start_watcher, folder)
    emitted = record(watcher)
    file = folder / "topics" / "a.yaml"
    size = file.stat().st_size
    file.write_text(file.read_text("utf-8").replace("park?", "PARK?"), "utf-8")
    bump_mtime(file)
    assert file.stat().st_size == size
    watcher.poll()
    watcher.settle()
    assert [pack.topic("a").question for pack in emitted.packs] == ["Where do I PARK?"]


def test_a_touched_file_is_loaded_but_an_unchanged_pack_not_emitted(
    start_watcher: WatcherFactory, folder: Path, loads: list[Path]
) -> None:
    watcher = manual_watcher(start_watcher, folder)
    loads.clear()
    emitted = record(watcher)
    bump_mtime(folder / "topics" / "a.yaml")
    watcher.poll()
    watcher.settle()
    assert loads == [folder]
    assert emitted.nothing
    assert watcher.last_listing == take_listing(folder)


def test_a_change_undone_before_it_settled_is_not_loaded(
    start_watcher: WatcherFactory, folder: Path, loads: list[Path]
) -> None:
    watcher = manual_watcher(start_watcher, folder)
    loads.clear()
    extra = folder / "topics" / "c.yaml"
    extra.write_text(topic_text("Can I eat before?"), "utf-8")
    watcher.poll()
    extra.unlink()
    watcher.settle()
    watcher.settle()
    assert loads == []


def test_the_folder_going_away_is_reported_once_per_outage(
    start_watcher: WatcherFactory, folder: Path, tmp_path: Path
) -> None:
    watcher = manual_watcher(start_watcher, folder)
    emitted = record(watcher)
    parked = folder.rename(tmp_path / "parked")
    watcher.poll()
    watcher.settle()
    watcher.poll()
    assert emitted.unavailable == [f"content folder not found: {folder}"]
    folder.write_text("a file where the folder was", "utf-8")
    watcher.poll()
    assert emitted.unavailable[1:] == [f"not a folder: {folder}"]

    folder.unlink()
    parked.rename(folder)
    watcher.poll()
    watcher.settle()
    assert len(emitted.packs) == 1
    assert emitted.errors == []


def test_reload_now_emits_the_pack_even_without_changes(
    start_watcher: WatcherFactory, folder: Path, loads: list[Path]
) -> None:
    watcher = manual_watcher(start_watcher, folder)
    loads.clear()
    first = watcher.last_result
    emitted = record(watcher)
    watcher.reload_now()
    watcher.reload_now()
    assert emitted.packs == [first, first]
    assert loads == [folder, folder]


def test_reload_now_emits_the_error_each_time(start_watcher: WatcherFactory, folder: Path) -> None:
    (folder / "topics" / "b.yaml").write_text("answer: no question\n", "utf-8")
    watcher = manual_watcher(start_watcher, folder)
    emitted = record(watcher)
    watcher.reload_now()
    watcher.reload_now()
    assert emitted.packs == []
    assert [error.render() for error in emitted.errors] == [
        f"{folder}/topics/b.yaml:1:1: error: missing required key 'question'"
    ] * 2


def test_reload_now_of_a_missing_folder_reports_it_and_fails(
    start_watcher: WatcherFactory, folder: Path
) -> None:
    watcher = manual_watcher(start_watcher, folder)
    emitted = record(watcher)
    shutil.rmtree(folder)
    watcher.reload_now()
    assert emitted.unavailable == [f"content folder not found: {folder}"]
    assert [error.render() for error in emitted.errors] == [
        f"{folder}: error: folder not found; give the folder that holds kiosk.yaml"
    ]


# -- nothing escapes ----------------------------------------------------------------
def test_an_unexpected_error_while_loading_becomes_load_failed(
    start_watcher: WatcherFactory, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    watcher = manual_watcher(start_watcher, folder)
    emitted = record(watcher)

    def failing_load(folder: Path, **options: Any) -> Pack:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(content_watcher, "load_pack", failing_load)
    watcher.reload_now()
    assert [error.render() for error in emitted.errors] == [
        f"{folder}: error: cannot load the pack: [Errno 5] Input/output error"
    ]


def test_an_unexpected_error_in_a_step_becomes_load_failed(
    start_watcher: WatcherFactory, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    watcher = manual_watcher(start_watcher, folder)
    emitted = record(watcher)

    def broken_listing(folder: Path, pictures: object = ()) -> str:
        raise RuntimeError("a bug")

    monkeypatch.setattr(content_watcher, "take_listing_or_reason", broken_listing)
    watcher.poll()
    watcher.settle()
    assert [error.render() for error in emitted.errors] == [
        f"{folder}: error: cannot reload the pack: a bug"
    ] * 2


def test_stop_ends_watching_but_reload_now_still_works(
    start_watcher: WatcherFactory, folder: Path, loads: list[Path]
) -> None:
    watcher = start_watcher(folder, poll_ms=50, settle_ms=20)
    loads.clear()
    emitted = record(watcher)
    watcher.stop()
    assert not any(timer.isActive() for timer in watcher.findChildren(QTimer))
    file_watcher = watcher.findChild(QFileSystemWatcher)
    assert file_watcher is not None
    assert file_watcher.files() == file_watcher.directories() == []

    (folder / "topics" / "c.yaml").write_text(topic_text("Can I eat before?"), "utf-8")
    watcher.poll()
    watcher.settle()
    assert loads == []

    watcher.reload_now()
    assert [pack.topic("c").question for pack in emitted.packs] == ["Can I eat before?"]


def _swap_link(link: Path, target: Path) -> None:
    """The README's recipe: a new link beside the old, renamed over it in one step."""
    fresh = link.with_name(link.name + ".new")
    fresh.symlink_to(target)
    fresh.replace(link)


def test_a_pack_swapped_by_a_symbolic_link_is_loaded_at_once(
    qtbot: QtBot, start_watcher: WatcherFactory, write_pack: PackWriter, tmp_path: Path
) -> None:
    old = write_pack({"a": ("Old question?", "Old.")})
    new = write_pack({"a": ("New question?", "New.")})
    link = tmp_path / "current"
    link.symlink_to(old)
    watcher = start_watcher(link)  # change events only: no polling
    with qtbot.waitSignal(watcher.pack_loaded, timeout=5000) as loaded:
        _swap_link(link, new)
    assert loaded.args[0].topics[0].question == "New question?"
    # and the new pack's own files are watched from now on
    with qtbot.waitSignal(watcher.pack_loaded, timeout=5000) as loaded:
        (new / "topics" / "a.yaml").write_text(topic_text("Edited in place?"), encoding="utf-8")
    assert loaded.args[0].topics[0].question == "Edited in place?"


def test_a_swap_to_an_identical_copy_is_still_a_change(
    start_watcher: WatcherFactory, write_pack: PackWriter, tmp_path: Path
) -> None:
    old = write_pack({"a": ("Same?", "Same.")})
    copy = tmp_path / "copy"
    shutil.copytree(old, copy)  # copy2: the same sizes and modification times
    link = tmp_path / "current"
    link.symlink_to(old)
    watcher = start_watcher(link, settle_ms=NEVER_MS)
    before = watcher.last_listing
    _swap_link(link, copy)
    watcher.poll()
    watcher.settle()
    assert before is not None
    assert watcher.last_listing is not None
    assert watcher.last_listing.files == before.files
    assert watcher.last_listing != before


# -- a failed pack is tried again -------------------------------------------------
class FixedLater:
    """A load that fails until the admin's fix, which no listing can see (a file's
    owner or its access rights on a share)."""

    def __init__(self, error: str) -> None:
        self.fixed = False
        self.calls = 0
        self.error = error

    def __call__(self, folder: Path, **options: Any) -> Pack:
        self.calls += 1
        if not self.fixed:
            raise ContentError([content_watcher.Problem(f"{folder}/topics/a.yaml", self.error)])
        return load_pack(folder, **options)


def test_a_failed_pack_is_loaded_again_on_every_poll_though_nothing_changed(
    start_watcher: WatcherFactory, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load = FixedLater("cannot read the file: Permission denied")
    monkeypatch.setattr(content_watcher, "load_pack", load)
    watcher = manual_watcher(start_watcher, folder)
    assert isinstance(watcher.last_result, ContentError)
    emitted = record(watcher)
    watcher.poll()
    assert load.calls == 2  # tried again, though the listing is the same
    assert emitted.nothing  # the same failure is not reported again
    load.fixed = True  # chmod 644
    watcher.poll()
    assert emitted.packs == [load_pack(folder)]
    watcher.poll()
    assert load.calls == 3  # a good pack is not read again while nothing changes


def test_a_failure_that_changes_is_reported_again(
    start_watcher: WatcherFactory, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load = FixedLater("cannot read the file: Permission denied")
    monkeypatch.setattr(content_watcher, "load_pack", load)
    watcher = manual_watcher(start_watcher, folder)
    emitted = record(watcher)
    load.error = "cannot read the file: Input/output error"
    watcher.poll()
    assert [error.render() for error in emitted.errors] == [
        f"{folder}/topics/a.yaml: error: cannot read the file: Input/output error"
    ]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files whatever their mode"
)
def test_a_permission_fix_on_the_file_itself_is_loaded(
    qtbot: QtBot, start_watcher: WatcherFactory, folder: Path
) -> None:
    topic = folder / "topics" / "a.yaml"
    topic.chmod(0o000)
    watcher = start_watcher(folder, poll_ms=50, settle_ms=20)
    assert isinstance(watcher.last_result, ContentError)
    with qtbot.waitSignal(watcher.pack_loaded):
        topic.chmod(0o644)


# -- pictures -----------------------------------------------------------------------
def picture(colour: str) -> bytes:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8">'
        f'<rect width="8" height="8" fill="{colour}"/></svg>'
    ).encode()


def with_picture(folder: Path) -> Path:
    (folder / "pictures").mkdir()
    (folder / "pictures" / "lift.svg").write_bytes(picture("navy"))
    (folder / "topics" / "b.yaml").write_text(
        "question: Is there a lift?\nanswer: Yes.\nimage: pictures/lift.svg\nimage_alt: A lift\n",
        encoding="utf-8",
    )
    return folder


def test_a_replaced_picture_is_emitted(
    start_watcher: WatcherFactory, folder: Path, loads: list[Path]
) -> None:
    watcher = manual_watcher(start_watcher, with_picture(folder))
    # The first listing after the start stamps the pack's pictures too: one
    # more load, of the same pack, which is not emitted.
    emitted = record(watcher)
    watcher.poll()
    watcher.settle()
    assert emitted.nothing
    assert watcher.last_listing is not None
    assert "pictures/lift.svg" in watcher.last_listing.names
    loads.clear()

    save_by_rename(folder / "pictures" / "lift.svg", picture("maroon").decode())
    bump_mtime(folder / "pictures" / "lift.svg")
    watcher.poll()
    watcher.settle()
    assert loads == [folder]
    [pack] = emitted.packs
    image = pack.topic("b").image
    assert image is not None and image.data == picture("maroon")


def test_a_replaced_picture_is_seen_by_a_change_event(
    qtbot: QtBot, start_watcher: WatcherFactory, folder: Path
) -> None:
    watcher = start_watcher(with_picture(folder))
    file = folder / "pictures" / "lift.svg"
    # The pack loaded at start is settled once its pictures are stamped.
    qtbot.waitUntil(
        lambda: (
            watcher.last_listing is not None and "pictures/lift.svg" in watcher.last_listing.names
        )
    )
    with qtbot.waitSignal(watcher.pack_loaded) as loaded, file.open("wb") as stream:
        stream.write(picture("maroon"))
    image = loaded.args[0].topic("b").image
    assert image is not None and image.data == picture("maroon")


def test_a_picture_that_breaks_is_reported_where_the_topic_names_it(
    start_watcher: WatcherFactory, folder: Path
) -> None:
    watcher = manual_watcher(start_watcher, with_picture(folder))
    watcher.poll()
    watcher.settle()
    emitted = record(watcher)
    (folder / "pictures" / "lift.svg").write_bytes(b"not yet drawn")
    bump_mtime(folder / "pictures" / "lift.svg")
    watcher.poll()
    watcher.settle()
    [error] = emitted.errors
    assert error.render() == (
        f"{folder}/topics/b.yaml:3:8: error: 'image' pictures/lift.svg is named as an SVG "
        "picture but holds text with no SVG drawing in it (no <svg> element); save the "
        "picture again as an SVG file"
    )
