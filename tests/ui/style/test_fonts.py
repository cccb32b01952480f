"""The bundled typefaces: registered, tried in order, Arabic as large as the rule."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtGui import QColor, QFontDatabase, QImage, QPainter, QTextLayout

from kiosk.ui.style import fonts, theme
from kiosk.ui.style.text_size import TextSize

ARABIC = "\u0645\u0631\u062d\u0628\u0627 \u0628\u0643\u0645"  # "welcome to you"
ALEF = "\u0627"


@pytest.fixture(autouse=True)
def bundled(qapp):
    assert fonts.register_fonts() == fonts.FAMILY


def test_both_bundled_families_are_registered():
    families = QFontDatabase.families()
    assert "Atkinson Hyperlegible" in families
    assert "Noto Sans Arabic" in families
    assert fonts.registered_families() == ("Atkinson Hyperlegible", "Noto Sans Arabic")


def test_the_theme_lists_the_bundled_families_first_latin_then_arabic():
    assert theme.FONT_FAMILIES[:2] == ["Atkinson Hyperlegible", "Noto Sans Arabic"]
    assert theme.font(40).families()[:2] == ["Atkinson Hyperlegible", "Noto Sans Arabic"]


def _family_of_each_letter(text: str, *, bold: bool = False) -> dict[str, str]:
    """Each letter of ``text`` as laid out in one line in the theme's font -> the
    families that draw it, joined by " + " (spaces left out: any family draws them)."""
    layout = QTextLayout(text, theme.font(40, bold=bold))
    layout.beginLayout()
    layout.createLine().setLineWidth(10_000)
    layout.endLayout()
    drawn: dict[str, set[str]] = {}
    for index, letter in enumerate(text):
        if not letter.isspace():
            runs = layout.glyphRuns(index, 1)
            drawn.setdefault(letter, set()).update(run.rawFont().familyName() for run in runs)
    return {letter: " + ".join(sorted(families)) for letter, families in drawn.items()}


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_a_mixed_line_draws_latin_in_atkinson_and_arabic_in_noto(bold):
    drawn = _family_of_each_letter(f"Clinic {ARABIC} 24/7", bold=bold)
    latin, arabic = set("Clinic24/7"), set(ARABIC) - {" "}
    assert drawn == dict.fromkeys(latin, "Atkinson Hyperlegible") | dict.fromkeys(
        arabic, "Noto Sans Arabic"
    )


def test_a_missing_font_package_is_logged_once_and_the_next_family_stands_in(monkeypatch, caplog):
    missing = fonts.BundledFamily("Nowhere Sans", "no_such_font_package", "fontpkg-nowhere", "x")
    monkeypatch.setattr(fonts, "_warned", set())
    with caplog.at_level(logging.WARNING, logger="kiosk.ui.style.fonts"):
        assert fonts.register_family(missing) is None
        assert fonts.register_family(missing) is None
    assert [r.getMessage() for r in caplog.records] == [
        "Nowhere Sans (x) is not available (package fontpkg-nowhere missing); using the "
        "system's fonts instead. Reinstall the kiosk to bring it back (pip install "
        "fontpkg-nowhere)."
    ]


def test_the_size_rule_is_measured_on_the_drawn_letters():
    # Capital I in Atkinson Hyperlegible, alef in Noto Sans Arabic: glyph
    # outlines at 1000 px, as the fonts draw them.
    assert theme.letter_height_ratios() == {"Latin": 0.668, "Arabic": 0.714}
    # The smaller decides: Atkinson's capitals; Arabic needs no factor.
    assert theme.cap_height_ratio() == 0.668


def test_a_letter_no_font_has_is_not_measured():
    # Not the height of the empty box Qt would draw in its place.
    assert theme.letter_height("\ue000", theme.font(1000)) is None
    assert theme.letter_height("I", theme.font(1000)) == 668


TEXT_ROLES = ("title_px", "welcome_px", "heading_px", "body_px", "tile_px", "small_px")
WINDOW_SIZES = [(1920, 1080), (1080, 1920), (1280, 800), (1024, 600)]


@pytest.mark.parametrize("size", WINDOW_SIZES)
@pytest.mark.parametrize("density", [theme.REFERENCE_PX_PER_MM, 1280 / 217, 1024 / 222, 3840 / 527])
@pytest.mark.parametrize("text_size", list(TextSize), ids=lambda t: t.name.lower())
def test_arabic_alef_is_at_least_4_8_mm_at_every_text_size(size, density, text_size):
    metrics = theme.metrics_for(
        *size, px_per_mm=density, cap_ratio=theme.cap_height_ratio(), text_size=text_size
    )
    roles = (*TEXT_ROLES, "footer_px", "button_px")
    for role in roles:
        for bold in (False, True):
            font = theme.font(getattr(metrics, role), bold=bold)
            alef = theme.letter_height(ALEF, font)
            assert alef is not None
            alef_mm = metrics.mm(alef)
            assert alef_mm >= theme.MIN_CAP_HEIGHT_MM, f"{role}: alef {alef_mm:.2f} mm"
            # Never smaller than the Latin capitals beside it.
            capital = theme.letter_height("I", font)
            assert capital is not None
            assert alef >= capital, role


def _ink(text: str, px: int, *, bold: bool) -> int:
    """How many pixels of ``text`` are drawn dark, at ``px``."""
    image = QImage(px * 8, px * 3, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(theme.font(px, bold=bold))
    painter.setPen(QColor("black"))
    painter.drawText(px // 4, px * 2, text)
    painter.end()
    pixels = image.constBits().tobytes()  # one byte a pixel, rows padded to 4 bytes
    return sum(1 for value in pixels if value < 128)


@pytest.mark.parametrize("px", [28, 38, 63, 64, 76, 152])
@pytest.mark.parametrize("text", ["العربية", "Home"], ids=["arabic", "latin"])
def test_bold_is_bold_at_every_size(qapp: object, text: str, px: int) -> None:
    # Headings are bold at up to 152 px: Arabic must not fall back to regular
    # where Qt stops thickening letters, nor turn twice as bold below it.
    fonts.register_fonts()
    ratio = _ink(text, px, bold=True) / _ink(text, px, bold=False)
    assert 1.3 < ratio < 2.1
