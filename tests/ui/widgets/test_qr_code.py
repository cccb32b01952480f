"""The QR code as drawn: a full QR code, crisp modules, the quiet zone,
large enough on any panel, and read back by an independent decoder."""

from __future__ import annotations

import pytest
import zxingcpp
from PySide6.QtGui import QImage

from kiosk.ui.style import theme
from kiosk.ui.widgets import qr_code

SHORT = "https://clinic.example/"
LONGEST = "https://clinic.example/patients/" + "a" * 268  # the 300-character limit
DENSITIES = {
    "low-density TV": 1.6,
    "offscreen reference": theme.REFERENCE_PX_PER_MM,
    "10-inch 1024x600": 1024 / 222,
    "10.1-inch 1280x800": 1280 / 217,
    "high-density": 12.0,
}


@pytest.mark.parametrize("link", [SHORT, LONGEST], ids=["short", "longest"])
@pytest.mark.parametrize("px_per_mm", DENSITIES.values(), ids=DENSITIES.keys())
def test_the_code_is_wide_enough_and_its_modules_whole_pixels(link: str, px_per_mm: float) -> None:
    image = qr_code.code_image(link, px_per_mm)
    count = len(qr_code.modules(link))
    assert image.width() == image.height()
    assert image.width() % count == 0
    assert image.width() / px_per_mm >= qr_code.MIN_WIDTH_MM
    assert image.width() / count / px_per_mm >= qr_code.MIN_MODULE_MM


@pytest.mark.parametrize("link", [SHORT, LONGEST], ids=["short", "longest"])
def test_the_code_reads_back_as_the_link_at_medium_correction_or_better(link: str) -> None:
    image = qr_code.code_image(link, theme.REFERENCE_PX_PER_MM)
    (found,) = zxingcpp.read_barcodes(
        image.convertToFormat(QImage.Format.Format_Grayscale8),
        formats=zxingcpp.BarcodeFormat.QRCode,  # a full QR code: phones read no Micro QR
        try_invert=False,
    )
    assert found.text == link
    assert found.ec_level in ("M", "Q", "H")


def test_only_black_and_white_and_a_quiet_zone_of_four_modules() -> None:
    image = qr_code.code_image(SHORT, theme.REFERENCE_PX_PER_MM)
    rows = qr_code.modules(SHORT)
    size = image.width() // len(rows)
    colours = {
        image.pixelColor(x, y).name().upper()
        for y in range(image.height())
        for x in range(image.width())
    }
    assert colours == {qr_code.DARK, qr_code.LIGHT}  # no smoothing: no greys
    border = qr_code.QUIET_ZONE * size
    for i in range(image.width()):
        for j in (*range(border), *range(image.width() - border, image.width())):
            assert image.pixelColor(i, j).name().upper() == qr_code.LIGHT
            assert image.pixelColor(j, i).name().upper() == qr_code.LIGHT
    # Each module is one flat square of its colour.
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            colour = image.pixelColor(x * size + size - 1, y * size + size - 1).name().upper()
            assert colour == (qr_code.DARK if dark else qr_code.LIGHT)


def test_an_unchanged_link_is_not_drawn_again(qtbot: object) -> None:
    widget = qr_code.QrCode()
    assert widget.show_link(SHORT, theme.REFERENCE_PX_PER_MM)
    image = widget._image
    assert not widget.show_link(SHORT, theme.REFERENCE_PX_PER_MM)
    assert widget._image is image
    assert widget.show_link(None, theme.REFERENCE_PX_PER_MM)
    assert (widget.side(), widget.accessibleDescription()) == (0, "")
    widget.deleteLater()
