"""What the statistics database says about a period: plain data, no Qt.

Everything is counted by SQLite (the grouping, and the medians, with window
functions), so a report costs the same whatever the database's size beyond
the period. Days are local dates, as stored: a visit counts on the day and
hour it started, a topic on the day it was opened.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.stats import database

# How a visit that has not ended yet is shown beside database.VISIT_ENDINGS.
STILL_GOING = "still going"
DEFAULT_DAYS = 30  # the period `kiosk stats` and the Usage screen show by default


class NoStatisticsError(FileNotFoundError):
    """There is no statistics database at the path: nothing was ever recorded there."""


@dataclass(frozen=True, slots=True)
class Period:
    """From ``since`` to ``until``, both days included."""

    since: dt.date
    until: dt.date

    def __post_init__(self) -> None:
        if self.since > self.until:
            raise ValueError(f"the period starts ({self.since}) after it ends ({self.until})")

    @classmethod
    def last_days(cls, today: dt.date, days: int = DEFAULT_DAYS) -> Period:
        """The ``days`` days up to and including ``today``."""
        return cls(today - dt.timedelta(days=days - 1), today)

    def days(self) -> Iterator[dt.date]:
        day = self.since
        while day <= self.until:
            yield day
            day += dt.timedelta(days=1)

    @property
    def bounds(self) -> tuple[str, str]:
        """The stored times in the period are ``>= first`` and ``< last``.

        Stored times are ``YYYY-MM-DD HH:MM`` text, which sorts as time does.
        """
        return self.since.isoformat(), (self.until + dt.timedelta(days=1)).isoformat()


@dataclass(frozen=True, slots=True)
class TopicUse:
    """A topic and how often it was opened, in a period or on one day."""

    topic: str  # the topic's id, as recorded
    question: str | None  # from the pack, when it has the topic
    opened: int
    timed: int  # of those, the reads that ended: a read still open has no time yet
    median_seconds: float | None  # of the timed reads; None when there are none

    @property
    def name(self) -> str:
        """The question where known, else the id."""
        return self.question or self.topic


@dataclass(frozen=True, slots=True)
class TopicDay:
    day: dt.date
    use: TopicUse


@dataclass(frozen=True, slots=True)
class Count:
    """A number of visits for a key (a day, an hour, an ending, a choice), and their share."""

    key: str
    visits: int
    share: float  # of all the period's visits, 0.0 when there were none


@dataclass(frozen=True, slots=True)
class Report:
    period: Period
    visits: int
    per_day: tuple[Count, ...]  # every day of the period, in order, days without visits too
    per_hour: tuple[Count, ...]  # hours "00" to "23"
    topics: tuple[TopicUse, ...]  # most opened first, then by id
    topic_days: tuple[TopicDay, ...]  # by day, then most opened first
    endings: tuple[Count, ...]  # database.VISIT_ENDINGS, then STILL_GOING
    choices: tuple[Count, ...]  # database.CHOICES, in that order

    @property
    def topics_opened(self) -> int:
        return sum(topic.opened for topic in self.topics)

    def visits_on(self, day: dt.date) -> int:
        key = day.isoformat()
        return next((count.visits for count in self.per_day if count.key == key), 0)

    def topics_on(self, day: dt.date) -> tuple[TopicUse, ...]:
        """That day's topics, most opened first."""
        return tuple(row.use for row in self.topic_days if row.day == day)


def read_report(path: Path, period: Period, questions: Mapping[str, str] | None = None) -> Report:
    """The report for ``period`` from the database at ``path``, opened read-only.

    Raises :class:`NoStatisticsError` when there is no file (or an empty one),
    :class:`~kiosk.stats.database.UnknownSchemaError` for a file that is not
    a statistics database this kiosk reads, and :class:`sqlite3.Error` for
    one that is damaged or locked.
    """
    if not path.exists():
        raise NoStatisticsError(f"{path} does not exist")
    if path.is_file() and path.stat().st_size == 0:
        raise NoStatisticsError(f"{path} is empty")  # made, nothing recorded yet
    connection = database.connect(path, read_only=True)
    try:
        return build_report(connection, period, questions or {})
    finally:
        connection.close()


def build_report(
    connection: sqlite3.Connection, period: Period, questions: Mapping[str, str]
) -> Report:
    """The report for ``period``; ``questions`` maps topic ids to their questions."""
    first, last = period.bounds
    visits = _scalar(
        connection, "SELECT count(*) FROM visits WHERE started >= ? AND started < ?", first, last
    )

    def counts(keys: list[str], rows: dict[str, int]) -> tuple[Count, ...]:
        return tuple(
            Count(key, rows.get(key, 0), rows.get(key, 0) / visits if visits else 0.0)
            for key in keys
        )

    by_day = _pairs(
        connection,
        "SELECT substr(started, 1, 10), count(*) FROM visits"
        " WHERE started >= ? AND started < ? GROUP BY 1",
        first,
        last,
    )
    by_hour = _pairs(
        connection,
        "SELECT substr(started, 12, 2), count(*) FROM visits"
        " WHERE started >= ? AND started < ? GROUP BY 1",
        first,
        last,
    )
    endings = _pairs(
        connection,
        f"SELECT coalesce(ended_by, '{STILL_GOING}'), count(*) FROM visits"
        " WHERE started >= ? AND started < ? GROUP BY 1",
        first,
        last,
    )
    choices = _pairs(
        connection,
        "SELECT choice, count(*) FROM choices_used JOIN visits ON visits.id = visit_id"
        " WHERE started >= ? AND started < ? GROUP BY choice",
        first,
        last,
    )
    return Report(
        period=period,
        visits=visits,
        per_day=counts([day.isoformat() for day in period.days()], by_day),
        per_hour=counts([f"{hour:02d}" for hour in range(24)], by_hour),
        topics=tuple(
            TopicUse(topic, questions.get(topic), opened, timed, median)
            for _day, topic, opened, timed, median in _topic_rows(
                connection, first, last, by_day=False
            )
        ),
        topic_days=tuple(
            TopicDay(
                dt.date.fromisoformat(day), TopicUse(topic, questions.get(topic), n, timed, median)
            )
            for day, topic, n, timed, median in _topic_rows(connection, first, last, by_day=True)
        ),
        endings=counts([*database.VISIT_ENDINGS, STILL_GOING], endings),
        choices=counts(list(database.CHOICES), choices),
    )


def _scalar(connection: sqlite3.Connection, sql: str, *values: object) -> int:
    return int(connection.execute(sql, values).fetchone()[0])


def _pairs(connection: sqlite3.Connection, sql: str, *values: object) -> dict[str, int]:
    return {str(key): int(count) for key, count in connection.execute(sql, values)}


def _topic_rows(
    connection: sqlite3.Connection, first: str, last: str, *, by_day: bool
) -> list[tuple[str, str, int, int, float | None]]:
    """(day or '', topic, times opened, timed reads, median seconds), most opened first.

    One pass of window functions: within each (day, topic), reads ranked by
    their time with the open ones (NULL) last, so that the timed reads are
    ranks 1 to n; their median is the mean of ranks (n+1)/2 and (n+2)/2
    (integer division): the middle one, or the middle two.
    """
    day = "substr(opened, 1, 10)" if by_day else "''"
    sql = f"""
        WITH ranked AS (
            SELECT {day} AS day, topic, seconds,
                   count(*) OVER per_topic AS opened,
                   count(seconds) OVER per_topic AS timed,
                   row_number() OVER (per_topic ORDER BY seconds IS NULL, seconds) AS rank
            FROM topic_reads
            WHERE opened >= :first AND opened < :last
            WINDOW per_topic AS (PARTITION BY {day}, topic)
        )
        SELECT day, topic, max(opened), max(timed),
               avg(CASE WHEN rank IN ((timed + 1) / 2, (timed + 2) / 2) AND seconds IS NOT NULL
                   THEN seconds END)
        FROM ranked
        GROUP BY day, topic
        ORDER BY day, 3 DESC, topic
    """
    rows = connection.execute(sql, {"first": first, "last": last}).fetchall()
    return [
        (str(d), str(t), int(n), int(timed), None if m is None else float(m))
        for d, t, n, timed, m in rows
    ]
