"""The usage charts' figures: what the pictures show, as text."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.stats.report import Period, read_report
from kiosk.ui.charts import chart_facts

DAY = dt.date(2026, 12, 3)


def hour_rows(path) -> list[tuple[str, str]]:
    report = read_report(path, Period(DAY, DAY), {})
    _, _, hours = chart_facts(report)
    return list(hours.rows)


@pytest.mark.parametrize(
    ("started", "first", "last"),
    [
        ([], "08:00 to 08:59", "17:00 to 17:59"),  # nothing yet: the working day
        (["12:10"], "08:00 to 08:59", "17:00 to 17:59"),  # one busy hour: still the day
        (["06:45", "20:05"], "06:00 to 06:59", "20:00 to 20:59"),  # widened to the visits
    ],
)
def test_visits_by_hour_cover_the_working_day_and_every_busy_hour(stats_db, started, first, last):
    path = stats_db([(f"{DAY} {time}", 30, "home", [], []) for time in started])
    rows = hour_rows(path)
    assert (rows[0][0], rows[-1][0]) == (first, last)
    assert sum(int(count) for _, count in rows) == len(started)
