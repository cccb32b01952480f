"""`kiosk stats --csv`: the topics, one row per topic per day, for a spreadsheet.

Only the topic table goes in the file: its rows are (day, topic) pairs, while
the visit figures (per day, per hour, endings, choices) count visits, not
topics; mixed into one file they would leave most cells empty and make every
filter and pivot table need a "measure" column first. They are in the
printed report.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from pathlib import Path

from kiosk.files import replace_file
from kiosk.stats.report import Report

COLUMNS = (
    "date",
    "topic",
    "question",
    "times_opened",
    "timed_reads",
    "median_reading_seconds",
)


def csv_rows(report: Report, questions: Mapping[str, str]) -> Iterator[list[str]]:
    """Every day of the period x every topic of the pack or opened in the period.

    A topic not opened on a day has 0 and no median: sums and averages over
    days come out right. Rows go by date, then topic id.
    """
    opened = {(row.day, row.use.topic): row.use for row in report.topic_days}
    topics = sorted({*questions, *(topic.topic for topic in report.topics)})
    for day in report.period.days():
        for topic in topics:
            use = opened.get((day, topic))
            median = None if use is None else use.median_seconds
            yield [
                day.isoformat(),
                topic,
                questions.get(topic, ""),
                str(use.opened if use else 0),
                str(use.timed if use else 0),
                "" if median is None else f"{median:g}",
            ]


def write_csv(path: Path, report: Report, questions: Mapping[str, str]) -> int:
    """Writes the file in one step; returns the number of rows. Raises ``OSError``.

    UTF-8 with a byte-order mark, so that Excel reads accented questions right.
    """
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    rows = list(csv_rows(report, questions))
    writer.writerows(rows)
    replace_file(path, text.getvalue().encode("utf-8-sig"))
    return len(rows)
