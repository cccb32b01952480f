"""Checks a typed PIN on a worker thread, so the screen never freezes meanwhile.

The stored hash is deliberately slow to compute (about half a second, see
kiosk/staff/pin.py); on the GUI thread that would be half a second of a
screen that neither paints nor takes taps. hashlib's scrypt releases the GIL,
so the GUI thread runs on while a worker computes it.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class PinCheck(QObject):
    """Runs ``verify(pin)`` off the GUI thread; ``finished`` brings the answer back.

    One check at a time. :meth:`forget` drops the answer of a check still
    running (the PIN pad was closed meanwhile): it never arrives. Checks run
    one after another on a single worker, so a forgotten check that is still
    computing delays the next by at most its own half second, and never adds
    a second 128 MiB computation beside it.
    """

    # (the check's number, whether the PIN was right); delivered on the GUI
    # thread, since this object lives there and the worker emits it.
    _answered = Signal(int, bool)
    finished = Signal(bool)

    def __init__(self, verify: Callable[[str], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._verify = verify
        self._number = 0
        self._running: int | None = None  # the number of the check whose answer is awaited
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pin-check")
        self._last: Future[None] | None = None  # the check submitted last
        self._answered.connect(self._deliver)

    @property
    def running(self) -> bool:
        return self._running is not None

    @property
    def computing(self) -> bool:
        """A check, awaited or forgotten, is still being computed (or waits to be)."""
        return self._last is not None and not self._last.done()

    def start(self, pin: str) -> None:
        """Check ``pin``; ``finished`` follows. Ignored while a check runs."""
        if self._running is not None:
            return
        self._number += 1
        self._running = number = self._number
        self._last = self._worker.submit(self._work, number, pin)

    def forget(self) -> None:
        """The running check's answer is no longer wanted."""
        self._running = None

    def _work(self, number: int, pin: str) -> None:
        try:
            right = bool(self._verify(pin))
        except Exception:  # a check that fails is a wrong PIN, never a stuck pad
            log.exception("could not check the staff PIN")
            right = False
        with contextlib.suppress(RuntimeError):  # the pad (and this object) went away
            self._answered.emit(number, right)

    def _deliver(self, number: int, right: bool) -> None:
        if number != self._running:
            return  # forgotten, or an earlier check's
        self._running = None
        self.finished.emit(right)
