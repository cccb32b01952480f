"""Wiring: settings reach the window; the display check runs before Qt would abort."""

from __future__ import annotations

import sys

import pytest

from kiosk.app import build_window, display_available
from kiosk.cli import main
from kiosk.settings import Settings


def test_settings_reach_the_window(qapp, qtbot, bundled_pack):
    settings = Settings(content=bundled_pack.folder, idle_timeout_s=5, idle_warning_s=3)
    window = build_window(qapp, bundled_pack, settings)
    window.locked = True
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "locked", False))
    assert window.idle.base_timeout_ms == 5000
    assert window.idle.warning_ms == 3000
    assert window.locked  # fullscreen kiosks are locked unless --windowed


def test_windowed_mode_is_not_locked(qapp, qtbot, bundled_pack):
    window = build_window(qapp, bundled_pack, Settings(content=bundled_pack.folder, windowed=True))
    qtbot.addWidget(window)
    assert not window.locked


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland only")
@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, False),
        ({"DISPLAY": ":0"}, True),
        ({"DISPLAY": ":0.0"}, True),
        ({"DISPLAY": "unix:0"}, True),
        ({"DISPLAY": ":7"}, False),  # named, but no server is running
        ({"DISPLAY": "screens.example:0"}, True),  # remote: left to Qt
        ({"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": "{run}"}, True),
        ({"WAYLAND_DISPLAY": "wayland-9", "XDG_RUNTIME_DIR": "{run}"}, False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, False),  # no runtime dir to find it in
        ({"QT_QPA_PLATFORM": "eglfs"}, True),
    ],
)
def test_display_check(tmp_path, env, expected):
    x11 = tmp_path / "x11"
    x11.mkdir()
    (x11 / "X0").touch()
    run = tmp_path / "run"
    run.mkdir()
    (run / "wayland-0").touch()
    env = {name: value.replace("{run}", str(run)) for name, value in env.items()}
    assert display_available(env, x11_sockets=x11) is expected


def test_run_with_an_invalid_pack_stops_before_any_window(tmp_path, capsys):
    (tmp_path / "topics").mkdir()
    assert main(["--content", str(tmp_path), "--windowed"]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path}/kiosk.yaml: error: file not found" in err
    assert err.rstrip().endswith("2 errors; the pack cannot be shown until they are fixed.")
