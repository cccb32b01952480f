"""Usage figures for staff: today's on Status, the last 30 days' charts on the Usage screen.

The figures are read off the GUI thread; a read that does not answer in
time makes the screens say so, and never holds the screen up.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from kiosk.content import Pack
from kiosk.stats.report import Period, Report, read_report
from kiosk.ui.style import theme
from kiosk.ui.window import KioskWindow

NOW = dt.datetime(2026, 12, 3, 15, 30)
SIDE_EFFECTS = "What are the side effects of transcranial magnetic stimulation?"


def _read(side: str, at: str, seconds: int | None = 30) -> tuple[str, str, int | None]:
    return (side, at, seconds)


VISITS = [
    # Yesterday: counts on the Usage screen, not today.
    ("2026-12-02 10:00", 60, "home", [_read("who-should-not-get-tms", "2026-12-02 10:00")] * 4, []),
    ("2026-12-03 09:00", 60, "idle", [_read("side-effects", "2026-12-03 09:00")] * 3, []),
    (
        "2026-12-03 10:00",
        60,
        "home",
        [_read("can-tms-be-harmful", "2026-12-03 10:00"), _read("old-topic", "2026-12-03 10:01")],
        [],
    ),
    ("2026-12-03 11:00", 60, None, [_read("old-topic", "2026-12-03 11:00", None)], []),
    ("2026-12-03 12:00", 60, "home", [_read("does-tms-help-stroke", "2026-12-03 12:00")], []),
]


def _status_text(window: KioskWindow) -> str:
    return window.status_screen.text.toPlainText()


@pytest.fixture
def usage_window(
    open_window: Callable[..., KioskWindow], bundled_pack: Pack, stats_db
) -> Callable[..., KioskWindow]:
    def open_(**options: object) -> KioskWindow:
        if "stats_db" not in options:
            options["stats_db"] = stats_db(VISITS)
        return open_window(bundled_pack, now=lambda: NOW, **options)

    return open_


def test_status_shows_todays_visits_and_most_opened_topics(qtbot: QtBot, usage_window):
    window = usage_window()
    window.show_status()
    assert "Usage today: reading the figures…" in _status_text(window)
    qtbot.waitUntil(lambda: "Visits today" in _status_text(window))
    lines = _status_text(window).splitlines()
    assert "Visits today: 4" in lines
    # By question where the pack has the topic, else by id; most opened first.
    assert f"Most opened today: {SIDE_EFFECTS} (3), old-topic (2), Can TMS be harmful? (1)" in lines


def test_nothing_opened_today_says_so(qtbot: QtBot, usage_window, stats_db, tmp_path):
    window = usage_window(stats_db=stats_db(VISITS[:1], tmp_path / "yesterday.sqlite3"))
    window.show_status()
    qtbot.waitUntil(lambda: "Visits today" in _status_text(window))
    assert "Visits today: 0\nMost opened today: none yet" in _status_text(window)


def test_with_statistics_off_status_says_so(usage_window):
    window = usage_window(stats_db=None)
    window.show_status()
    assert _status_text(window).endswith(
        "Usage today: statistics are off (stats: false in the config file)"
    )
    window.show_usage()
    assert window.usage_screen.summary.text() == _status_text(window).splitlines()[-1]
    assert not any(view.isVisible() for view in window.usage_screen.views)


def test_before_anything_is_recorded_status_says_so(qtbot: QtBot, usage_window, tmp_path):
    missing = tmp_path / "never.sqlite3"
    window = usage_window(stats_db=missing)
    window.show_status()
    qtbot.waitUntil(lambda: not window.usage.reading)
    assert _status_text(window).endswith(f"Usage today: nothing recorded yet (no file {missing})")
    assert not missing.exists()  # reading never makes one


def test_a_damaged_file_is_not_available_with_the_reason(qtbot: QtBot, usage_window, tmp_path):
    damaged = tmp_path / "stats.sqlite3"
    damaged.write_bytes(b"not a database " * 100)
    window = usage_window(stats_db=damaged)
    window.show_status()
    qtbot.waitUntil(lambda: not window.usage.reading)
    assert _status_text(window).endswith(
        f"Usage today: not available: cannot read {damaged}: file is not a database"
    )


@pytest.fixture
def stuck() -> Iterator[threading.Event]:
    """Set to let a stuck read go; set at the end of the test in any case."""
    release = threading.Event()
    yield release
    release.set()


def test_a_read_that_never_answers_times_out_without_blocking(
    qtbot: QtBot, usage_window, stuck: threading.Event
):
    calls: list[Period] = []

    def slow_read(path: Path, period: Period, questions: dict[str, str]) -> Report:
        calls.append(period)
        stuck.wait(timeout=30)  # only a backstop: the fixture sets it
        return read_report(path, period, questions)

    window = usage_window(read_usage=slow_read, usage_timeout_ms=50)
    window.show_status()  # returns at once: the read runs on its own thread
    assert window.current_screen == "status"
    assert "Usage today: reading the figures…" in _status_text(window)
    qtbot.waitUntil(lambda: "not available" in _status_text(window))
    assert _status_text(window).splitlines()[-1] == (
        f"Usage today: not available: {window.usage.path} has not answered since 15:30:00 "
        "(waited 0.05 s; a slow or network disk?)"
    )
    # Opening Usage does not start a second read beside the stuck one.
    window.show_usage()
    qtbot.waitUntil(lambda: "not available" in window.usage_screen.summary.text())
    assert len(calls) == 1
    # When the disk answers after all, the figures show.
    stuck.set()
    qtbot.waitUntil(lambda: "Visits today: 4" in window.usage_screen.summary.text())
    assert "Visits today: 4" in _status_text(window)


def test_usage_screen_shows_the_last_30_days_as_charts_with_their_figures_as_text(
    qtbot: QtBot, usage_window
):
    window = usage_window()
    window.show_staff_menu()
    window.staff_menu.usage_button.click()
    assert window.current_screen == "usage"
    screen = window.usage_screen
    qtbot.waitUntil(lambda: all(view.isVisible() for view in screen.views))
    assert screen.title.text() == "Usage from 4 Nov to 3 Dec 2026"
    days, topics, hours = screen.views
    assert days.accessibleName() == "Visits per day: 5 visits in all"
    assert "2 Dec: 1\n3 Dec: 4" in days.accessibleDescription()
    assert topics.accessibleDescription().splitlines()[:3] == [
        "Topics by times opened",
        "Who should not get TMS?: opened 4 times, median reading 30 s",
        f"{SIDE_EFFECTS}: opened 3 times, median reading 30 s",
    ]
    assert "old-topic: opened 2 times, median reading 30 s" in topics.accessibleDescription()
    assert "09:00 to 09:59: 1" in hours.accessibleDescription()
    for view in screen.views:  # inside the screen, across its width
        assert view.width() == screen.scroll_area.viewport().width()
    screen.back_button.click()
    assert window.current_screen == "staff"


@pytest.mark.parametrize("high_contrast", [False, True], ids=["standard", "high-contrast"])
def test_the_charts_take_the_themes_colours(qtbot: QtBot, usage_window, high_contrast: bool):
    window = usage_window()
    window.set_high_contrast(high_contrast)
    window.show_usage()
    qtbot.waitUntil(window.usage_screen.views[0].isVisible)
    palette = theme.HIGH_CONTRAST if high_contrast else theme.Palette()
    for view in window.usage_screen.views:
        chart = view.chart()
        assert chart.backgroundBrush().color() == QColor(palette.background)
        assert chart.titleBrush().color() == QColor(palette.text)
        bars = chart.series()[0].barSets()[0]  # type: ignore[attr-defined]
        assert bars.color() == QColor(palette.primary)
        for axis in chart.axes():
            assert axis.labelsColor() == QColor(palette.text)
    # Bars and text stand out from the page: 3:1 for the bars, 7:1 for text.
    assert theme.contrast_ratio(palette.primary, palette.background) >= 3
    assert theme.contrast_ratio(palette.text, palette.background) >= 7


def test_idle_returns_home_from_usage(qtbot: QtBot, usage_window):
    window = usage_window(idle_timeout_ms=25, idle_warning_ms=25)
    window.show_usage()
    with qtbot.waitSignal(window.idle.expired):
        pass
    assert window.current_screen == "home"
