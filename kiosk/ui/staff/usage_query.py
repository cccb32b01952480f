"""Reads the usage figures off the GUI thread, and gives up waiting after a while.

The statistics file may sit on a slow or network disk; a read on the GUI
thread could freeze the screen for as long as the disk takes. Here each read
runs on a daemon thread of its own (a read stuck for ever must not keep the
process from ending), and its answer comes back to the GUI thread through a
queued signal. A read that has not answered within ``timeout_ms`` is reported
as not available; its answer is still shown if it comes later. One read at a
time: while one is stuck, asking again says so at once rather than piling up
threads on the same disk.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
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


class UsageQuery(QObject):
    """``start(period, questions)``; ``answered(UsageAnswer)`` follows on the GUI thread."""

    answered = Signal(object)  # a UsageAnswer
    _delivered = Signal(int, object)  # (read number, UsageAnswer), from the worker

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
        self._delivered.connect(self._deliver)

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
        worker = threading.Thread(
            target=self._work,
            args=(self._number, self.path, period, dict(questions)),
            name="usage-read",
            daemon=True,
        )
        worker.start()

    def _work(self, number: int, path: Path, period: Period, questions: dict[str, str]) -> None:
        try:
            answer = UsageAnswer(self._read(path, period, questions))
        except NoStatisticsError:
            answer = UsageAnswer(None, f"nothing recorded yet (no file {path})")
        except sqlite3.Error as exc:  # UnknownSchemaError too
            answer = UsageAnswer(None, f"not available: cannot read {path}: {exc}")
        except Exception as exc:  # a figure must never take the staff screens down
            log.exception("could not read the usage statistics")
            answer = UsageAnswer(None, f"not available: {exc}")
        with contextlib.suppress(RuntimeError):  # the window (and this object) went away
            self._delivered.emit(number, answer)

    def _deliver(self, number: int, answer: UsageAnswer) -> None:
        if number != self._number:
            return
        self._timeout.stop()
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
