"""What staff see on the Status screen: plain data, updated by the app."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kiosk.content import ContentError, Pack, Problem
from kiosk.content.review import TopicReview, pack_review, review_summary

# Times on the staff screens: to the second, in the kiosk's local time.
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


@dataclass
class ContentStatus:
    """The pack on screen and the outcome of the latest attempt to load one."""

    folder: Path
    started_at: dt.datetime
    loaded_at: dt.datetime | None = None
    topic_count: int = 0
    last_attempt_at: dt.datetime | None = None
    last_problems: tuple[Problem, ...] = ()  # of the latest attempt
    unavailable_reason: str | None = None
    log_file: Path | None = None
    # Listen's state for staff, by language, set by the app: "on: en, es (engine
    # 'speechd', voices en-US, es-ES); off: ar (why); starting: fr", the parts that
    # apply, in that order; "off: not set up" without read-aloud.
    read_aloud: str = "starting"
    # Since when a call on the content folder has been hanging (a share down).
    not_answering_since: dt.datetime | None = None
    # On screen: the kept copy of the last good pack, made at this time.
    copy_saved_at: dt.datetime | None = None
    # The usage statistics: "recording to PATH", "paused: REASON (PATH)",
    # "off (...)"; None: not part of this kiosk (snapshots, tests).
    statistics: str | None = None
    # The Prometheus metrics file: "off", "written to ... at ..." or
    # "not written: why", set by kiosk.monitoring.publisher.
    metrics: str = "off"
    # The pack on screen: its review dates are counted against the day
    # Status is read, so a topic turns overdue while the kiosk runs.
    pack: Pack | None = None

    def loaded(self, pack: Pack, now: dt.datetime) -> None:
        self.loaded_at = self.last_attempt_at = now
        self.topic_count = len(pack.topics)
        self.pack = pack
        self.last_problems = pack.warnings
        self.unavailable_reason = None
        self.copy_saved_at = None

    def copy_shown(self, pack: Pack, saved_at: dt.datetime, now: dt.datetime) -> None:
        """The kept copy of the last good pack is on screen: the folder gave none at start."""
        self.loaded_at = now
        self.topic_count = len(pack.topics)
        self.pack = pack
        self.copy_saved_at = saved_at

    def answering(self, answers: bool, now: dt.datetime) -> None:
        """Whether calls on the content folder come back (False: one has hung)."""
        if answers:
            self.not_answering_since = None
        elif self.not_answering_since is None:
            self.not_answering_since = now

    def failed(self, error: ContentError, now: dt.datetime) -> None:
        self.last_attempt_at = now
        self.last_problems = error.problems
        self.unavailable_reason = None

    def unavailable(self, reason: str, now: dt.datetime) -> None:
        self.last_attempt_at = now
        self.unavailable_reason = reason
        self.last_problems = ()  # they were about files that cannot be read now

    def reviews(self, today: dt.date) -> tuple[TopicReview, ...]:
        """Each topic's review on ``today``; none while no content is on screen."""
        return pack_review(self.pack, today) if self.pack is not None else ()

    @property
    def last_result(self) -> str:
        if self.not_answering_since is not None:
            kept = "the last good content is still shown" if self.loaded_at else "nothing shown"
            return (
                "content folder not answering since "
                f"{self.not_answering_since.strftime(TIME_FORMAT)}, a network share down? ({kept})"
            )
        if self.last_attempt_at is None:
            return "no content loaded yet"
        if self.unavailable_reason:
            return f"content folder unavailable: {self.unavailable_reason}"
        errors = [p for p in self.last_problems if p.is_error]
        if errors:
            count = len(errors)
            kept = "the last good content is still shown" if self.loaded_at else "nothing shown"
            return f"{count} error{'s' if count != 1 else ''} ({kept})"
        return "OK"

    @property
    def summary(self) -> str:
        """One line for the staff menu."""
        if self.last_result == "OK":
            count = self.topic_count
            return f"Content: OK, {count} topic{'s' if count != 1 else ''}"
        return f"Content: {self.last_result}"


def describe_duration(seconds: float) -> str:
    minutes, _ = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    parts = [(days, "day"), (hours, "hour"), (minutes, "minute")]
    words = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n]
    return ", ".join(words) or "less than a minute"


def status_lines(status: ContentStatus, now: dt.datetime, version: str) -> list[str]:
    """The Status screen, line by line, for staff who must act on it."""

    def when(moment: dt.datetime | None) -> str:
        return moment.strftime(TIME_FORMAT) if moment else "never"

    lines = [f"Version: {version}", f"Content folder: {status.folder}"]
    if status.copy_saved_at is not None:
        lines.append(
            "Content shown: the kept copy of the last good content, saved at "
            f"{when(status.copy_saved_at)} (the content folder gave no good content at start)"
        )
    lines += [
        f"Content loaded at: {when(status.loaded_at)}",
        f"Topics: {status.topic_count}",
    ]
    reviews = status.reviews(now.date())
    if reviews:
        lines.append(f"Review: {review_summary(reviews)}")
    lines += [
        f"Last reload: {status.last_result} (at {when(status.last_attempt_at)})",
    ]
    lines += [f"  {problem}" for problem in status.last_problems]
    lines += [
        f"Up for: {describe_duration((now - status.started_at).total_seconds())}",
        f"Log file: {status.log_file or 'none (logging to the terminal only)'}",
        f"Read-aloud: {status.read_aloud}",
        f"Metrics file: {status.metrics}",
    ]
    if status.statistics is not None:
        lines.append(f"Usage statistics: {status.statistics}")
    return lines
