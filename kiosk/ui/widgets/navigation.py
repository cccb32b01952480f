"""Home and Back: the two buttons every screen below the home screen has."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import SignalInstance

from kiosk.paths import resource
from kiosk.ui.widgets.button import TouchButton


def home_and_back(
    *,
    home_name: str,
    back_name: str,
    home: SignalInstance | Callable[[], object],
    back: SignalInstance | Callable[[], object],
) -> tuple[TouchButton, TouchButton]:
    """Home, with its house icon, and Back, named for the screen's style sheet
    and tests; a tap calls ``home`` or ``back``. Their words are set by the
    screen's ``retranslate``."""
    home_button = TouchButton("")
    home_button.setObjectName(home_name)
    home_button.set_icon_file(str(resource("icons", "home.svg")))
    home_button.clicked.connect(home)
    back_button = TouchButton("")
    back_button.setObjectName(back_name)
    back_button.clicked.connect(back)
    return home_button, back_button
