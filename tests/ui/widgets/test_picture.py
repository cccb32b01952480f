"""A topic's picture on screen: decoded from its bytes, never mirrored, left
out (and logged once) where it does not decode, named for screen readers,
and placed on tiles and answers without taking size from the text."""

from __future__ import annotations

import io
import logging
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QAccessible, QColor, QFontMetricsF, QImage, QImageReader
from pytestqt.qtbot import QtBot

from kiosk.app import application
from kiosk.content import Pack, load_pack
from kiosk.content.model import Picture
from kiosk.ui.screens.answer_picture import MIN_PICTURE_MM, PICTURE_MM
from kiosk.ui.style.text_size import TextSize
from kiosk.ui.widgets import picture as picture_module
from kiosk.ui.widgets.picture import PictureBox, render, renderings
from kiosk.ui.widgets.picture_tile import PicturePlacing, PictureTile
from kiosk.ui.window import KioskWindow

WindowFactory = Callable[..., KioskWindow]

# Red on the left half, blue on the right: mirroring would swap them.
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10">'
    b'<rect width="10" height="10" fill="#ff0000"/>'
    b'<rect x="10" width="10" height="10" fill="#0000ff"/></svg>'
)


def png(width: int, height: int) -> bytes:
    image = Image.new("RGB", (width, height), "#0000ff")
    image.paste("#ff0000", (0, 0, width // 2, height))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    data = bytearray(png(1, 1))
    patched = data[12:16] + struct.pack(">II", width, height) + data[24:29]
    data[12:29] = patched
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(patched)))
    return bytes(data)


def colour_at(image: QImage, x: int, y: int) -> str:
    return QColor(image.pixel(x, y)).name()


@pytest.fixture(autouse=True)
def fresh_renderings() -> None:
    renderings.clear()


@pytest.mark.parametrize(
    "picture",
    [Picture("a.svg", "svg", SVG, "Red and blue"), Picture("a.png", "png", png(200, 100), "x")],
    ids=["svg", "png"],
)
def test_a_picture_is_drawn_as_large_as_fits_its_shape_kept(qapp: object, picture: Picture) -> None:
    image = render(picture, QSize(100, 100))
    assert image is not None
    assert image.size() == QSize(100, 50)
    assert (colour_at(image, 10, 25), colour_at(image, 90, 25)) == ("#ff0000", "#0000ff")


def test_a_large_raster_is_decoded_at_the_size_shown(qapp: object) -> None:
    image = render(Picture("a.png", "png", png(4000, 2000), "x"), QSize(100, 100))
    assert image is not None and image.size() == QSize(100, 50)


@pytest.mark.parametrize(
    "picture",
    [
        Picture("a.png", "png", b"\x89PNG\r\n\x1a\nnot really", "x"),
        Picture("a.png", "png", png_claiming(100_000, 100_000), "x"),
        Picture("a.svg", "svg", b"<svg", "x"),
    ],
    ids=["damaged", "image bomb", "broken svg"],
)
def test_a_picture_that_does_not_decode_is_left_out_and_logged_once(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture, picture: Picture
) -> None:
    box = PictureBox()
    qtbot.addWidget(box)
    box.set_side(120)
    with caplog.at_level(logging.WARNING, logger=picture_module.__name__):
        box.set_picture(picture)
        box.show()
        box.grab()  # painting it again asks again: the answer is remembered
        box.set_picture(picture)
    assert box.isHidden()
    assert [r.getMessage() for r in caplog.records] == [
        f"the picture {picture.file} cannot be drawn; shown without it"
    ]


def jpeg_turned(orientation: int) -> bytes:
    """A JPEG stored 400x200, red left and blue right, with an EXIF orientation tag."""
    image = Image.new("RGB", (400, 200), "#0000ff")
    image.paste("#ff0000", (0, 0, 200, 200))
    tags = Image.Exif()
    tags[0x0112] = orientation  # Orientation
    out = io.BytesIO()
    image.save(out, "JPEG", exif=tags.tobytes(), quality=95)
    return out.getvalue()


@pytest.mark.parametrize("box", [QSize(100, 100), QSize(300, 300), QSize(1000, 1000)])
def test_a_photo_taken_turned_is_shown_upright_as_large_as_fits(qapp: object, box: QSize) -> None:
    """Orientation 6: the camera was turned a quarter clockwise; shown, the
    photo stands 1:2, its stored left half (red) at the top."""
    image = render(Picture("a.jpg", "jpeg", jpeg_turned(6), "x"), box)
    assert image is not None
    assert image.size() == QSize(box.width() // 2, box.height())
    middle = image.width() // 2
    assert colour_at(image, middle, image.height() // 5) in ("#ff0000", "#fe0000")
    assert colour_at(image, middle, image.height() * 4 // 5) in ("#0000ff", "#0000fe")


def test_a_photo_stored_upright_keeps_its_shape(qapp: object) -> None:
    image = render(Picture("a.jpg", "jpeg", jpeg_turned(1), "x"), QSize(100, 100))
    assert image is not None and image.size() == QSize(100, 50)


def test_the_application_limits_decoding_before_any_picture_is_drawn(qapp: object) -> None:
    """The limit holds for a PNG inside an SVG too, which Qt decodes itself:
    so it is set where the application starts, not at the first raster."""
    QImageReader.setAllocationLimit(256)  # Qt's own default
    try:
        application()
        assert QImageReader.allocationLimit() == picture_module.ALLOCATION_LIMIT_MB
    finally:
        picture_module.set_decoding_limits()


def test_pictures_that_fail_are_remembered_a_bounded_number(
    qapp: object, caplog: pytest.LogCaptureFixture
) -> None:
    """A kiosk reloading a changed broken picture for months: the failures
    logged are a bounded set, and each new one is logged."""
    with caplog.at_level(logging.WARNING, logger=picture_module.__name__):
        for version in range(300):
            broken = Picture("a.svg", "svg", b"<svg %d" % version, "x")
            assert renderings.get(broken, QSize(50, 50), 1.0) is None
    assert renderings.failures_kept() <= 64
    assert len(caplog.records) == 300


def test_each_rendering_is_made_once_per_size_and_pixel_ratio(qapp: object) -> None:
    picture = Picture("a.svg", "svg", SVG, "x")
    first = renderings.get(picture, QSize(80, 80), 1.0)
    assert first is not None
    assert renderings.get(picture, QSize(80, 80), 1.0) is first
    sharper = renderings.get(picture, QSize(80, 80), 2.0)
    assert sharper is not None and sharper is not first
    assert sharper.size() == QSize(160, 80)
    assert sharper.deviceIndependentSize().toSize() == QSize(80, 40)


def test_the_picture_is_a_graphic_named_by_its_description(qtbot: QtBot) -> None:
    box = PictureBox()
    qtbot.addWidget(box)
    box.set_side(100)
    box.set_picture(Picture("a.svg", "svg", SVG, "A red and a blue square"))
    interface = QAccessible.queryAccessibleInterface(box)
    assert interface is not None
    assert interface.role() == QAccessible.Role.Graphic
    assert interface.text(QAccessible.Text.Name) == "A red and a blue square"


@pytest.mark.parametrize(
    "direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft]
)
def test_a_picture_is_never_mirrored(qtbot: QtBot, direction: Qt.LayoutDirection) -> None:
    box = PictureBox()
    qtbot.addWidget(box)
    box.setLayoutDirection(direction)
    box.set_side(100, lead=50)
    box.set_picture(Picture("a.svg", "svg", SVG, "x"))
    box.show()
    image = box.grab().toImage()
    # The plate is at the side where text starts, after the lead; its
    # picture reads the same either way.
    ltr = direction == Qt.LayoutDirection.LeftToRight
    plate, lead = (50, 25) if ltr else (0, 125)
    assert colour_at(image, plate + 25, 50) == "#ff0000"
    assert colour_at(image, plate + 75, 50) == "#0000ff"
    assert colour_at(image, lead, 50) not in ("#ff0000", "#0000ff", "#ffffff")


# -- tiles ----------------------------------------------------------------------------
def tile(qtbot: QtBot, picture: Picture | None, *, reserve: bool = False) -> PictureTile:
    made = PictureTile("What are the side effects of TMS?")
    qtbot.addWidget(made)
    made.set_picture(picture, reserve=reserve)
    return made


def test_a_wide_tile_has_its_picture_beside_the_question_a_narrow_one_above(
    qtbot: QtBot,
) -> None:
    plain = tile(qtbot, None)
    pictured = tile(qtbot, Picture("a.svg", "svg", SVG, "x"))
    side = pictured.picture_side()
    assert abs(side - QFontMetricsF(plain.font()).height() * 2.4) <= 0.5
    wide, narrow = 900, side * 2
    assert pictured.picture_beside(wide) and not pictured.picture_beside(narrow)
    # Beside: the question has less width, never a smaller font.
    assert pictured.font() == plain.font()
    assert pictured._text_width(wide) < plain._text_width(wide)
    assert pictured.heightForWidth(wide) >= side
    # Above: the question keeps its width and the tile grows by the picture.
    assert pictured._text_width(narrow) == plain._text_width(narrow)
    assert pictured.heightForWidth(narrow) > plain.heightForWidth(narrow) + side


def test_a_tile_without_a_picture_keeps_the_room_in_a_pack_with_pictures(qtbot: QtBot) -> None:
    pictured = tile(qtbot, Picture("a.svg", "svg", SVG, "x"))
    reserved = tile(qtbot, None, reserve=True)
    for width in (300, 900):
        assert reserved._text_width(width) == pictured._text_width(width)
        assert reserved.heightForWidth(width) == pictured.heightForWidth(width)


# -- the screens, with a pack --------------------------------------------------------
def pack_with_pictures(folder: Path, *, languages: str = "[en, ar]") -> Pack:
    (folder / "topics").mkdir(parents=True)
    (folder / "pictures").mkdir()
    (folder / "pictures" / "a.svg").write_bytes(SVG)
    (folder / "kiosk.yaml").write_text(f"schema: 1\ntitle: Clinic\nlanguages: {languages}\n")
    answer = "answer: |\n" + "".join(f"  Line {n} of the answer.\n\n" for n in range(12))
    (folder / "topics" / "a.yaml").write_text(
        f"question: Is it safe?\norder: 1\nimage: pictures/a.svg\nimage_alt: A red square\n{answer}"
    )
    (folder / "topics" / "a.ar.yaml").write_text(
        "question: هل هو آمن؟\nimage_alt: مربع أحمر\nanswer: نعم.\n", encoding="utf-8"
    )
    (folder / "topics" / "b.yaml").write_text(
        "question: Where do I park?\norder: 2\nanswer: Here.\n"
    )
    return load_pack(folder)


def test_every_tile_of_a_pack_with_pictures_has_the_room_and_one_the_picture(
    open_window: WindowFactory, tmp_path: Path
) -> None:
    window = open_window(pack_with_pictures(tmp_path / "pack"))
    first, second = window.home.tiles
    assert first.picture is not None and first.picture.alt == "A red square"
    assert second.picture is None and second.picture_side() == first.picture_side() > 0
    assert first.height() == second.height()  # one row


def test_the_answer_shows_the_picture_above_the_question_lined_up_with_it(
    open_window: WindowFactory, tmp_path: Path
) -> None:
    window = open_window(pack_with_pictures(tmp_path / "pack"))
    window.show_topic("a")
    answer = window.answer
    box = answer.picture
    assert box.isVisible()
    assert box.side() == round(PICTURE_MM * window.metrics.px_per_mm)
    assert box.geometry().bottom() < answer.view.geometry().top()
    # Its plate starts where the question does.
    column = answer.view.document().rootFrame().frameFormat().leftMargin()
    assert box.width() - box.side() == round(column)
    assert QAccessible.queryAccessibleInterface(box).text(QAccessible.Text.Name) == "A red square"
    window.show_topic("b")
    assert not box.isVisible()


def test_on_a_short_panel_at_the_largest_text_the_picture_stands_beside_the_question(
    open_window: WindowFactory, tmp_path: Path
) -> None:
    window = open_window(pack_with_pictures(tmp_path / "pack"), size=(1024, 600))
    window.set_text_size(TextSize.LARGEST)
    window.show_topic("a")
    answer = window.answer
    box = answer.picture
    assert box.isVisible()
    assert box.side() >= round(MIN_PICTURE_MM * window.metrics.px_per_mm)
    assert box.geometry().right() < answer.view.geometry().left()
    assert box.geometry().top() == answer.view.geometry().top()


def test_right_to_left_the_picture_stands_at_the_right_in_the_visit_s_words(
    open_window: WindowFactory, tmp_path: Path
) -> None:
    window = open_window(pack_with_pictures(tmp_path / "pack"))
    window.set_language("ar")
    window.show_topic("a")
    box = window.answer.picture
    assert box.isVisible()
    centre = box.mapTo(window, QPoint(box.width() - box.side() // 2, box.side() // 2))
    assert centre.x() > window.width() // 2
    assert QAccessible.queryAccessibleInterface(box).text(QAccessible.Text.Name) == "مربع أحمر"


def test_listen_reads_the_question_and_answer_not_the_picture_s_description(
    open_window: WindowFactory, tmp_path: Path
) -> None:
    window = open_window(pack_with_pictures(tmp_path / "pack"))
    window.show_topic("a")
    spoken = window.answer.spoken_text()
    assert spoken.startswith("Is it safe?")
    assert "red square" not in spoken


def test_the_tiles_of_a_grid_place_their_pictures_alike_keeping_words_whole(
    qtbot: QtBot,
) -> None:
    placing = PicturePlacing()
    short = PictureTile("Is it safe?", placing=placing)
    long_word = PictureTile("What is interhemispheric imbalance?", placing=placing)
    for made in (short, long_word):
        qtbot.addWidget(made)
        made.set_picture(Picture("a.svg", "svg", SVG, "x"))
    placing.set_tiles([short, long_word])
    side = short.picture_side()
    longest = long_word._layout._advance("interhemispheric")
    # Room beside for the short question, not for the long word whole.
    width = round(2 * 16 + side + long_word._gap() + longest - 5)
    assert short.fits_beside(width) and not long_word.fits_beside(width)
    assert not short.picture_beside(width) and not long_word.picture_beside(width)
    assert long_word._text_width(width) == width - 2 * 16  # the word keeps the tile's width
    wider = width + 10
    assert short.picture_beside(wider) and long_word.picture_beside(wider)
