"""Staff screens: the corner gesture, the PIN pad, the menu, Status, and idle."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.status import ContentStatus
from kiosk.ui.window import KioskWindow

PIN = "2468"


def _tap_corner(window: KioskWindow, times: int, where: QPoint | None = None) -> None:
    for _ in range(times):
        QTest.mouseClick(
            window.windowHandle(), Qt.MouseButton.LeftButton, pos=where or QPoint(10, 10)
        )


def _type_pin(qtbot: QtBot, window: KioskWindow, pin: str) -> None:
    """Tap the digits and OK, and wait for the answer (the PIN is checked off the GUI thread)."""
    for digit in pin:
        window.pin_pad.keys[digit].click()
    window.pin_pad.keys["OK"].click()
    qtbot.waitUntil(lambda: not window.pin_pad.checking)


def test_five_taps_in_the_corner_open_the_pin_pad(open_window, bundled_pack):
    window = open_window(bundled_pack, verify_pin=lambda pin: pin == PIN)
    _tap_corner(window, 4)
    assert window.current_screen == "home"
    _tap_corner(window, 1)
    assert window.current_screen == "pin"


def test_taps_after_a_pause_start_counting_again(qtbot: QtBot, open_window, bundled_pack):
    window = open_window(bundled_pack, verify_pin=lambda pin: pin == PIN, corner_within_ms=40)
    _tap_corner(window, 4)
    qtbot.waitUntil(lambda: window.corner_taps.count == 0)
    _tap_corner(window, 1)
    assert window.current_screen == "home"


def test_a_tap_elsewhere_resets_the_corner_count(open_window, bundled_pack):
    window = open_window(bundled_pack, verify_pin=lambda pin: pin == PIN)
    _tap_corner(window, 3)
    _tap_corner(window, 1, where=QPoint(900, 20))
    _tap_corner(window, 2)
    assert window.current_screen == "home"


def test_right_pin_opens_the_staff_menu(qtbot: QtBot, open_window, bundled_pack, caplog):
    window = open_window(bundled_pack, verify_pin=lambda pin: pin == PIN)
    window.open_staff()
    assert window.pin_pad.dots.text() == "no digits yet"
    for digit in PIN[:2]:
        window.pin_pad.keys[digit].click()
    assert window.pin_pad.dots.text() == "● ●"
    with caplog.at_level(logging.INFO):
        window.pin_pad.keys["Clear"].click()
        _type_pin(qtbot, window, PIN)
    assert window.current_screen == "staff"
    assert "staff PIN accepted" in caplog.text
    assert PIN not in caplog.text


def test_five_wrong_pins_lock_the_pad_then_it_unlocks(
    qtbot: QtBot, open_window, bundled_pack, caplog
):
    window = open_window(bundled_pack, verify_pin=lambda pin: pin == PIN, pin_lockout_ms=60_000)
    window.open_staff()
    pad = window.pin_pad
    with caplog.at_level(logging.INFO):
        for attempt in range(1, 5):
            _type_pin(qtbot, window, "1111")
            assert (
                pad.message.text()
                == f"Wrong PIN. {5 - attempt} {'tries' if attempt < 4 else 'try'} left."
            )
        _type_pin(qtbot, window, "1111")
    assert pad.locked
    assert pad.message.text() == "Too many wrong PINs. Try again in 60 seconds."
    assert not pad.keys["5"].isEnabled()
    _type_pin(qtbot, window, PIN)  # ignored while locked, even the right PIN
    assert window.current_screen == "pin"
    assert "staff PIN wrong (5 of 5)" in caplog.text
    assert "staff PIN pad locked for 60 seconds" in caplog.text
    assert "1111" not in caplog.text


def test_the_lock_lifts_after_its_time(qtbot: QtBot, open_window, bundled_pack):
    window = open_window(bundled_pack, verify_pin=lambda pin: pin == PIN, pin_lockout_ms=30)
    window.open_staff()
    for _ in range(5):
        _type_pin(qtbot, window, "9")
    assert window.pin_pad.locked
    qtbot.waitUntil(lambda: not window.pin_pad.locked)
    assert window.pin_pad.keys["5"].isEnabled()
    _type_pin(qtbot, window, PIN)
    assert window.current_screen == "staff"


def test_pin_pad_cancel_goes_home(open_window, bundled_pack):
    window = open_window(bundled_pack, verify_pin=lambda pin: pin == PIN)
    window.open_staff()
    window.pin_pad.cancel.click()
    assert window.current_screen == "home"


def test_at_most_eight_digits(qtbot: QtBot, open_window, bundled_pack):
    window = open_window(bundled_pack, verify_pin=lambda pin: pin == "12345678")
    window.open_staff()
    _type_pin(qtbot, window, "123456789")
    assert window.current_screen == "staff"


def test_without_a_pin_the_gesture_opens_the_menu(open_window, bundled_pack):
    window = open_window(bundled_pack)
    _tap_corner(window, 5)
    assert window.current_screen == "staff"


def test_menu_reload_status_back(qtbot: QtBot, open_window, bundled_pack):
    window = open_window(bundled_pack)
    window.open_staff()
    with qtbot.waitSignal(window.reload_requested):
        window.staff_menu.reload_button.click()
    window.staff_menu.status_button.click()
    assert window.current_screen == "status"
    window.status_screen.back_button.click()
    assert window.current_screen == "staff"
    window.staff_menu.back_button.click()
    assert window.current_screen == "home"


def test_idle_closes_the_pin_pad_and_the_staff_menu(qtbot: QtBot, open_window, bundled_pack):
    window = open_window(
        bundled_pack, verify_pin=lambda pin: pin == PIN, idle_timeout_ms=25, idle_warning_ms=25
    )
    for open_screen in (window.open_staff, window.show_staff_menu, window.show_status):
        open_screen()
        with qtbot.waitSignal(window.idle.expired):
            pass
        assert window.current_screen == "home"


def test_staff_screens_use_no_text_field(open_window, bundled_pack):
    from PySide6.QtWidgets import QLineEdit  # noqa: PLC0415 - only to look for it

    window = open_window(bundled_pack, verify_pin=lambda pin: pin == PIN)
    window.open_staff()
    assert window.findChildren(QLineEdit) == []


def test_staff_with_a_keyboard_can_type_the_pin(qtbot: QtBot, open_window, bundled_pack):
    window = open_window(bundled_pack, verify_pin=lambda pin: pin == PIN)
    window.open_staff()
    QTest.keyClicks(window.pin_pad, "13")
    QTest.keyClick(window.pin_pad, Qt.Key.Key_Backspace)
    QTest.keyClicks(window.pin_pad, PIN)
    QTest.keyClick(window.pin_pad, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_screen == "staff")


def test_content_results_do_not_keep_the_status_screen_open(
    qtbot: QtBot, open_window, bundled_pack
):
    window = open_window(bundled_pack, idle_timeout_ms=60, idle_warning_ms=60)
    window.show_status()
    # Results keep arriving (a broken pack being retried); idle still wins.
    refresher = QTimer(window, interval=10)
    refresher.timeout.connect(window.refresh_status)
    refresher.start()
    with qtbot.waitSignal(window.idle.expired, timeout=5000):
        pass
    refresher.stop()
    assert window.current_screen == "home"


def test_only_ascii_digits_count_as_pin_digits(open_window, bundled_pack):
    window = open_window(bundled_pack, verify_pin=lambda pin: pin == PIN)
    window.open_staff()
    for key, text in ((Qt.Key.Key_twosuperior, "²"), (Qt.Key.Key_unknown, "٣")):
        press = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
        QApplication.sendEvent(window.pin_pad, press)
    assert window.pin_pad.dots.text() == "no digits yet"


def test_five_corner_taps_during_the_idle_warning_still_open_the_pin_pad(
    qtbot: QtBot, open_window, bundled_pack
):
    window = open_window(
        bundled_pack,
        verify_pin=lambda pin: pin == PIN,
        idle_timeout_ms=25,
        idle_warning_ms=60_000,
        settle_ms=60_000,  # every tap after the first falls in the settle time
        reading_words_per_minute=10**9,
    )
    with qtbot.waitSignal(window.idle.warning_started):
        window.show_topic(bundled_pack.topics[0].id)
    _tap_corner(window, 5)
    assert window.current_screen == "pin"


def _slow_check(release: threading.Event) -> Callable[[str], bool]:
    """A PIN check that takes until ``release`` is set (as scrypt takes half a second)."""

    def verify(pin: str) -> bool:
        release.wait(timeout=10)  # only a backstop: the tests set it
        return pin == PIN

    return verify


def _pin_checks_done(qtbot: QtBot, window: KioskWindow) -> None:
    """Wait for the PIN checks, forgotten ones too, then deliver what they answered."""
    qtbot.waitUntil(lambda: not window.pin_pad._check.computing)
    QApplication.processEvents()


def test_the_screen_keeps_running_while_the_pin_is_checked(qtbot: QtBot, open_window, bundled_pack):
    release = threading.Event()
    window = open_window(bundled_pack, verify_pin=_slow_check(release))
    window.open_staff()
    ticks: list[int] = []
    ticker = QTimer(window, interval=1)
    ticker.timeout.connect(lambda: ticks.append(1))
    ticker.start()
    for digit in PIN:
        window.pin_pad.keys[digit].click()
    window.pin_pad.keys["OK"].click()
    qtbot.waitUntil(lambda: len(ticks) >= 3)  # the event loop runs during the check
    pad = window.pin_pad
    assert pad.checking
    assert pad.message.text() == "Checking the PIN…"
    assert not any(key.isEnabled() for key in pad.keys.values())  # no second PIN meanwhile
    assert pad.cancel.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: window.current_screen == "staff")
    ticker.stop()


def test_an_answer_after_the_pad_was_left_opens_nothing(qtbot: QtBot, open_window, bundled_pack):
    release = threading.Event()
    window = open_window(bundled_pack, verify_pin=_slow_check(release))
    window.open_staff()
    for digit in PIN:
        window.pin_pad.keys[digit].click()
    window.pin_pad.keys["OK"].click()
    assert window.pin_pad.checking
    window.pin_pad.cancel.click()
    assert window.current_screen == "home"
    release.set()
    _pin_checks_done(qtbot, window)
    assert window.current_screen == "home"  # the right PIN came too late to count
    window.open_staff()  # and the pad is ready for the next try
    assert not window.pin_pad.checking
    assert window.pin_pad.keys["5"].isEnabled()
    assert window.pin_pad.message.text() == ""


def _status(**fields: object) -> ContentStatus:
    return ContentStatus(folder=Path("/srv/kiosk/current"), started_at=MORNING, **fields)  # type: ignore[arg-type]


MORNING = dt.datetime(2026, 5, 4, 9, 0, 0)


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (1280, 800), (1024, 600)])
def test_the_menus_buttons_stay_put_whatever_the_note_says(open_window, bundled_pack, size):
    status = _status(loaded_at=MORNING, last_attempt_at=MORNING, topic_count=10)
    window = open_window(bundled_pack, size=size, status=status, now=lambda: MORNING)
    window.show_staff_menu()
    menu = window.staff_menu
    buttons = (menu.status_button, menu.reload_button, menu.exit_button, menu.back_button)

    def places() -> list[QRect]:
        QApplication.processEvents()  # the layout settles
        return [button.geometry() for button in buttons]

    short = places()
    one_line = menu.note.height()
    status.unavailable("the share //fileserver/kiosk/current does not answer: " * 4, MORNING)
    window.refresh_status()
    assert places() == short
    assert menu.note.height() > 2 * one_line  # the note did wrap onto more lines


def test_reload_shows_it_is_working_then_its_result_with_the_time(
    qtbot: QtBot, open_window, bundled_pack
):
    status = _status(loaded_at=MORNING, last_attempt_at=MORNING, topic_count=10)
    clock = [MORNING]
    window = open_window(bundled_pack, status=status, now=lambda: clock[0])
    window.show_staff_menu()
    menu = window.staff_menu
    assert menu.note.text() == "Content: OK, 10 topics. Checked at 09:00:00."
    with qtbot.waitSignal(window.reload_requested):
        menu.reload_button.click()
    assert menu.note.text() == "Reloading the content…"
    assert menu.reload_button.text() == "Reloading…"
    assert not menu.reload_button.isEnabled()  # no second reload meanwhile
    window.refresh_status()  # an update that is not the reload's result (read-aloud, say)
    assert menu.note.text() == "Reloading the content…"
    # Seconds later, on a slow share, the result: a newer attempt.
    clock[0] = MORNING + dt.timedelta(seconds=7)
    status.unavailable("the share does not answer", clock[0])
    window.refresh_status()
    assert menu.note.text() == (
        "Content: content folder unavailable: the share does not answer. Checked at 09:00:07."
    )
    assert menu.reload_button.isEnabled()
    assert menu.reload_button.text() == "Reload content now"


def test_a_result_from_another_day_shows_its_date(open_window, bundled_pack):
    status = _status(loaded_at=MORNING, last_attempt_at=MORNING, topic_count=1)
    window = open_window(bundled_pack, status=status, now=lambda: MORNING + dt.timedelta(days=1))
    window.show_staff_menu()
    assert window.staff_menu.note.text() == "Content: OK, 1 topic. Checked at 2026-05-04 09:00:00."


def test_a_forgotten_check_and_a_new_one_never_compute_side_by_side(
    qtbot: QtBot, open_window, bundled_pack
):
    # Each scrypt check takes 128 MiB: Cancel and a new PIN while the first is
    # still computing must queue the second behind it, not run both at once.
    release = threading.Event()
    running: list[int] = []
    most = [0]

    def verify(pin: str) -> bool:
        running.append(1)
        most[0] = max(most[0], len(running))
        release.wait(timeout=10)  # only a backstop: the test sets it
        running.pop()
        return pin == PIN

    window = open_window(bundled_pack, verify_pin=verify)

    def type_the_pin() -> None:
        window.open_staff()
        for digit in PIN:
            window.pin_pad.keys[digit].click()
        window.pin_pad.keys["OK"].click()
        assert window.pin_pad.checking

    type_the_pin()
    window.pin_pad.cancel.click()  # its check goes on, forgotten
    type_the_pin()
    release.set()
    qtbot.waitUntil(lambda: window.current_screen == "staff")  # the second PIN counts
    _pin_checks_done(qtbot, window)
    assert most[0] == 1
