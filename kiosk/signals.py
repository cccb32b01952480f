"""Ctrl+C, SIGTERM and SIGHUP stop the kiosk cleanly, though Qt's event loop runs.

Python runs a signal handler only between bytecodes of the main thread,
and while Qt's event loop waits in C++ there are none: a Ctrl+C would wait
for the next tap, then surface as a KeyboardInterrupt inside whatever slot
ran (and the kiosk's excepthook would log it and carry on). So the C-level
handler's wake-up byte goes to a socket pair (``signal.set_wakeup_fd``),
whose other end a ``QSocketNotifier`` watches on the event loop: each byte
read is the number of a signal, and :class:`StopSignals` says which one
came. The Python-level handler does nothing itself; it is only there so the
signal neither kills the process at once nor raises KeyboardInterrupt.

Once the kiosk has closed its window and logged, :func:`end_like_signal`
ends the process by that same signal, as Python does for an unhandled
KeyboardInterrupt: a shell then sees 130 or 143, and systemd counts a stop
by SIGTERM as clean (an exit status of 143 it would count as a failure).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import sys
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, Signal

log = logging.getLogger(__name__)

# The signals that ask a program to stop: Ctrl+C in a terminal, systemd's and
# kill's default, and the terminal closing. Windows has only SIGINT of these.
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def exit_status_for(signum: int) -> int:
    """The exit status a shell reports for a process ended by ``signum``: 128 + N."""
    return 128 + signum


def signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


class StopSignals(QObject):
    """Emits ``received(signum)`` on the event loop for each stop signal.

    Install once the QCoreApplication exists; :meth:`uninstall` puts the
    previous handlers and wake-up descriptor back.
    """

    received = Signal(int)

    def __init__(self, signals: tuple[int, ...] = STOP_SIGNALS, parent: QObject | None = None):
        super().__init__(parent)
        self._signals = signals
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)  # a full buffer must never block the signal handler
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)
        self._previous_handlers: dict[int, object] = {}
        self._previous_fd: int | None = None

    def install(self) -> None:
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        for signum in self._signals:
            self._previous_handlers[signum] = signal.signal(signum, self._noted)

    def uninstall(self) -> None:
        for signum, handler in self._previous_handlers.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]
        self._previous_handlers.clear()
        if self._previous_fd is not None:
            signal.set_wakeup_fd(self._previous_fd)
            self._previous_fd = None
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()

    def _noted(self, signum: int, frame: FrameType | None) -> None:
        """The Python-level handler: the wake-up byte already carries the news."""

    def _read(self) -> None:
        with contextlib.suppress(BlockingIOError, InterruptedError):
            for byte in self._reader.recv(64):
                if byte in self._signals:
                    self.received.emit(byte)


def end_like_signal(status: int) -> None:
    """End the process by the signal that ``status`` (128 + N) stands for, if a stop signal.

    Returns (doing nothing) for any other status, and on Windows.
    """
    signum = status - 128
    if sys.platform == "win32" or signum not in STOP_SIGNALS:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()  # what exiting would do; a signal skips atexit
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
