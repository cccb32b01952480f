"""Review dates: the due date, each topic's state on a given day, the errors in
the files, `kiosk check`'s warnings and its --review table."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kiosk.content import ContentError, Severity, load_pack
from kiosk.content.check_report import review_lines
from kiosk.content.review import (
    ReviewState,
    due_date,
    pack_review,
    review_summary,
    review_warnings,
)

TODAY = date(2026, 12, 3)


def write(folder: Path, files: dict[str, str]) -> Path:
    for relative, text in {"kiosk.yaml": "schema: 1\ntitle: Clinic\n", **files}.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder


def topic(order: int, reviewed: str | None = None) -> str:
    text = f"question: Q{order}?\norder: {order}\nanswer: A.\n"
    return text + (f"reviewed: {reviewed}\n" if reviewed is not None else "")


@pytest.mark.parametrize(
    ("reviewed", "months", "due"),
    [
        (date(2026, 10, 1), 36, date(2029, 10, 1)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # no 31 February: its last day
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # a leap year's
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2016, 12, 3), 120, date(2026, 12, 3)),
    ],
)
def test_the_due_date_is_calendar_months_later(reviewed: date, months: int, due: date) -> None:
    assert due_date(reviewed, months) == due


@pytest.mark.parametrize(
    ("reviewed", "state", "described"),
    [
        ("2026-12-03", ReviewState.OK, "ok"),  # reviewed today
        ("2024-01-03", ReviewState.OK, "ok"),  # due in 31 days
        ("2024-01-02", ReviewState.DUE_SOON, "due in 30 days"),
        ("2023-12-04", ReviewState.DUE_SOON, "due in 1 day"),
        ("2023-12-03", ReviewState.DUE_SOON, "due today"),  # due today: not yet overdue
        ("2023-12-02", ReviewState.OVERDUE, "overdue by 1 day"),
        ("2020-01-15", ReviewState.OVERDUE, "overdue by 1418 days"),
        (None, ReviewState.NEVER, "never reviewed"),
    ],
)
def test_a_topic_s_state_on_a_given_day(
    tmp_path: Path, reviewed: str | None, state: ReviewState, described: str
) -> None:
    pack = load_pack(write(tmp_path, {"topics/a.yaml": topic(1, reviewed)}), today=TODAY)
    [review] = pack_review(pack, TODAY)
    assert (review.state, review.described) == (state, described)


def test_the_state_changes_with_the_day_asked_about(tmp_path: Path) -> None:
    """The kiosk runs for months: the same pack becomes overdue as days pass."""
    pack = load_pack(write(tmp_path, {"topics/a.yaml": topic(1, "2026-10-01")}), today=TODAY)
    states = [
        pack_review(pack, day)[0].state for day in (TODAY, date(2029, 9, 1), date(2029, 10, 2))
    ]
    assert states == [ReviewState.OK, ReviewState.DUE_SOON, ReviewState.OVERDUE]


def test_review_every_sets_the_period(tmp_path: Path) -> None:
    files = {"kiosk.yaml": "schema: 1\ntitle: Clinic\nreview_every: 12\n"}
    pack = load_pack(write(tmp_path, {**files, "topics/a.yaml": topic(1, "2026-01-31")}))
    assert pack_review(pack, TODAY)[0].due == date(2027, 1, 31)


# What an admin may write by mistake, and exactly what they are told.
WRONG_DATES = [
    (
        "2099-01-01",
        "'reviewed' is 2099-01-01, after today (2026-12-03); write the day a clinician "
        "last checked this topic, today or earlier",
    ),
    (
        "2026-12-04",  # tomorrow
        "'reviewed' is 2026-12-04, after today (2026-12-03); write the day a clinician "
        "last checked this topic, today or earlier",
    ),
    (
        "2026-02-30",
        "'reviewed' is 2026-02-30, which is not a real date (February 2026 has 28 days); "
        "write it year-month-day, such as 2026-10-01",
    ),
    (
        "2026-13-01",
        "'reviewed' is 2026-13-01, which is not a real date (there is no month 13: months "
        "run from 01 to 12); write it year-month-day, such as 2026-10-01",
    ),
    (
        "0000-01-01",
        "'reviewed' is 0000-01-01, which is not a real date (there is no year 0); "
        "write it year-month-day, such as 2026-10-01",
    ),
    (
        "yes",
        "'reviewed' must be a date written year-month-day, such as 2026-10-01, not 'yes'",
    ),
    (
        '"last year"',
        "'reviewed' must be a date written year-month-day, such as 2026-10-01, not 'last year'",
    ),
    (
        "1/10/2026",
        "'reviewed' must be a date written year-month-day, such as 2026-10-01, not '1/10/2026'",
    ),
    (
        "2026-10-01 10:00",
        "'reviewed' must be a date without a time of day; write reviewed: 2026-10-01",
    ),
    (
        "2026-10-01T10:00:00Z",
        "'reviewed' must be a date without a time of day; write reviewed: 2026-10-01",
    ),
]


@pytest.mark.parametrize(("written", "message"), WRONG_DATES)
def test_a_wrong_review_date_is_a_located_error(
    tmp_path: Path, yaml_parser: str, written: str, message: str
) -> None:
    folder = write(tmp_path / "pack", {"topics/a.yaml": topic(1, written)})
    with pytest.raises(ContentError) as info:
        load_pack(folder, today=TODAY)
    assert [str(p) for p in info.value.problems] == [
        f"{folder}/topics/a.yaml:4:11: error: {message}"
    ]


def test_today_s_date_is_accepted(tmp_path: Path) -> None:
    folder = write(tmp_path, {"topics/a.yaml": topic(1, "2026-12-03")})
    assert load_pack(folder, today=TODAY).topics[0].reviewed == TODAY
    with pytest.raises(ContentError):  # the day before, the same file is refused
        load_pack(folder, today=date(2026, 12, 2))


def test_a_date_to_come_is_a_warning_where_the_kiosk_runs(tmp_path: Path) -> None:
    # The running kiosk's clock may be behind the admin's (a time zone ahead, a
    # clock reset by a power cut): the pack still shows, and Status says why.
    folder = write(tmp_path, {"topics/a.yaml": topic(1, "2026-12-04")})
    pack = load_pack(folder, today=TODAY, future_reviews=Severity.WARNING)
    assert pack.topics[0].reviewed == date(2026, 12, 4)
    assert [str(p) for p in pack.warnings] == [
        f"{folder}/topics/a.yaml:4:11: warning: 'reviewed' is 2026-12-04, after today "
        "(2026-12-03); write the day a clinician last checked this topic, today or earlier"
    ]


def test_without_a_day_no_date_is_compared(tmp_path: Path) -> None:
    # No hidden clock: a caller that gives no day asks for no such check.
    folder = write(tmp_path, {"topics/a.yaml": topic(1, "2099-01-01")})
    pack = load_pack(folder)
    assert pack.topics[0].reviewed == date(2099, 1, 1)
    assert pack.warnings == ()


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("0", "'review_every' is 0; it must be between 1 and 120 months"),
        ("121", "'review_every' is 121; it must be between 1 and 120 months"),
        ('"36"', "'review_every' must be a whole number; remove the quotes"),
        ("3.5", "'review_every' must be a whole number such as 10, not '3.5'"),
        ("yearly", "'review_every' must be a whole number such as 10, not 'yearly'"),
    ],
)
def test_a_wrong_review_period_is_a_located_error(
    tmp_path: Path, yaml_parser: str, written: str, message: str
) -> None:
    folder = write(
        tmp_path / "pack",
        {
            "kiosk.yaml": f"schema: 1\ntitle: Clinic\nreview_every: {written}\n",
            "topics/a.yaml": topic(1),
        },
    )
    with pytest.raises(ContentError) as info:
        load_pack(folder, today=TODAY)
    assert [str(p) for p in info.value.problems] == [f"{folder}/kiosk.yaml:3:15: error: {message}"]


def test_a_pack_without_review_dates_gets_one_warning_at_kiosk_yaml(tmp_path: Path) -> None:
    folder = write(tmp_path / "pack", {f"topics/t{n}.yaml": topic(n) for n in range(10)})
    pack = load_pack(folder, today=TODAY)
    assert [str(w) for w in review_warnings(pack, TODAY)] == [
        f"{folder}/kiosk.yaml: warning: no topic says when a clinician last reviewed it; add "
        "'reviewed: 2026-12-03' (the day of the review) to each topic file once it is "
        "checked, and `kiosk check --review` lists what is due"
    ]


def test_once_a_pack_dates_reviews_each_topic_due_is_warned_about(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "pack",
        {
            "topics/fresh.yaml": topic(1, "2026-10-01"),
            "topics/never.yaml": topic(2),
            "topics/old.yaml": topic(3, "2023-01-31"),
            "topics/soon.yaml": topic(4, "2023-12-20"),  # due soon: the table says so
        },
    )
    pack = load_pack(folder, today=TODAY)
    assert [str(w) for w in review_warnings(pack, TODAY)] == [
        f"{folder}/topics/never.yaml: warning: never reviewed: add 'reviewed: YYYY-MM-DD' "
        "with the day a clinician checked this topic",
        f"{folder}/topics/old.yaml:4:11: warning: review overdue: it was due on 2026-01-31 "
        "(reviewed 2023-01-31, every 36 months); have a clinician check this topic, then "
        "write the day of the review here",
    ]
    # Not in the load's own warnings: those are shown to staff for months,
    # while a review's state changes with the date.
    assert pack.warnings == ()


def test_a_translated_pack_is_reviewed_by_its_main_topics(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "pack",
        {
            "kiosk.yaml": "schema: 1\ntitle: Clinic\nlanguages: [en, es]\n",
            "kiosk.es.yaml": "title: Clínica\n",
            "topics/a.yaml": topic(1, "2020-01-01"),
            "topics/a.es.yaml": "question: ¿Q?\nanswer: R.\n",
        },
    )
    spanish = load_pack(folder, today=TODAY).in_language("es")
    assert [r.state for r in pack_review(spanish, TODAY)] == [ReviewState.OVERDUE]
    assert [w.path for w in review_warnings(spanish, TODAY)] == [f"{folder}/topics/a.yaml"]


def test_the_review_table_in_tile_order(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "pack",
        {
            "topics/zeta.yaml": topic(1, "2026-10-01"),
            "topics/alpha.yaml": topic(2),
            "topics/old.yaml": topic(3, "2023-01-31"),
            "topics/soon.yaml": topic(4, "2023-12-20"),
        },
    )
    lines = review_lines(pack_review(load_pack(folder, today=TODAY), TODAY))
    assert lines == [
        "topic  reviewed    due         status",
        "zeta   2026-10-01  2029-10-01  ok",
        "alpha  -           -           never reviewed",
        "old    2023-01-31  2026-01-31  overdue by 306 days",
        "soon   2023-12-20  2026-12-20  due in 17 days",
        "1 of 4 topics overdue, 1 never reviewed, 1 due within 30 days.",
    ]


def test_a_long_topic_id_takes_a_line_of_its_own(tmp_path: Path) -> None:
    long_id = "how-long-does-it-take-to-recover-from-a-stroke-with-and-without-tms"[:64]
    folder = write(
        tmp_path / "pack",
        {"topics/short.yaml": topic(1, "2026-10-01"), f"topics/{long_id}.yaml": topic(2)},
    )
    lines = review_lines(pack_review(load_pack(folder, today=TODAY), TODAY))
    assert max(map(len, lines)) <= 80
    assert lines[2:4] == [
        long_id,
        " " * 42 + "-           -           never reviewed",
    ]
    assert lines[1].startswith("short" + " " * 37 + "2026-10-01  2029-10-01  ok")


@pytest.mark.parametrize(
    ("dates", "summary"),
    [
        ([None, None], "no review dates: none of the 2 topics gives 'reviewed'"),
        (["2026-10-01", "2026-01-01"], "all 2 topics up to date"),
        (["2026-10-01", None], "0 of 2 topics overdue, 1 never reviewed"),
        (["2020-01-01", "2026-01-01"], "1 of 2 topics overdue"),
        (["2020-01-01", "2023-12-20"], "1 of 2 topics overdue, 1 due within 30 days"),
    ],
)
def test_the_summary(tmp_path: Path, dates: list[str | None], summary: str) -> None:
    files = {f"topics/t{n}.yaml": topic(n, d) for n, d in enumerate(dates)}
    assert review_summary(pack_review(load_pack(write(tmp_path, files), today=TODAY), TODAY)) == (
        summary
    )
