"""The text and button primitives: wrap, never elide, report their true size."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage
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


QUESTION = "What is interhemispheric imbalance?"


def _label(qtbot: QtBot, text: str, language: str | None) -> WrappedText:
    label = WrappedText(text)
    qtbot.addWidget(label)
    label.set_style(theme.font(40, bold=True), "#000000")
    label.set_language(language)
    return label


def _ink_columns(image: QImage, top: int, bottom: int) -> list[int]:
    """The x of every column with a dark pixel between rows ``top`` and ``bottom``."""
    return [
        x
        for x in range(image.width())
        if any(image.pixelColor(x, y).lightness() < 128 for y in range(top, bottom))
    ]


def _painted(label: WrappedText, width: int) -> QImage:
    label.resize(width, label.heightForWidth(width))
    image = QImage(label.size(), QImage.Format.Format_RGB32)
    image.fill(QColor("#FFFFFF"))
    label.render(image)
    return image


def test_a_word_too_wide_for_its_line_breaks_at_a_hyphenation_point_with_a_hyphen_drawn(
    qtbot: QtBot,
):
    label = _label(qtbot, QUESTION, "en")
    font = QFontMetricsF(label.font())
    width = round(font.horizontalAdvance("interhemispheric")) - 20  # too narrow for it
    image = _painted(label, width)
    first_line = (0, round(font.height()))
    # The first line ends "What is inter-": the hyphen is drawn after "inter".
    ink = _ink_columns(image, *first_line)
    assert font.horizontalAdvance("What is inter") < max(ink) + 1
    assert max(ink) < font.horizontalAdvance("What is inter-") + 1
    assert not label.broken_words()
    assert label.text() == QUESTION
    assert label.accessibleName() == QUESTION


def test_a_word_that_fits_its_line_whole_is_not_hyphenated(qtbot: QtBot):
    label = _label(qtbot, QUESTION, "en")
    font = QFontMetricsF(label.font())
    width = round(font.horizontalAdvance("What is interhemispheric")) - 10
    image = _painted(label, width)
    # "What is" alone on the first line, though "What is inter-" would fit.
    ink = _ink_columns(image, 0, round(font.height()))
    assert max(ink) < font.horizontalAdvance("What is") + 1
    assert label.heightForWidth(width) == _label(qtbot, QUESTION, None).heightForWidth(width)


def test_without_hyphenation_rules_a_word_too_wide_breaks_anywhere_and_says_which(
    qtbot: QtBot,
):
    label = _label(qtbot, QUESTION, "ja")
    font = QFontMetricsF(label.font())
    label.resize(round(font.horizontalAdvance("interhemispheric")) - 20, 400)
    assert label.broken_words() == ["interhemispheric"]
    label.resize(round(font.horizontalAdvance("interhemispheric")) + 20, 400)
    assert label.broken_words() == []


def test_emoji_before_a_break_do_not_shift_the_words_named(qtbot: QtBot):
    # Qt counts text in UTF-16 units, an emoji as two: the words a layout
    # names must still be the words at its breaks.
    emoji = "\U0001f4de " * 6
    plain, with_emoji = _label(qtbot, QUESTION, "ja"), _label(qtbot, emoji + QUESTION, "ja")
    font = QFontMetricsF(plain.font())
    width = round(font.horizontalAdvance("interhemispheric")) - 20
    for label in (plain, with_emoji):
        label.resize(width, 400)
        assert label.broken_words() == ["interhemispheric"]


def test_a_button_label_hyphenates_and_is_named_as_written(qtbot: QtBot):
    button = _button(qtbot, QUESTION)
    button.set_language("en")
    narrow = round(QFontMetricsF(button.font()).horizontalAdvance("interhemispheric")) + 20
    assert button.breaks_words(narrow) is False
    button.set_language(None)
    assert button.breaks_words(narrow) is True
    assert button.text() == QUESTION
    assert button.accessibleName() == QUESTION


def _grid(qtbot: QtBot, texts: list[str], language: str | None) -> tuple[TileGrid, list]:
    grid = TileGrid()
    qtbot.addWidget(grid)
    grid.configure(min_tile_width=300, min_tile_height=80, gap=20)
    tiles = []
    for text in texts:
        tile = TouchButton(text, grid)
        tile.set_language(language)
        style = theme.tile_style(theme.Palette(), theme.metrics_for(1920, 1080))
        tile.set_style(dataclasses.replace(style, font=theme.font(40), padding=20))
        tiles.append(tile)
    grid.set_tiles(tiles)
    grid.resize(1000, grid.heightForWidth(1000))
    return grid, tiles


def test_grid_keeps_its_columns_when_a_long_word_can_be_hyphenated(qtbot: QtBot):
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis"
    grid, tiles = _grid(qtbot, ["Short", word, "Third"], "en")
    assert grid.columns() == 3
    assert not any(tile.broken_words() for tile in tiles)


def test_grid_takes_fewer_columns_rather_than_break_a_word_with_no_hyphen(qtbot: QtBot):
    number = "1234567890" * 2  # no hyphenation point; too wide for 3 columns, not for 2
    grid, tiles = _grid(qtbot, ["Short", number, "Third"], "en")
    assert grid.columns_for(1000) == 3
    assert grid.columns() == 2
    assert tiles[1].width() == tiles[0].width() > 300
    assert not any(tile.broken_words() for tile in tiles)


def test_grid_breaks_a_word_only_when_one_column_is_too_narrow(qtbot: QtBot):
    number = "1234567890" * 10
    grid, tiles = _grid(qtbot, ["Short", number], "en")
    assert grid.columns() == 1
    assert tiles[1].broken_words() == [number]


def test_grid_takes_fewer_columns_rather_than_a_tile_taller_than_the_screen(qtbot: QtBot):
    grid, tiles = _grid(qtbot, ["Short", "Many words in a row. " * 12, "Third"], "en")
    assert grid.columns() == 3
    tall = tiles[1].height()
    grid.set_max_tile_height(tall - 1)
    assert grid.columns() == 2
    assert tiles[1].height() < tall


def test_swapping_icons_reuses_one_icon_per_file(qtbot: QtBot):
    # Listen and Stop swap their icons at every tap; a new QIcon each time
    # filled Qt's pixmap cache (12 MiB) with copies of the same two pictures.
    from kiosk.paths import resource  # noqa: PLC0415
    from kiosk.ui.widgets import button as button_module  # noqa: PLC0415

    button = TouchButton("Listen")
    qtbot.addWidget(button)
    button.set_style(theme.toggle_style(theme.Palette(), theme.metrics_for(1920, 1080)))
    button.resize(300, 120)
    files = [str(resource("icons", name)) for name in ("listen.svg", "stop.svg")]
    for turn in range(20):
        button.set_icon_file(files[turn % 2])
        button.grab()  # paints the icon
    before = button_module._icon.cache_info()
    for turn in range(20):
        button.set_icon_file(files[turn % 2])
        button.grab()
    after = button_module._icon.cache_info()
    assert after.misses == before.misses  # no new icon for a file seen before
    assert after.hits - before.hits == 20


def test_a_bold_arabic_word_fits_the_width_measured_for_it(qapp: object) -> None:
    # Noto Sans Arabic has no bold: Qt thickens it, and the word grows wider
    # than the font's metrics say. A button sized to that must not break it.
    from kiosk.ui.style.fonts import register_fonts  # noqa: PLC0415
    from kiosk.ui.widgets.text import WrappedTextLayout  # noqa: PLC0415

    register_fonts()
    font = theme.font(38, bold=True)
    word = "العربية"
    layout = WrappedTextLayout(word, font, language="ar")
    assert layout.natural_width() > QFontMetricsF(font).horizontalAdvance(word)
    assert not layout.breaks_words(layout.natural_width())
    assert layout.height_for(layout.natural_width()) == layout.height_for(10_000)


def test_a_button_can_keep_its_words_whole_in_a_language_with_hyphenation(
    qtbot: QtBot,
) -> None:
    hyphenated, whole = _button(qtbot, "Español"), _button(qtbot, "Español")
    hyphenated.set_language("es")
    whole.set_language("es", hyphenation=False)  # a language's own name, say
    # Room for "Espa-" on a line (padding 20 each side), not for the whole word.
    width = round(QFontMetricsF(theme.font(36)).horizontalAdvance("Espa-")) + 2 * 20 + 4
    assert width < hyphenated.sizeHint().width()
    assert not hyphenated.breaks_words(width)
    assert whole.breaks_words(width)  # broken anywhere, never at a hyphen
