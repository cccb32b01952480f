"""Is there a display? Asked before Qt, which would abort the process without one."""

from __future__ import annotations

import sys

import pytest

from kiosk.display import display_available


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
