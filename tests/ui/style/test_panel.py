"""The panel's pixel density, from which millimetre sizes are made."""

from __future__ import annotations

import logging

import pytest

from kiosk.ui.style import theme
from kiosk.ui.style.panel import panel_density, px_per_mm


def test_offscreen_uses_the_reference_panel_whatever_the_config_says(qapp):
    assert px_per_mm(qapp.primaryScreen(), (200.0, 100.0)) == theme.REFERENCE_PX_PER_MM
    assert panel_density(1920, 300.0, (200.0, 100.0), offscreen=True) == pytest.approx(
        3.643, abs=0.001
    )


def test_the_configured_size_wins_over_the_reported_one():
    assert panel_density((1280, 800), (500.0, 300.0), (217.0, 136.0)) == pytest.approx(1280 / 217)


def test_a_plausible_reported_size_is_used():
    assert panel_density((3840, 2160), (527.0, 296.0), None) == pytest.approx(3840 / 527)


@pytest.mark.parametrize("screen_mm", [(217.0, 136.0), (136.0, 217.0)])
def test_a_panel_turned_to_portrait_keeps_its_density(screen_mm):
    # A 1920x1200 tablet on its side, its data sheet's size written either way.
    portrait = panel_density((1200, 1920), (136.0, 217.0), screen_mm)
    assert portrait == pytest.approx(1920 / 217)
    assert portrait == panel_density((1920, 1200), (217.0, 136.0), screen_mm)
    assert panel_density((1200, 1920), (136.0, 217.0), None) == pytest.approx(1920 / 217)


@pytest.mark.parametrize("reported", [0.0, 10.0, 9999.0, 160.0])
def test_an_implausible_report_falls_back_to_the_reference_and_says_so(reported, caplog):
    # 160 mm for 3840 px would be 24 px per mm: no kiosk panel is that dense.
    with caplog.at_level(logging.INFO, logger="kiosk.ui.style.panel"):
        assert panel_density((3840, 2160), (reported, reported), None) == theme.REFERENCE_PX_PER_MM
    assert "Set screen_mm in the config file" in caplog.text
