"""`kiosk check` and review dates: the warnings, `--review`'s table, a date to come refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import kiosk.cli
from kiosk.cli import main
from kiosk.paths import bundled_content

TODAY = dt.date(2026, 12, 3)


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """`kiosk check`'s clock, fixed: the states below are for this day."""
    monkeypatch.setattr(kiosk.cli, "_today", lambda: TODAY)
    return TODAY


def dated(folder: Path, dates: dict[str, str | None]) -> Path:
    """Give each topic of ``folder`` its review date (None: none)."""
    for topic_id, reviewed in dates.items():
        file = folder / "topics" / f"{topic_id}.yaml"
        lines = [line for line in file.read_text("utf-8").splitlines() if "reviewed" not in line]
        if reviewed is not None:
            lines.append(f"reviewed: {reviewed}")
        file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_check_review_prints_the_table_and_warns_but_passes(capsys, write_pack):
    pack = write_pack(
        {
            "waiting": ("How long will I wait?", "We will call your name soon."),
            "bring": ("What should I bring?", "Bring a list of your questions."),
            "parking": ("Where can I park?", "You can park at the back."),
        }
    )
    dated(pack, {"waiting": "2026-10-01", "bring": "2022-05-31", "parking": None})
    assert main(["check", "--review", str(pack)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "OK: 3 topics",
        "topic    reviewed    due         status",
        "waiting  2026-10-01  2029-10-01  ok",
        "bring    2022-05-31  2025-05-31  overdue by 551 days",
        "parking  -           -           never reviewed",
        "1 of 3 topics overdue, 1 never reviewed.",
    ]
    assert err.splitlines() == [
        f"{pack}/topics/bring.yaml:5:11: warning: review overdue: it was due on 2025-05-31 "
        "(reviewed 2022-05-31, every 36 months); have a clinician check this topic, then "
        "write the day of the review here",
        f"{pack}/topics/parking.yaml: warning: never reviewed: add 'reviewed: YYYY-MM-DD' "
        "with the day a clinician checked this topic",
    ]
    # Without --review: the same warnings, no table.
    assert main(["check", str(pack)]) == 0
    assert capsys.readouterr() == ("OK: 3 topics\n", err)


@pytest.mark.parametrize("written", ["2099-01-01", "2026-12-04"])  # tomorrow too
def test_check_refuses_a_review_date_to_come(capsys, write_pack, written):
    pack = dated(
        write_pack({"bring": ("What should I bring?", "Bring a list of your questions.")}), {}
    )
    dated(pack, {"bring": written})
    assert main(["check", "--review", str(pack)]) == 1
    assert capsys.readouterr() == (
        f"{pack}/topics/bring.yaml:5:11: error: 'reviewed' is {written}, after today "
        "(2026-12-03); write the day a clinician last checked this topic, today or earlier\n"
        "1 error; the pack cannot be shown until they are fixed.\n",
        "",
    )


def test_check_review_of_the_bundled_pack(capsys):
    assert main(["check", "--review"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[3] == "topic                        reviewed    due         status"
    assert lines[4] == "interhemispheric-imbalance   -           -           never reviewed"
    assert len(lines) == 3 + 1 + 10 + 1
    assert lines[-1] == "No review dates: none of the 10 topics gives 'reviewed'."
    assert err == (
        f"{bundled_content()}/kiosk.yaml: warning: no topic says when a clinician last "
        "reviewed it; add 'reviewed: 2026-12-03' (the day of the review) to each topic file "
        "once it is checked, and `kiosk check --review` lists what is due\n"
    )
