"""The idle warning and the return home, driven with millisecond timeouts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.ui.window import KioskWindow, reading_time_ms

# So fast that an answer's reading time never lengthens a millisecond timeout.
FAST_READER = 10**9
LONG_ANSWER = "\n\n".join(["word " * 60] * 10)  # 600 words: the page scrolls


def test_warning_appears_after_the_timeout_and_keep_reading_stays(
    qtbot: QtBot, open_window, bundled_pack
):
    window = open_window(
        bundled_pack,
        idle_timeout_ms=30,
        idle_warning_ms=60_000,
        reading_words_per_minute=FAST_READER,
    )
    with qtbot.waitSignal(window.idle.warning_started):
        window.show_topic("side-effects")
    assert window.overlay.isVisible()
    assert window.overlay.question.text() == "Are you still reading?"
    assert "60 seconds" in window.overlay.message.text()

    with qtbot.waitSignal(window.idle.resumed):
        window.overlay.button.click()
    assert not window.overlay.isVisible()
    assert window.current_screen == "answer"
    assert window.answer.topic is not None
    assert window.answer.topic.id == "side-effects"


def test_no_answer_returns_home_and_forgets_the_visit(qtbot: QtBot, open_window, make_pack):
    pack = make_pack({f"t{n}": (f"Question {n}?", LONG_ANSWER) for n in range(40)})
    window = open_window(
        pack,
        size=(1280, 800),
        idle_timeout_ms=20,
        idle_warning_ms=20,
        reading_words_per_minute=FAST_READER,
    )
    window.idle.stop()  # no expiry while the visit is set up
    home_bar = window.home.scroll_area.verticalScrollBar()
    home_bar.setValue(home_bar.maximum())
    window.show_topic("t39")
    window.idle.stop()
    answer_bar = window.answer.view.verticalScrollBar()
    qtbot.waitUntil(lambda: answer_bar.maximum() > 0)
    answer_bar.setValue(answer_bar.maximum())
    assert home_bar.value() > 0
    assert answer_bar.value() > 0

    with qtbot.waitSignal(window.idle.expired, timeout=5000):
        window.idle.restart()
    assert window.current_screen == "home"
    assert not window.overlay.isVisible()
    assert home_bar.value() == 0
    assert answer_bar.value() == 0


def test_idle_timers_come_from_the_constructor(qtbot: QtBot, open_window, make_pack):
    pack = make_pack({"short": ("Short?", "Yes.")})
    window = open_window(
        pack, idle_timeout_ms=25, idle_warning_ms=25, reading_words_per_minute=FAST_READER
    )
    with qtbot.waitSignal(window.screen_changed):
        window.home.tiles[0].click()
    with qtbot.waitSignal(window.idle.warning_started), qtbot.waitSignal(window.idle.expired):
        pass
    assert window.current_screen == "home"


@pytest.fixture
def warned_window(qtbot: QtBot, open_window, make_pack) -> KioskWindow:
    """A window on a short answer, its idle warning showing and counting a minute."""
    pack = make_pack({"short": ("Short?", "Yes.")})
    window = open_window(
        pack, idle_timeout_ms=25, idle_warning_ms=60_000, reading_words_per_minute=FAST_READER
    )
    with qtbot.waitSignal(window.idle.warning_started):
        window.show_topic("short")
    assert window.overlay.isVisible()
    return window


def test_a_tap_anywhere_during_the_warning_only_dismisses_it(qtbot: QtBot, warned_window):
    window = warned_window
    # A real tap where the Home button lies, under the overlay: through the
    # window, so Qt finds the widget under the finger as it would on a screen.
    home_button = window.answer.home_button
    where = home_button.mapTo(window, home_button.rect().center())
    with qtbot.waitSignal(window.idle.resumed):
        QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=where)
    assert not window.overlay.isVisible()
    assert window.current_screen == "answer"


def test_a_key_press_counts_as_activity(qtbot: QtBot, warned_window):
    window = warned_window
    with qtbot.waitSignal(window.idle.resumed):
        QTest.keyClick(window, Qt.Key.Key_Space)
    assert not window.overlay.isVisible()


def test_countdown_counts_down_in_whole_seconds(qtbot: QtBot, open_window, make_pack):
    pack = make_pack({"short": ("Short?", "Yes.")})
    window = open_window(
        pack, idle_timeout_ms=25, idle_warning_ms=1100, reading_words_per_minute=FAST_READER
    )
    window.show_topic("short")
    seen: list[int] = []
    window.idle.countdown.connect(seen.append)
    with qtbot.waitSignal(window.idle.expired, timeout=5000):
        pass
    assert seen[0] == 2
    assert min(seen) < seen[0]  # it counted down
    assert seen == sorted(seen, reverse=True)


def test_home_screen_resets_silently_without_a_warning(qtbot: QtBot, open_window, make_pack):
    pack = make_pack(count=60)
    window = open_window(pack, size=(1280, 800), idle_timeout_ms=25, idle_warning_ms=60_000)
    bar = window.home.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    with (
        qtbot.assertNotEmitted(window.idle.warning_started, wait=0),
        qtbot.waitSignal(window.idle.expired),
    ):
        window.idle.restart(warn=False)
    assert bar.value() == 0


def test_long_answers_get_a_slow_readers_time(open_window, make_pack):
    pack = make_pack({"long": ("Long?", LONG_ANSWER), "short": ("Short?", "Yes.")})
    window = open_window(pack, idle_timeout_ms=90_000)
    window.show_topic("long")
    assert window.idle.timeout_ms == reading_time_ms(pack.topic("long").word_count)
    assert window.idle.timeout_ms > 6 * 60_000  # 601 words at 100 words a minute
    window.show_topic("short")
    assert window.idle.timeout_ms == 90_000


def test_reading_time_is_a_hundred_words_a_minute():
    assert reading_time_ms(100) == 60_000
    assert reading_time_ms(150) == 90_000
    assert reading_time_ms(0) == 0


def test_reading_time_stops_at_ten_minutes():
    assert reading_time_ms(999) == 599_400
    assert reading_time_ms(1000) == 600_000
    assert reading_time_ms(1001) == 600_000
    assert reading_time_ms(200_000) == 600_000  # about 1 MiB of words: not 33 hours


@pytest.mark.parametrize(
    ("idle_timeout_ms", "expected_ms"),
    [(90_000, 600_000), (3_600_000, 3_600_000)],  # never below the configured timeout
    ids=["capped", "configured-timeout-is-longer"],
)
def test_a_huge_answer_keeps_the_page_ten_minutes_at_most(
    open_window, make_pack, idle_timeout_ms, expected_ms
):
    pack = make_pack({"huge": ("Huge?", "word " * 5000)})  # 50 minutes at 100 words a minute
    window = open_window(pack, idle_timeout_ms=idle_timeout_ms)
    window.show_topic("huge")
    assert window.idle.timeout_ms == expected_ms


def test_keep_reading_shows_its_pressed_state_and_acts_on_release(qtbot: QtBot, warned_window):
    window = warned_window
    button = window.overlay.button
    QTest.mousePress(button, Qt.MouseButton.LeftButton)
    assert button.isDown()
    assert window.overlay.isVisible()
    with qtbot.waitSignal(window.idle.resumed):
        QTest.mouseRelease(button, Qt.MouseButton.LeftButton)
    assert not window.overlay.isVisible()
    assert window.current_screen == "answer"


def test_a_press_on_keep_reading_that_slides_off_still_counts(qtbot: QtBot, warned_window):
    window = warned_window
    button = window.overlay.button
    handle = window.windowHandle()
    start = button.mapTo(window, button.rect().center())
    off = start + QPoint(0, button.height() * 2)
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    assert window.overlay.isVisible()  # pressed, not yet acted on
    with qtbot.waitSignal(window.idle.resumed):
        QTest.mouseMove(handle, off)
        QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=off)
    assert not window.overlay.isVisible()
