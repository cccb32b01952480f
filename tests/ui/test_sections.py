"""A pack in sections on screen: section tiles on the home screen, a section's
screen with its topics, Back and Home, and what the window keeps doing
around them (idle return, language, content swap, keyboard)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QAccessible, QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QApplication
from pytestqt.qtbot import QtBot

from kiosk.content import Pack, load_pack
from kiosk.content.generated import write_sectioned_pack
from kiosk.i18n.words import KioskWords
from kiosk.stats.events import TopicClosed, TopicOpened, VisitStarted
from kiosk.ui.widgets.button import TouchButton
from kiosk.ui.window import KioskWindow

WindowFactory = Callable[..., KioskWindow]


def tap(qtbot: QtBot, button: QAbstractButton) -> None:
    """A finger's press where the button lies (it must be what lies there),
    held until the button shows it pressed (a page scrolled by dragging
    holds a press back a moment, to tell a tap from a drag), then lifted.
    Through the application's input filters, to the button. The page hands
    the held press on to what lies at its place on the screen, so a tile in a
    page must lie within the offscreen screen's 800x800 pixels."""
    window = button.window()
    centre = button.rect().center()
    where = button.mapTo(window, centre)
    assert window.childAt(where) is button, f"a tap on {button.objectName()} misses it"

    def send(kind: QEvent.Type, buttons: Qt.MouseButton) -> None:
        local, on_screen = QPointF(centre), QPointF(button.mapToGlobal(centre))
        event = QMouseEvent(
            kind, local, on_screen, Qt.MouseButton.LeftButton, buttons, Qt.KeyboardModifier(0)
        )
        QApplication.sendEvent(button, event)

    send(QEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(button.isDown, timeout=5000)
    with qtbot.waitSignal(button.clicked, timeout=5000):
        send(QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton)


def scroll_to(window: KioskWindow, tile: TouchButton) -> None:
    """Scrolls the section's page (as a finger's drag would) until ``tile`` is in view."""
    area = window.section_screen.scroll_area
    area.ensureWidgetVisible(tile, 0, 0)
    top_left = tile.mapTo(area.viewport(), QPoint(0, 0))
    assert area.viewport().rect().contains(top_left), f"{tile.objectName()} not in view"


def section_tile(window: KioskWindow, section_id: str) -> TouchButton:
    tile = window.home.section_tile(section_id)
    assert tile is not None
    return tile


def topic_tile(window: KioskWindow, topic_id: str) -> TouchButton:
    name = f"tile-{topic_id}"
    return next(t for t in window.section_screen.tiles if t.objectName() == name)


def test_the_home_screen_shows_a_tile_per_section_in_order(
    open_window: WindowFactory, sectioned_pack: Pack
) -> None:
    window = open_window(sectioned_pack)
    assert [t.text() for t in window.home.tiles] == [s.title for s in sectioned_pack.sections]
    assert len(window.home.tiles) == 12
    # What a screen reader says after each section's name: how many questions.
    counts = [len(sectioned_pack.section_topics(s.id)) for s in sectioned_pack.sections]
    assert [t.accessibleDescription() for t in window.home.tiles] == [
        f"{n} questions" for n in counts
    ]
    assert sum(counts) == 500
    assert not window.findChildren(TouchButton, "tile-topic-000")  # no topic tile built yet


def test_every_topic_is_two_taps_from_home(
    qtbot: QtBot, open_window: WindowFactory, sectioned_pack: Pack
) -> None:
    """From the home screen, a tap on the section, scrolling within it, a tap
    on the question: the answer. Every one of the 500 topics, each tile
    scrolled into view on its section's screen; the first and last of each
    section tapped with a finger's press (on a window as large as the
    offscreen screen, see ``tap``), the others pressed as a screen reader
    presses a button (a finger's tap waits out the page's drag detection)."""
    window = open_window(sectioned_pack, size=(800, 800))
    reached = []
    for section in sectioned_pack.sections:
        window.show_home()
        tile = section_tile(window, section.id)
        window.home.scroll_area.ensureWidgetVisible(tile, 0, 0)
        tap(qtbot, tile)  # tap 1
        assert window.current_screen == "section"
        topics = sectioned_pack.section_topics(section.id)
        for index, topic in enumerate(topics):
            tile = topic_tile(window, topic.id)
            scroll_to(window, tile)
            if index in (0, len(topics) - 1):
                tap(qtbot, tile)  # tap 2
            else:
                assert tile.isVisible(), tile.objectName()  # click() would press a hidden one
                tile.click()
            assert window.current_screen == "answer"
            assert window.answer.topic is not None
            reached.append(window.answer.topic.id)
            window.back_to_section()
    assert reached == [t.id for t in sectioned_pack.topics]


def test_back_returns_to_the_section_where_the_patient_left_it(
    qtbot: QtBot, open_window: WindowFactory, sectioned_pack: Pack
) -> None:
    window = open_window(sectioned_pack, size=(1024, 600))
    tap(qtbot, section_tile(window, "safety"))
    assert window.section_screen.heading.text() == "Safety and side effects"
    last = sectioned_pack.section_topics("safety")[-1]
    tile = topic_tile(window, last.id)
    scroll_to(window, tile)
    scrolled = window.section_screen.scroll_area.verticalScrollBar().value()
    assert scrolled > 0
    tap(qtbot, tile)
    assert window.answer.back_button.isVisible()
    tap(qtbot, window.answer.back_button)
    assert window.current_screen == "section"
    assert window.section_screen.scroll_area.verticalScrollBar().value() == scrolled
    # The section's own Back and Home both lead to the sections.
    tap(qtbot, window.section_screen.back_button)
    assert window.current_screen == "home"
    tap(qtbot, section_tile(window, "safety"))
    tap(qtbot, window.section_screen.home_button)
    assert window.current_screen == "home"


def test_home_from_an_answer_goes_home_and_an_answer_from_home_has_no_back(
    qtbot: QtBot, open_window: WindowFactory, sectioned_pack: Pack, bundled_pack: Pack
) -> None:
    window = open_window(sectioned_pack)
    tap(qtbot, section_tile(window, "brain"))
    tap(qtbot, window.section_screen.tiles[0])
    tap(qtbot, window.answer.home_button)
    assert window.current_screen == "home"
    # A pack without sections: today's home screen, topic tiles, no Back.
    window.set_pack(bundled_pack)
    assert [t.objectName() for t in window.home.tiles] == [
        f"tile-{t.id}" for t in bundled_pack.topics
    ]
    tap(qtbot, window.home.tiles[0])
    assert window.current_screen == "answer"
    assert not window.answer.back_button.isVisible()


def test_the_idle_return_forgets_the_section(
    qtbot: QtBot, open_window: WindowFactory, sectioned_pack: Pack
) -> None:
    window = open_window(
        sectioned_pack, idle_timeout_ms=200, idle_warning_ms=100, reading_words_per_minute=10**6
    )
    tap(qtbot, section_tile(window, "medicines"))
    tap(qtbot, window.section_screen.tiles[0])
    with qtbot.waitSignal(window.idle.warning_started, timeout=5000):
        pass  # the warning comes first, on an answer opened from a section
    qtbot.waitUntil(lambda: window.current_screen == "home", timeout=5000)
    assert window.section_screen.section_id is None
    assert window.section_screen.tiles == []


def test_the_idle_return_warns_first_on_a_section(
    qtbot: QtBot, open_window: WindowFactory, sectioned_pack: Pack
) -> None:
    window = open_window(
        sectioned_pack, idle_timeout_ms=200, idle_warning_ms=100, reading_words_per_minute=10**6
    )
    tap(qtbot, section_tile(window, "family"))
    with qtbot.waitSignal(window.idle.warning_started, timeout=5000):
        pass
    assert window.current_screen == "section"
    qtbot.waitUntil(lambda: window.current_screen == "home", timeout=5000)


def test_a_language_change_keeps_the_section_in_the_new_language(
    qtbot: QtBot, open_window: WindowFactory, sectioned_pack: Pack
) -> None:
    window = open_window(sectioned_pack)
    tap(qtbot, section_tile(window, "speech"))
    tap(qtbot, window.section_screen.tiles[1])
    window.set_language("ar")  # the language buttons of the answer
    tap(qtbot, window.answer.back_button)
    assert window.current_screen == "section"
    assert window.section_screen.heading.text() == "الكلام واللغة"
    assert window.section_screen.layoutDirection() == Qt.LayoutDirection.RightToLeft
    first = sectioned_pack.in_language("ar").section_topics("speech")[0]
    assert window.section_screen.tiles[0].text() == first.question
    # The first tile stands at the right, as Arabic is read.
    tiles = window.section_screen.tiles
    assert tiles[0].x() > tiles[1].x()
    window.show_home()
    assert window.home.tiles[0].text() == "عن التحفيز المغناطيسي"


def test_a_new_pack_keeps_an_open_section_or_goes_home_without_it(
    qtbot: QtBot, open_window: WindowFactory, sectioned_pack: Pack, tmp_path: Path
) -> None:
    window = open_window(sectioned_pack)
    tap(qtbot, section_tile(window, "about-tms"))
    # The same sections, fewer topics: the section shows its new tiles.
    fewer = load_pack(write_sectioned_pack(tmp_path / "fewer", topics=24, arabic=False))
    window.set_pack(fewer)
    assert window.current_screen == "section"
    assert [t.objectName() for t in window.section_screen.tiles] == [
        f"tile-{t.id}" for t in fewer.section_topics("about-tms")
    ]
    # A pack without that section: home.
    tap(qtbot, window.section_screen.home_button)
    tap(qtbot, section_tile(window, "visits"))
    smaller = load_pack(write_sectioned_pack(tmp_path / "smaller", topics=6, sections=3))
    window.set_pack(smaller)
    assert window.current_screen == "home"
    assert window.section_screen.section_id is None


def test_a_new_pack_waits_under_a_reader_and_back_finds_its_section_gone(
    qtbot: QtBot, open_window: WindowFactory, sectioned_pack: Pack, tmp_path: Path
) -> None:
    window = open_window(sectioned_pack)
    tap(qtbot, section_tile(window, "visits"))
    tap(qtbot, window.section_screen.tiles[0])
    smaller = load_pack(write_sectioned_pack(tmp_path / "smaller", topics=6, sections=3))
    window.set_pack(smaller)
    assert window.waiting_pack is smaller  # not under the reader
    tap(qtbot, window.answer.back_button)
    assert window.pack is smaller
    assert window.current_screen == "home"


def test_the_keyboard_opens_a_section_and_tabs_through_its_tiles_then_its_buttons(
    qtbot: QtBot, open_window: WindowFactory, sectioned_pack: Pack
) -> None:
    window = open_window(sectioned_pack, size=(1920, 1080))
    first = section_tile(window, "about-tms")
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(first, Qt.Key.Key_Return)
    assert window.current_screen == "section"
    tiles = window.section_screen.tiles
    assert window.focusWidget() is tiles[0]
    for expected in [*tiles[1:], window.section_screen.home_button]:
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        assert window.focusWidget() is expected
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert window.focusWidget() is window.section_screen.back_button


def test_a_screen_reader_hears_the_section_its_size_and_its_buttons(
    open_window: WindowFactory, sectioned_pack: Pack, words: KioskWords
) -> None:
    window = open_window(sectioned_pack)
    window.language_changed.connect(lambda tag: words.use(tag, {}))
    window.show_section("safety")
    heading = QAccessible.queryAccessibleInterface(window.section_screen.heading)
    assert heading is not None
    assert heading.role() == QAccessible.Role.Heading
    assert heading.text(QAccessible.Text.Name) == "Safety and side effects"
    screen = window.section_screen
    assert (screen.home_button.accessibleName(), screen.back_button.accessibleName()) == (
        "Home",
        "Back",
    )
    assert screen.tiles[0].accessibleDescription() == "Opens the answer"
    # In Arabic, each count in its own plural form.
    window.set_language("ar")
    window.show_home()
    described = {
        len(sectioned_pack.section_topics(s.id)): tile.accessibleDescription()
        for s, tile in zip(sectioned_pack.sections, window.home.tiles, strict=True)
    }
    assert described == {42: "42 سؤالًا", 41: "41 سؤالًا"}
    assert window.section_screen.back_button.accessibleName() == "رجوع"


def test_a_section_visited_again_shows_its_tiles_without_building_them_anew(
    open_window: WindowFactory, sectioned_pack: Pack
) -> None:
    window = open_window(sectioned_pack)
    window.show_section("brain")
    brain = list(window.section_screen.tiles)
    window.show_home()
    window.show_section("speech")
    assert not any(tile.isVisible() for tile in brain)
    window.show_home()
    window.show_section("brain")
    assert window.section_screen.tiles == brain
    assert all(tile.isVisible() for tile in brain)
    # Another language: the tiles kept for other sections are dropped, and
    # this section's show the new words.
    window.set_language("ar")
    assert window.section_screen.tiles[0].text() == (
        sectioned_pack.in_language("ar").section_topics("brain")[0].question
    )
    window.show_home()
    window.show_section("speech")
    first = sectioned_pack.in_language("ar").section_topics("speech")[0]
    assert window.section_screen.tiles[0].text() == first.question


def test_reopening_a_section_shows_its_tiles(
    qtbot: QtBot, open_window: WindowFactory, sectioned_pack: Pack
) -> None:
    """A patient opens a section, leaves it by Back, then by Home, and opens
    it again each time: every one of its tiles is on screen, and a finger's
    tap on one opens its answer."""
    window = open_window(sectioned_pack, size=(800, 800))
    topics = sectioned_pack.section_topics("brain")
    tap(qtbot, section_tile(window, "brain"))
    assert all(tile.isVisible() for tile in window.section_screen.tiles)
    for leave in (window.section_screen.back_button, window.section_screen.home_button):
        tap(qtbot, leave)
        assert window.current_screen == "home"
        tap(qtbot, section_tile(window, "brain"))
        assert window.current_screen == "section"
        tiles = window.section_screen.tiles
        assert [t.objectName() for t in tiles] == [f"tile-{t.id}" for t in topics]
        hidden = [t.objectName() for t in tiles if not t.isVisible()]
        assert hidden == [], f"{len(hidden)} of {len(tiles)} tiles hidden"
    first = window.section_screen.tiles[0]
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_screen == "answer", timeout=5000)
    assert window.answer.topic is not None
    assert window.answer.topic.id == topics[0].id


def test_usage_statistics_count_a_topic_opened_in_a_section_and_left_by_back(
    qtbot: QtBot, open_window: WindowFactory, sectioned_pack: Pack
) -> None:
    events: list[object] = []
    window = open_window(sectioned_pack, visit_sink=events.append)
    tap(qtbot, section_tile(window, "safety"))
    assert events == []  # a section's tile starts no visit: only a topic does
    topic = window.section_screen.tiles[0].objectName().removeprefix("tile-")
    tap(qtbot, window.section_screen.tiles[0])
    tap(qtbot, window.answer.back_button)
    assert [type(e) for e in events] == [VisitStarted, TopicOpened, TopicClosed]
    assert isinstance(events[1], TopicOpened)
    assert events[1].topic == topic
