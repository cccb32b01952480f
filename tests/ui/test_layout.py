"""Every screen at landscape, portrait and small sizes: big enough, nothing clipped."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScroller, QScrollerProperties

from kiosk.content import Pack
from kiosk.ui.screens.answer_layout import Arrangement
from kiosk.ui.style.text_size import TextSize
from kiosk.ui.widgets.hyphenation import SOFT_HYPHEN
from kiosk.ui.window import KioskWindow

SIZES = [(1920, 1080), (1080, 1920), (1280, 800), (1024, 600)]
SIZE_IDS = ["landscape", "portrait", "small", "10-inch"]

LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 6  # 270 letters


@pytest.fixture(params=["bundled", "three-topics", "long-texts", "sixty-topics"])
def pack(request: pytest.FixtureRequest, bundled_pack: Pack, make_pack) -> Pack:
    if request.param == "bundled":
        return bundled_pack
    if request.param == "three-topics":
        return make_pack(count=3)
    if request.param == "sixty-topics":
        return make_pack(count=60)
    long_question = ("Is this an extraordinarily long question " * 4)[:150] + "?"
    return make_pack(
        {
            "long-question": (long_question, "Short answer."),
            "long-word": ("A very long word?", f"Here it is: {LONG_WORD} and more text."),
            "long-answer": ("A long answer?", "\n\n".join(["Many words in a row. " * 20] * 12)),
            "word-in-question": (LONG_WORD[:150], "Answer."),
        },
        title="A title that is long enough to need two lines on a small screen, surely",
        welcome="Welcome. " * 22,
        footer="General information only. " * 11,
    )


def _widest_line(view) -> float:
    """The widest line of the answer as laid out, overflow included."""
    widest = 0.0
    block = view.document().begin()
    while block.isValid():
        layout = block.layout()
        for index in range(layout.lineCount()):
            widest = max(widest, layout.lineAt(index).naturalTextWidth())
        block = block.next()
    return widest


def _on_window(window: KioskWindow, widget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _assert_text_fits(widget, where: str) -> None:
    assert widget.fits(), (
        f"{where}: text needs {widget.heightForWidth(widget.width())} px, "
        f"has {widget.height()} px ({widget.text()[:40]!r})"
    )


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_home_tiles_are_big_whole_and_apart(open_window, pack: Pack, size):
    window = open_window(pack, size=size)
    metrics = window.metrics
    _assert_text_fits(window.home.title, "title")
    if pack.welcome:
        _assert_text_fits(window.home.welcome, "welcome")
    assert window.home.scroll_area.horizontalScrollBar().maximum() == 0
    grid_width = window.home.scroll_area.viewport().width()
    rects = []
    for tile in window.home.tiles:
        where = f"tile {tile.objectName()} at {size}"
        assert tile.width() >= metrics.min_target, where
        assert tile.height() >= metrics.min_target, where
        _assert_text_fits(tile, where)
        assert tile.x() >= 0 and tile.geometry().right() < grid_width, where
        rects.append(tile.geometry())
    for index, rect in enumerate(rects):
        for other in rects[index + 1 :]:
            assert not rect.adjusted(-metrics.gap // 2, 0, metrics.gap // 2, 0).intersects(other)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_answer_screens_are_large_whole_and_never_scroll_sideways(open_window, pack, size):
    window = open_window(pack, size=size)
    metrics = window.metrics
    window_rect = window.rect()
    for topic in pack.topics[:6]:
        window.show_topic(topic.id)
        where = f"answer {topic.id} at {size}"
        view = window.answer.view
        assert view.horizontalScrollBar().maximum() == 0, where
        assert _widest_line(view) <= view.line_width() + 1, where
        assert view.document().defaultFont().pixelSize() >= round(32 * metrics.scale), where
        home = window.answer.home_button
        assert home.isVisible(), where
        assert window_rect.contains(_on_window(window, home)), where
        assert min(home.width(), home.height()) >= metrics.min_target, where
        _assert_text_fits(home, where)
        if pack.footer:
            _assert_text_fits(window.answer.footer, f"footer, {where}")
            assert window_rect.contains(_on_window(window, window.answer.footer)), where


def test_sizes_at_1080p_meet_the_minimums(open_window, bundled_pack):
    window = open_window(bundled_pack, size=(1920, 1080))
    window.show_topic(bundled_pack.topics[0].id)
    assert window.answer.view.document().defaultFont().pixelSize() >= 32
    home = window.answer.home_button
    assert home.width() >= 88
    assert home.height() >= 88


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_idle_warning_fits(open_window, pack, size):
    window = open_window(pack, size=size)
    window.show_topic(pack.topics[0].id)
    window.overlay.set_seconds_left(20)
    window.show_idle_warning()
    card = _on_window(window, window.overlay.card)
    assert window.rect().contains(card)
    _assert_text_fits(window.overlay.question, "idle question")
    _assert_text_fits(window.overlay.message, "idle message")
    button = window.overlay.button
    assert min(button.width(), button.height()) >= window.metrics.min_target
    _assert_text_fits(button, "keep reading")


def _laid_out_lines(document, until: int | None = None) -> list[str]:
    """The text of every line as Qt laid it out on screen (up to position ``until``)."""
    lines = []
    block = document.begin()
    while block.isValid() and (until is None or block.position() < until):
        layout = block.layout()
        for index in range(layout.lineCount()):
            line = layout.lineAt(index)
            lines.append(block.text()[line.textStart() : line.textStart() + line.textLength()])
        block = block.next()
    return lines


PROSE = (
    "After a stroke, the healthy half of the brain may hold back the damaged half. "
    "Treatment tries to restore the balance, so that the weaker hand can move again. "
) * 12


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("text_size", list(TextSize), ids=lambda t: t.name.lower())
def test_answer_lines_hold_at_most_70_characters(
    open_window, make_pack, bundled_pack, size, text_size
):
    window = open_window(make_pack({"prose": ("Prose?", PROSE)}), size=size)
    window.set_text_size(text_size)
    window.show_topic("prose")
    lines = [line.strip() for line in _laid_out_lines(window.answer.view.document())]
    assert max(len(line) for line in lines) <= 70, max(lines, key=len)
    if size == (1920, 1080) and text_size is TextSize.NORMAL:
        # Wide enough to fill the column: lines are long, not needlessly short.
        assert max(len(line) for line in lines) >= 55
    window.show_home()
    window.set_pack(bundled_pack)
    for topic in bundled_pack.topics:
        window.show_topic(topic.id)
        # The answer's lines; the source below it is a citation in small print.
        # The answer's lines; the source below it is a citation in small print.
        view = window.answer.view
        answer = _laid_out_lines(view.document(), until=len(view.spoken_text()))
        longest = max(answer, key=len)
        assert len(longest.strip()) <= 70, (topic.id, longest)


def test_lines_and_paragraphs_are_spaced_for_reading(open_window, make_pack):
    window = open_window(make_pack({"two": ("Two?", f"{PROSE}\n\nSecond paragraph.")}))
    window.show_topic("two")
    document = window.answer.view.document()
    layout = document.documentLayout()
    first = document.findBlock(document.toPlainText().index("After a stroke"))
    second = first.next()
    body_px = window.metrics.body_px
    lines = first.layout()
    assert lines.lineCount() > 2
    pitch = lines.lineAt(1).y() - lines.lineAt(0).y()
    # WCAG 1.4.12: line height at least 1.5 x the font size, and at least
    # 2 x the font size after a paragraph; 1.4.8: paragraphs set 1.5 x
    # further apart than lines.
    assert pitch >= 1.5 * body_px
    assert first.blockFormat().bottomMargin() >= 2 * body_px
    last_line = layout.blockBoundingRect(first).top() + lines.lineAt(lines.lineCount() - 1).y()
    next_line = layout.blockBoundingRect(second).top() + second.layout().lineAt(0).y()
    assert next_line - last_line >= 1.5 * pitch


def test_500_topics_scroll_on_the_home_screen(open_window, make_pack):
    pack = make_pack(count=500)
    window = open_window(pack, size=(1920, 1080))
    assert len(window.home.tiles) == 500
    bar = window.home.scroll_area.verticalScrollBar()
    assert bar.isVisible()
    assert bar.maximum() > 0
    last = window.home.tiles[-1]
    assert last.fits()
    assert last.geometry().bottom() < window.home.scroll_area.widget().height()


def test_dragging_a_finger_scrolls_the_tiles_without_opening_one(qtbot, open_window, make_pack):
    pack = make_pack(count=60)
    window = open_window(pack, size=(1280, 800))
    bar = window.home.scroll_area.verticalScrollBar()
    # Through the window, as the platform delivers a finger: Qt's gesture
    # recognition only sees input that arrives this way.
    handle = window.windowHandle()
    start = QPoint(640, 700)  # on a tile
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 16):
        QTest.mouseMove(handle, start - QPoint(0, step * 30))
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=start - QPoint(0, 450))
    qtbot.waitUntil(lambda: bar.value() > 0)
    assert window.current_screen == "home"


def test_answers_scroll_by_dragging_without_rubber_banding(open_window, bundled_pack):
    window = open_window(bundled_pack)
    for area in (window.home.scroll_area, window.answer.view):
        viewport = area.viewport()
        assert QScroller.hasScroller(viewport)
        props = QScroller.scroller(viewport).scrollerProperties()
        overshoot = props.scrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy)
        assert overshoot == QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
        assert area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_texts_at_their_length_limits_never_grow_the_window(qtbot, qapp, make_pack, size):
    # As on a kiosk: the window is sized by the screen, not fixed by the test.
    pack = make_pack(
        {"a": ("Q" * 150 + "?", "Answer.")},
        title="Title words " * 6 + "end.",
        welcome="Welcome words " * 14,
        footer="Footer words here " * 16,
    )
    window = KioskWindow(pack, app=qapp, idle_timeout_ms=3_600_000, idle_warning_ms=3_600_000)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.show_topic("a")
    qtbot.waitUntil(window.answer.home_button.isVisible)
    assert (window.width(), window.height()) == size
    home = _on_window(window, window.answer.home_button)
    assert window.rect().contains(home)


TEN_INCH_PX_PER_MM = 1024 / 222  # a 10-inch 1024x600 panel: 222 x 125 mm


@pytest.mark.parametrize("px_per_mm", [None, TEN_INCH_PX_PER_MM], ids=["reference", "10-inch"])
@pytest.mark.parametrize("text_size", list(TextSize), ids=lambda t: t.name.lower())
def test_tiles_on_a_1024x600_panel_break_no_word_without_a_hyphen(
    open_window, bundled_pack, text_size, px_per_mm
):
    options = {} if px_per_mm is None else {"px_per_mm": px_per_mm}
    window = open_window(bundled_pack, size=(1024, 600), **options)
    window.set_text_size(text_size)
    broken = {tile.text(): tile.broken_words() for tile in window.home.tiles}
    assert {text: words for text, words in broken.items() if words} == {}


def test_only_a_word_too_wide_for_the_answer_is_hyphenated_and_listen_reads_it_whole(
    open_window, make_pack
):
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis"
    answer = f"The word {word} is long. After it, more words."
    window = open_window(make_pack({"w": ("A long word?", answer)}), size=(1024, 600))
    window.set_text_size(TextSize.LARGEST)
    window.show_topic("w")
    view = window.answer.view
    written = view.document().toPlainText()
    assert SOFT_HYPHEN in written.split()[5]  # the long word, to break with a hyphen
    assert written.count(SOFT_HYPHEN) == written.split()[5].count(SOFT_HYPHEN)
    assert view.broken_words() == []
    assert view.spoken_text() == f"A long word?\n{answer}"
    start = view.spoken_text().index("more")
    view.show_spoken_word(start, len("more"))
    (selection,) = view.extraSelections()
    assert selection.cursor.selectedText() == "more"
    window.set_text_size(TextSize.NORMAL)  # the word fits a line whole now
    assert SOFT_HYPHEN not in view.document().toPlainText()


def test_emoji_in_the_answer_do_not_change_which_words_are_hyphenated(open_window, make_pack):
    # Qt counts text in UTF-16 units, an emoji as two: the long word must be
    # found, and hyphenated, wherever it stands after them.
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis"
    answer = "\U0001f4de " * 30 + f"Call us. The word {word} is long."
    window = open_window(make_pack({"w": ("A long word?", answer)}), size=(1024, 600))
    window.set_text_size(TextSize.LARGEST)
    window.show_topic("w")
    view = window.answer.view
    assert view.broken_words() == []
    hyphenated = [w for w in view.document().toPlainText().split() if SOFT_HYPHEN in w]
    assert [w.replace(SOFT_HYPHEN, "") for w in hyphenated] == [word]


def _right_of(window: KioskWindow, widget) -> int:
    return _on_window(window, widget).right()


@pytest.mark.parametrize(
    ("size", "text_size", "expected"),
    [
        # Room to spare: the footer strip and the control row below the answer,
        # with a button for each of the pack's three languages.
        ((1920, 1080), TextSize.NORMAL, Arrangement()),
        ((1080, 1920), TextSize.LARGEST, Arrangement()),
        # The footer moves to the end of the answer, margins kept; the
        # language buttons would take a row of their own: one Language button.
        (
            (1920, 1080),
            TextSize.LARGEST,
            Arrangement(footer_in_answer=True, languages_in_chooser=True),
        ),
        (
            (1280, 800),
            TextSize.LARGEST,
            Arrangement(footer_in_answer=True, languages_in_chooser=True),
        ),
        # A 10-inch panel: the margins narrow too.
        (
            (1024, 600),
            TextSize.LARGER,
            Arrangement(footer_in_answer=True, tight=True, languages_in_chooser=True),
        ),
        # A++ on a 10-inch panel: the controls stand in a column beside it.
        (
            (1024, 600),
            TextSize.LARGEST,
            Arrangement(
                footer_in_answer=True, tight=True, controls_beside=True, languages_in_chooser=True
            ),
        ),
    ],
    ids=lambda value: value.name.lower() if isinstance(value, TextSize) else None,
)
def test_the_answer_screen_gives_up_chrome_only_as_far_as_it_must(
    open_window, bundled_pack, size, text_size, expected
):
    window = open_window(bundled_pack, size=size)
    window.answer.set_listen_available(True)
    window.set_text_size(text_size)
    window.show_topic("side-effects")
    answer = window.answer
    assert answer.arrangement == expected
    footer = bundled_pack.footer
    assert answer.footer.isVisible() is not expected.footer_in_answer
    in_document = answer.view.document().toPlainText().endswith(footer)
    assert in_document is expected.footer_in_answer
    assert footer not in answer.spoken_text()  # Listen reads the answer, never the footer
    view = _on_window(window, answer.view)
    buttons = [answer.home_button, *answer.text_size_buttons.values()]
    buttons += [answer.contrast_button, answer.listen_button]
    for button in buttons:
        place = _on_window(window, button)
        assert window.rect().contains(place), button.text()
        if expected.controls_beside:
            assert place.left() > view.right(), button.text()
        else:
            assert place.top() > view.bottom(), button.text()
    if expected.controls_beside:  # a column of equal buttons, in reading order
        assert len({button.width() for button in buttons}) == 1
        assert [button.y() for button in buttons] == sorted(button.y() for button in buttons)
