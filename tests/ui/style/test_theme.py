"""Colours and sizes: WCAG contrast computed, not assumed."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.paths import resource
from kiosk.ui.style import theme
from kiosk.ui.style.text_size import TextSize


@pytest.mark.parametrize(
    ("foreground", "background", "expected"),
    [
        ("#000000", "#FFFFFF", 21.0),
        ("#FFFFFF", "#000000", 21.0),
        ("#777777", "#FFFFFF", 4.48),  # the classic "just fails AA" grey
        ("#595959", "#FFFFFF", 7.0),
        ("#336699", "#336699", 1.0),
    ],
)
def test_contrast_ratio_follows_wcag(foreground, background, expected):
    assert theme.contrast_ratio(foreground, background) == pytest.approx(expected, abs=0.01)


PALETTES = list(theme.PALETTES.values())


def _pairs(kind: str) -> list[tuple[str, str, str, str]]:
    return [(palette.name, *pair) for palette in PALETTES for pair in getattr(palette, kind)()]


@pytest.mark.parametrize("pair", _pairs("text_pairs"), ids=lambda p: f"{p[0]}: {p[1]}")
def test_every_text_colour_pair_is_at_least_7_to_1(pair):
    # WCAG 1.4.6 (AAA), in the standard and the high-contrast theme.
    name, where, foreground, background = pair
    ratio = theme.contrast_ratio(foreground, background)
    assert ratio >= 7.0, f"{name} {where}: {foreground} on {background} is {ratio:.2f}:1"


@pytest.mark.parametrize("pair", _pairs("non_text_pairs"), ids=lambda p: f"{p[0]}: {p[1]}")
def test_control_outlines_and_states_are_at_least_3_to_1(pair):
    # WCAG 1.4.11: what shows a control's edge, or that it is pressed or chosen.
    name, where, colour, neighbour = pair
    ratio = theme.contrast_ratio(colour, neighbour)
    assert ratio >= 3.0, f"{name} {where}: {colour} against {neighbour} is {ratio:.2f}:1"


def test_high_contrast_is_light_on_dark():
    high = theme.HIGH_CONTRAST
    assert theme.relative_luminance(high.text) > theme.relative_luminance(high.background)
    assert theme.relative_luminance(high.background) < 0.05
    standard = theme.Palette()
    assert theme.relative_luminance(standard.text) < theme.relative_luminance(standard.background)


WINDOW_SIZES = [(1920, 1080), (1080, 1920), (1280, 800), (1024, 600)]
# 24-inch 1080p, a 10-inch 1280x800 tablet, a 10-inch 1024x600 panel, a
# 13-inch 1080p laptop, a 24-inch 4K panel.
DENSITIES = [theme.REFERENCE_PX_PER_MM, 1280 / 217, 1024 / 222, 1920 / 293, 3840 / 527]


@pytest.mark.parametrize("size", WINDOW_SIZES)
@pytest.mark.parametrize("density", DENSITIES)
def test_sizes_meet_the_millimetre_minimums(size, density):
    metrics = theme.metrics_for(*size, px_per_mm=density, cap_ratio=0.7)
    cap_mm = metrics.mm(metrics.body_px * 0.7)
    assert cap_mm >= theme.MIN_CAP_HEIGHT_MM, f"capitals {cap_mm:.2f} mm"
    for name in ("small_px", "footer_px", "tile_px", "welcome_px", "button_px"):
        assert metrics.mm(getattr(metrics, name) * 0.7) >= theme.MIN_CAP_HEIGHT_MM, name
    assert metrics.mm(metrics.min_target) >= theme.MIN_TARGET_MM
    assert metrics.mm(metrics.target_gap) >= theme.MIN_TARGET_GAP_MM
    assert metrics.mm(metrics.gap) >= theme.MIN_TARGET_GAP_MM


def test_a_dense_panel_gets_more_pixels_for_the_same_millimetres():
    coarse = theme.metrics_for(1280, 800, px_per_mm=theme.REFERENCE_PX_PER_MM)
    dense = theme.metrics_for(1280, 800, px_per_mm=1280 / 217)
    assert dense.body_px > coarse.body_px
    assert dense.min_target > coarse.min_target
    assert coarse.mm(coarse.min_target) > dense.mm(dense.min_target) >= theme.MIN_TARGET_MM


def test_text_sizes_scale_reading_text_but_not_tap_targets():
    normal = theme.metrics_for(1920, 1080)
    largest = theme.metrics_for(1920, 1080, text_size=TextSize.LARGEST)
    larger = theme.metrics_for(1920, 1080, text_size=TextSize.LARGER)
    assert normal.body_px < larger.body_px < largest.body_px
    assert largest.body_px == pytest.approx(2 * normal.body_px, abs=1)
    assert largest.tile_px == pytest.approx(2 * normal.tile_px, abs=1)
    assert largest.min_target == normal.min_target
    assert largest.button_px == normal.button_px
    # The footer grows only to "larger", so it never crowds out the answer.
    assert largest.footer_px == larger.footer_px > normal.footer_px


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_reference_sizes_at_1080(size):
    metrics = theme.metrics_for(*size)
    assert metrics.body_px >= 32
    assert metrics.min_target >= 88


def test_sizes_scale_with_the_short_side():
    small, large = theme.metrics_for(1280, 800), theme.metrics_for(3840, 2160)
    assert small.body_px < theme.metrics_for(1920, 1080).body_px < large.body_px
    assert theme.metrics_for(1080, 1920) == theme.metrics_for(1920, 1080)


@pytest.mark.parametrize("palette", PALETTES, ids=lambda p: p.name)
def test_stylesheet_template_uses_only_theme_values(palette):
    # Template.substitute raises on any placeholder the theme does not define.
    qss = theme.stylesheet(resource("kiosk.qss"), palette, theme.metrics_for(1920, 1080))
    assert "$" not in qss
    assert palette.scrollbar_handle in qss
    assert palette.background in qss


def test_palette_and_metrics_are_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        theme.Palette().text = "#000000"  # type: ignore[misc]


@pytest.mark.parametrize("size", [*WINDOW_SIZES, (800, 480), (1366, 768), (3840, 2160)])
@pytest.mark.parametrize("density", DENSITIES)
@pytest.mark.parametrize("text_size", list(TextSize), ids=lambda t: t.name.lower())
def test_headings_are_never_smaller_than_the_text_below_them(size, density, text_size):
    metrics = theme.metrics_for(*size, px_per_mm=density, text_size=text_size)
    assert metrics.heading_px >= metrics.body_px
    assert metrics.title_px >= metrics.welcome_px


@pytest.mark.parametrize("size", WINDOW_SIZES)
@pytest.mark.parametrize("density", DENSITIES)
@pytest.mark.parametrize("text_size", list(TextSize), ids=lambda t: t.name.lower())
def test_tiles_are_as_wide_as_their_text_needs_on_every_panel(size, density, text_size):
    # Where the millimetre minimum makes text larger than the window's
    # scale, the tiles grow with it: the same letters fit a line.
    metrics = theme.metrics_for(*size, px_per_mm=density, text_size=text_size)
    assert metrics.tile_min_width / metrics.tile_px == pytest.approx(400 / 34, abs=0.05)
