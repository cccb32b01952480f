"""Text size and contrast: chosen on an answer screen, kept for the visit, reset for the next."""

from __future__ import annotations

from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from kiosk.content import Pack
from kiosk.ui.style import theme
from kiosk.ui.style.text_size import TextSize

LONG_ANSWER = " ".join(["Recovery takes time and practice, one small step after another."] * 60)


def _background_colour(window) -> str:
    """The colour actually painted at the answer screen's top-left margin."""
    image = window.grab().toImage()
    return QColor(image.pixel(4, 4)).name().upper()


def test_text_size_buttons_enlarge_the_answer_and_show_which_is_chosen(
    qtbot: QtBot, open_window, bundled_pack: Pack
):
    window = open_window(bundled_pack)
    window.show_topic(bundled_pack.topics[0].id)
    view = window.answer.view
    buttons = window.answer.text_size_buttons
    normal_px = view.document().defaultFont().pixelSize()
    assert buttons[TextSize.NORMAL].isChecked()

    buttons[TextSize.LARGEST].click()
    assert window.text_size is TextSize.LARGEST
    assert view.document().defaultFont().pixelSize() == round(normal_px * 2)
    assert buttons[TextSize.LARGEST].isChecked()
    assert not buttons[TextSize.NORMAL].isChecked()
    # Reflowed, never sideways: no horizontal scrolling, lines within the view.
    assert view.horizontalScrollBar().maximum() == 0
    assert view.document().size().width() <= view.viewport().width()

    buttons[TextSize.LARGER].click()
    assert view.document().defaultFont().pixelSize() == round(normal_px * 1.4)


def test_the_text_size_stays_for_the_next_answer_and_the_home_tiles(
    open_window, bundled_pack: Pack
):
    window = open_window(bundled_pack)
    normal_tile_px = window.home.tiles[0].font().pixelSize()
    window.show_topic(bundled_pack.topics[0].id)
    window.answer.text_size_buttons[TextSize.LARGER].click()
    window.answer.home_button.click()
    assert window.home.tiles[0].font().pixelSize() == round(normal_tile_px * 1.4)
    window.show_topic(bundled_pack.topics[1].id)
    assert window.answer.text_size_buttons[TextSize.LARGER].isChecked()
    assert window.answer.view.document().defaultFont().pixelSize() == window.metrics.body_px


def test_a_new_text_size_keeps_the_reader_near_the_same_place(qtbot: QtBot, open_window, make_pack):
    window = open_window(make_pack({"long": ("A long one?", LONG_ANSWER)}))
    window.show_topic("long")
    bar = window.answer.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum() // 2)
    window.answer.text_size_buttons[TextSize.LARGEST].click()
    assert abs(bar.value() / bar.maximum() - 0.5) < 0.05


def test_contrast_switches_every_screen_to_light_on_dark_and_back(open_window, bundled_pack: Pack):
    window = open_window(bundled_pack)
    window.show_topic(bundled_pack.topics[0].id)
    assert _background_colour(window) == theme.Palette().background.upper()

    window.answer.contrast_button.click()
    assert window.high_contrast
    assert window.answer.contrast_button.isChecked()
    assert _background_colour(window) == theme.HIGH_CONTRAST.background.upper()
    window.answer.home_button.click()
    assert _background_colour(window) == theme.HIGH_CONTRAST.background.upper()
    tile = window.home.tiles[0]
    inside_border = QColor(
        tile.grab().toImage().pixel(window.metrics.border * 3, 4 * tile.height() // 5)
    )
    assert inside_border.name().upper() == theme.HIGH_CONTRAST.tile.upper()
    assert inside_border.name().upper() != theme.Palette().tile.upper()

    window.show_topic(bundled_pack.topics[0].id)
    window.answer.contrast_button.click()
    assert not window.high_contrast
    assert _background_colour(window) == theme.Palette().background.upper()


def test_the_next_patient_starts_with_the_default_size_and_contrast(
    qtbot: QtBot, open_window, make_pack
):
    window = open_window(
        make_pack({"short": ("Short?", "Yes.")}), idle_timeout_ms=30, idle_warning_ms=30
    )
    window.show_topic("short")
    window.answer.text_size_buttons[TextSize.LARGEST].click()
    window.answer.contrast_button.click()

    with qtbot.waitSignal(window.idle.expired, timeout=5000):
        pass
    assert window.current_screen == "home"
    assert window.text_size is TextSize.NORMAL
    assert not window.high_contrast
    assert _background_colour(window) == theme.Palette().background.upper()
    window.show_topic("short")
    assert window.answer.text_size_buttons[TextSize.NORMAL].isChecked()
    assert not window.answer.contrast_button.isChecked()
    assert window.answer.view.document().defaultFont().pixelSize() == window.metrics.body_px


def test_every_visit_control_has_a_name_that_says_what_it_does(open_window, bundled_pack: Pack):
    window = open_window(bundled_pack)
    window.show_topic(bundled_pack.topics[0].id)
    names = {
        button.objectName(): button.accessibleName()
        for button in (
            window.answer.home_button,
            *window.answer.text_size_buttons.values(),
            window.answer.contrast_button,
        )
    }
    assert names == {
        "home": "Home",
        "textSizeNormal": "A, normal text",
        "textSizeLarger": "A+, larger text",
        "textSizeLargest": "A++, largest text",
        "contrast": "High contrast",
    }
