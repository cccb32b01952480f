"""A topic's ``image``: a picture file inside the pack, read and checked once."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from kiosk.content.model import Picture
from kiosk.content.problems import Problem
from kiosk.content.yamlreader import Node

MAX_PICTURE_BYTES = 2 * 1024 * 1024
_FORMATS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".svg": "svg"}


def read_picture(
    folder: Path,
    written: str,
    alt: str,
    *,
    shown: str,
    node: Node,
    problems: list[Problem],
    files: dict[str, bytes] | None = None,
) -> Picture | None:
    """The picture ``written`` (relative to the pack's ``folder``), or ``None``
    with the problem recorded at ``node`` of the topic file ``shown``."""

    def problem(message: str) -> None:
        problems.append(Problem(shown, message, node.line, node.column))

    relative = PurePosixPath(written.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts:
        problem("'image' must be a file inside the pack's folder, such as pictures/walking.svg")
        return None
    file_format = _FORMATS.get(relative.suffix.lower())
    if file_format is None:
        problem("'image' must be a PNG, JPEG or SVG file (.png, .jpg, .jpeg or .svg)")
        return None
    file = folder / relative
    try:
        if not os.path.realpath(file).startswith(os.path.realpath(folder) + os.sep):
            problem("'image' leads outside the pack's folder; copy the picture into the pack")
            return None
        with file.open("rb") as stream:
            data = stream.read(MAX_PICTURE_BYTES + 1)
    except FileNotFoundError:
        problem(f"'image' file not found: {relative}")
        return None
    except OSError as exc:
        problem(f"cannot read the 'image' file: {exc.strerror or exc}")
        return None
    if len(data) > MAX_PICTURE_BYTES:
        problem("'image' file is larger than 2 MiB; save a smaller picture")
        return None
    if files is not None:
        files[relative.as_posix()] = data
    return Picture(relative.as_posix(), file_format, data, alt)
