"""How many pixels make a millimetre on the kiosk's panel."""

from __future__ import annotations

import logging

from PySide6.QtGui import QGuiApplication, QScreen

from kiosk.settings import PANEL_MM_RANGE
from kiosk.ui.style import theme

log = logging.getLogger(__name__)

# Densities outside this range are a monitor reporting nonsense (0 mm, or a
# size made up from an assumed 96 dpi on a TV), not a real panel.
PLAUSIBLE_PX_PER_MM = (1.0, 20.0)


def px_per_mm(screen: QScreen | None, screen_mm: tuple[float, float] | None) -> float:
    """The density of ``screen`` in logical pixels per millimetre (see :func:`panel_density`)."""
    if screen is None:
        return theme.REFERENCE_PX_PER_MM
    size, physical = screen.geometry().size(), screen.physicalSize()
    return panel_density(
        (size.width(), size.height()),
        (physical.width(), physical.height()),
        screen_mm,
        offscreen=QGuiApplication.platformName() == "offscreen",
    )


def panel_density(
    pixels: tuple[int, int],
    reported_mm: tuple[float, float],
    screen_mm: tuple[float, float] | None,
    *,
    offscreen: bool = False,
) -> float:
    """Pixels per millimetre: offscreen (snapshots, tests), the reference
    panel's, so sizes reproduce; else from ``screen_mm`` (the config's
    measured size) when given; else from what the system reports; else (an
    implausible report) the reference panel's, said in the log so staff can
    set ``screen_mm``.

    Long side over long side: a panel turned to portrait keeps the data
    sheet's landscape "width x height", and must keep its density.
    """
    if offscreen:
        return theme.REFERENCE_PX_PER_MM
    long_px = max(pixels)
    if screen_mm is not None:
        return long_px / max(screen_mm)
    long_mm = max(reported_mm)
    low, high = PLAUSIBLE_PX_PER_MM
    if PANEL_MM_RANGE[0] <= long_mm <= PANEL_MM_RANGE[1] and low <= long_px / long_mm <= high:
        return long_px / long_mm
    log.info(
        "the screen reports no usable size (%g x %g mm); sizing for a 24-inch 1080p panel. "
        "Set screen_mm in the config file to the panel's size",
        *reported_mm,
    )
    return theme.REFERENCE_PX_PER_MM
