"""Every colour, font and size the screens use, in one place.

Sizes follow the design for a 1920x1080 panel, scaled with the window's
short side (a portrait 1080x1920 panel gets the same type as a landscape
one), and never go below physical minimums measured in millimetres on the
real panel: 4.8 mm capital letters (ADA 707.7.2), 15 mm tap targets with
3 mm between them. Offscreen, and in the tests, a stated reference panel (a
24-inch 1080p monitor) stands in for the real one, so numbers reproduce.

Scripts without capitals get the same rule on the letter that plays the
capital I's part: ADA measures the upright stroke of an uppercase I, and
Arabic's alef (U+0627) is that same single upright stroke standing on the
baseline, as tall as any of its basic letters. So alef, measured on the glyph
Qt actually draws, is at least 4.8 mm tall at every text size, and Arabic
text is never set smaller than Latin text in the same place (one QFont, one
size: Qt has no size per family). Noto Sans Arabic's alef is 0.714 of the
font size, taller than Atkinson Hyperlegible's capitals (0.668), so the
Latin rule decides the size and Arabic needs no factor; were a bundled
script's letter the shorter, every text would grow until it met the rule.
Chinese, Japanese and Korean, drawn by a system font, fill the ideographic
em box, the whole font size: at least 4.8 mm / 0.668 = 7.2 mm.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass, fields
from pathlib import Path
from string import Template

from PySide6.QtGui import QColor, QFont, QTextLayout

from kiosk.ui.style.fonts import BUNDLED_FAMILIES
from kiosk.ui.style.text_size import TextSize

# Atkinson Hyperlegible was designed for low-vision readers; Noto Sans Arabic
# draws the Arabic it lacks (both registered from their packages by
# kiosk.ui.style.fonts). Qt draws each character with the first family that
# has it. The others are wide, open sans-serifs found on most systems, used
# only if a bundled family is missing; other scripts fall back to whatever
# system font has them.
FONT_FAMILIES = [*BUNDLED_FAMILIES, "Verdana", "DejaVu Sans", "Arial", "sans-serif"]

REFERENCE_SHORT_SIDE = 1080
# A 24-inch 16:9 monitor: 527 x 296 mm for 1920 x 1080 pixels.
REFERENCE_PANEL_MM = (527.0, 296.0)
REFERENCE_PX_PER_MM = 1920 / REFERENCE_PANEL_MM[0]

MIN_CAP_HEIGHT_MM = 4.8  # ADA 707.7.2: characters on a kiosk's screen
# The letter the 4.8 mm rule is measured on, for each script a bundled font
# draws: uppercase I for Latin (as ADA measures it), alef for Arabic.
REFERENCE_LETTERS = {"Latin": "I", "Arabic": "\u0627"}
MIN_TARGET_MM = 15.0  # the short side of anything a finger taps
MIN_TARGET_GAP_MM = 3.0  # between two tap targets

# A tile is at least this many of its font sizes wide (400 px for 34 px text
# at 1080p): about 20 letters a line, so that most words fit it whole.
TILE_WIDTH_EM = 400 / 34


@dataclass(frozen=True, slots=True)
class Palette:
    """Colours as hex strings; every text/background pair is at least 7:1."""

    name: str = "standard"
    background: str = "#F7F5F0"  # warm off-white: less glare than pure white
    text: str = "#141414"
    muted_text: str = "#3B3B3B"  # source and footer: smaller, still 7:1
    tile: str = "#E4EDF8"
    tile_text: str = "#0B1F3A"
    tile_border: str = "#1F4E8C"
    tile_pressed: str = "#0F2E57"
    tile_pressed_text: str = "#FFFFFF"
    primary: str = "#1F4E8C"
    primary_text: str = "#FFFFFF"
    # Pressed solid buttons turn light: the change is 3:1 or more, so it shows.
    primary_pressed: str = "#E4EDF8"
    primary_pressed_text: str = "#0B1F3A"
    # The focus ring is drawn twice, dark outside and light inside, so one of
    # the two always stands out (3:1) against any fill.
    focus_dark: str = "#000000"
    focus_light: str = "#FFFFFF"
    scrollbar_track: str = "#DCD8CF"
    scrollbar_handle: str = "#1F4E8C"
    card: str = "#FFFFFF"
    card_text: str = "#141414"
    card_border: str = "#1F4E8C"
    scrim: str = "rgba(10, 15, 25, 190)"
    highlight: str = "#FFE066"  # the word being read aloud, behind dark text
    highlight_text: str = "#000000"

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """(where, text colour, background colour) for every text the screens draw."""
        return [
            ("body text", self.text, self.background),
            ("source and footer", self.muted_text, self.background),
            ("tile", self.tile_text, self.tile),
            ("pressed tile", self.tile_pressed_text, self.tile_pressed),
            ("button", self.primary_text, self.primary),
            ("pressed button", self.primary_pressed_text, self.primary_pressed),
            ("idle warning", self.card_text, self.card),
            ("word read aloud", self.highlight_text, self.highlight),
        ]

    def non_text_pairs(self) -> list[tuple[str, str, str]]:
        """(where, colour, neighbour) for what shows a control's edge or state (3:1)."""
        pairs = [
            ("tile outline", self.tile_border, self.background),
            ("pressed or chosen tile", self.tile_pressed, self.tile),
            ("button", self.primary, self.background),
            ("pressed button", self.primary_pressed, self.primary),
            ("scroll indicator", self.scrollbar_handle, self.scrollbar_track),
            ("idle warning card outline", self.card_border, self.card),
        ]
        # Of the two-tone focus ring, the colour that stands out more.
        for where, fill in (
            ("tile", self.tile),
            ("pressed tile", self.tile_pressed),
            ("button", self.primary),
            ("pressed button", self.primary_pressed),
        ):
            ring = max(
                (self.focus_dark, self.focus_light),
                key=functools.partial(_contrast_against, fill),
            )
            pairs.append((f"focus ring on {where}", ring, fill))
        return pairs


# Light on dark, for readers dazzled by a bright page or who need more
# contrast: white text on black, yellow outlines and buttons.
HIGH_CONTRAST = Palette(
    name="high-contrast",
    background="#000000",
    text="#FFFFFF",
    muted_text="#E6E6E6",
    tile="#000000",
    tile_text="#FFFFFF",
    tile_border="#FFD500",
    tile_pressed="#FFD500",
    tile_pressed_text="#000000",
    primary="#FFD500",
    primary_text="#000000",
    # Pressed: black with yellow letters, still outlined in yellow.
    primary_pressed="#000000",
    primary_pressed_text="#FFD500",
    focus_dark="#000000",
    focus_light="#FFFFFF",
    scrollbar_track="#3A3A3A",
    scrollbar_handle="#FFD500",
    card="#000000",
    card_text="#FFFFFF",
    card_border="#FFD500",
    scrim="rgba(60, 60, 60, 215)",
    highlight="#FFD500",
    highlight_text="#000000",
)

PALETTES = {palette.name: palette for palette in (Palette(), HIGH_CONTRAST)}


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""
    colour = QColor(hex_colour)

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def _contrast_against(background: str, foreground: str) -> float:
    return contrast_ratio(foreground, background)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.x contrast ratio, from 1.0 (none) to 21.0 (black on white)."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


@dataclass(frozen=True, slots=True)
class Metrics:
    """Pixel sizes for one window size, panel and text size."""

    scale: float
    margin: int
    gap: int
    target_gap: int  # the least space between two tap targets
    title_px: int
    welcome_px: int
    heading_px: int
    body_px: int
    tile_px: int
    small_px: int
    footer_px: int  # grows with the text size only up to "larger": it must leave room
    button_px: int
    min_target: int  # smallest side of anything a finger taps
    tile_min_width: int
    tile_padding: int
    radius: int
    border: int
    scrollbar_width: int
    px_per_mm: float = REFERENCE_PX_PER_MM
    text_size: TextSize = TextSize.NORMAL
    measure_chars: int = 64  # longest answer line, in average characters

    def mm(self, pixels: float) -> float:
        """``pixels`` on this panel, in millimetres."""
        return pixels / self.px_per_mm


def letter_height(letter: str, font: QFont) -> float | None:
    """The height in pixels of ``letter`` above the baseline, as Qt draws it
    in ``font`` (from whichever family it falls back to), or None when no
    font has it. Measured on the glyph's outline, not on the font's tables.

    Needs a QGuiApplication (Qt reads the font files).
    """
    layout = QTextLayout(letter, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    heights = [
        -run.rawFont().pathForGlyph(glyph).boundingRect().top()
        for run in layout.glyphRuns()
        if run.rawFont().supportsCharacter(ord(letter))
        for glyph in run.glyphIndexes()
    ]
    return max(heights) if heights else None


def letter_height_ratios(families: list[str] | None = None) -> dict[str, float]:
    """Each script's reference letter height per pixel of font size, as drawn."""
    probe = font(1000)
    probe.setFamilies(families or FONT_FAMILIES)
    ratios = {}
    for script, letter in REFERENCE_LETTERS.items():
        height = letter_height(letter, probe)
        if height is not None:
            ratios[script] = height / 1000
    return ratios


def cap_height_ratio(families: list[str] | None = None) -> float:
    """Reference letter height per pixel of font size, for the typefaces in use:
    capitals for Latin, alef for Arabic; the smallest decides the text sizes.

    Needs a QGuiApplication (Qt reads the font files).
    """
    return min(letter_height_ratios(families).values(), default=0.668)


def metrics_for(
    width: int,
    height: int,
    *,
    px_per_mm: float = REFERENCE_PX_PER_MM,
    cap_ratio: float = 0.668,  # Atkinson Hyperlegible's capitals; pass cap_height_ratio()
    text_size: TextSize = TextSize.NORMAL,
) -> Metrics:
    """Sizes for a ``width`` x ``height`` window on a panel of ``px_per_mm``."""
    scale = max(0.5, min(3.0, min(width, height) / REFERENCE_SHORT_SIDE))
    # The least font size whose capitals (and each bundled script's
    # reference letter) are 4.8 mm tall on this panel.
    min_text_px = math.ceil(MIN_CAP_HEIGHT_MM * px_per_mm / cap_ratio)

    def px(value: float) -> int:
        return max(1, round(value * scale))

    def text_px(value: float) -> int:
        return round(max(px(value), min_text_px) * text_size.value)

    min_target = max(px(104), math.ceil(MIN_TARGET_MM * px_per_mm))
    tile_px = text_px(34)
    return Metrics(
        scale=scale,
        margin=px(48),
        gap=max(px(28), math.ceil(MIN_TARGET_GAP_MM * px_per_mm)),
        target_gap=max(px(14), math.ceil(MIN_TARGET_GAP_MM * px_per_mm)),
        title_px=text_px(60),
        welcome_px=text_px(36),
        heading_px=text_px(50),
        body_px=text_px(38),
        tile_px=tile_px,
        small_px=text_px(28),
        footer_px=round(max(px(28), min_text_px) * min(text_size.value, TextSize.LARGER.value)),
        button_px=max(px(38), min_text_px),
        min_target=min_target,
        # Tiles as wide as their text needs, whatever the panel: where the
        # millimetre minimum makes text larger, tiles grow with it.
        tile_min_width=round(tile_px * TILE_WIDTH_EM),
        tile_padding=px(24),
        radius=px(18),
        border=max(2, px(4)),
        scrollbar_width=max(12, px(22)),
        px_per_mm=px_per_mm,
        text_size=text_size,
    )


@dataclass(frozen=True, slots=True)
class ButtonStyle:
    """How a :class:`~kiosk.ui.widgets.TouchButton` looks."""

    font: QFont
    fill: str
    text: str
    border: str
    pressed_fill: str
    pressed_text: str
    focus_dark: str
    focus_light: str
    padding: int
    radius: int
    border_width: int
    min_height: int
    centred: bool = False


def tile_style(palette: Palette, metrics: Metrics) -> ButtonStyle:
    """Topic tiles: light, outlined, left-aligned text."""
    return ButtonStyle(
        font=font(metrics.tile_px, bold=True),
        fill=palette.tile,
        text=palette.tile_text,
        border=palette.tile_border,
        pressed_fill=palette.tile_pressed,
        pressed_text=palette.tile_pressed_text,
        focus_dark=palette.focus_dark,
        focus_light=palette.focus_light,
        padding=metrics.tile_padding,
        radius=metrics.radius,
        border_width=metrics.border,
        min_height=metrics.min_target,
    )


def primary_style(palette: Palette, metrics: Metrics, *, size: float = 1.0) -> ButtonStyle:
    """Solid buttons (Home, Keep reading); ``size`` scales text and height."""
    return ButtonStyle(
        font=font(round(metrics.button_px * size), bold=True),
        fill=palette.primary,
        text=palette.primary_text,
        border=palette.primary,
        pressed_fill=palette.primary_pressed,
        pressed_text=palette.primary_pressed_text,
        focus_dark=palette.focus_dark,
        focus_light=palette.focus_light,
        padding=metrics.tile_padding,
        radius=metrics.radius,
        border_width=metrics.border,
        min_height=round(metrics.min_target * size),
        centred=True,
    )


def toggle_style(palette: Palette, metrics: Metrics, *, size: float = 1.0) -> ButtonStyle:
    """Controls that stay on or off (text size, contrast, listen): outlined
    like a tile, filled dark while on; ``size`` scales the label only."""
    return dataclasses.replace(
        tile_style(palette, metrics),
        font=font(round(metrics.button_px * size), bold=True),
        centred=True,
    )


# Noto Sans Arabic ships as one variable font, with no bold of its own. Below
# this size Qt draws its bold by thickening the letters; from it up, Qt does
# not, and the font's weight axis must give the bold (both at once would be
# twice as bold). tests/ui/style/test_fonts.py measures the ink either side.
SYNTHETIC_BOLD_BELOW_PX = 64
BOLD_AXIS_WEIGHT = 700


def font(px: int, *, bold: bool = False) -> QFont:
    result = QFont()
    result.setFamilies(FONT_FAMILIES)
    result.setPixelSize(px)
    result.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    if bold and px >= SYNTHETIC_BOLD_BELOW_PX:
        result.setVariableAxis(QFont.Tag("wght"), BOLD_AXIS_WEIGHT)
    return result


def stylesheet(template_file: Path, palette: Palette, metrics: Metrics) -> str:
    """Fill the stylesheet template's ``$name`` placeholders from the theme."""
    values: dict[str, object] = {f.name: getattr(palette, f.name) for f in fields(palette)}
    values |= {f.name: getattr(metrics, f.name) for f in fields(metrics)}
    values["text_size"] = metrics.text_size.name
    return Template(template_file.read_text(encoding="utf-8")).substitute(values)


def disabled_style(style: ButtonStyle, palette: Palette) -> ButtonStyle:
    """``style`` switched off: an outline on the page in the muted text
    colour, its label still readable (7:1), plainly not a button to press."""
    return dataclasses.replace(
        style,
        fill=palette.background,
        text=palette.muted_text,
        border=palette.muted_text,
        pressed_fill=palette.background,
        pressed_text=palette.muted_text,
    )
