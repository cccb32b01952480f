"""A local copy of the last good pack, so a restart during a share outage still has content.

No Qt here. After each valid load the kiosk keeps, in its state folder, the
exact bytes it checked (never a second read of the share, which could have
changed in between) together with where they came from. At start, when the
content folder is missing, invalid or not answering, the kiosk shows this
copy instead of the "being updated" page, and Status says so.

The copy is replaced whole: the new one is written beside the old one
(every file flushed to disk), then the two folders are swapped by renames.
A power cut between the two renames leaves the old copy under a side name,
which :meth:`LastGoodCopy.load` puts back. The content watcher's thread
saves while the GUI thread may load at start: one lock keeps the two apart.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kiosk.content import ContentError, Pack, Severity, load_pack
from kiosk.content.languages import is_pack_text_file
from kiosk.content.loader import PACK_FILE, TOPICS_DIR
from kiosk.content.pictures import PICTURE_SUFFIXES
from kiosk.i18n.catalog import patient_words

log = logging.getLogger(__name__)

COPY_DIR = "last-good-pack"
_NEW = ".last-good-pack.new"
_OLD = ".last-good-pack.old"
# Inside the copy, beside kiosk.yaml: where the pack came from and when.
# The loader reads only kiosk.yaml, kiosk.<lang>.yaml, topics/ and the
# pictures the topics name, so it never sees this file.
SOURCE_FILE = ".source.json"


@dataclass(frozen=True, slots=True)
class CopyInfo:
    """Where the copy came from, when it was made, and a digest of its files."""

    source: str  # the content folder, as the kiosk was given it
    saved_at: dt.datetime
    digest: str


def files_digest(files: Mapping[str, bytes]) -> str:
    """One SHA-256 over every file's name and bytes, in name order."""
    digest = hashlib.sha256()
    for name in sorted(files):
        data = files[name]
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _safe_name(name: str) -> bool:
    """Only what a pack holds: kiosk.yaml, kiosk.<lang>.yaml, files directly in
    topics/, and picture files in any folder inside the pack."""
    path = PurePosixPath(name)
    parts = path.parts
    if len(parts) == 1 and (parts[0] == PACK_FILE or is_pack_text_file(parts[0])):
        return True
    if not parts or path.is_absolute() or any(p in ("", ".", "..") or "\\" in p for p in parts):
        return False
    if len(parts) == 2 and parts[0] == TOPICS_DIR:
        return True
    return path.suffix.lower() in PICTURE_SUFFIXES


class LastGoodCopy:
    """The copy of the last good pack in ``state_dir``; see the module's description."""

    def __init__(
        self, state_dir: Path, *, now: Callable[[], dt.datetime] = dt.datetime.now
    ) -> None:
        self.state_dir = state_dir
        self._now = now
        self._lock = threading.Lock()  # a save and a load never interleave

    @property
    def folder(self) -> Path:
        return self.state_dir / COPY_DIR

    def info(self) -> CopyInfo | None:
        """The copy's origin; ``None`` when there is no usable copy."""
        try:
            raw = json.loads((self.folder / SOURCE_FILE).read_text(encoding="utf-8"))
            return CopyInfo(
                source=str(raw["source"]),
                saved_at=dt.datetime.fromisoformat(str(raw["saved_at"])),
                digest=str(raw["digest"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, source: Path, files: Mapping[str, bytes]) -> bool:
        """Keep ``files`` (as ``load_pack(files=...)`` gathered them) as the copy of ``source``.

        Returns False, writing nothing, when the copy already holds exactly
        these files from this source. Raises ``OSError`` (a full or
        read-only disk) and ``ValueError`` (a name that is not a pack file).
        """
        bad = [name for name in files if not _safe_name(name)]
        if bad:
            raise ValueError(f"not a pack file: {bad[0]!r}")
        with self._lock:
            return self._save(source, files)

    def _save(self, source: Path, files: Mapping[str, bytes]) -> bool:
        digest = files_digest(files)
        current = self.info()
        if current is not None and current.digest == digest and current.source == str(source):
            return False
        self.state_dir.mkdir(parents=True, exist_ok=True)
        new, old = self.state_dir / _NEW, self.state_dir / _OLD
        for leftover in (new, old):
            shutil.rmtree(leftover, ignore_errors=True)
        try:
            (new / TOPICS_DIR).mkdir(parents=True)
            folders = {new, new / TOPICS_DIR}
            for name, data in files.items():
                target = new.joinpath(*PurePosixPath(name).parts)
                if target.parent not in folders:  # a picture's folder
                    target.parent.mkdir(parents=True, exist_ok=True)
                    folders.add(target.parent)
                _write_durably(target, data)
            info = {"source": str(source), "saved_at": self._now().isoformat(), "digest": digest}
            _write_durably(new / SOURCE_FILE, json.dumps(info, indent=1).encode())
            for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
                _sync_folder(folder)
            if self.folder.exists():
                self.folder.rename(old)
            new.rename(self.folder)
            _sync_folder(self.state_dir)
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)
            raise
        shutil.rmtree(old, ignore_errors=True)
        return True

    def load(self, source: Path) -> tuple[Pack, CopyInfo] | None:
        """The copy of ``source`` as a checked pack; ``None`` when there is none.

        A copy of another content folder (the config now names a different
        one) is not used. A copy that no longer loads (damaged on disk) is
        logged and not used.
        """
        with self._lock:
            return self._load(source)

    def _load(self, source: Path) -> tuple[Pack, CopyInfo] | None:
        self._recover()
        info = self.info()
        if info is None:
            return None
        if info.source != str(source):
            log.info(
                "the kept copy of the last good content is of %s, not %s; not using it",
                info.source,
                source,
            )
            return None
        try:
            pack = load_pack(
                self.folder,
                known_words=patient_words(),
                today=self._now().date(),
                future_reviews=Severity.WARNING,  # as the watcher: a clock reset keeps it
            )
        except ContentError as error:
            log.warning(
                "the kept copy of the last good content in %s does not load (%s); not using it",
                self.folder,
                error.errors[0] if error.errors else "no reason given",
            )
            return None
        return pack, info

    def _recover(self) -> None:
        """Put back a copy left under its side name by a swap that was cut short."""
        old = self.state_dir / _OLD
        if not self.folder.exists() and old.is_dir():
            try:
                old.rename(self.folder)
            except OSError as exc:
                log.warning("cannot restore the kept copy of the content from %s: %s", old, exc)


def _write_durably(path: Path, data: bytes) -> None:
    with path.open("wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk (where the system allows opening a folder)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows: folders cannot be opened; NTFS journals renames itself
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
