"""take_listing: a stat-only snapshot that changes exactly when the loader's input does."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content import load_pack
from kiosk.content.listing import (
    FileStamp,
    Listing,
    take_listing,
    take_listing_or_reason,
)

PACK_YAML = "schema: 1\ntitle: Clinic\n"
TOPIC_YAML = "question: Q?\nanswer: A.\n"

# Every kind of file that editors and sync tools leave behind while they work.
SCRATCH_NAMES = [
    ".a.yaml.swp",
    ".hidden.yaml",
    "a.yaml~",
    "a.yaml.tmp",
    "a.yaml.part",
    "a.swp",
    "~$a.yaml",
    "a.sync-conflict-1.yaml",
]


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    (folder / "topics").mkdir(parents=True)
    (folder / "kiosk.yaml").write_text(PACK_YAML, encoding="utf-8")
    (folder / "topics" / "b.yaml").write_text(TOPIC_YAML, encoding="utf-8")
    (folder / "topics" / "a.yaml").write_text(TOPIC_YAML + "order: 1\n", encoding="utf-8")
    return folder


def listing_of(folder: Path) -> Listing:
    listing = take_listing(folder)
    assert listing is not None
    return listing


def bump_mtime(file: Path, seconds: int = 10) -> None:
    """Move the modification time on: file systems may keep it in whole seconds."""
    info = file.stat()
    os.utime(file, ns=(info.st_atime_ns, info.st_mtime_ns + seconds * 1_000_000_000))


def save_by_rename(file: Path, text: str) -> None:
    """Save as most editors do: write a scratch file, then rename it over the old one."""
    scratch = file.with_name(f".{file.name}.tmp")
    scratch.write_text(text, encoding="utf-8")
    scratch.replace(file)


def test_listing_stamps_kiosk_yaml_and_every_topic_sorted_by_name(pack: Path) -> None:
    listing = listing_of(pack)
    assert listing.names == ("kiosk.yaml", "topics/a.yaml", "topics/b.yaml")
    for stamp in listing.files:
        info = (pack / stamp.name).stat()
        mode = stat.S_IMODE(info.st_mode)
        assert stamp == FileStamp(stamp.name, info.st_size, info.st_mtime_ns, mode)
    assert listing.files[1].size == len(TOPIC_YAML + "order: 1\n")


def test_a_permission_change_changes_the_listing(pack: Path) -> None:
    # An admin's chmod that makes an unreadable topic readable keeps its size
    # and time: only its mode says something changed.
    topic = pack / "topics" / "a.yaml"
    topic.chmod(0o600)
    before = listing_of(pack)
    topic.chmod(0o644)
    assert listing_of(pack) != before


def test_listings_of_an_unchanged_folder_are_equal_and_hash_alike(pack: Path) -> None:
    first, second = listing_of(pack), listing_of(pack)
    assert first == second
    assert first is not second
    assert hash(first) == hash(second)
    assert len({first, second}) == 1


def test_other_files_beside_the_pack_are_not_listed(pack: Path) -> None:
    before = listing_of(pack)
    (pack / "README.txt").write_text("notes", encoding="utf-8")
    (pack / "images").mkdir()
    assert listing_of(pack) == before


@pytest.mark.parametrize("name", SCRATCH_NAMES)
def test_scratch_files_are_not_listed(pack: Path, name: str) -> None:
    before = listing_of(pack)
    (pack / "topics" / name).write_text("half a file", encoding="utf-8")
    assert listing_of(pack) == before


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda t: (t / "a.yaml").write_text("question: Longer?\n", "utf-8"), id="grown"
        ),
        pytest.param(lambda t: (t / "c.yaml").write_text(TOPIC_YAML, "utf-8"), id="added"),
        pytest.param(lambda t: (t / "a.yaml").unlink(), id="removed"),
        pytest.param(lambda t: (t / "a.yaml").rename(t / "c.yaml"), id="renamed"),
        pytest.param(lambda t: save_by_rename(t / "a.yaml", TOPIC_YAML), id="saved-by-rename"),
        # The loader warns about these, so they must count too.
        pytest.param(lambda t: (t / "notes.txt").write_text("x", "utf-8"), id="non-yaml"),
        pytest.param(lambda t: (t / "old").mkdir(), id="folder"),
        pytest.param(lambda t: (t / "c.yaml").symlink_to(t / "gone.yaml"), id="broken-link"),
    ],
)
def test_each_change_to_the_topics_changes_the_listing(
    pack: Path, change: Callable[[Path], object]
) -> None:
    before = listing_of(pack)
    change(pack / "topics")
    assert listing_of(pack) != before


def test_a_same_size_edit_is_seen_by_its_modification_time(pack: Path) -> None:
    file = pack / "topics" / "b.yaml"
    before = listing_of(pack)
    file.write_text(TOPIC_YAML.replace("Q?", "R?"), encoding="utf-8")
    bump_mtime(file)
    after = listing_of(pack)
    assert [s.size for s in after.files] == [s.size for s in before.files]
    assert after != before


def test_kiosk_yaml_changes_change_the_listing(pack: Path) -> None:
    before = listing_of(pack)
    (pack / "kiosk.yaml").unlink()
    missing = listing_of(pack)
    assert missing.names == ("topics/a.yaml", "topics/b.yaml")
    (pack / "kiosk.yaml").write_text(PACK_YAML, encoding="utf-8")
    bump_mtime(pack / "kiosk.yaml")
    assert listing_of(pack) not in (before, missing)


def test_a_folder_inside_topics_counts_by_presence_only(pack: Path) -> None:
    (pack / "topics" / "old").mkdir()
    before = listing_of(pack)
    assert FileStamp("topics/old", 0, 0) in before.files
    # The loader never reads inside it, so its contents must not matter.
    (pack / "topics" / "old" / "x.yaml").write_text(TOPIC_YAML, encoding="utf-8")
    assert listing_of(pack) == before


def test_missing_topics_folder_lists_kiosk_yaml_alone(pack: Path) -> None:
    for file in (pack / "topics").iterdir():
        file.unlink()
    (pack / "topics").rmdir()
    assert listing_of(pack).names == ("kiosk.yaml",)
    (pack / "topics").write_text("not a folder", encoding="utf-8")
    assert listing_of(pack).names == ("kiosk.yaml",)


def test_an_empty_folder_has_an_empty_listing(tmp_path: Path) -> None:
    assert listing_of(tmp_path) == Listing((), os.path.realpath(tmp_path))


def test_the_listing_names_where_a_linked_folder_really_is(tmp_path: Path) -> None:
    (tmp_path / "pack").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "pack")
    assert listing_of(tmp_path / "link").root == os.path.realpath(tmp_path / "pack")


def test_a_missing_folder_has_no_listing(tmp_path: Path) -> None:
    folder = tmp_path / "share" / "content"
    assert take_listing(folder) is None
    assert take_listing_or_reason(folder) == f"content folder not found: {folder}"


def test_a_file_given_as_the_folder_has_no_listing(pack: Path) -> None:
    file = pack / "kiosk.yaml"
    assert take_listing(file) is None
    assert take_listing_or_reason(file) == f"not a folder: {file}"


def test_an_unreadable_topics_folder_makes_the_folder_unavailable(
    pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Permissions cannot be tested as root (CI containers): fail the scan itself,
    # as a share that drops mid-scan does.
    real_scandir = os.scandir

    def failing_scandir(path: Path) -> object:
        if Path(path) == pack / "topics":
            raise OSError(5, "Input/output error")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", failing_scandir)
    assert take_listing(pack) is None
    assert take_listing_or_reason(pack) == (
        f"cannot read the content folder {pack}: Input/output error"
    )


def test_a_folder_that_cannot_be_reached_has_no_listing(tmp_path: Path) -> None:
    weird = tmp_path / "nul\0byte"
    assert take_listing(weird) is None
    reason = take_listing_or_reason(weird)
    assert isinstance(reason, str)
    assert reason.startswith(f"cannot reach the content folder {weird}: ")


# --- symbolic links that go round in a loop ------------------------------------------------------


def make_topic_loop(topics: Path) -> None:
    (topics / "loop.yaml").symlink_to("loop.yaml")


def make_topic_pair(topics: Path) -> None:
    (topics / "c.yaml").symlink_to("d.yaml")
    (topics / "d.yaml").symlink_to("c.yaml")


def make_kiosk_yaml_loop(topics: Path) -> None:
    (topics.parent / "kiosk.yaml").unlink()
    (topics.parent / "kiosk.yaml").symlink_to("kiosk.yaml")


def make_topics_folder_loop(topics: Path) -> None:
    shutil.rmtree(topics)
    topics.symlink_to("topics")


def replace_with_empty_folder(link: Path) -> None:
    link.unlink()
    link.mkdir()


def replace_with_file(link: Path) -> None:
    link.unlink()
    link.write_text(TOPIC_YAML, encoding="utf-8")


@pytest.mark.parametrize(
    ("make_loop", "looped", "fix"),
    [
        pytest.param(make_topic_loop, "topics/loop.yaml", replace_with_file, id="topic-to-itself"),
        pytest.param(make_topic_pair, "topics/c.yaml", replace_with_file, id="two-topics"),
        pytest.param(make_kiosk_yaml_loop, "kiosk.yaml", replace_with_file, id="kiosk-yaml"),
        # Even an empty folder (no topic stamps either way) must be a change.
        pytest.param(
            make_topics_folder_loop, "topics", replace_with_empty_folder, id="topics-folder"
        ),
    ],
)
def test_a_link_loop_is_listed_and_replacing_it_is_a_change(
    pack: Path,
    make_loop: Callable[[Path], object],
    looped: str,
    fix: Callable[[Path], object],
) -> None:
    make_loop(pack / "topics")
    with_loop = take_listing_or_reason(pack)  # a listing, not an error
    assert isinstance(with_loop, Listing)
    assert looped in with_loop.names
    assert listing_of(pack) == with_loop
    fix(pack / looped)
    assert listing_of(pack) != with_loop


def test_a_content_folder_that_loops_says_so(tmp_path: Path) -> None:
    (tmp_path / "current").symlink_to("current")
    assert take_listing(tmp_path / "current") is None
    assert take_listing_or_reason(tmp_path / "current") == (
        f"the content folder {tmp_path}/current is a symbolic link that leads back to itself "
        "(a link loop)"
    )


# --- the pack's texts in other languages ----------------------------------------------------


def test_listing_stamps_the_packs_texts_in_other_languages(pack: Path) -> None:
    (pack / "kiosk.es.yaml").write_text("title: Clínica\n", encoding="utf-8")
    (pack / "kiosk.ar.yml").write_text("title: عيادة\n", encoding="utf-8")
    # Not read by the loader, so not stamped: other files, and scratch copies.
    for name in ("notes.txt", "kiosk.yaml.bak", "kiosk.es.yaml~", ".kiosk.es.yaml.swp"):
        (pack / name).write_text("x", encoding="utf-8")
    assert listing_of(pack).names == (
        "kiosk.ar.yml",
        "kiosk.es.yaml",
        "kiosk.yaml",
        "topics/a.yaml",
        "topics/b.yaml",
    )


@pytest.mark.parametrize("change", ["edit", "add", "remove", "rename"])
def test_a_change_to_a_language_file_changes_the_listing(pack: Path, change: str) -> None:
    texts = pack / "kiosk.es.yaml"
    texts.write_text("title: Clínica\n", encoding="utf-8")
    before = listing_of(pack)
    if change == "edit":
        save_by_rename(texts, "title: Clínica\nwords:\n  Home: Inicio\n")
    elif change == "add":
        (pack / "kiosk.ar.yaml").write_text("title: عيادة\n", encoding="utf-8")
    elif change == "remove":
        texts.unlink()
    else:
        texts.rename(pack / "kiosk.fr.yaml")
    assert listing_of(pack) != before


def test_a_same_size_edit_of_a_language_file_is_seen_by_its_time(pack: Path) -> None:
    texts = pack / "kiosk.es.yaml"
    texts.write_text("title: Clinica\n", encoding="utf-8")
    before = listing_of(pack)
    texts.write_text("title: Clinico\n", encoding="utf-8")
    bump_mtime(texts)
    assert listing_of(pack) != before


def test_scratch_copies_of_a_language_file_change_nothing(pack: Path) -> None:
    (pack / "kiosk.es.yaml").write_text("title: Clínica\n", encoding="utf-8")
    before = listing_of(pack)
    (pack / ".kiosk.es.yaml.swp").write_text("swap", encoding="utf-8")
    (pack / "kiosk.es.yaml~").write_text("backup", encoding="utf-8")
    assert listing_of(pack) == before


# Beside kiosk.yaml: names the loader reads as the pack's texts, names it warns
# about (a close name, a copy), and names it passes over without a word.
BESIDE_KIOSK_YAML = [
    "kiosk.es.yaml",
    "kiosk.ar.yml",
    "Kiosk.es.yaml",
    "kiosk.es.YAML",
    "kiosk_ar.yaml",
    "kiosk.es_MX.yaml",
    "kiosk.old.yaml",
    "Kiosk.old.yaml",
    "notes.txt",
    "kiosk.yaml.bak",
    "kiosk.es.yaml~",
]


def test_the_listing_stamps_exactly_the_files_the_loader_reads_or_warns_about(
    pack: Path,
) -> None:
    (pack / "kiosk.yaml").write_text(PACK_YAML + "languages: [en, es, ar]\n", encoding="utf-8")
    for name in BESIDE_KIOSK_YAML:
        (pack / name).write_text("title: T\n", encoding="utf-8")
    loaded = load_pack(pack)
    seen = {Path(p.path).name for p in loaded.warnings if Path(p.path).parent == pack}
    seen |= {Path(path).name for path in loaded.text_files.values()}
    stamped = {name for name in listing_of(pack).names if "/" not in name} - {"kiosk.yaml"}
    assert stamped == seen
    assert stamped == {
        "kiosk.es.yaml",
        "kiosk.ar.yml",
        "Kiosk.es.yaml",
        "kiosk.es.YAML",
        "kiosk_ar.yaml",
        "kiosk.es_MX.yaml",
        "kiosk.old.yaml",
    }


def test_a_misnamed_language_file_changes_the_listing(pack: Path) -> None:
    """The loader warns about it: adding one must be seen, so the warning is."""
    before = listing_of(pack)
    (pack / "Kiosk.es.yaml").write_text("title: Clínica\n", encoding="utf-8")
    assert listing_of(pack) != before


def test_the_pictures_named_are_stamped_and_a_replaced_one_is_a_change(pack: Path) -> None:
    (pack / "pictures").mkdir()
    (pack / "pictures" / "lift.svg").write_bytes(b"<svg/>")
    (pack / "pictures" / "unused.svg").write_bytes(b"<svg/>")
    wanted = ["pictures/lift.svg", "pictures/not-there-yet.svg", "topics/a.yaml"]
    before = take_listing(pack, wanted)
    assert before is not None
    # Only the named pictures that exist, each once (topics/a.yaml is listed anyway).
    assert before.names == ("kiosk.yaml", "pictures/lift.svg", "topics/a.yaml", "topics/b.yaml")
    (pack / "pictures" / "unused.svg").write_bytes(b"<svg></svg>")
    assert take_listing(pack, wanted) == before
    (pack / "pictures" / "lift.svg").write_bytes(b"<svg></svg>")
    assert take_listing(pack, wanted) != before
    after = take_listing(pack, wanted)
    (pack / "pictures" / "not-there-yet.svg").write_bytes(b"<svg/>")
    assert take_listing(pack, wanted) != after
