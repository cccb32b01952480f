"""The typefaces the kiosk ships with, each from its Python package.

Latin text is set in Atkinson Hyperlegible; Arabic, which it does not
cover, in Noto Sans Arabic. The theme lists them in this order, so Qt draws
each character with the first family that has it; any other script comes
from the system's fonts (see README, *Fonts for other scripts*).
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QFontDatabase

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BundledFamily:
    """A font family installed as a Python package (``fontpkg-*``)."""

    family: str  # as Qt names it once registered
    module: str  # the package to import
    distribution: str  # what to pip install when it is missing
    covers: str  # what it is for, for the log


ATKINSON = BundledFamily(
    "Atkinson Hyperlegible",
    "fontpkg_atkinson_hyperlegible",
    "fontpkg-atkinson-hyperlegible",
    "the kiosk's typeface",
)
# One variable font: Qt registers its regular style and thickens it for bold
# text itself, which reads as bold beside Atkinson's Bold.
NOTO_SANS_ARABIC = BundledFamily(
    "Noto Sans Arabic", "fontpkg_noto_sans_arabic", "fontpkg-noto-sans-arabic", "Arabic text"
)

# In the order Qt is to try them for each character.
BUNDLED = (ATKINSON, NOTO_SANS_ARABIC)
BUNDLED_FAMILIES = tuple(bundled.family for bundled in BUNDLED)

FAMILY = ATKINSON.family  # the kiosk's main typeface, for Latin text

_warned: set[str] = set()  # families whose absence was logged already


def font_files(bundled: BundledFamily = ATKINSON) -> list[Path]:
    """The font files of ``bundled``'s installed package, or [] without it."""
    try:
        package = importlib.import_module(bundled.module)
    except ImportError:
        return []
    return sorted((Path(package.ROOT) / "files").glob("*.ttf"))


def bundled_font_files() -> list[Path]:
    """The Atkinson Hyperlegible files of the installed font package, or []."""
    return font_files(ATKINSON)


def register_family(bundled: BundledFamily, files: list[Path] | None = None) -> str | None:
    """Registers one bundled family with Qt; returns its name, or None.

    Needs a QGuiApplication. A family Qt already knows is not added again.
    When its files are missing or unreadable, the log says so once per
    process, and the theme's next families stand in for it.
    """
    if bundled.family in QFontDatabase.families():
        return bundled.family
    files = font_files(bundled) if files is None else files
    families: set[str] = set()
    for file in files:
        font_id = QFontDatabase.addApplicationFont(str(file))
        if font_id >= 0:
            families.update(QFontDatabase.applicationFontFamilies(font_id))
    if bundled.family in families:
        return bundled.family
    if bundled.family not in _warned:
        _warned.add(bundled.family)
        log.warning(
            "%s (%s) is not available (%s); using the system's fonts instead. "
            "Reinstall the kiosk to bring it back (pip install %s).",
            bundled.family,
            bundled.covers,
            "font files unreadable" if files else f"package {bundled.distribution} missing",
            bundled.distribution,
        )
    return None


def register_fonts(files: list[Path] | None = None) -> str | None:
    """Registers every bundled family with Qt; returns the main one's name, or None.

    Needs a QGuiApplication; done once per process. ``files`` stands in
    for Atkinson Hyperlegible's (the main typeface's) files.
    """
    main = register_family(ATKINSON, files)
    for bundled in BUNDLED[1:]:
        register_family(bundled)
    return main


def registered_families() -> tuple[str, ...]:
    """The bundled families Qt knows, in the theme's order."""
    known = set(QFontDatabase.families())
    return tuple(family for family in BUNDLED_FAMILIES if family in known)
