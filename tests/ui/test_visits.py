"""The visit the statistics see: what a patient's taps make of it, on a fake clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import Pack
from kiosk.stats.events import (
    ChoiceUsed,
    Event,
    TopicClosed,
    TopicOpened,
    VisitEnded,
    VisitStarted,
)
from kiosk.ui.style.text_size import TextSize
from kiosk.ui.window import KioskWindow

T0 = dt.datetime(2026, 12, 3, 9, 15, 42)


class Clock:
    """The wall clock and the monotonic clock, moved by the test only."""

    def __init__(self) -> None:
        self.at = T0
        self.mono = 5000.0

    def now(self) -> dt.datetime:
        return self.at

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.at += dt.timedelta(seconds=seconds)
        self.mono += seconds

    def advance_to(self, seconds: float) -> None:
        """To ``seconds`` after T0, on both clocks."""
        self.advance(seconds - (self.at - T0).total_seconds())

    def step_wall(self, seconds: float) -> None:
        """The wall clock alone jumps (a DST change, an NTP step); time goes on."""
        self.at += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def events() -> list[Event]:
    return []


@pytest.fixture
def window(open_window, make_pack, clock: Clock, events: list[Event]) -> KioskWindow:
    pack: Pack = make_pack({"a": ("First?", "One."), "b": ("Second?", "Two.")})
    return open_window(pack, now=clock.now, monotonic=clock.monotonic, visit_sink=events.append)


def tap(widget: QWidget) -> None:
    """A real press and release: the idle clock sees it as the patient's input."""
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def test_a_scripted_visit_gives_exactly_these_events(qtbot: QtBot, window, clock, events):
    tap(window.home.tiles[0])  # 0 s: the visit starts with the first topic
    assert window.current_screen == "answer"
    clock.advance(10)
    tap(window.answer.text_size_buttons[TextSize.LARGER])
    clock.advance(10)
    tap(window.answer.text_size_buttons[TextSize.LARGER])  # again: one choice
    clock.advance(10)
    tap(window.answer.home_button)  # 30 s: back home, the visit goes on
    clock.advance(5)
    tap(window.home.tiles[1])  # 35 s
    clock.advance(40)
    tap(window.answer.view.viewport())  # 75 s: the patient's last input
    clock.advance(90 + 20)  # the idle timeout and its warning pass
    with qtbot.waitSignal(window.screen_changed):
        window.idle.expired.emit()
    assert window.current_screen == "home"
    assert events == [
        VisitStarted(at(0)),
        TopicOpened("a", at(0)),
        ChoiceUsed("text size A+"),
        TopicClosed(30),
        TopicOpened("b", at(35)),
        TopicClosed(40),  # to the last tap, not the return home
        VisitEnded(75, "idle"),
    ]
    assert window.visits.visits_started == 1


@pytest.mark.parametrize(
    "step_s", [-3600, 3600, -7], ids=["summer time ends", "summer time begins", "NTP step back"]
)
def test_a_wall_clock_step_during_a_visit_changes_no_length(
    qtbot: QtBot, window, clock, events, step_s
):
    tap(window.home.tiles[0])  # 0 s
    clock.advance(10)
    clock.step_wall(step_s)
    clock.advance(20)
    tap(window.answer.home_button)  # 30 s
    clock.advance(5)
    tap(window.home.tiles[1])  # 35 s; the wall clock says otherwise
    clock.advance(40)
    tap(window.answer.view.viewport())  # 75 s: the last input
    clock.advance(90 + 20)
    with qtbot.waitSignal(window.screen_changed):
        window.idle.expired.emit()
    assert events == [
        VisitStarted(at(0)),
        TopicOpened("a", at(0)),
        TopicClosed(30),
        TopicOpened("b", at(35 + step_s)),  # times of day are the wall clock's
        TopicClosed(40),
        VisitEnded(75, "idle"),
    ]


LONG_ANSWER = " ".join(["word"] * 199)  # with the question, 200 words: 120 s at 100 a minute


@pytest.mark.parametrize(
    ("last_tap_s", "read_s"),
    [
        (None, 120),  # read without a touch: as long as a slow reader needs
        (30, 120),  # a tap while reading changes nothing
        (150, 150),  # still there after that: to the last input
    ],
)
def test_an_answer_read_without_touching_counts_as_read(
    qtbot: QtBot, open_window, make_pack, *, clock, events, last_tap_s, read_s
):
    pack = make_pack({"long": ("Long?", LONG_ANSWER)})
    window = open_window(pack, now=clock.now, monotonic=clock.monotonic, visit_sink=events.append)
    tap(window.home.tiles[0])
    if last_tap_s is not None:
        clock.advance(last_tap_s)
        tap(window.answer.text_size_buttons[TextSize.NORMAL])  # no choice, but an input
    # The idle time after the answer or the last tap, then its warning, pass.
    clock.advance_to(max(120, last_tap_s or 0) + 90 + 20)
    with qtbot.waitSignal(window.screen_changed):
        window.idle.expired.emit()
    assert events[-2:] == [TopicClosed(read_s), VisitEnded(read_s, "idle")]


def test_an_answer_read_without_touching_across_a_clock_change(
    qtbot: QtBot, open_window, make_pack, *, clock, events
):
    pack = make_pack({"long": ("Long?", LONG_ANSWER)})
    window = open_window(pack, now=clock.now, monotonic=clock.monotonic, visit_sink=events.append)
    tap(window.home.tiles[0])
    clock.advance(60)
    clock.step_wall(-3600)
    clock.advance(60 + 90 + 20)
    with qtbot.waitSignal(window.screen_changed):
        window.idle.expired.emit()
    assert events[-2:] == [TopicClosed(120), VisitEnded(120, "idle")]


def test_a_tap_on_empty_space_is_no_visit(qtbot: QtBot, window, clock, events):
    home = window.home
    QTest.mouseClick(home, Qt.MouseButton.LeftButton, pos=QPoint(home.width() - 2, 2))
    assert window.current_screen == "home"
    clock.advance(200)
    window.idle.expired.emit()
    assert events == []
    assert window.visits.visits_started == 0


def test_home_then_walking_away_ends_the_visit_as_home(window, clock, events):
    tap(window.home.tiles[0])
    clock.advance(20)
    tap(window.answer.text_size_buttons[TextSize.LARGEST])
    tap(window.answer.contrast_button)
    clock.advance(7)
    tap(window.answer.home_button)  # 27 s
    clock.advance(90)  # the home screen's silent idle return
    window.idle.expired.emit()
    assert events == [
        VisitStarted(at(0)),
        TopicOpened("a", at(0)),
        ChoiceUsed("text size A++"),
        ChoiceUsed("contrast"),
        TopicClosed(27),
        VisitEnded(27, "home"),
    ]
    # The next patient's first tile is a new visit.
    events.clear()
    tap(window.home.tiles[1])
    assert events == [VisitStarted(at(117)), TopicOpened("b", at(117))]
    assert window.visits.visits_started == 2


def test_choosing_the_normal_size_or_turning_contrast_off_is_no_choice(window, events):
    tap(window.home.tiles[0])
    window.set_text_size(TextSize.NORMAL)
    window.set_high_contrast(False)
    assert [e for e in events if isinstance(e, ChoiceUsed)] == []


def test_the_staff_gesture_during_a_visit_ends_it_as_staff(window, clock, events):
    tap(window.home.tiles[0])
    clock.advance(12)
    window.open_staff()
    assert window.current_screen in {"pin", "staff"}
    assert events[-2:] == [TopicClosed(12), VisitEnded(12, "staff")]
    window.idle.expired.emit()  # the staff screens' own idle return: nothing more
    assert events[-1] == VisitEnded(12, "staff")


def test_the_staff_gesture_outside_a_visit_records_nothing(window, events):
    window.open_staff()
    assert events == []


def test_the_kiosk_stopping_during_a_visit_ends_it_as_stopped(window, clock, events):
    tap(window.home.tiles[1])
    clock.advance(8)
    window.close()
    assert events[-2:] == [TopicClosed(8), VisitEnded(8, "stopped")]


@pytest.fixture
def speaker(qapp: object) -> Iterator[object]:
    from kiosk.ui.speech.speaker import Speaker  # noqa: PLC0415 - loads Qt Multimedia

    voice = Speaker("en", engine="mock", rate=1.0)
    yield voice
    voice.stop()
    voice.deleteLater()


@pytest.mark.text_to_speech
def test_listen_is_a_choice_and_its_speech_counts_as_being_there(
    qtbot: QtBot, window, clock, events, speaker
):
    window.set_speaker(speaker)
    tap(window.home.tiles[0])
    tap(window.answer.listen_button)
    assert window.idle.held
    clock.advance(50)  # listening, not tapping
    with qtbot.waitSignal(speaker.speaking_changed):  # type: ignore[attr-defined]
        tap(window.answer.listen_button)  # Stop
    clock.advance(200)
    window.idle.expired.emit()
    assert events[2] == ChoiceUsed("listen")
    assert events[-1] == VisitEnded(50, "idle")
