"""Reads the usage figures off the GUI thread, and gives up waiting after a while.

The statistics file may sit on a slow or network disk; a read on the GUI
thread could freeze the screen for as long as the disk takes. Here each read
runs on a daemon thread of its own (a read stuck for ever must not keep the
process from ending). The thread touches no Qt object: it leaves its answer
in a queue, which a timer on the GUI thread looks into while a read is out
(a signal emitted from the thread could meet the object being deleted on
the GUI thread, as the window closes). A read that has not answered within
``timeout_ms`` is reported as not available; its answer is still shown if it
comes later. One read at a
time: while one is stuck, asking again says so at once rather than piling up
threads on the same disk.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import sqlite3
import threading
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.stats.report import NoStatisticsError, Period, Report, read_report
from kiosk.stats.today import UsageAnswer

log = logging.getLogger(__name__)

UsageReader = Callable[[Path, Period, Mapping[str, str]], Report]
# A healthy local disk answers in milliseconds; a slow share within this.
USAGE_TIMEOUT_MS = 5_000
STATISTICS_OFF = "statistics are off (stats: false in the config file)"
# How often the GUI thread looks for a read's answer while one is out: far
# below what a person notices, and nothing at all while no read is out.
ANSWER_POLL_MS = 20


class UsageQuery(QObject):
    """``start(period, questions)``; ``answered(UsageAnswer)`` follows on the GUI thread."""

    answered = Signal(object)  # a UsageAnswer

    def __init__(
        self,
        path: Path | None,
        *,
        read: UsageReader = read_report,
        timeout_ms: int = USAGE_TIMEOUT_MS,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path  # None: statistics are off
        self._read = read
        self._now = now
        self._number = 0
        self._busy_since: dt.datetime | None = None
        self._timeout = QTimer(self, singleShot=True, interval=timeout_ms)
        self._timeout.timeout.connect(self._timed_out)
        # (read number, UsageAnswer), from the worker threads.
        self._answers: queue.SimpleQueue[tuple[int, UsageAnswer]] = queue.SimpleQueue()
        self._collect = QTimer(self, interval=ANSWER_POLL_MS)
        self._collect.timeout.connect(self._collect_answers)

    @property
    def reading(self) -> bool:
        """A read has not answered yet (perhaps past its timeout)."""
        return self._busy_since is not None

    def start(self, period: Period, questions: Mapping[str, str]) -> None:
        """Read the figures for ``period``; ``answered`` follows, now or later."""
        if self.path is None:
            self.answered.emit(UsageAnswer(None, STATISTICS_OFF))
            return
        if self._busy_since is not None:
            if not self._timeout.isActive():  # past its timeout: say so again
                self.answered.emit(UsageAnswer(None, self._stuck_problem()))
            return
        self._number += 1
        self._busy_since = self._now()
        self._timeout.start()
        self._collect.start()
        worker = threading.Thread(
            target=_work,
            args=(self._read, self._answers, (self._number, self.path, period, dict(questions))),
            name="usage-read",
            daemon=True,
        )
        worker.start()

    def _collect_answers(self) -> None:
        while True:
            try:
                number, answer = self._answers.get_nowait()
            except queue.Empty:
                return
            self._deliver(number, answer)

    def _deliver(self, number: int, answer: UsageAnswer) -> None:
        if number != self._number:
            return
        self._timeout.stop()
        self._collect.stop()
        self._busy_since = None
        self.answered.emit(answer)

    def _timed_out(self) -> None:
        log.warning("the usage statistics at %s did not answer in time", self.path)
        self.answered.emit(UsageAnswer(None, self._stuck_problem()))

    def _stuck_problem(self) -> str:
        seconds = self._timeout.interval() / 1000
        since = self._busy_since.strftime("%H:%M:%S") if self._busy_since else "?"
        return (
            f"not available: {self.path} has not answered since {since} "
            f"(waited {seconds:g} s; a slow or network disk?)"
        )


def _work(
    read: UsageReader,
    answers: queue.SimpleQueue[tuple[int, UsageAnswer]],
    request: tuple[int, Path, Period, dict[str, str]],
) -> None:
    """One read, on its own thread: only plain Python objects are touched."""
    number, path, period, questions = request
    try:
        answer = UsageAnswer(read(path, period, questions))
    except NoStatisticsError:
        answer = UsageAnswer(None, f"nothing recorded yet (no file {path})")
    except sqlite3.Error as exc:  # UnknownSchemaError too
        answer = UsageAnswer(None, f"not available: cannot read {path}: {exc}")
    except Exception as exc:  # a figure must never take the staff screens down
        log.exception("could not read the usage statistics")
        answer = UsageAnswer(None, f"not available: {exc}")
    answers.put((number, answer))
