"""Reload the content pack while the kiosk runs, when the admin changes it.

Change events (``QFileSystemWatcher``) make the kiosk react within seconds;
a poll every ``poll_ms`` catches what events miss (network shares send none).
Either only *suggests* a change: the pack is loaded once two listings taken
``settle_ms`` apart agree, so a file still being copied is not read
half-written (unless the copy stalls for longer than that: the README tells
admins to swap whole packs through a link for big or slow updates).

Every file-system call here can block for as long as a dead network share
keeps it waiting, so in the kiosk this watcher lives on a thread of its own
(:class:`~kiosk.updates.background.BackgroundWatcher`), and says when it is
busy so that the GUI thread can tell a slow folder from a hung one. Its
``QFileSystemWatcher`` is made by ``start()``, in that thread.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

from kiosk.content import ContentError, Pack, Problem, Severity, load_pack
from kiosk.content.listing import Listing, take_listing_or_reason
from kiosk.content.loader import TOPICS_DIR
from kiosk.content.pictures import picture_files
from kiosk.i18n.catalog import patient_words
from kiosk.updates.last_good import LastGoodCopy

# Only what the signals cannot carry (a traceback) is logged here: results are
# the caller's to log, once.
log = logging.getLogger(__name__)

# Watching every topic file makes in-place saves show at once; past this many,
# polling alone finds them, rather than spending the user's inotify watches.
MAX_WATCHED_FILES = 1000

LoadResult = Pack | ContentError


def same_result(first: LoadResult | None, second: LoadResult | None) -> bool:
    """Equal packs, or errors with the same problems (exceptions compare by identity)."""
    if isinstance(first, ContentError) and isinstance(second, ContentError):
        return first.problems == second.problems
    return first == second


class ContentWatcher(QObject):
    """Watches a pack folder and emits each changed pack, or why it cannot load.

    ``start()`` loads the pack and returns the result without emitting it.
    After that:

    - ``pack_loaded(Pack)``: the pack changed (or after ``reload_now()``).
    - ``load_failed(ContentError)``: the changed pack is invalid; keep the
      last good one.
    - ``folder_unavailable(str)``: the folder is gone or unreadable (a share
      unmounted). Polling goes on; when the folder is back, its pack is
      emitted again.
    - ``busy_changed(bool)``: True as a step starts calling the file system,
      False when it is done.

    While the last load failed, every poll loads the pack again even when
    the listing looks unchanged (an admin's fix may change nothing a listing
    shows, such as a file's owner); the error is emitted again only when its
    problems change. With ``copy``, each good pack's files are kept there
    (see :class:`~kiosk.updates.last_good.LastGoodCopy`).

    ``poll()`` and ``settle()`` are the two steps the timers take; calling
    them directly drives the watcher without waiting. Both do nothing while
    the watcher is stopped; ``reload_now()`` always works.
    """

    pack_loaded = Signal(object)
    load_failed = Signal(object)
    folder_unavailable = Signal(str)
    busy_changed = Signal(bool)
    started = Signal(object)  # start()'s result, for a caller on another thread
    shut_down_done = Signal()

    def __init__(
        self,
        folder: Path,
        *,
        poll_ms: int = 15_000,
        settle_ms: int = 2_000,
        copy: LastGoodCopy | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if poll_ms <= 0 or settle_ms < 0:
            raise ValueError(
                f"poll_ms must be positive and settle_ms not negative: {poll_ms}, {settle_ms}"
            )
        self._folder = folder
        # The day a 'reviewed' date may not be after; called on the watcher's thread.
        self._today = today
        self._listing: Listing | None = None  # what the last load was taken from
        self._candidate: Listing | None = None  # a change waiting to settle
        self._result: LoadResult | None = None
        # What the caller was last told; None after an outage, so the pack
        # is emitted again when the folder returns, even if it is the same.
        self._emitted: LoadResult | None = None
        self._unavailable: str | None = None  # the reason last emitted
        self._running = False
        self._copy = copy
        self._copy_failed = False  # a failure to keep the copy is logged once
        self._files: dict[str, bytes] = {}  # of the last load
        # The picture files of the last good pack: a replaced picture is a change.
        self._pictures: tuple[str, ...] = ()
        self._copy_due = False  # a good pack was recorded; its files are not kept yet

        # Made by start(), in the thread the watcher works in.
        self._watcher: QFileSystemWatcher | None = None
        self._watched_root = ""
        self._poll_timer = QTimer(self, interval=poll_ms)
        self._poll_timer.timeout.connect(self.poll)
        # An editor's save or a copy sends a burst of events: list once it ends.
        self._debounce = QTimer(self, singleShot=True, interval=settle_ms)
        self._debounce.timeout.connect(self.poll)
        self._settle = QTimer(self, singleShot=True, interval=settle_ms)
        self._settle.timeout.connect(self.settle)

    # -- state ----------------------------------------------------------------
    @property
    def folder(self) -> Path:
        return self._folder

    @property
    def last_listing(self) -> Listing | None:
        """The listing the last load was taken from; ``None`` while the folder is unavailable."""
        return self._listing

    @property
    def last_result(self) -> LoadResult | None:
        """The last load's result (``None`` before ``start()``)."""
        return self._result

    # -- control --------------------------------------------------------------
    def start(self) -> LoadResult:
        """Load the pack now and start watching; the result is returned, not emitted
        (except through ``started``, for a caller on another thread)."""
        self.stop()
        if self._watcher is None:
            self._watcher = QFileSystemWatcher(self)
            self._watcher.fileChanged.connect(self._on_changed)
            self._watcher.directoryChanged.connect(self._on_changed)
        self._running = True
        self.busy_changed.emit(True)
        try:
            taken = self._take_listing()
            listing = taken if isinstance(taken, Listing) else None
            # The caller learns of a missing folder from the result: no signal.
            self._unavailable = taken if isinstance(taken, str) else None
            result, _ = self._load_from(listing)
            self._record(listing, result)
        finally:
            self.busy_changed.emit(False)
        self._emitted = result
        self._poll_timer.start()
        self.started.emit(result)
        self._keep_copy_if_due()
        return result

    @Slot()
    def start_quietly(self) -> None:
        """``start()`` as a slot: its result goes out through ``started`` only."""
        self.start()

    @Slot()
    def stop(self) -> None:
        """Stop watching; nothing is emitted until the next ``start()`` or ``reload_now()``."""
        self._running = False
        for timer in (self._poll_timer, self._debounce, self._settle):
            timer.stop()
        self._candidate = None
        if self._watcher is not None:
            watched = self._watcher.files() + self._watcher.directories()
            if watched:
                self._watcher.removePaths(watched)

    @Slot()
    def shut_down(self) -> None:
        """Stop for good, and let go of the file watches, in the watcher's own thread."""
        self.stop()
        if self._watcher is not None:
            self._watcher.deleteLater()
            self._watcher = None
        self.shut_down_done.emit()

    @Slot()
    def reload_now(self) -> None:
        """Staff's "Reload content now": load at once and emit the result, changed or not."""
        self._guarded(self._reload_now)

    # -- the two steps --------------------------------------------------------
    def poll(self) -> None:
        """Take a listing; a change is loaded only after ``settle()`` confirms it."""
        if self._running:
            self._guarded(self._poll)

    def settle(self) -> None:
        """Take the confirming listing: load if it agrees with the one before."""
        if self._running:
            self._guarded(self._settle_step)

    # -- internals ------------------------------------------------------------
    def _on_changed(self, _path: str) -> None:
        # An event queued before stop() may still arrive after it.
        if self._running:
            self._debounce.start()

    def _poll(self) -> None:
        listing = self._current_listing()
        if listing is None:
            return
        if listing == self._listing:
            self._forget_candidate()
            if isinstance(self._result, ContentError):
                self._retry(listing)
            return
        # Restarting the settle timer on every listing keeps the rule simple:
        # settle() always compares two listings taken settle_ms apart.
        self._candidate = listing
        self._settle.start()

    def _settle_step(self) -> None:
        listing = self._current_listing()
        if listing is None:
            return
        if listing == self._listing:
            self._forget_candidate()
        elif listing == self._candidate:
            self._candidate = None
            result, settled = self._load_from(listing)
            if settled:
                self._record(listing, result)
                self._apply(result, always=False)
        else:
            self._candidate = listing  # still changing: look again later
            self._settle.start()

    def _retry(self, listing: Listing) -> None:
        """Load a pack that failed last time again, though nothing seems changed."""
        result, settled = self._load_from(listing)
        if settled:
            self._record(listing, result)
            self._apply(result, always=False)

    def _reload_now(self) -> None:
        self._forget_candidate()
        # Emitted even if the files changed while they were read: staff asked
        # for it, and the change that follows is emitted once it settles.
        listing = self._current_listing()
        result, _ = self._load_from(listing)
        self._record(listing, result)
        self._apply(result, always=True)

    def _apply(self, result: LoadResult, *, always: bool) -> None:
        changed = not same_result(result, self._emitted)
        self._emitted = result
        if changed or always:
            if isinstance(result, Pack):
                self.pack_loaded.emit(result)
            else:
                self.load_failed.emit(result)

    def _load_from(self, listing: Listing | None) -> tuple[LoadResult, bool]:
        """Load the pack seen as ``listing``; also whether the files held still meanwhile.

        When they did not (a copy started during the read), the result may be
        half-read, and the new listing waits to settle like any other change.
        """
        result, self._files = self._load()
        if isinstance(result, Pack):
            # The listing after the load stamps the pictures this pack shows;
            # when they differ from the last pack's, it differs from the one
            # before the load, which then settles like any other change.
            self._pictures = picture_files(result)
        after = self._take_listing()
        after_listing = after if isinstance(after, Listing) else None
        if after_listing != listing:
            if self._running:
                self._candidate = after_listing
                self._settle.start()
            return result, False
        return result, True

    def _record(self, listing: Listing | None, result: LoadResult) -> None:
        self._listing = listing
        self._result = result
        self._copy_due = isinstance(result, Pack) and bool(self._files)

    def _keep_copy_if_due(self) -> None:
        """Keep the files of the good pack just recorded (see LastGoodCopy).

        Done after the result went out, and outside busy_changed: writing to
        the local disk is no reason to keep anyone waiting, nor a sign that
        the content folder does not answer.
        """
        files, self._files = self._files, {}  # the bytes are needed only this once
        if not self._copy_due:
            return
        self._copy_due = False
        if self._copy is None:
            return
        try:
            if self._copy.save(self._folder, files):
                log.info("kept a copy of the content in %s", self._copy.folder)
            self._copy_failed = False
        except (OSError, ValueError) as exc:
            if not self._copy_failed:
                log.warning(
                    "cannot keep a copy of the content in %s (%s); a restart while the "
                    "content folder is unreachable will show the 'being updated' page",
                    self._copy.folder,
                    exc,
                )
            self._copy_failed = True

    def _load(self) -> tuple[LoadResult, dict[str, bytes]]:
        files: dict[str, bytes] = {}
        try:
            pack = load_pack(
                self._folder,
                files=files,
                known_words=patient_words(),
                today=self._today(),
                future_reviews=Severity.WARNING,  # a wrong clock must not hide the content
            )
            return pack, files
        except ContentError as error:
            return error, {}
        except Exception as exc:
            # load_pack reports what an admin can fix; anything else (a share
            # failing mid-read) must still reach staff, not end the kiosk.
            log.exception("loading the content pack failed")
            problem = Problem(str(self._folder), f"cannot load the pack: {exc}")
            return ContentError([problem]), {}

    def _current_listing(self) -> Listing | None:
        """The listing now, watching what it names; reports the folder going away."""
        listing = self._take_listing()
        if isinstance(listing, str):
            self._forget_candidate()
            self._listing = None
            self._emitted = None
            if listing != self._unavailable:
                self._unavailable = listing
                self.folder_unavailable.emit(listing)
            return None
        self._unavailable = None
        return listing

    def _take_listing(self) -> Listing | str:
        listing = take_listing_or_reason(self._folder, self._pictures)
        if isinstance(listing, Listing) and self._running:
            self._watch(listing)
        return listing

    def _watch(self, listing: Listing) -> None:
        """Watch the folders and files of ``listing`` that are not watched yet.

        Editors save by writing a new file and renaming it over the old one,
        which ends the watch on the old file: every listing adds it back.
        Watches follow symbolic links to where they pointed when added, so
        when the pack folder now resolves elsewhere (a pack swapped by
        replacing a link) every watch is made again; the link's own folder
        is watched too, so the swap itself is seen at once.
        """
        if self._watcher is None:
            return
        if listing.root != self._watched_root:
            watched = self._watcher.files() + self._watcher.directories()
            if watched:
                self._watcher.removePaths(watched)
            self._watched_root = listing.root
        wanted = [str(self._folder.parent), str(self._folder), str(self._folder / TOPICS_DIR)]
        # The pictures' folders, for a picture saved under a new name and renamed over it.
        wanted += sorted({str(self._folder / PurePosixPath(p).parent) for p in self._pictures})
        wanted += [str(self._folder / name) for name in listing.names[:MAX_WATCHED_FILES]]
        present = set(self._watcher.files()) | set(self._watcher.directories())
        # A file the kiosk may not read cannot be watched (Qt would warn at
        # every listing); the poll loads it again until an admin's fix works.
        missing = [
            path
            for path in wanted
            if path not in present and Path(path).exists() and os.access(path, os.R_OK)
        ]
        if missing:
            self._watcher.addPaths(missing)

    def _forget_candidate(self) -> None:
        self._candidate = None
        self._settle.stop()

    def _guarded(self, step: Callable[[], object]) -> None:
        """Run a slot's work; an exception must not escape into Qt's event loop."""
        self.busy_changed.emit(True)
        try:
            step()
        except Exception as exc:
            log.exception("content watcher failed")
            self.load_failed.emit(
                ContentError([Problem(str(self._folder), f"cannot reload the pack: {exc}")])
            )
        finally:
            self.busy_changed.emit(False)
        self._keep_copy_if_due()
