"""The usage report: counted per period, per day and hour, medians, endings and choices."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from kiosk.stats.database import UnknownSchemaError
from kiosk.stats.report import STILL_GOING, NoStatisticsError, Period, read_report
from kiosk.stats.text_report import reading_time, report_lines

DEC_1 = dt.date(2026, 12, 1)
DEC_3 = dt.date(2026, 12, 3)
WEEK = Period(DEC_1, dt.date(2026, 12, 7))

VISITS = [
    # Before the period: never counted.
    ("2026-11-30 23:59", 30, "home", [("tms", "2026-11-30 23:59", 30)], ["contrast"]),
    (
        "2026-12-01 09:15",
        120,
        "idle",
        [("tms", "2026-12-01 09:15", 40), ("hours", "2026-12-01 09:16", 60)],
        ["contrast", "listen"],
    ),
    ("2026-12-01 09:40", 60, "home", [("tms", "2026-12-01 09:40", 20)], []),
    ("2026-12-03 14:05", 200, "staff", [("tms", "2026-12-03 14:05", 90)], ["text size A+"]),
    # Still going: its read has no time yet.
    ("2026-12-07 23:59", 0, None, [("tms", "2026-12-07 23:59", None)], []),
    # The day after the period: never counted.
    ("2026-12-08 00:00", 10, "idle", [("hours", "2026-12-08 00:00", 10)], ["listen"]),
]


def test_a_period_counts_its_visits_by_day_and_hour(stats_db):
    report = read_report(stats_db(VISITS), WEEK)
    assert report.visits == 4
    assert [(c.key, c.visits) for c in report.per_day] == [
        ("2026-12-01", 2),
        ("2026-12-02", 0),  # days without visits are there, with 0
        ("2026-12-03", 1),
        ("2026-12-04", 0),
        ("2026-12-05", 0),
        ("2026-12-06", 0),
        ("2026-12-07", 1),
    ]
    hours = {c.key: c.visits for c in report.per_hour}
    assert len(hours) == 24
    assert (hours["09"], hours["14"], hours["23"], hours["00"]) == (2, 1, 1, 0)
    assert report.per_day[0].share == pytest.approx(0.5)


def test_topics_by_times_opened_with_the_median_of_the_reads_that_ended(stats_db):
    report = read_report(stats_db(VISITS), WEEK, {"tms": "What is TMS?"})
    tms, hours = report.topics
    assert (tms.topic, tms.question, tms.opened, tms.timed) == ("tms", "What is TMS?", 4, 3)
    assert tms.median_seconds == 40  # of 40, 20 and 90; the open read does not count
    assert (hours.name, hours.opened, hours.median_seconds) == ("hours", 1, 60)  # not in the pack
    assert report.topics_opened == 5


def test_an_even_number_of_reads_has_the_mean_of_the_middle_two(stats_db):
    reads = [("tms", "2026-12-01 10:00", seconds) for seconds in (10, 50, 20, 30)]
    report = read_report(stats_db([("2026-12-01 10:00", 200, "home", reads, [])]), WEEK)
    assert report.topics[0].median_seconds == 25


def test_a_topic_with_only_open_reads_has_no_median(stats_db):
    report = read_report(stats_db(VISITS[4:5]), WEEK)
    assert (report.topics[0].opened, report.topics[0].median_seconds) == (1, None)


def test_topics_per_day(stats_db):
    report = read_report(stats_db(VISITS), WEEK)
    assert [(u.topic, u.opened, u.median_seconds) for u in report.topics_on(DEC_1)] == [
        ("tms", 2, 30),
        ("hours", 1, 60),
    ]
    assert [(u.topic, u.opened) for u in report.topics_on(DEC_3)] == [("tms", 1)]
    assert report.topics_on(dt.date(2026, 12, 2)) == ()
    assert report.visits_on(DEC_3) == 1


def test_how_visits_ended_and_the_choices_used(stats_db):
    report = read_report(stats_db(VISITS), WEEK)
    assert [(c.key, c.visits) for c in report.endings] == [
        ("home", 1),
        ("idle", 1),
        ("staff", 1),
        ("stopped", 0),
        (STILL_GOING, 1),
    ]
    assert [(c.key, c.visits, c.share) for c in report.choices] == [
        ("text size A+", 1, 0.25),
        ("text size A++", 0, 0.0),
        ("contrast", 1, 0.25),
        ("listen", 1, 0.25),
    ]


def test_an_empty_period_is_all_zeros(stats_db):
    report = read_report(stats_db(VISITS), Period(dt.date(2025, 1, 1), dt.date(2025, 1, 2)))
    assert (report.visits, report.topics, report.topic_days) == (0, (), ())
    assert {c.share for c in (*report.per_day, *report.endings, *report.choices)} == {0.0}
    assert "No topic was opened." in report_lines(report)


def test_a_period_must_not_end_before_it_starts():
    with pytest.raises(ValueError, match="starts"):
        Period(DEC_3, DEC_1)
    assert Period.last_days(DEC_3, 3) == Period(DEC_1, DEC_3)


def test_no_file_is_no_statistics_and_no_file_is_made(tmp_path):
    path = tmp_path / "stats.sqlite3"
    with pytest.raises(NoStatisticsError):
        read_report(path, WEEK)
    assert not path.exists()


def test_a_file_of_another_kind_is_refused(tmp_path):
    path = tmp_path / "stats.sqlite3"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE notes (text)")
    other.close()
    with pytest.raises(UnknownSchemaError):
        read_report(path, WEEK)
    path.write_bytes(b"not a database at all, just some bytes" * 100)
    with pytest.raises(sqlite3.DatabaseError):
        read_report(path, WEEK)


def test_the_report_reads_without_writing(stats_db):
    path = stats_db(VISITS)
    path.chmod(0o444)
    before = path.read_bytes()
    assert read_report(path, WEEK).visits == 4
    assert path.read_bytes() == before


def test_the_printed_report_has_aligned_tables_with_totals(stats_db):
    lines = report_lines(read_report(stats_db(VISITS), WEEK, {"tms": "What is TMS?"}))
    assert lines[0] == "Usage from 2026-12-01 to 2026-12-07 (7 days): 4 visits, 0.6 a day"
    heading = "Topics by times opened (median reading time of the reads that ended)"
    topics = lines[lines.index(heading) + 1 :]
    assert topics[:4] == [
        "topic  question           opened  median reading",
        "tms    What is TMS?            4            40 s",
        "hours  (not in the pack)       1           1 min",
        "total                          5",
    ]
    endings = lines[lines.index("How visits ended") + 1 :]
    assert endings[5:7] == ["still going       1   25.0 %", "total             4  100.0 %"]
    assert "contrast            1  25.0 %" in lines


@pytest.mark.parametrize(
    ("seconds", "text"), [(None, "-"), (0, "0 s"), (45, "45 s"), (60, "1 min"), (75, "1 min 15 s")]
)
def test_reading_times_read_naturally(seconds, text):
    assert reading_time(seconds) == text
