"""Every colour, font and size the screens use, in one place.

Sizes are designed for a 1920x1080 panel and scale with the window's short
side, so a portrait 1080x1920 panel gets the same type size as a landscape
one, and a small 1280x800 panel gets proportionally smaller type.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from string import Template

from PySide6.QtGui import QColor, QFont

# Atkinson Hyperlegible was designed for low-vision readers; the others are
# wide, open sans-serifs found on most systems.
FONT_FAMILIES = ["Atkinson Hyperlegible", "Verdana", "DejaVu Sans", "Arial", "sans-serif"]

REFERENCE_SHORT_SIDE = 1080


@dataclass(frozen=True, slots=True)
class Palette:
    """Colours as hex strings; every text/background pair is at least 7:1."""

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
    primary_pressed: str = "#0A1F3D"
    # The focus ring is drawn twice, dark outside and light inside, so one of
    # the two always stands out (3:1) against any fill.
    focus_dark: str = "#000000"
    focus_light: str = "#FFFFFF"
    scrollbar_track: str = "#DCD8CF"
    scrollbar_handle: str = "#1F4E8C"
    card: str = "#FFFFFF"
    card_text: str = "#141414"
    scrim: str = "rgba(10, 15, 25, 190)"

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """(where, text colour, background colour) for every text the screens draw."""
        return [
            ("body text", self.text, self.background),
            ("source and footer", self.muted_text, self.background),
            ("tile", self.tile_text, self.tile),
            ("pressed tile", self.tile_pressed_text, self.tile_pressed),
            ("button", self.primary_text, self.primary),
            ("pressed button", self.primary_text, self.primary_pressed),
            ("idle warning", self.card_text, self.card),
        ]


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


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.x contrast ratio, from 1.0 (none) to 21.0 (black on white)."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


@dataclass(frozen=True, slots=True)
class Metrics:
    """Pixel sizes for one window size."""

    scale: float
    margin: int
    gap: int
    title_px: int
    welcome_px: int
    heading_px: int
    body_px: int
    tile_px: int
    small_px: int
    button_px: int
    min_target: int  # smallest side of anything a finger taps
    tile_min_width: int
    tile_padding: int
    radius: int
    border: int
    scrollbar_width: int
    measure_chars: int = 64  # longest answer line, in average characters


def metrics_for(width: int, height: int) -> Metrics:
    scale = max(0.5, min(3.0, min(width, height) / REFERENCE_SHORT_SIDE))

    def px(value: float) -> int:
        return max(1, round(value * scale))

    return Metrics(
        scale=scale,
        margin=px(48),
        gap=px(28),
        title_px=px(60),
        welcome_px=px(36),
        heading_px=px(50),
        body_px=px(38),
        tile_px=px(34),
        small_px=px(28),
        button_px=px(38),
        min_target=px(104),
        tile_min_width=px(400),
        tile_padding=px(24),
        radius=px(18),
        border=max(2, px(4)),
        scrollbar_width=max(12, px(22)),
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
        pressed_text=palette.primary_text,
        focus_dark=palette.focus_dark,
        focus_light=palette.focus_light,
        padding=metrics.tile_padding,
        radius=metrics.radius,
        border_width=metrics.border,
        min_height=round(metrics.min_target * size),
        centred=True,
    )


def font(px: int, *, bold: bool = False) -> QFont:
    result = QFont()
    result.setFamilies(FONT_FAMILIES)
    result.setPixelSize(px)
    result.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    return result


def stylesheet(template_file: Path, palette: Palette, metrics: Metrics) -> str:
    """Fill the stylesheet template's ``$name`` placeholders from the theme."""
    values: dict[str, object] = {f.name: getattr(palette, f.name) for f in fields(palette)}
    values |= {f.name: getattr(metrics, f.name) for f in fields(metrics)}
    return Template(template_file.read_text(encoding="utf-8")).substitute(values)
