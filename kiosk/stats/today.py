"""Today's figures for staff, as lines of text: Status shows them, the Usage screen too."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.stats.report import Report

TOP_TODAY = 3  # topics named on Status


@dataclass(frozen=True, slots=True)
class UsageAnswer:
    """What a look at the statistics found: a report, or why there is none."""

    report: Report | None
    problem: str | None = None  # for staff: why the figures are not available


def today_lines(answer: UsageAnswer | None, today: dt.date) -> list[str]:
    """ "Visits today: 14" and "Most opened today: ...", or why they are not shown.

    ``None``: the figures are being read.
    """
    if answer is None:
        return ["Usage today: reading the figures…"]
    report = answer.report
    if report is None:
        return [f"Usage today: {answer.problem}"]
    top = report.topics_on(today)[:TOP_TODAY]
    opened = ", ".join(f"{use.name} ({use.opened})" for use in top) or "none yet"
    return [f"Visits today: {report.visits_on(today)}", f"Most opened today: {opened}"]
