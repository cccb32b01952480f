"""The kiosk's typeface: Atkinson Hyperlegible, from its Python package."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFontDatabase

log = logging.getLogger(__name__)

FAMILY = "Atkinson Hyperlegible"


def bundled_font_files() -> list[Path]:
    """The Atkinson Hyperlegible files of the installed font package, or []."""
    try:
        import fontpkg_atkinson_hyperlegible as package  # noqa: PLC0415 - optional at run time
    except ImportError:
        return []
    return sorted((package.ROOT / "files").glob("*.ttf"))


def register_fonts(files: list[Path] | None = None) -> str | None:
    """Registers the typeface with Qt; returns its family, or None.

    Needs a QGuiApplication. Registering is done once per process: a family
    Qt already knows is not added again. When the files are missing or
    unreadable the theme's fallbacks (system sans-serifs) are used, and the
    log says so once, here.
    """
    if FAMILY in QFontDatabase.families():
        return FAMILY
    files = bundled_font_files() if files is None else files
    families: set[str] = set()
    for file in files:
        font_id = QFontDatabase.addApplicationFont(str(file))
        if font_id >= 0:
            families.update(QFontDatabase.applicationFontFamilies(font_id))
    if not families:
        log.warning(
            "Atkinson Hyperlegible is not available (%s); using the system's sans-serif. "
            "Reinstall the kiosk to bring it back (pip install fontpkg-atkinson-hyperlegible).",
            "font files unreadable" if files else "package fontpkg-atkinson-hyperlegible missing",
        )
        return None
    return sorted(families)[0]
