"""A cheap snapshot of a pack folder, to notice changes without reading any file.

A listing holds the name, size, modification time and permissions of
``kiosk.yaml``, of each ``kiosk.<lang>.yaml`` (the pack's texts in another
language, or a name close to one, which the loader warns about) and of every
entry in ``topics/``, and of the picture files the pack's topics show (the
caller names them: those of the last load): only ``stat()`` calls, so it
can be taken every few seconds even on a network share. Permissions count:
an admin's ``chmod`` that makes an unreadable file readable is a change.
Two listings that compare equal mean nothing the loader reads has changed;
only an edit that keeps both the size and the modification time goes unseen
(possible where times are kept in whole seconds, for two same-size saves
within one second).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from kiosk.content.languages import concerns_the_loader
from kiosk.content.loader import LINK_LOOP, PACK_FILE, TOPICS_DIR, is_link_loop, is_scratch_file


class FileStamp(NamedTuple):
    """One entry of a listing. ``name`` is relative to the pack, with ``/``."""

    name: str
    size: int
    mtime_ns: int
    mode: int = 0  # the permission bits


@dataclass(frozen=True, slots=True)
class Listing:
    """The stamps of a pack's files, sorted by name: hashable and comparable."""

    files: tuple[FileStamp, ...]
    # Where the folder really is: pointing a symbolic link at another pack
    # is a change even when every file stamp happens to be the same.
    root: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(stamp.name for stamp in self.files)


def take_listing(folder: Path, pictures: Iterable[str] = ()) -> Listing | None:
    """The listing of the pack in ``folder``; ``None`` when the folder cannot be read.

    ``pictures``: picture files to stamp too, relative to ``folder`` with ``/``.
    Never raises: a network share that went away is an ordinary event here.
    """
    result = take_listing_or_reason(folder, pictures)
    return result if isinstance(result, Listing) else None


def take_listing_or_reason(folder: Path, pictures: Iterable[str] = ()) -> Listing | str:
    """The listing, or one line saying why the folder cannot be listed."""
    try:
        folder_stat = folder.stat()
    except FileNotFoundError:
        return f"content folder not found: {folder}"
    except (OSError, ValueError) as exc:  # ValueError: a path with a NUL byte
        if isinstance(exc, OSError) and is_link_loop(exc):
            return f"the content folder {folder} is {LINK_LOOP}"
        return f"cannot reach the content folder {folder}: {_reason(exc)}"
    if not stat.S_ISDIR(folder_stat.st_mode):
        return f"not a folder: {folder}"
    try:
        stamps = _stamps(folder)
        stamps += _picture_stamps(folder, pictures, {stamp.name for stamp in stamps})
        return Listing(tuple(sorted(stamps)), os.path.realpath(folder))
    except OSError as exc:
        # A share dropping mid-scan (EIO, ESTALE) or a folder we may not read.
        return f"cannot read the content folder {folder}: {_reason(exc)}"


def _stamps(folder: Path) -> list[FileStamp]:
    stamps: list[FileStamp] = []
    pack_stamp = _stamp(PACK_FILE, folder / PACK_FILE)
    if pack_stamp is not None:
        stamps.append(pack_stamp)
    stamps += _pack_text_stamps(folder)
    try:
        with os.scandir(folder / TOPICS_DIR) as entries:
            for entry in entries:
                # Skipped like the loader skips them: an editor's swap file or a
                # sync tool's part file changes all the time and means nothing.
                if is_scratch_file(entry.name):
                    continue
                found = _stamp(f"{TOPICS_DIR}/{entry.name}", Path(entry.path))
                if found is not None:
                    stamps.append(found)
    except (FileNotFoundError, NotADirectoryError):
        pass  # no topics folder: the loader says so; the listing just has no topics
    except OSError as exc:
        if not is_link_loop(exc):
            raise
        # The loader reports the loop; the link's own stamp makes replacing
        # it (even with an empty folder) a change.
        stamps.append(_link_stamp(TOPICS_DIR, folder / TOPICS_DIR))
    return stamps


def _picture_stamps(folder: Path, pictures: Iterable[str], listed: set[str]) -> list[FileStamp]:
    """The stamps of the picture files, those not listed already; a missing one has none
    (the loader says it is missing, and its arrival is a change)."""
    stamps = []
    for name in sorted(set(pictures) - listed):
        found = _stamp(name, folder.joinpath(*PurePosixPath(name).parts))
        if found is not None:
            stamps.append(found)
    return stamps


def _pack_text_stamps(folder: Path) -> list[FileStamp]:
    """The stamps of the folder's kiosk.<lang>.yaml files, as the loader finds them:
    those it reads, and those it warns are misnamed (Kiosk.es.yaml)."""
    stamps: list[FileStamp] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if concerns_the_loader(entry.name) and not is_scratch_file(entry.name):
                    found = _stamp(entry.name, Path(entry.path))
                    if found is not None:
                        stamps.append(found)
    except PermissionError:
        pass  # a folder one may enter but not list: the loader sees no such files either
    return stamps


def _link_stamp(name: str, path: Path) -> FileStamp:
    found = path.stat(follow_symlinks=False)
    return FileStamp(name, found.st_size, found.st_mtime_ns)


def _stamp(name: str, path: Path) -> FileStamp | None:
    """The entry's stamp; ``None`` when it does not exist (or vanished since the scan)."""
    try:
        found = path.stat()
    except OSError:
        # A broken or looping link: the loader warns about it, so its own
        # stamp still counts (replacing it must be noticed).
        try:
            return _link_stamp(name, path)
        except FileNotFoundError:
            return None
    if stat.S_ISDIR(found.st_mode):
        # A folder's size and time change with its contents, which the loader
        # never reads; only its presence matters (the loader warns about it).
        return FileStamp(name, 0, 0)
    return FileStamp(name, found.st_size, found.st_mtime_ns, stat.S_IMODE(found.st_mode))


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
