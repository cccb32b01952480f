"""Colours and sizes: WCAG contrast computed, not assumed."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.paths import resource
from kiosk.ui import theme


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


@pytest.mark.parametrize("pair", theme.Palette().text_pairs(), ids=lambda p: p[0])
def test_every_text_colour_pair_is_at_least_7_to_1(pair):
    where, foreground, background = pair
    ratio = theme.contrast_ratio(foreground, background)
    assert ratio >= 7.0, f"{where}: {foreground} on {background} is {ratio:.2f}:1"


def test_control_outlines_stand_out_from_the_background():
    palette = theme.Palette()
    # WCAG 1.4.11: 3:1 for what shows a control's edge or pressed state.
    assert theme.contrast_ratio(palette.tile_border, palette.background) >= 3.0
    assert theme.contrast_ratio(palette.tile_pressed, palette.tile) >= 3.0
    assert theme.contrast_ratio(palette.primary, palette.background) >= 3.0
    assert theme.contrast_ratio(palette.scrollbar_handle, palette.scrollbar_track) >= 3.0


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_reference_sizes_at_1080(size):
    metrics = theme.metrics_for(*size)
    assert metrics.body_px >= 32
    assert metrics.min_target >= 88


def test_sizes_scale_with_the_short_side():
    small, large = theme.metrics_for(1280, 800), theme.metrics_for(3840, 2160)
    assert small.body_px < theme.metrics_for(1920, 1080).body_px < large.body_px
    assert theme.metrics_for(1080, 1920) == theme.metrics_for(1920, 1080)


def test_stylesheet_template_uses_only_theme_values():
    # Template.substitute raises on any placeholder the theme does not define.
    qss = theme.stylesheet(resource("kiosk.qss"), theme.Palette(), theme.metrics_for(1920, 1080))
    assert "$" not in qss
    assert theme.Palette().scrollbar_handle in qss


def test_palette_and_metrics_are_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        theme.Palette().text = "#000000"  # type: ignore[misc]


@pytest.mark.parametrize("fill", ["tile", "tile_pressed", "primary", "primary_pressed"])
def test_the_two_tone_focus_ring_stands_out_on_every_fill(fill):
    palette = theme.Palette()
    colour = getattr(palette, fill)
    best = max(
        theme.contrast_ratio(palette.focus_dark, colour),
        theme.contrast_ratio(palette.focus_light, colour),
    )
    assert best >= 3.0, f"focus ring on {fill} {colour}: {best:.2f}:1"
