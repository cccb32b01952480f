"""Staff screens: the corner gesture, the PIN pad, the menu, Status, and idle."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.ui.window import KioskWindow

PIN = "2468"


def _tap_corner(window: KioskWindow, times: int, where: QPoint | None = None) -> None:
    for _ in range(times):
        QTest.mouseClick(
            window.windowHandle(), Qt.MouseButton.LeftButton, pos=where or QPoint(10, 10)
        )


def _type_pin(window: KioskWindow, pin: str) -> None:
    for digit in pin:
        window.pin_pad.keys[digit].click()
    window.pin_pad.keys["OK"].click()


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


def test_right_pin_opens_the_staff_menu(open_window, bundled_pack, caplog):
    window = open_window(bundled_pack, verify_pin=lambda pin: pin == PIN)
    window.open_staff()
    assert window.pin_pad.dots.text() == "no digits yet"
    for digit in PIN[:2]:
        window.pin_pad.keys[digit].click()
    assert window.pin_pad.dots.text() == "● ●"
    with caplog.at_level(logging.INFO):
        window.pin_pad.keys["Clear"].click()
        _type_pin(window, PIN)
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
            _type_pin(window, "1111")
            assert (
                pad.message.text()
                == f"Wrong PIN. {5 - attempt} {'tries' if attempt < 4 else 'try'} left."
            )
        _type_pin(window, "1111")
    assert pad.locked
    assert pad.message.text() == "Too many wrong PINs. Try again in 60 seconds."
    assert not pad.keys["5"].isEnabled()
    _type_pin(window, PIN)  # ignored while locked, even the right PIN
    assert window.current_screen == "pin"
    assert "staff PIN wrong (5 of 5)" in caplog.text
    assert "staff PIN pad locked for 60 seconds" in caplog.text
    assert "1111" not in caplog.text


def test_the_lock_lifts_after_its_time(qtbot: QtBot, open_window, bundled_pack):
    window = open_window(bundled_pack, verify_pin=lambda pin: pin == PIN, pin_lockout_ms=30)
    window.open_staff()
    for _ in range(5):
        _type_pin(window, "9")
    assert window.pin_pad.locked
    qtbot.waitUntil(lambda: not window.pin_pad.locked)
    assert window.pin_pad.keys["5"].isEnabled()
    _type_pin(window, PIN)
    assert window.current_screen == "staff"


def test_pin_pad_cancel_goes_home(open_window, bundled_pack):
    window = open_window(bundled_pack, verify_pin=lambda pin: pin == PIN)
    window.open_staff()
    window.pin_pad.cancel.click()
    assert window.current_screen == "home"


def test_at_most_eight_digits(open_window, bundled_pack):
    window = open_window(bundled_pack, verify_pin=lambda pin: pin == "12345678")
    window.open_staff()
    for digit in "123456789":
        window.pin_pad.keys[digit].click()
    window.pin_pad.keys["OK"].click()
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
    assert window.current_screen == "staff"


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
