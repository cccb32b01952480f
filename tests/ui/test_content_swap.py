"""A new pack replaces the old in one step, never under a patient who is reading."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot


def test_without_a_pack_patients_see_a_calm_page_until_one_arrives(open_window, make_pack):
    window = open_window(None)
    assert window.current_screen == "unavailable"
    assert window.unavailable.heading.text() == "Information screen is being updated"
    assert window.home.tiles == []
    window.set_pack(make_pack(count=3))
    assert window.current_screen == "home"
    assert len(window.home.tiles) == 3


def test_on_the_home_screen_a_new_pack_shows_at_once(open_window, make_pack):
    window = open_window(make_pack(count=3))
    window.set_pack(make_pack(count=5))
    assert window.current_screen == "home"
    assert len(window.home.tiles) == 5


def test_a_new_pack_waits_until_the_reader_goes_home(qtbot: QtBot, open_window, make_pack):
    old = make_pack({"a": ("Old question?", "Old answer."), "b": ("B?", "B.")})
    new = make_pack({"c": ("New question?", "New answer.")})
    window = open_window(old)
    window.show_topic("a")
    window.set_pack(new)
    assert window.current_screen == "answer"
    assert window.answer.view.toPlainText() == "Old question?\nOld answer."
    assert [t.text() for t in window.home.tiles] == ["Old question?", "B?"]
    window.answer.home_button.click()
    assert [t.text() for t in window.home.tiles] == ["New question?"]


def test_a_topic_deleted_while_its_answer_is_read_stays_until_home(open_window, make_pack):
    window = open_window(make_pack({"a": ("A?", "A."), "b": ("B?", "B.")}))
    window.show_topic("b")
    window.set_pack(make_pack({"a": ("A?", "A.")}))
    assert window.answer.view.toPlainText() == "B?\nB."
    window.show_home()
    assert [t.text() for t in window.home.tiles] == ["A?"]


def test_idle_return_home_applies_the_waiting_pack(qtbot: QtBot, open_window, make_pack):
    window = open_window(
        make_pack({"a": ("A?", "A.")}),
        idle_timeout_ms=20,
        idle_warning_ms=20,
        reading_words_per_minute=10**9,
    )
    # Waited on from the start: on a busy machine the 40 ms can run out while
    # the new pack is still being built.
    with qtbot.waitSignal(window.idle.expired):
        window.show_topic("a")
        window.set_pack(make_pack({"z": ("Z?", "Z.")}))
    assert [t.text() for t in window.home.tiles] == ["Z?"]


def test_one_tile_replacing_many_scrolled_down_is_in_view_and_opens(
    qtbot: QtBot, open_window, make_pack
):
    """A small pack arrives while the home screen is scrolled to the end of a
    long one: once Qt has laid it out (a few passes of its event loop), the
    page is back at its top, the tile is in view, and a tap there opens it."""
    window = open_window(make_pack(count=15), size=(800, 800))
    area = window.home.scroll_area
    bar = area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    window.set_pack(make_pack({"only": ("The only question?", "Its only answer.")}))
    [tile] = window.home.tiles

    def tile_in_view() -> bool:
        where = QRect(tile.mapTo(area.viewport(), QPoint(0, 0)), tile.size())
        return area.viewport().rect().contains(where)

    qtbot.waitUntil(tile_in_view)
    assert bar.value() == bar.maximum() == 0
    centre = tile.mapTo(window, tile.rect().center())
    assert window.childAt(centre) is tile
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=centre)
    assert window.current_screen == "answer"
    assert window.answer.topic is not None and window.answer.topic.id == "only"


def _focus_ring_shows(widget: QWidget) -> bool:
    """Whether ``widget`` paints differently with focus than without: its ring."""
    focused = widget.grab().toImage()
    widget.clearFocus()
    return widget.grab().toImage() != focused


def test_a_new_pack_shows_no_focus_ring_unless_a_keyboard_was_used(
    qtbot: QtBot, open_window, make_pack
):
    topics = {"a": ("A?", "A."), "b": ("B?", "B.")}
    window = open_window(make_pack(topics))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.show_topic("a")
    window.show_home()  # focus comes back from the answer to a tile, by no key
    window.set_pack(make_pack(topics))
    focused = QApplication.focusWidget()
    assert focused in window.home.tiles
    assert not _focus_ring_shows(focused)


def test_after_a_new_pack_a_keyboard_user_keeps_their_place_and_ring(
    qtbot: QtBot, open_window, make_pack
):
    topics = {"a": ("A?", "A."), "b": ("B?", "B."), "c": ("C?", "C.")}
    window = open_window(make_pack(topics))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.home.tiles[0].setFocus(Qt.FocusReason.OtherFocusReason)
    QTest.keyClick(window.home.tiles[0], Qt.Key.Key_Tab)
    qtbot.waitUntil(window.home.tiles[1].hasFocus)
    window.set_pack(make_pack(topics))
    focused = QApplication.focusWidget()
    assert focused is window.home.tiles[1]
    assert focused.objectName() == "tile-b"
    assert _focus_ring_shows(focused)
