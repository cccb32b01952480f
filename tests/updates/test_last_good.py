"""The kept copy of the last good pack: exactly what was checked, swapped whole, found again."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from pathlib import Path

import pytest

from kiosk.content import Severity, load_pack
from kiosk.updates.last_good import COPY_DIR, SOURCE_FILE, LastGoodCopy

SAVED_AT = dt.datetime(2026, 12, 3, 9, 30, 0)
TOPICS = {"a": ("Where do I park?", "Behind the clinic."), "b": ("Is there a lift?", "Yes.")}


def checked_files(folder: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    load_pack(folder, files=files)
    return files


@pytest.fixture
def copy(tmp_path: Path) -> LastGoodCopy:
    return LastGoodCopy(tmp_path / "state", now=lambda: SAVED_AT)


def test_the_loader_gathers_every_file_it_checked(write_pack) -> None:
    folder = write_pack(TOPICS)
    (folder / "topics" / "notes.txt").write_text("not a topic", encoding="utf-8")
    files = checked_files(folder)
    assert sorted(files) == ["kiosk.yaml", "topics/a.yaml", "topics/b.yaml"]
    assert files["topics/a.yaml"] == (folder / "topics" / "a.yaml").read_bytes()


def test_a_saved_copy_loads_as_the_same_pack(write_pack, copy: LastGoodCopy) -> None:
    folder = write_pack(TOPICS)
    assert copy.save(folder, checked_files(folder))
    kept = copy.load(folder)
    assert kept is not None
    pack, info = kept
    original = load_pack(folder)
    assert (pack.title, pack.topics, pack.welcome, pack.footer) == (
        original.title,
        original.topics,
        original.welcome,
        original.footer,
    )
    assert info.source == str(folder)
    assert info.saved_at == SAVED_AT


def test_the_copy_holds_what_was_checked_not_what_the_folder_holds_later(
    write_pack, copy: LastGoodCopy
) -> None:
    folder = write_pack(TOPICS)
    files = checked_files(folder)
    (folder / "topics" / "a.yaml").write_text("question: [broken\n", encoding="utf-8")
    copy.save(folder, files)
    kept = copy.load(folder)
    assert kept is not None
    assert kept[0].topic("a").question == "Where do I park?"


def test_the_same_files_again_write_nothing(write_pack, copy: LastGoodCopy) -> None:
    folder = write_pack(TOPICS)
    assert copy.save(folder, checked_files(folder))
    source = copy.folder / SOURCE_FILE
    before = source.stat().st_mtime_ns
    assert not copy.save(folder, checked_files(folder))
    assert source.stat().st_mtime_ns == before


def test_a_new_pack_replaces_the_whole_copy(write_pack, copy: LastGoodCopy) -> None:
    folder = write_pack(TOPICS)
    copy.save(folder, checked_files(folder))
    (folder / "topics" / "b.yaml").unlink()
    assert copy.save(folder, checked_files(folder))
    kept = copy.load(folder)
    assert kept is not None
    assert [t.id for t in kept[0].topics] == ["a"]
    assert not (copy.folder / "topics" / "b.yaml").exists()
    assert sorted(p.name for p in copy.state_dir.iterdir()) == [COPY_DIR]  # no leftovers


def test_a_copy_of_another_folder_is_not_used(write_pack, copy: LastGoodCopy, caplog) -> None:
    folder = write_pack(TOPICS)
    copy.save(folder, checked_files(folder))
    with caplog.at_level(logging.INFO, logger="kiosk.updates.last_good"):
        assert copy.load(folder.parent / "another-pack") is None
    assert f"the kept copy of the last good content is of {folder}" in caplog.text


def test_a_copy_reviewed_after_the_kiosk_s_date_is_still_used(write_pack, tmp_path: Path) -> None:
    # The clock is wrong at start (reset by a power cut) and the folder is
    # unreachable: patients see the kept content, not "being updated".
    folder = write_pack(TOPICS, reviewed=SAVED_AT.date())
    late_clock = LastGoodCopy(tmp_path / "state", now=lambda: dt.datetime(2026, 1, 1, 0, 0))
    assert late_clock.save(folder, checked_files(folder))
    kept = late_clock.load(folder)
    assert kept is not None
    pack, _ = kept
    assert [p.severity for p in pack.warnings] == [Severity.WARNING, Severity.WARNING]
    assert str(pack.warnings[0]) == (
        f"{late_clock.folder}/topics/a.yaml:5:11: warning: 'reviewed' is 2026-12-03, after "
        "today (2026-01-01); write the day a clinician last checked this topic, today or earlier"
    )


def test_no_copy_yet(copy: LastGoodCopy, tmp_path: Path) -> None:
    assert copy.info() is None
    assert copy.load(tmp_path / "pack") is None


def test_a_damaged_copy_is_not_used_and_says_why(write_pack, copy: LastGoodCopy, caplog) -> None:
    folder = write_pack(TOPICS)
    copy.save(folder, checked_files(folder))
    (copy.folder / "kiosk.yaml").write_text("schema: 1\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kiosk.updates.last_good"):
        assert copy.load(folder) is None
    assert "missing required key 'title'" in caplog.text


def test_a_swap_cut_short_between_its_renames_is_undone(write_pack, copy: LastGoodCopy) -> None:
    folder = write_pack(TOPICS)
    copy.save(folder, checked_files(folder))
    # A power cut after the old copy was renamed aside, before the new one took its place.
    copy.folder.rename(copy.state_dir / ".last-good-pack.old")
    (copy.state_dir / ".last-good-pack.new").mkdir()
    kept = copy.load(folder)
    assert kept is not None
    assert [t.id for t in kept[0].topics] == ["a", "b"]


def test_a_pack_in_several_languages_is_kept_whole(write_pack, copy: LastGoodCopy) -> None:
    folder = write_pack(TOPICS)
    with (folder / "kiosk.yaml").open("a", encoding="utf-8") as file:
        file.write("languages: [en, es]\n")
    (folder / "kiosk.es.yaml").write_text("title: Clínica\nwords:\n  Home: Inicio\n", "utf-8")
    (folder / "topics" / "a.es.yaml").write_text("question: ¿Aparcar?\nanswer: Detrás.\n", "utf-8")
    files = checked_files(folder)
    assert sorted(files) == [
        "kiosk.es.yaml",
        "kiosk.yaml",
        "topics/a.es.yaml",
        "topics/a.yaml",
        "topics/b.yaml",
    ]
    assert copy.save(folder, files)
    kept = copy.load(folder)
    assert kept is not None
    original = load_pack(folder)
    assert (kept[0].translations, kept[0].words) == (original.translations, original.words)


@pytest.mark.parametrize(
    "name",
    [
        "../kiosk.yaml",
        "/etc/passwd",
        "topics/../../x.yaml",
        "images/a.txt",
        "../a.png",
        "pictures/../../a.png",
        "/tmp/a.png",
        "pictures\\..\\..\\a.png",
        "topics/..",
        "kiosk.es.txt",
        "es/kiosk.es.yaml",
    ],
)
def test_only_pack_files_are_kept(copy: LastGoodCopy, tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="not a pack file"):
        copy.save(tmp_path / "pack", {"kiosk.yaml": b"schema: 1\n", name: b"x"})
    assert not copy.folder.exists()


def test_a_state_folder_that_cannot_be_written_raises(write_pack, tmp_path: Path) -> None:
    blocked = tmp_path / "state-is-a-file"
    blocked.write_text("", encoding="utf-8")
    folder = write_pack(TOPICS)
    with pytest.raises(OSError):
        LastGoodCopy(blocked).save(folder, checked_files(folder))


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle r="4"/></svg>'


def test_the_copy_holds_the_pictures_in_their_folders_and_loads_from_there(
    write_pack, copy: LastGoodCopy
) -> None:
    folder = write_pack(TOPICS)
    (folder / "pictures" / "people").mkdir(parents=True)
    (folder / "pictures" / "people" / "lift.svg").write_bytes(SVG)
    (folder / "topics" / "b.yaml").write_text(
        "question: Is there a lift?\nanswer: Yes.\nimage: pictures/people/lift.svg\n"
        "image_alt: A lift\n",
        encoding="utf-8",
    )
    files = checked_files(folder)
    assert files["pictures/people/lift.svg"] == SVG
    assert copy.save(folder, files)
    assert (copy.folder / "pictures" / "people" / "lift.svg").read_bytes() == SVG
    # The share is gone: the copy still has the picture.
    shutil.rmtree(folder)
    kept = copy.load(folder)
    assert kept is not None
    image = kept[0].topic("b").image
    assert image is not None
    assert (image.file, image.data, image.alt) == ("pictures/people/lift.svg", SVG, "A lift")
