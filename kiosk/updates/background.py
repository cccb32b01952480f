"""The content watcher on a thread of its own, so a hung share never freezes the screen.

A network share whose server went away (a "hard" NFS mount, an SMB server
that stopped answering) blocks every file call on it, for minutes. On the GUI
thread that froze the screen and starved systemd's watchdog, which killed
the kiosk, which hung again at its next start on the same share. Here every
file-system call on the content folder runs on a worker thread; the GUI
thread only receives results, and times the worker: a step that has not
finished after ``answer_timeout_ms`` means the folder is not answering
(``answering_changed(False)``), and Status says so while the last good pack
stays on screen. The worker carries on by itself once the call returns.

A blocked thread cannot be interrupted from Python; :meth:`BackgroundWatcher.shut_down` therefore
waits only a bounded time and reports whether the thread has ended. Qt
aborts the process when a running thread's QThread object is deleted, so a
thread that does not end is kept (never deleted) until the process exits.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

import shiboken6
from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, QTimer, Signal, Slot

from kiosk.content import ContentError
from kiosk.updates.last_good import LastGoodCopy
from kiosk.updates.watcher import ContentWatcher, LoadResult

log = logging.getLogger(__name__)

# A healthy folder, even on a slow share, answers each step (a listing, or
# reading the pack) well within this; a hung one never does.
ANSWER_TIMEOUT_MS = 5_000
# How long the window's deletion waits for the worker to end.
SHUT_DOWN_WAIT_MS = 2_000


class _Worker:
    """The worker's thread and the watcher living on it; not a QObject, so
    it can outlive the BackgroundWatcher when its thread is stuck."""

    # Threads stuck on a dead share when their owner went: deleting their
    # QThread object would abort the process, so they are kept until it exits.
    abandoned: ClassVar[list[_Worker]] = []

    def __init__(self, watcher: ContentWatcher) -> None:
        self.thread = QThread()
        self.thread.setObjectName("content-folder")
        self.watcher = watcher
        watcher.moveToThread(self.thread)
        # The watcher ends its own thread once it has stopped, so its timers
        # and file watches are gone with the thread.
        watcher.shut_down_done.connect(self.thread.quit, type=Qt.ConnectionType.DirectConnection)

    def shut_down(self, wait_ms: int = SHUT_DOWN_WAIT_MS, *_destroyed: object) -> bool:
        """Stop the watcher and end the thread; False (and kept) if it is stuck."""
        # Already deleted: Python's clean-up at exit deletes objects in any order,
        # and only a thread that has ended can be deleted (Qt aborts otherwise).
        if not shiboken6.isValid(self.thread) or not self.thread.isRunning():
            return True
        QMetaObject.invokeMethod(self.watcher, "shut_down", Qt.ConnectionType.QueuedConnection)
        if self.thread.wait(wait_ms):
            return True
        if self not in _Worker.abandoned:
            _Worker.abandoned.append(self)
        return False


class BackgroundWatcher(QObject):
    """A :class:`ContentWatcher` working on its own thread, watched from the GUI thread.

    Its signals are those of ContentWatcher, delivered on the GUI thread,
    plus ``answering_changed(bool)``: False once a step has been busy for
    ``answer_timeout_ms``, True when that step is done. ``start()`` waits for
    the first load at most ``answer_timeout_ms``; a result that comes later
    is emitted like any change.
    """

    pack_loaded = Signal(object)
    load_failed = Signal(object)
    folder_unavailable = Signal(str)
    answering_changed = Signal(bool)

    # To the worker's thread (queued): ContentWatcher's slots run there.
    _start_requested = Signal()
    _reload_requested = Signal()
    # A first result that start() stopped waiting for, back to this thread.
    _late_first_result = Signal(object)

    def __init__(
        self,
        folder: Path,
        *,
        poll_ms: int = 15_000,
        settle_ms: int = 2_000,
        answer_timeout_ms: int = ANSWER_TIMEOUT_MS,
        copy: LastGoodCopy | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if answer_timeout_ms <= 0:
            raise ValueError(f"answer_timeout_ms must be positive: {answer_timeout_ms}")
        self.folder = folder
        self.answer_timeout_ms = answer_timeout_ms
        self._answering = True
        self._started = False
        self._left_behind = False  # shut_down() gave up on a stuck thread
        # The first result, handed over from the worker's thread.
        self._first_lock = threading.Lock()
        self._first_ready = threading.Event()
        self._first: LoadResult | None = None
        self._first_taken = False  # start() has returned, with or without it

        self.watcher = ContentWatcher(
            folder, poll_ms=poll_ms, settle_ms=settle_ms, copy=copy, today=today
        )
        self._worker = _Worker(self.watcher)
        # Deleted with its parent (the window), it ends the worker first.
        self.destroyed.connect(functools.partial(self._worker.shut_down, SHUT_DOWN_WAIT_MS))

        self.watcher.pack_loaded.connect(self.pack_loaded)
        self.watcher.load_failed.connect(self.load_failed)
        self.watcher.folder_unavailable.connect(self.folder_unavailable)
        self.watcher.busy_changed.connect(self._on_busy)
        # Direct: runs on the worker's thread, the moment start() has a result.
        direct = Qt.ConnectionType.DirectConnection
        self.watcher.started.connect(self._hand_over_first, type=direct)
        self._late_first_result.connect(self._emit_result)
        self._start_requested.connect(self.watcher.start_quietly)
        self._reload_requested.connect(self.watcher.reload_now)

        self._deadline = QTimer(self, singleShot=True, interval=answer_timeout_ms)
        self._deadline.timeout.connect(self._not_answering)

    @property
    def answering(self) -> bool:
        """False while a step on the folder has been busy for ``answer_timeout_ms`` or more."""
        return self._answering

    def start(self) -> LoadResult | None:
        """Start the worker and load the pack; ``None`` if the folder did not answer in time.

        Blocks the calling thread for at most ``answer_timeout_ms``, before
        the window is shown.
        """
        if self._started:
            raise RuntimeError("the background watcher was started already")
        self._started = True
        self._worker.thread.start()
        self._start_requested.emit()
        self._first_ready.wait(self.answer_timeout_ms / 1000)
        with self._first_lock:
            self._first_taken = True
            first = self._first
        if first is None:
            self._not_answering()
        return first

    def reload_now(self) -> None:
        """Staff's "Reload content now": queued behind whatever the worker is doing."""
        self._reload_requested.emit()

    def stop(self) -> None:
        """Stop watching for changes; ``reload_now()`` still works (see ContentWatcher.stop)."""
        QMetaObject.invokeMethod(self.watcher, "stop", Qt.ConnectionType.QueuedConnection)

    def shut_down(self, wait_ms: int = SHUT_DOWN_WAIT_MS) -> bool:
        """Stop for good and end the worker's thread; False if still stuck after ``wait_ms``."""
        self._deadline.stop()
        if self._worker.shut_down(wait_ms):
            return True
        if not self._left_behind:
            self._left_behind = True
            log.warning(
                "the content folder %s has still not answered; leaving its thread behind",
                self.folder,
            )
        return False

    # -- on the worker's thread ---------------------------------------------------
    def _hand_over_first(self, result: LoadResult) -> None:
        with self._first_lock:
            if self._first_taken:
                late = True
            else:
                self._first = result
                late = False
        if late:
            self._late_first_result.emit(result)  # queued to this object's thread
        else:
            self._first_ready.set()

    # -- on the GUI thread ----------------------------------------------------------
    @Slot(object)
    def _emit_result(self, result: LoadResult) -> None:
        if isinstance(result, ContentError):
            self.load_failed.emit(result)
        else:
            self.pack_loaded.emit(result)

    @Slot(bool)
    def _on_busy(self, busy: bool) -> None:
        if busy:
            if self._answering:
                self._deadline.start()
            return
        self._deadline.stop()
        if not self._answering:
            self._answering = True
            log.info("the content folder %s answers again", self.folder)
            self.answering_changed.emit(True)

    def _not_answering(self) -> None:
        if not self._answering:
            return
        self._answering = False
        log.warning(
            "the content folder %s has not answered for %g seconds (a network share down?); "
            "keeping the content on screen",
            self.folder,
            self.answer_timeout_ms / 1000,
        )
        self.answering_changed.emit(False)
