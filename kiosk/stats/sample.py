"""Made-up usage, written as the recorder would: for `kiosk snapshot`'s Usage screen.

The same arguments always give the same database: snapshots stay byte for
byte the same.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from kiosk.stats import database

# Waiting rooms are busiest mid-morning and early afternoon.
_HOURS = {8: 2, 9: 5, 10: 8, 11: 7, 12: 3, 13: 5, 14: 7, 15: 6, 16: 4, 17: 2}
_ENDINGS = {"idle": 60, "home": 30, "staff": 2, "stopped": 1}
# How often each of database.CHOICES is used in a visit.
_CHOICE_CHANCES = (0.12, 0.05, 0.08, 0.1)


def write_sample(
    path: Path,
    topics: Sequence[str],
    today: dt.date,
    *,
    days: int = 30,
    visits_a_day: int = 14,
    seed: int = 1,
) -> None:
    """A new database at ``path`` with ``days`` days of visits up to ``today``.

    Earlier topics in ``topics`` are opened more often; nobody comes on
    Sundays; the last visit of ``today`` is still going, its last read open.
    """
    rng = random.Random(seed)
    connection = database.connect(path)
    try:
        with connection:
            for offset in range(days - 1, -1, -1):
                day = today - dt.timedelta(days=offset)
                if day.weekday() == 6:
                    continue
                count = max(0, round(rng.gauss(visits_a_day, visits_a_day / 4)))
                starts = sorted(
                    dt.datetime.combine(
                        day, dt.time(rng.choices(list(_HOURS), list(_HOURS.values()))[0])
                    )
                    + dt.timedelta(minutes=rng.randrange(60))
                    for _ in range(count)
                )
                for number, start in enumerate(starts):
                    going = offset == 0 and number == len(starts) - 1
                    _visit(connection, rng, start, topics, going=going)
    finally:
        connection.close()


def _visit(
    connection: sqlite3.Connection,
    rng: random.Random,
    start: dt.datetime,
    topics: Sequence[str],
    *,
    going: bool,
) -> None:
    weights = [1 / (rank + 1) for rank in range(len(topics))]
    reads = [rng.choices(topics, weights)[0] for _ in range(rng.randint(1, 3))]
    read_seconds = [database.rounded_seconds(rng.lognormvariate(3.6, 0.6)) for _ in reads]
    seconds = sum(read_seconds) + database.rounded_seconds(rng.uniform(5, 40))
    ending = None if going else rng.choices(list(_ENDINGS), list(_ENDINGS.values()))[0]
    visit = connection.execute(
        "INSERT INTO visits (started, seconds, ended_by) VALUES (?, ?, ?)",
        (database.minute(start), 0 if going else seconds, ending),
    ).lastrowid
    at = start
    for number, (topic, read) in enumerate(zip(reads, read_seconds, strict=True)):
        still_open = going and number == len(reads) - 1
        connection.execute(
            "INSERT INTO topic_reads VALUES (?, ?, ?, ?)",
            (visit, topic, database.minute(at), None if still_open else read),
        )
        at += dt.timedelta(seconds=read)
    for choice, chance in zip(database.CHOICES, _CHOICE_CHANCES, strict=True):
        if rng.random() < chance:
            connection.execute("INSERT INTO choices_used VALUES (?, ?)", (visit, choice))
