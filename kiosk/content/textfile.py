"""Reading a small UTF-8 text file that a person wrote: shared by packs and config."""

from __future__ import annotations

import codecs
from pathlib import Path

from kiosk.content.problems import Problem
from kiosk.content.yamlreader import position_of

MAX_FILE_BYTES = 1024 * 1024


def read_capped(file: Path) -> bytes | None:
    """The file's bytes, or ``None`` when it is over :data:`MAX_FILE_BYTES`.

    One byte past the limit is read: the size is checked on what was read,
    not on a stat() that a file still being copied can outrun. Raises
    ``OSError`` (``FileNotFoundError`` among them).
    """
    with file.open("rb") as stream:
        data = stream.read(MAX_FILE_BYTES + 1)
    return None if len(data) > MAX_FILE_BYTES else data


def decode_utf8(data: bytes, shown: str) -> str | Problem:
    """The text (without a byte-order mark), or where it stops being UTF-8."""
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8")
        line, column = position_of(good, len(good))
        return Problem(
            shown,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file with UTF-8 encoding",
            line,
            column,
        )
