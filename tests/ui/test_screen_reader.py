"""What screen-reader and keyboard users get, read through Qt's accessibility
interfaces (what Qt hands to AT-SPI on Linux and UI Automation on Windows):
roles, names, states, actions, the answer's text and caret, and focus."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface, QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import Pack
from kiosk.ui.screens.answer import AnswerScreen
from kiosk.ui.style import theme
from kiosk.ui.style.text_size import TextSize
from kiosk.ui.widgets.button import TouchButton
from kiosk.ui.window import KioskWindow

Role = QAccessible.Role
PIN = "2468"
FAST_READER = 10**9
WindowFactory = Callable[..., KioskWindow]


def accessible(widget: QWidget) -> QAccessibleInterface:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None and interface.isValid()
    return interface


def name(widget: QWidget) -> str:
    return accessible(widget).text(QAccessible.Text.Name)


def description(widget: QWidget) -> str:
    return accessible(widget).text(QAccessible.Text.Description)


def descendants(interface: QAccessibleInterface) -> Iterator[QAccessibleInterface]:
    for index in range(interface.childCount()):
        child = interface.child(index)
        if child is not None:
            yield child
            yield from descendants(child)


def activate(qtbot: QtBot, window: KioskWindow) -> None:
    """Keyboard focus exists only in the active window."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


# -- the idle warning --------------------------------------------------------------


@pytest.fixture
def reading_window(qtbot: QtBot, open_window: WindowFactory, make_pack) -> KioskWindow:
    """An active window on a short answer; the idle clock waits for the test."""
    pack = make_pack({"short": ("Short?", "Yes.")})
    window = open_window(
        pack, idle_timeout_ms=25, idle_warning_ms=60_000, reading_words_per_minute=FAST_READER
    )
    activate(qtbot, window)
    window.show_topic("short")
    window.idle.stop()
    return window


def warn(qtbot: QtBot, window: KioskWindow) -> None:
    with qtbot.waitSignal(window.idle.warning_started):
        window.idle.restart()
    assert window.overlay.isVisible()


def test_the_idle_warning_is_an_alert_named_by_its_question(qtbot: QtBot, reading_window):
    window = reading_window
    warn(qtbot, window)
    alert = accessible(window.overlay)
    assert alert.role() == Role.AlertMessage
    assert alert.text(QAccessible.Text.Name) == "Are you still reading?"
    assert alert.text(QAccessible.Text.Description) == (
        "If not, this screen goes back to the start in 60 seconds."
    )
    window.idle.countdown.emit(1)
    assert alert.text(QAccessible.Text.Description) == (
        "If not, this screen goes back to the start in 1 second."
    )
    # It is in the window's tree, with Keep reading inside it.
    tree = list(descendants(accessible(window)))
    assert any(node.object() is window.overlay for node in tree)
    assert any(node.object() is window.overlay.button for node in descendants(alert))


def test_keep_reading_takes_focus_without_a_ring_and_a_tap_gives_it_back(
    qtbot: QtBot, reading_window
):
    window = reading_window
    view = window.answer.view
    assert QApplication.focusWidget() is view
    warn(qtbot, window)
    button = window.overlay.button
    assert QApplication.focusWidget() is button
    assert accessible(button).state().focused
    assert not button.shows_focus_ring()  # a touch user sees no ring

    where = window.answer.home_button.mapTo(window, QPoint(5, 5))
    with qtbot.waitSignal(window.idle.resumed):
        QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=where)
    assert not window.overlay.isVisible()
    assert window.current_screen == "answer"  # the tap did nothing else
    assert QApplication.focusWidget() is view


def test_a_keyboard_user_sees_the_ring_and_a_key_gives_focus_back(qtbot: QtBot, reading_window):
    window = reading_window
    home = window.answer.home_button
    home.setFocus(Qt.FocusReason.TabFocusReason)  # arrived there with Tab
    assert home.shows_focus_ring()
    warn(qtbot, window)
    assert window.overlay.button.shows_focus_ring()

    with qtbot.waitSignal(window.idle.resumed):
        QTest.keyClick(window.overlay.button, Qt.Key.Key_Return)
    assert window.current_screen == "answer"  # the key did nothing else
    assert QApplication.focusWidget() is home
    assert home.shows_focus_ring()


def test_the_warning_says_how_to_stay_to_a_screen_reader_with_its_button(
    qtbot: QtBot, reading_window
):
    window = reading_window
    warn(qtbot, window)
    button = accessible(window.overlay.button)
    assert button.role() == Role.Button
    assert button.text(QAccessible.Text.Name) == "Keep reading"
    actions = button.actionInterface()
    assert actions is not None
    with qtbot.waitSignal(window.idle.resumed):
        actions.doAction(actions.pressAction())
    assert window.current_screen == "answer"


# -- Enter and keypad Enter --------------------------------------------------------

ENTER_KEYS = [
    pytest.param(Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, id="Enter"),
    pytest.param(Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier, id="keypad-Enter"),
]


@pytest.mark.parametrize(("key", "modifier"), ENTER_KEYS)
def test_enter_presses_tiles_and_buttons(
    qtbot: QtBot, open_window: WindowFactory, bundled_pack: Pack, key, modifier
):
    window = open_window(bundled_pack)
    activate(qtbot, window)
    tile = window.home.tiles[2]
    tile.setFocus(Qt.FocusReason.TabFocusReason)
    with qtbot.waitSignal(window.screen_changed):
        QTest.keyClick(tile, key, modifier)
    assert window.answer.topic == bundled_pack.topics[2]

    window.answer.text_size_buttons[TextSize.LARGER].setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(window.answer.text_size_buttons[TextSize.LARGER], key, modifier)
    assert window.text_size is TextSize.LARGER

    window.answer.home_button.setFocus(Qt.FocusReason.TabFocusReason)
    with qtbot.waitSignal(window.screen_changed):
        QTest.keyClick(window.answer.home_button, key, modifier)
    assert window.current_screen == "home"


@pytest.mark.parametrize(("key", "modifier"), ENTER_KEYS)
def test_enter_presses_a_pin_key(
    qtbot: QtBot, open_window: WindowFactory, bundled_pack: Pack, key, modifier
):
    window = open_window(bundled_pack, verify_pin=lambda pin: pin == PIN)
    activate(qtbot, window)
    window.open_staff()
    for digit in PIN:
        window.pin_pad.keys[digit].setFocus(Qt.FocusReason.TabFocusReason)
        QTest.keyClick(window.pin_pad.keys[digit], key, modifier)
    window.pin_pad.keys["OK"].setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(window.pin_pad.keys["OK"], key, modifier)
    qtbot.waitUntil(lambda: window.current_screen == "staff")  # checked off the GUI thread


def test_enter_is_ignored_in_the_settle_time_after_a_screen_change(
    qtbot: QtBot, open_window: WindowFactory, bundled_pack: Pack
):
    window = open_window(bundled_pack, settle_ms=60_000)
    activate(qtbot, window)
    window.show_topic(bundled_pack.topics[0].id)
    assert window.input_guard.settling
    home = window.answer.home_button
    home.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(home, Qt.Key.Key_Return)
    QTest.keyClick(home, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert window.current_screen == "answer"


# -- every way of pressing a control does the same ----------------------------------


def _press(qtbot: QtBot, button: TouchButton, way: str) -> None:
    if way == "tap":
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    elif way == "Space":
        QTest.keyClick(button, Qt.Key.Key_Space)
    elif way == "Enter":
        QTest.keyClick(button, Qt.Key.Key_Return)
    else:  # an accessibility action, as a screen reader calls it
        actions = accessible(button).actionInterface()
        assert actions is not None
        assert way in actions.actionNames()
        actions.doAction(way)
        # Qt's "Press" is an animated click: it lands a moment later.
        qtbot.waitUntil(lambda: not button.isDown())


# "Toggle": the action Qt offers screen readers on a checkable button.
WAYS = ["tap", "Space", "Enter", "Toggle"]


def _shown(window: KioskWindow) -> tuple[TextSize, bool]:
    """The text size and contrast the controls show, checking they show one size."""
    buttons = window.answer.text_size_buttons
    checked = [size for size, button in buttons.items() if button.isChecked()]
    assert len(checked) == 1, checked
    for button in buttons.values():
        assert accessible(button).state().checked == button.isChecked()
    contrast = window.answer.contrast_button
    assert accessible(contrast).state().checked == contrast.isChecked()
    return checked[0], contrast.isChecked()


@pytest.mark.parametrize("way", WAYS)
def test_text_size_and_contrast_do_the_same_whichever_way_pressed(
    qtbot: QtBot, open_window: WindowFactory, bundled_pack: Pack, way: str
):
    window = open_window(bundled_pack)
    activate(qtbot, window)
    window.show_topic(bundled_pack.topics[0].id)
    answer = window.answer
    for size in (TextSize.LARGEST, TextSize.NORMAL, TextSize.LARGER):
        _press(qtbot, answer.text_size_buttons[size], way)
        assert window.text_size is size
        assert _shown(window) == (size, False)
    _press(qtbot, answer.text_size_buttons[TextSize.LARGER], way)  # already chosen
    assert _shown(window) == (TextSize.LARGER, False)
    for on in (True, False):
        _press(qtbot, answer.contrast_button, way)
        assert window.high_contrast is on
        assert _shown(window) == (TextSize.LARGER, on)


@pytest.mark.text_to_speech
@pytest.mark.parametrize("way", WAYS)
def test_listen_does_the_same_whichever_way_pressed(
    qtbot: QtBot, open_window: WindowFactory, bundled_pack: Pack, way: str
):
    from kiosk.ui.speech.speaker import Speaker  # noqa: PLC0415 - needs QtTextToSpeech

    speaker = Speaker("en", engine="mock", rate=1.0)
    window = open_window(bundled_pack, speaker=speaker)
    activate(qtbot, window)
    window.show_topic(bundled_pack.topics[0].id)
    listen = window.answer.listen_button
    _press(qtbot, listen, way)
    assert speaker.is_speaking()
    assert listen.isChecked() and accessible(listen).state().checked
    assert name(listen) == "Stop reading aloud"
    with qtbot.waitSignal(speaker.speaking_changed):
        _press(qtbot, listen, way)
    assert not speaker.is_speaking()
    assert not listen.isChecked() and not accessible(listen).state().checked
    speaker.deleteLater()


@pytest.mark.parametrize("way", WAYS)
def test_a_control_never_shows_a_state_nobody_chose(qtbot: QtBot, qapp: QApplication, way: str):
    # The screen only asks; here nobody answers, so nothing may change.
    screen = AnswerScreen(theme.Palette())
    qtbot.addWidget(screen)
    screen.apply_theme(theme.Palette(), theme.metrics_for(1920, 1080))
    screen.resize(1920, 1080)
    screen.show()
    qtbot.waitExposed(screen)
    asked: list[object] = []
    screen.text_size_requested.connect(asked.append)
    screen.high_contrast_requested.connect(asked.append)
    _press(qtbot, screen.text_size_buttons[TextSize.LARGER], way)
    _press(qtbot, screen.contrast_button, way)
    assert asked == [TextSize.LARGER, True]
    assert screen.text_size_buttons[TextSize.NORMAL].isChecked()
    assert not screen.text_size_buttons[TextSize.LARGER].isChecked()
    assert not screen.contrast_button.isChecked()


# -- the answer: a caret, line by line, and bullets --------------------------------


@pytest.fixture
def answer_window(qtbot: QtBot, open_window: WindowFactory, bundled_pack: Pack) -> KioskWindow:
    window = open_window(bundled_pack, size=(1280, 800))
    activate(qtbot, window)
    window.show_topic("side-effects")
    return window


def test_the_answer_is_read_line_by_line_with_a_caret(qtbot: QtBot, answer_window):
    view = answer_window.answer.view
    text = accessible(view).textInterface()
    assert text is not None
    assert QApplication.focusWidget() is view
    assert text.cursorPosition() == 0
    question = view.document().begin().layout()
    assert question.lineCount() >= 2  # the question wraps at 1280 px

    QTest.keyClick(view, Qt.Key.Key_Down)
    second_line = question.lineAt(1)
    assert text.cursorPosition() == second_line.textStart()
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert text.cursorPosition() == view.document().begin().next().position()
    QTest.keyClick(view, Qt.Key.Key_Up)
    assert text.cursorPosition() == second_line.textStart()
    assert not view.textCursor().hasSelection()


def test_a_touch_user_gets_no_caret_and_selects_nothing(qtbot: QtBot, answer_window):
    view = answer_window.answer.view
    assert not view.keyboard_caret()  # nothing is drawn until a key is pressed
    assert not view.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    handle = answer_window.windowHandle()
    start = view.viewport().mapTo(answer_window, QPoint(300, 60))
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        QTest.mouseMove(handle, start + QPoint(step * 40, step * 10))
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=start + QPoint(200, 50))
    assert not view.textCursor().hasSelection()
    assert view.textCursor().position() == 0

    QTest.keyClick(view, Qt.Key.Key_Down)
    assert view.keyboard_caret()
    answer_window.show_topic("what-is-tms-for-stroke")  # the next answer starts without
    assert not view.keyboard_caret()


def test_the_caret_keeps_its_place_when_the_text_grows(qtbot: QtBot, answer_window):
    view = answer_window.answer.view
    for _ in range(3):
        QTest.keyClick(view, Qt.Key.Key_Down)
    where = view.textCursor().position()
    assert where > 0
    answer_window.answer.text_size_buttons[TextSize.LARGEST].click()
    assert answer_window.text_size is TextSize.LARGEST
    assert view.textCursor().position() == where
    assert view.keyboard_caret()


def test_bullets_are_in_the_accessible_text(answer_window, bundled_pack: Pack):
    text = accessible(answer_window.answer.view).textInterface()
    assert text is not None
    whole = text.text(0, text.characterCount())
    for item in ("Headache", "Feeling lightheaded"):
        assert "\u2022\u00a0" + item in whole


def test_listen_reads_the_bullets_without_saying_bullet(answer_window):
    answer = answer_window.answer
    spoken = answer.spoken_text()
    plain = answer.view.document().toPlainText()
    assert "\u2022" not in spoken
    # Each word stays where it is in the document: the word marks still fit.
    at = spoken.index("Headache")
    assert plain[at : at + len("Headache")] == "Headache"


# -- the PIN pad -------------------------------------------------------------------


@pytest.fixture
def pin_window(qtbot: QtBot, open_window: WindowFactory, bundled_pack: Pack) -> KioskWindow:
    window = open_window(bundled_pack, verify_pin=lambda pin: pin == PIN, pin_lockout_ms=1500)
    activate(qtbot, window)
    window.open_staff()
    return window


def test_the_pin_field_is_a_password_field_that_never_says_the_digits(pin_window):
    window = pin_window
    field = QApplication.focusWidget()
    assert field is not None
    interface = accessible(field)
    assert interface.role() == Role.EditableText
    assert interface.state().passwordEdit
    assert interface.state().focused
    assert not accessible(window.pin_pad).state().focused  # one focused thing, not two
    assert interface.text(QAccessible.Text.Name) == "Staff PIN, no digits yet"
    QTest.keyClicks(field, "7")
    assert interface.text(QAccessible.Text.Name) == "Staff PIN, 1 digit entered"
    window.pin_pad.keys["8"].click()
    window.pin_pad.keys["9"].click()
    assert interface.text(QAccessible.Text.Name) == "Staff PIN, 3 digits entered"
    # Nothing a screen reader can read holds the digits, in any order.
    for node in [accessible(window.pin_pad), *descendants(accessible(window.pin_pad))]:
        if isinstance(node.object(), TouchButton):
            continue  # the keys' own labels
        for kind in (QAccessible.Text.Name, QAccessible.Text.Description, QAccessible.Text.Value):
            said = node.text(kind)
            assert not any(digit in said for digit in "789"), (node.object(), said)


def test_the_pin_field_is_never_named_after_its_dots(pin_window, monkeypatch):
    # Each name a field is given, a screen reader with focus there speaks.
    named: list[str] = []
    original = QWidget.setAccessibleName

    def record(widget: QWidget, text: str) -> None:
        if widget is pin_window.pin_pad.dots:
            named.append(text)
        original(widget, text)

    monkeypatch.setattr(QWidget, "setAccessibleName", record)
    for digit in "12":
        pin_window.pin_pad.keys[digit].click()
    pin_window.pin_pad.keys["Clear"].click()
    assert named == [
        "Staff PIN, 1 digit entered",
        "Staff PIN, 2 digits entered",
        "Staff PIN, no digits yet",
    ]


def test_typing_after_an_on_screen_key_goes_on_in_the_field(qtbot: QtBot, pin_window):
    window = pin_window
    pad = window.pin_pad
    pad.keys["2"].setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(pad.keys["2"], Qt.Key.Key_Space)  # the on-screen 2
    QTest.keyClicks(QApplication.focusWidget(), "468")  # typed on a keyboard
    assert QApplication.focusWidget() is not pad.keys["2"]
    assert accessible(QApplication.focusWidget()).state().passwordEdit
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_screen == "staff")


def test_a_wrong_pin_is_an_alert_and_is_said_on_the_field(qtbot: QtBot, pin_window):
    window = pin_window
    pad = window.pin_pad
    for digit in "1111":
        pad.keys[digit].click()
    pad.keys["OK"].setFocus(Qt.FocusReason.TabFocusReason)
    pad.keys["OK"].click()
    qtbot.waitUntil(lambda: not pad.checking)
    assert accessible(pad.message).role() == Role.AlertMessage
    assert name(pad.message) == "Wrong PIN. 4 tries left."
    field = QApplication.focusWidget()  # focus went back to the field, to type again
    assert field is not None and accessible(field).state().passwordEdit
    assert description(field) == "Wrong PIN. 4 tries left."


def _type_pin(qtbot: QtBot, window: KioskWindow, pin: str) -> None:
    """Tap the digits and OK, and wait for the answer (checked off the GUI thread)."""
    for digit in pin:
        window.pin_pad.keys[digit].click()
    window.pin_pad.keys["OK"].click()
    qtbot.waitUntil(lambda: not window.pin_pad.checking)


def test_the_lockout_counts_down_and_the_pad_unlocks_by_itself(qtbot: QtBot, pin_window):
    window = pin_window
    pad = window.pin_pad
    for _ in range(5):
        _type_pin(qtbot, window, "1")
    assert pad.locked
    field = QApplication.focusWidget()
    assert field is not None
    assert description(field) == "Too many wrong PINs. The keys are off for 2 seconds."
    assert name(pad.message) == "Too many wrong PINs. Try again in 2 seconds."
    qtbot.waitUntil(lambda: pad.message.text() == "Too many wrong PINs. Try again in 1 second.")
    assert pad.locked
    qtbot.waitUntil(lambda: not pad.locked)
    assert pad.message.text() == ""
    assert description(field) == ""
    assert all(key.isEnabled() for key in pad.keys.values())
    _type_pin(qtbot, window, PIN)
    assert window.current_screen == "staff"


def _colour_at(image: QImage, x: int, y: int) -> str:
    return QColor(image.pixel(x, y)).name().upper()


@pytest.mark.parametrize("palette", [theme.Palette(), theme.HIGH_CONTRAST], ids=lambda p: p.name)
def test_locked_keys_look_off_and_stay_readable(
    qtbot: QtBot, open_window: WindowFactory, bundled_pack: Pack, palette: theme.Palette
):
    window = open_window(bundled_pack, verify_pin=lambda pin: False, palette=palette)
    window.open_staff()
    key = window.pin_pad.keys["5"]

    def look() -> tuple[str, float, bool]:
        """The fill, the label's contrast with it, and whether the outline has gaps."""
        image = key.grab().toImage()
        inside = (key.width() // 2, window.metrics.border * 3)  # above the label
        fill = _colour_at(image, *inside)
        colours = {
            _colour_at(image, x, y)
            for x in range(0, key.width(), 2)
            for y in range(key.height() // 4, key.height() * 3 // 4, 2)
        }
        edge = window.metrics.border // 2  # the middle of the top outline
        outline = [_colour_at(image, x, edge) for x in range(key.width() // 4, key.width() // 2)]
        gaps = palette.background.upper() in outline
        return fill, max(theme.contrast_ratio(colour, fill) for colour in colours), gaps

    open_fill, _, open_gaps = look()
    assert open_fill == palette.primary.upper()
    assert not open_gaps
    for _ in range(5):
        _type_pin(qtbot, window, "1")
    assert window.pin_pad.locked
    locked_fill, text_contrast, dashed = look()
    assert locked_fill == palette.background.upper()  # no longer a solid button
    assert dashed  # and a dashed outline says "off" without colour
    assert theme.contrast_ratio(open_fill, locked_fill) >= 3.0  # the change shows
    assert text_contrast >= 7.0  # the label is still readable


# -- the window, headings and names ---------------------------------------------------


def test_the_window_is_a_window_named_by_the_pack(open_window: WindowFactory, bundled_pack):
    window = open_window(bundled_pack)
    interface = accessible(window)
    assert interface.role() == Role.Window
    assert interface.text(QAccessible.Text.Name) == bundled_pack.title


def test_screen_titles_are_headings(open_window: WindowFactory, bundled_pack: Pack):
    window = open_window(bundled_pack, verify_pin=lambda pin: False)
    for title in (
        window.home.title,
        window.unavailable.heading,
        window.pin_pad.title,
        window.staff_menu.title,
        window.status_screen.title,
    ):
        assert accessible(title).role() == Role.Heading
        assert name(title) == title.text()
    assert accessible(window.home.welcome).role() == Role.StaticText
