"""Which characters no font can draw: Qt's answer, for `kiosk check`.

A character that no font has is drawn as an empty box. Qt draws each
character with the first of the theme's families that has it, then with any
system font that has it; so a character is undrawable when neither the
bundled families nor any family Qt knows has a glyph for it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QRawFont

from kiosk.ui.style.fonts import BUNDLED, font_files


def undrawable(characters: Iterable[str], *, system_fonts: bool = True) -> set[str]:
    """The ``characters`` that no font can draw.

    Needs a QGuiApplication (see :func:`font_access`). The bundled fonts are
    asked first, from their files; only what they lack is asked of the
    other families Qt knows (none with ``system_fonts=False``).
    """
    left = {ord(char) for char in characters}
    for bundled in BUNDLED:
        for file in font_files(bundled):
            left = _lacking(QRawFont(str(file), 12), left)
    if system_fonts:
        for family in QFontDatabase.families():
            if not left:
                break
            left = _lacking(QRawFont.fromFont(QFont(family)), left)
    return {chr(code) for code in left}


def _lacking(font: QRawFont, codes: set[int]) -> set[int]:
    if not font.isValid():
        return codes
    return {code for code in codes if not font.supportsCharacter(code)}


@contextmanager
def font_access() -> Iterator[None]:
    """A QGuiApplication to ask about fonts.

    One that exists is used. Otherwise one is made for the duration, then
    shut down, so that the process can make its own application later.
    """
    if QCoreApplication.instance() is not None:
        yield
        return
    app = QGuiApplication(["kiosk", *platform_arguments(sys.platform)])
    try:
        yield
    finally:
        app.shutdown()
        del app


def platform_arguments(platform: str) -> list[str]:
    """Qt's command-line choice of platform for looking at fonts on ``platform``.

    Offscreen, so that no display is needed, where its font database is the
    system's (fontconfig on Linux, Core Text on macOS). On Windows Qt's
    offscreen platform knows only the fonts shipped with Qt, while the
    native one needs no display and knows the system's.
    """
    return [] if platform == "win32" else ["-platform", "offscreen"]
