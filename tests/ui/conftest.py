"""Fixtures for the screens: a kiosk window, shown offscreen at a given size."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from kiosk.content import Pack
from kiosk.ui.style.fonts import register_fonts
from kiosk.ui.window import KioskWindow

SIZES = [(1920, 1080), (1080, 1920), (1280, 800), (1024, 600)]

WindowFactory = Callable[..., KioskWindow]


@pytest.fixture(scope="session", autouse=True)
def kiosk_typeface(qapp: object) -> str | None:
    """The screens are measured in the typeface the kiosk ships with."""
    return register_fonts()


@pytest.fixture
def open_window(qtbot: QtBot, qapp: object) -> WindowFactory:
    """Show a kiosk window for ``pack``; timings default to values tests never hit."""

    def open_(
        pack: Pack,
        *,
        size: tuple[int, int] = (1920, 1080),
        idle_timeout_ms: int = 3_600_000,
        idle_warning_ms: int = 3_600_000,
        settle_ms: int = 0,
        reading_words_per_minute: int = 100,
        locked: bool = False,
        **options: object,
    ) -> KioskWindow:
        window = KioskWindow(
            pack,
            app=qapp,  # type: ignore[arg-type]
            idle_timeout_ms=idle_timeout_ms,
            idle_warning_ms=idle_warning_ms,
            settle_ms=settle_ms,
            reading_words_per_minute=reading_words_per_minute,
            locked=locked,
            **options,  # type: ignore[arg-type]
        )
        qtbot.addWidget(window, before_close_func=_unlock)
        window.setFixedSize(*size)
        window.show()
        qtbot.waitExposed(window)
        return window

    return open_


def _unlock(window: KioskWindow) -> None:
    window.locked = False  # so the fixture's teardown can close it
