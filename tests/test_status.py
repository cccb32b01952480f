"""The Status screen's text: what staff read when something is wrong."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk.content import ContentError, Problem, load_pack
from kiosk.status import ContentStatus, describe_duration, status_lines

START = dt.datetime(2026, 11, 26, 8, 0, 0)


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0, "less than a minute"),
        (59, "less than a minute"),
        (60, "1 minute"),
        (3 * 86400 + 2 * 3600 + 60, "3 days, 2 hours, 1 minute"),
    ],
)
def test_durations_read_plainly(seconds, expected):
    assert describe_duration(seconds) == expected


def test_status_after_a_good_load_then_a_bad_one(bundled_pack, tmp_path: Path):
    status = ContentStatus(folder=Path("/srv/pack"), started_at=START, log_file=tmp_path / "k.log")
    status.loaded(bundled_pack, START + dt.timedelta(minutes=1))
    error = ContentError(
        [Problem("/srv/pack/topics/a.yaml", "missing required key 'answer'", 1, 1)]
    )
    status.failed(error, START + dt.timedelta(hours=2))
    lines = status_lines(status, START + dt.timedelta(days=1, hours=3), "1.2.3")
    assert lines == [
        "Version: 1.2.3",
        "Content folder: /srv/pack",
        "Content loaded at: 2026-11-26 08:01:00",
        "Topics: 10",
        "Review: no review dates: none of the 10 topics gives 'reviewed'",
        "Last reload: 1 error (the last good content is still shown) (at 2026-11-26 10:00:00)",
        "  /srv/pack/topics/a.yaml:1:1: error: missing required key 'answer'",
        "Up for: 1 day, 3 hours",
        f"Log file: {tmp_path / 'k.log'}",
        "Read-aloud: starting",
        "Metrics file: off",
    ]


def test_status_with_the_folder_gone_and_no_log_file():
    status = ContentStatus(folder=Path("/mnt/share/pack"), started_at=START)
    status.unavailable("folder not found", START)
    lines = status_lines(status, START, "1.0")
    assert (
        "Last reload: content folder unavailable: folder not found (at 2026-11-26 08:00:00)"
        in lines
    )
    assert "Content loaded at: never" in lines
    assert "Log file: none (logging to the terminal only)" in lines


def test_a_good_load_after_problems_reads_ok(tmp_path: Path):
    status = ContentStatus(folder=tmp_path, started_at=START)
    status.failed(ContentError([Problem("x", "broken")]), START)
    assert status.last_result == "1 error (nothing shown)"
    status.loaded(load_pack(Path(__file__).parents[1] / "content"), START)
    assert status.last_result == "OK"


def test_status_counts_overdue_reviews_on_the_day_it_is_read(tmp_path: Path):
    folder = tmp_path / "pack"
    (folder / "topics").mkdir(parents=True)
    (folder / "kiosk.yaml").write_text("schema: 1\ntitle: Clinic\n", encoding="utf-8")
    for topic_id, reviewed in (("a", "2026-01-10"), ("b", "2023-12-20"), ("c", "2023-11-01")):
        (folder / "topics" / f"{topic_id}.yaml").write_text(
            f"question: Q?\nanswer: A.\nreviewed: {reviewed}\n", encoding="utf-8"
        )
    status = ContentStatus(folder=folder, started_at=START)
    status.loaded(load_pack(folder, today=START.date()), START)
    # The kiosk runs on: a topic due soon turns overdue, with no reload.
    assert [
        line
        for day in (START, dt.datetime(2026, 12, 21, 9, 0))
        for line in status_lines(status, day, "1")
        if line.startswith("Review:")
    ] == [
        "Review: 1 of 3 topics overdue, 1 due within 30 days",
        "Review: 2 of 3 topics overdue",
    ]
