"""The check that Qt's X11 plugin can load, made before Qt would abort on it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.xcb import debian_package, missing_libraries, qt_platform, xcb_problem

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 on Linux")


def loader_without(*absent: str, lacking: dict[str, str] | None = None):
    """A stand-in for ctypes.CDLL: ``absent`` sonames fail as the system loader
    fails; ``lacking`` maps a soname to the library it needs that is missing."""

    def load(soname: str) -> object:
        if soname in absent:
            raise OSError(f"{soname}: cannot open shared object file: No such file or directory")
        if lacking and soname in lacking:
            raise OSError(
                f"{lacking[soname]}: cannot open shared object file: No such file or directory"
            )
        return object()

    return load


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libX11-xcb.so.1", "libx11-xcb1"),
        ("libX11.so.6", "libx11-6"),
        ("libXau.so.6", "libxau6"),
        ("libEGL.so.1", "libegl1"),
        ("libglib-2.0.so.0", "libglib2.0-0"),
        ("libGLdispatch.so.0", "libglvnd0"),
    ],
)
def test_debian_package(soname, package):
    assert debian_package(soname) == package


@pytest.mark.parametrize(
    ("env", "platform"),
    [
        ({"DISPLAY": ":0"}, "xcb"),
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "wayland"),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "wayland"),
        ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, "xcb"),
        ({"QT_QPA_PLATFORM": "eglfs:/dev/fb0"}, "eglfs"),
    ],
)
def test_qt_platform(env, platform):
    assert qt_platform(env) == platform


def test_missing_libraries_names_what_the_loader_lacks():
    load = loader_without("libxcb-cursor.so.0", lacking={"libxcb.so.1": "libXau.so.6"})
    assert missing_libraries(["libxcb-cursor.so.0", "libxcb.so.1", "libxcb-icccm.so.4"], load) == [
        "libxcb-cursor.so.0",
        "libXau.so.6",
    ]


@linux_only
def test_every_library_of_the_installed_plugin_is_tried():
    tried: list[str] = []

    def load(soname: str) -> object:
        tried.append(soname)
        return object()

    assert xcb_problem({"DISPLAY": ":0"}, load=load) is None
    # What the xcb plugin of this PySide6 links, outside Qt's own libraries.
    assert {"libxcb.so.1", "libxcb-cursor.so.0", "libxkbcommon-x11.so.0"} <= set(tried)
    assert not [name for name in tried if name.startswith("libQt6")]


@linux_only
def test_a_missing_library_is_one_sentence_with_the_packages():
    load = loader_without("libxcb-cursor.so.0", "libxcb-icccm.so.4")
    assert xcb_problem({"DISPLAY": ":0"}, load=load) == (
        "kiosk: Qt cannot open a window on X11 here, because libxcb-cursor.so.0, "
        "libxcb-icccm.so.4 are missing; on Debian or Ubuntu: "
        "sudo apt install libxcb-cursor0 libxcb-icccm4"
    )


def test_other_platforms_are_not_checked():
    load = loader_without("libxcb.so.1")
    assert xcb_problem({"WAYLAND_DISPLAY": "wayland-0"}, load=load) is None
    assert xcb_problem({"QT_QPA_PLATFORM": "offscreen"}, load=load) is None


def test_a_pyside_it_cannot_read_is_left_to_qt(tmp_path: Path):
    assert xcb_problem({"DISPLAY": ":0"}, pyside_dir=tmp_path, load=loader_without()) is None


@linux_only
def test_kiosk_stops_before_qt_with_the_sentence(monkeypatch, capsys, tmp_path):
    import kiosk.xcb  # noqa: PLC0415

    monkeypatch.setattr(kiosk.xcb.ctypes, "CDLL", loader_without("libxcb-cursor.so.0"))
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    assert main(["run", "--content", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        "kiosk: Qt cannot open a window on X11 here, because libxcb-cursor.so.0 is missing; "
        "on Debian or Ubuntu: sudo apt install libxcb-cursor0\n"
    )
