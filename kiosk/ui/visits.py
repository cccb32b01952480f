"""What a visit is, for the usage statistics: the window tells, this decides. No Qt.

A **visit** starts when a patient taps a topic tile on the home screen (a
tap on empty space, or on the home screen's scroll bar, starts none) and
lasts until the kiosk forgets it, as the screen does: the patient's text
size, contrast and Listen last as long. Going Home and tapping another tile
is the same visit. In a pack in sections a section's screen counts as the
home screen: a tap on a section starts no visit, and Back from an answer to
its section closes the topic as Home does. It ends:

- ``idle``: on an answer, the idle warning ran out (the patient walked away
  while reading);
- ``home``: on the home screen after the patient tapped Home, the idle time
  passed without another tile (they left on purpose);
- ``staff``: the staff gesture (or Ctrl+Shift+Q) opened the PIN pad or menu;
- ``stopped``: the kiosk was stopped (window closed) during it.

Its length, and the reading time of an answer left by going idle, run to the
patient's last input, never the idle timeout and warning after it. Patients
read without touching the screen, though: an answer left on screen counts as
read for as long as a slow reader needs for it (the pace the idle timeout
allows, :func:`kiosk.ui.window.reading_time_ms`) when that is longer, and
never past the return home.

Lengths and reading times are measured on the monotonic clock, which a
change of the time of day (summer time, the clock set right by NTP) does not
move; the wall clock only dates the visit and its topics.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from kiosk.stats.events import (
    ChoiceUsed,
    Event,
    Sink,
    TopicClosed,
    TopicOpened,
    VisitEnded,
    VisitStarted,
)
from kiosk.ui.style.text_size import TextSize

# The text sizes as the statistics name them; the normal size is no choice.
TEXT_SIZE_CHOICES = {TextSize.LARGER: "text size A+", TextSize.LARGEST: "text size A++"}


def _ignore(_event: Event) -> None:
    """The sink with statistics off: visits are still counted, nothing is kept."""


class VisitTracker:
    """Turns the window's screen changes into :mod:`kiosk.stats.events` for ``sink``.

    ``now`` (the wall clock) dates the visit and its topics; ``monotonic``
    (seconds) times them. ``last_input`` says when, on the ``monotonic``
    clock, someone was last known to be at the screen
    (:attr:`kiosk.ui.input.idle.IdleMonitor.last_active_at`).
    """

    def __init__(
        self,
        sink: Sink | None,
        *,
        now: Callable[[], dt.datetime],
        monotonic: Callable[[], float],
        last_input: Callable[[], float | None],
    ) -> None:
        self._sink = sink or _ignore
        self._now = now
        self._monotonic = monotonic
        self._last_input = last_input
        # On the monotonic clock:
        self._started: float | None = None
        self._opened: float | None = None  # the answer on screen, if any
        self._reading = 0.0  # how long a slow reader needs for it, in seconds
        self._choices: set[str] = set()
        # Visits started since the kiosk started, recorded or not (for metrics).
        self.visits_started = 0

    @property
    def in_visit(self) -> bool:
        return self._started is not None

    def topic_opened(self, topic: str, reading_s: float = 0.0) -> None:
        """An answer is on screen: from a tile tap, this may start a visit.

        ``reading_s``: how long a slow reader needs for it.
        """
        now, at = self._now(), self._monotonic()
        if self._started is None:
            self._started = at
            self.visits_started += 1
            self._sink(VisitStarted(now))
        self._close_topic(at)
        self._opened = at
        self._reading = reading_s
        self._sink(TopicOpened(topic, now))

    def topic_left(self) -> None:
        """The answer was left for the home screen (Home): the visit goes on."""
        self._close_topic(self._monotonic())

    def choice_used(self, choice: str) -> None:
        """A text size, contrast or Listen: recorded once per visit."""
        if self._started is not None and choice not in self._choices:
            self._choices.add(choice)
            self._sink(ChoiceUsed(choice))

    def forgotten(self) -> None:
        """The kiosk forgets the visit after the idle time: ``idle`` from an
        answer, ``home`` from the home screen."""
        if self._started is None:
            return
        at = self._last_seen()
        if self._opened is not None:
            # Read, not touched: as long as a slow reader needs, if longer.
            at = max(at, min(self._opened + self._reading, self._monotonic()))
        how = "idle" if self._opened is not None else "home"
        self._end(how, at)

    def interrupted(self, how: str) -> None:
        """Staff opened their screens (``staff``) or the kiosk stopped (``stopped``)."""
        if self._started is not None:
            self._end(how, self._monotonic())

    def _last_seen(self) -> float:
        """The patient's last input, at most now, and not before the answer on screen."""
        now = self._monotonic()
        last_input = self._last_input()
        seen = now if last_input is None else min(last_input, now)
        for start in (self._opened, self._started):
            if start is not None:
                seen = max(seen, start)
        return seen

    def _close_topic(self, at: float) -> None:
        if self._opened is not None:
            self._sink(TopicClosed(at - self._opened))
            self._opened = None

    def _end(self, how: str, at: float) -> None:
        assert self._started is not None
        self._close_topic(at)
        self._sink(VisitEnded(at - self._started, how))
        self._started = None
        self._choices.clear()
