"""On X11, a fullscreen kiosk takes the screen back from other programs' windows."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, Signal

import kiosk.app
from kiosk.content import load_pack
from kiosk.keep_in_front import KeepInFront, keeps_itself_in_front
from kiosk.settings import Settings
from kiosk.ui.window import KioskWindow

REPO = Path(__file__).resolve().parents[1]


class FakeApplication(QObject):
    """The application's focus state, as the window system reports it."""

    applicationStateChanged = Signal(Qt.ApplicationState)  # noqa: N815 - Qt's name

    def __init__(self) -> None:
        super().__init__()
        self.state = Qt.ApplicationState.ApplicationActive

    def applicationState(self) -> Qt.ApplicationState:  # noqa: N802 - Qt's name
        return self.state

    def set_state(self, state: Qt.ApplicationState) -> None:
        self.state = state
        self.applicationStateChanged.emit(state)


@pytest.fixture
def window(qapp, qtbot) -> KioskWindow:
    shown = KioskWindow(
        load_pack(REPO / "content"), app=qapp, idle_timeout_ms=3_600_000, idle_warning_ms=3_600_000
    )
    qtbot.addWidget(shown)
    KeepInFront.stay_on_top(shown)
    shown.resize(1280, 800)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def taken_back(window, monkeypatch) -> list[str]:
    """What the kiosk did to come back in front."""
    calls: list[str] = []
    monkeypatch.setattr(window, "raise_", lambda: calls.append("raise"))
    monkeypatch.setattr(window, "activateWindow", lambda: calls.append("activate"))
    return calls


@pytest.mark.parametrize(
    ("platform", "windowed", "expected"),
    [
        ("xcb", False, True),
        ("xcb", True, False),
        ("wayland", False, False),
        ("windows", False, False),
    ],
)
def test_only_a_fullscreen_kiosk_on_x11_keeps_itself_in_front(platform, windowed, expected):
    assert keeps_itself_in_front(platform, windowed) is expected


@pytest.mark.parametrize("windowed", [False, True])
def test_the_kiosk_is_shown_above_other_windows_on_x11_in_fullscreen_only(
    qapp, qtbot, monkeypatch, windowed
):
    window = KioskWindow(
        load_pack(REPO / "content"), app=qapp, idle_timeout_ms=3_600_000, idle_warning_ms=3_600_000
    )
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "locked", False))
    # Offscreen here: the platform is taken to be X11's, as on a kiosk's desktop.
    monkeypatch.setattr(
        kiosk.app,
        "keeps_itself_in_front",
        lambda platform, windowed: keeps_itself_in_front("xcb", windowed),
    )
    keeper = kiosk.app._show(qapp, window, Settings(content=REPO / "content", windowed=windowed))
    on_top = bool(window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint)
    assert on_top is not windowed
    assert isinstance(keeper, KeepInFront) is not windowed


def test_another_window_taking_focus_is_answered_by_taking_it_back(qtbot, window, taken_back):
    app = FakeApplication()
    KeepInFront(app, window, reclaim_ms=10)  # type: ignore[arg-type]
    app.set_state(Qt.ApplicationState.ApplicationInactive)
    qtbot.waitUntil(lambda: taken_back == ["raise", "activate"])


def test_focus_that_comes_back_by_itself_is_left_alone(qtbot, window, taken_back):
    app = FakeApplication()
    keeper = KeepInFront(app, window, reclaim_ms=60_000)  # type: ignore[arg-type]
    app.set_state(Qt.ApplicationState.ApplicationInactive)
    app.set_state(Qt.ApplicationState.ApplicationActive)
    keeper.reclaim()  # even if the pause ran out now
    assert taken_back == []


def test_staff_may_use_other_windows_until_they_leave_the_menu(qtbot, window, taken_back):
    app = FakeApplication()
    keeper = KeepInFront(app, window, reclaim_ms=10)  # type: ignore[arg-type]
    window.show_staff_menu()
    handle = window.windowHandle()
    assert not handle.flags() & Qt.WindowType.WindowStaysOnTopHint
    app.set_state(Qt.ApplicationState.ApplicationInactive)  # staff opened a terminal
    keeper.reclaim()
    window.show_status()
    keeper.reclaim()
    assert taken_back == []
    window.staff_menu.back_button.click()  # the patients' screens again
    assert handle.flags() & Qt.WindowType.WindowStaysOnTopHint
    qtbot.waitUntil(lambda: taken_back == ["raise", "activate"])
