"""Status tells staff how many topics are overdue for review, on the kiosk's own clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from kiosk.content import load_pack
from kiosk.status import ContentStatus
from kiosk.ui.window import KioskWindow

START = dt.datetime(2026, 12, 3, 9, 0)


def test_status_counts_overdue_topics_as_the_days_pass(
    open_window: Callable[..., KioskWindow], tmp_path: Path
) -> None:
    folder = tmp_path / "pack"
    (folder / "topics").mkdir(parents=True)
    (folder / "kiosk.yaml").write_text("schema: 1\ntitle: Clinic\n", encoding="utf-8")
    for topic_id, reviewed in (("a", "2026-10-01"), ("b", "2023-12-10")):
        (folder / "topics" / f"{topic_id}.yaml").write_text(
            f"question: {topic_id}?\nanswer: A.\nreviewed: {reviewed}\n", encoding="utf-8"
        )
    pack = load_pack(folder, today=START.date())
    clock = [START]
    status = ContentStatus(folder=folder, started_at=START)
    status.loaded(pack, START)
    window = open_window(pack, status=status, now=lambda: clock[0])

    def review_line() -> list[str]:
        window.show_status()
        lines = window.status_screen.text.toPlainText().splitlines()
        return [line for line in lines if line.startswith("Review:")]

    assert review_line() == ["Review: 0 of 2 topics overdue, 1 due within 30 days"]
    clock[0] = dt.datetime(2026, 12, 11, 8, 0)  # a week later, the same pack
    window.show_staff_menu()
    assert review_line() == ["Review: 1 of 2 topics overdue"]
