"""The text and button primitives: wrap, never elide, report their true size."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.ui.style import theme
from kiosk.ui.widgets.button import TouchButton
from kiosk.ui.widgets.text import WrappedText
from kiosk.ui.widgets.tile_grid import TileGrid


def _button(qtbot: QtBot, text: str) -> TouchButton:
    button = TouchButton(text)
    qtbot.addWidget(button)
    style = theme.tile_style(theme.Palette(), theme.metrics_for(1920, 1080))
    button.set_style(dataclasses.replace(style, font=theme.font(36), padding=20, min_height=100))
    return button


def test_wrapped_text_grows_taller_as_it_gets_narrower(qtbot: QtBot):
    label = WrappedText("Can TMS cause permanent brain damage? " * 3)
    qtbot.addWidget(label)
    label.set_style(theme.font(36), "#000000")
    assert label.heightForWidth(300) > label.heightForWidth(900) > 0


def test_a_word_longer_than_the_line_wraps_instead_of_overflowing(qtbot: QtBot):
    label = WrappedText("x" * 400)
    qtbot.addWidget(label)
    label.set_style(theme.font(36), "#000000")
    one_line = label.heightForWidth(100_000)
    assert label.heightForWidth(300) >= 5 * one_line


def test_wrapped_text_is_plain_and_named_for_screen_readers(qtbot: QtBot):
    label = WrappedText("<b>not bold</b>")
    qtbot.addWidget(label)
    assert label.text() == "<b>not bold</b>"
    assert label.accessibleName() == "<b>not bold</b>"


def test_button_height_follows_its_label_and_never_goes_below_the_minimum(qtbot: QtBot):
    short, long = _button(qtbot, "Yes"), _button(qtbot, "What are the side effects? " * 6)
    assert short.heightForWidth(400) == 100
    assert long.heightForWidth(400) > 100
    long.resize(400, long.heightForWidth(400))
    assert long.fits()
    long.resize(400, 100)
    assert not long.fits()


def test_button_pressed_state_is_painted_differently(qtbot: QtBot):
    button = _button(qtbot, "Press me")
    button.resize(300, 120)
    released = button.grab().toImage()
    button.setDown(True)
    pressed = button.grab().toImage()
    assert released != pressed
    centre = released.pixelColor(20, 60)
    assert centre.name().upper() == theme.Palette().tile.upper()
    assert pressed.pixelColor(20, 60).name().upper() == theme.Palette().tile_pressed.upper()


def test_grid_columns_follow_the_width(qtbot: QtBot):
    grid = TileGrid()
    qtbot.addWidget(grid)
    grid.configure(min_tile_width=400, min_tile_height=100, gap=20)
    assert grid.columns_for(399) == 1
    assert grid.columns_for(820) == 2
    assert grid.columns_for(1700) == 4


def test_grid_tiles_share_row_heights_and_column_widths(qtbot: QtBot):
    grid = TileGrid()
    qtbot.addWidget(grid)
    grid.configure(min_tile_width=300, min_tile_height=80, gap=20, margins=(5, 6, 7, 8))
    texts = ["Short", "A much longer question " * 6, "Third", "Fourth"]
    tiles = [TouchButton(text, grid) for text in texts]
    grid.set_tiles(list(tiles))
    grid.resize(1000, grid.heightForWidth(1000))
    grid.show()
    qtbot.waitExposed(grid)
    first_row = [t.geometry() for t in tiles[:3]]
    assert {g.width() for g in first_row} == {first_row[0].width()}
    assert {g.height() for g in first_row} == {first_row[1].height()}
    assert first_row[1].height() > 80  # the long question wrapped and grew its row
    assert first_row[0].left() == 5 and first_row[0].top() == 6
    assert first_row[1].left() - first_row[0].right() - 1 == 20
    last = tiles[3].geometry()
    assert last.left() == 5 and last.top() == first_row[0].bottom() + 1 + 20
    assert grid.heightForWidth(1000) == last.bottom() + 1 + 8


def test_focus_ring_shows_for_keyboard_focus_only(qtbot: QtBot):
    button = _button(qtbot, "Home")
    button.resize(300, 120)
    button.show()
    qtbot.waitExposed(button)
    plain = button.grab().toImage()
    button.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(button.hasFocus)
    assert button.grab().toImage() == plain
    button.clearFocus()
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    assert button.grab().toImage() != plain
