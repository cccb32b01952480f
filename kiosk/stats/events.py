"""What the kiosk tells the statistics recorder: small frozen facts, no Qt.

The screens make these (kiosk/ui/visits.py, kiosk/app.py) and hand them to
a sink, :meth:`kiosk.stats.recorder.Recorder.record` when statistics are on.
Times and durations are kept exact here, in memory only; the recorder
stores times to the minute and durations rounded to 5 seconds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.stats.database import CHOICES, RELOAD_RESULTS, VISIT_ENDINGS


@dataclass(frozen=True, slots=True)
class VisitStarted:
    """A patient's first tap on a topic tile since the kiosk last forgot a visit."""

    at: dt.datetime


@dataclass(frozen=True, slots=True)
class TopicOpened:
    """An answer shown in the visit under way."""

    topic: str  # the topic's id (its file name), as the pack names it
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class TopicClosed:
    """The answer last opened was left, after ``seconds`` of reading."""

    seconds: float


@dataclass(frozen=True, slots=True)
class ChoiceUsed:
    """One of :data:`~kiosk.stats.database.CHOICES`, used in the visit under way."""

    choice: str

    def __post_init__(self) -> None:
        if self.choice not in CHOICES:
            raise ValueError(f"unknown choice {self.choice!r}; one of {CHOICES}")


@dataclass(frozen=True, slots=True)
class VisitEnded:
    """The visit under way ended after ``seconds``, ``how``: one of VISIT_ENDINGS."""

    seconds: float
    how: str

    def __post_init__(self) -> None:
        if self.how not in VISIT_ENDINGS:
            raise ValueError(f"unknown visit ending {self.how!r}; one of {VISIT_ENDINGS}")


@dataclass(frozen=True, slots=True)
class ContentReloaded:
    """A content load and its result: one of RELOAD_RESULTS, with its error count."""

    at: dt.datetime
    result: str
    errors: int = 0

    def __post_init__(self) -> None:
        if self.result not in RELOAD_RESULTS:
            raise ValueError(f"unknown reload result {self.result!r}; one of {RELOAD_RESULTS}")
        if self.errors < 0:
            raise ValueError("a reload's error count cannot be negative")


Event = VisitStarted | TopicOpened | TopicClosed | ChoiceUsed | VisitEnded | ContentReloaded

# Where events go: Recorder.record, a list's append in tests, or nowhere.
Sink = Callable[[Event], None]
