"""The answer's caret, moved by keyboard: Up and Down visit every line as laid
out, in order, left to right and right to left; Page Up and Page Down move
it a screenful of lines and scroll. A screen reader reads the line the caret
is on, so a line the caret skips is a line a blind patient never hears."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QTextCursor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.content import Pack
from kiosk.ui.screens.answer_document import BULLET
from kiosk.ui.screens.answer_view import AnswerView
from kiosk.ui.window import KioskWindow

WindowFactory = Callable[..., KioskWindow]
Line = tuple[int, int]  # (block number, line number in the block)


def laid_out_lines(view: AnswerView) -> list[Line]:
    """Every line of the answer's document as laid out, top to bottom."""
    document = view.document()
    document.size()  # lays the document out, if it is not yet
    lines = []
    block = document.begin()
    while block.isValid():
        lines += [(block.blockNumber(), index) for index in range(block.layout().lineCount())]
        block = block.next()
    return lines


def caret_line(view: AnswerView) -> Line:
    cursor = view.textCursor()
    line = cursor.block().layout().lineForTextPosition(cursor.positionInBlock())
    return cursor.blockNumber(), line.lineNumber()


def line_start(view: AnswerView, line: Line) -> int:
    block = view.document().findBlockByNumber(line[0])
    return block.position() + block.layout().lineAt(line[1]).textStart()


def read_line(view: AnswerView) -> int:
    """Where the line a screen reader reads at the caret starts: it asks the
    accessible text for the caret, then for the line at that offset."""
    text = QAccessible.queryAccessibleInterface(view).textInterface()
    assert text is not None
    assert text.cursorPosition() == view.textCursor().position()
    cursor = QTextCursor(view.document())
    cursor.setPosition(text.cursorPosition())
    start, _end = QAccessible.qAccessibleTextBoundaryHelper(
        cursor, QAccessible.TextBoundaryType.LineBoundary
    )
    return start


def open_answer(open_window: WindowFactory, pack: Pack, language: str, topic_id: str) -> AnswerView:
    window = open_window(pack, size=(1280, 800))
    window.set_language(language)
    window.show_topic(topic_id)
    view = window.answer.view
    assert view.locale().name().startswith(language)
    return view


@pytest.mark.parametrize("language", ["ar", "en"])
def test_up_and_down_visit_every_line_in_order(
    qtbot: QtBot, open_window: WindowFactory, bundled_pack: Pack, language: str
) -> None:
    view = open_answer(open_window, bundled_pack, language, "what-is-tms-for-stroke")
    lines = laid_out_lines(view)
    document = view.document()
    # What lost lines right to left: answer paragraphs that wrap, a bullet too.
    wrapped = [
        document.findBlockByNumber(number).text()
        for number, index in lines
        if index == 1 and number > 0
    ]
    assert len(wrapped) >= 2
    assert any(text.startswith(BULLET) for text in wrapped)
    assert caret_line(view) == lines[0]

    visited = [caret_line(view)]
    for _ in lines[1:]:
        QTest.keyClick(view, Qt.Key.Key_Down)
        visited.append(caret_line(view))
        assert read_line(view) == line_start(view, visited[-1])
    assert visited == lines
    QTest.keyClick(view, Qt.Key.Key_Down)  # past the last line: it stays there
    assert caret_line(view) == lines[-1]

    visited = [caret_line(view)]
    for _ in lines[1:]:
        QTest.keyClick(view, Qt.Key.Key_Up)
        visited.append(caret_line(view))
        assert read_line(view) == line_start(view, visited[-1])
    assert visited == lines[::-1]
    QTest.keyClick(view, Qt.Key.Key_Up)
    assert caret_line(view) == lines[0]
    assert not view.textCursor().hasSelection()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_down_then_up_come_back_to_the_same_place_in_a_line(
    qtbot: QtBot, open_window: WindowFactory, bundled_pack: Pack, language: str
) -> None:
    """Through shorter lines and back, the caret keeps its distance from
    where lines start, as an editor keeps a column."""
    view = open_answer(open_window, bundled_pack, language, "what-is-tms-for-stroke")
    lines = laid_out_lines(view)
    long_line = lines[2]
    assert long_line[1] == 1 and lines[3][0] == long_line[0]  # a wrapped line, full
    block = view.document().findBlockByNumber(long_line[0])
    line = block.layout().lineAt(long_line[1])
    QTest.keyClick(view, Qt.Key.Key_Down)  # the caret shows
    cursor = view.textCursor()
    cursor.setPosition(block.position() + line.textStart() + line.textLength() - 1)
    view.setTextCursor(cursor)  # its far end: the left, right to left
    far_end = view.cursorRect().x()
    passed = []
    for key in [Qt.Key.Key_Down] * 3 + [Qt.Key.Key_Up] * 3:
        QTest.keyClick(view, key)
        passed.append(view.cursorRect().x())
    assert any(abs(x - far_end) > 10 for x in passed)  # a shorter line on the way
    assert caret_line(view) == long_line
    assert abs(view.cursorRect().x() - far_end) <= 1


@pytest.mark.parametrize("language", ["ar", "en"])
def test_page_down_and_up_move_by_a_screenful_and_scroll(
    qtbot: QtBot, open_window: WindowFactory, bundled_pack: Pack, language: str
) -> None:
    view = open_answer(open_window, bundled_pack, language, "negative-effects-of-tms")
    lines = laid_out_lines(view)
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0  # the answer is longer than the screen

    visited, scrolled = [lines.index(caret_line(view))], [bar.value()]
    while visited[-1] < len(lines) - 1:
        QTest.keyClick(view, Qt.Key.Key_PageDown)
        visited.append(lines.index(caret_line(view)))
        scrolled.append(bar.value())
        assert visited[-1] > visited[-2]  # on, never stuck
        assert scrolled[-1] >= scrolled[-2]
        assert view.cursorRect().intersects(view.viewport().rect())
    assert scrolled[-1] > 0
    while visited[-1] > 0:
        QTest.keyClick(view, Qt.Key.Key_PageUp)
        visited.append(lines.index(caret_line(view)))
        scrolled.append(bar.value())
        assert visited[-1] < visited[-2]
        assert scrolled[-1] <= scrolled[-2]
        assert view.cursorRect().intersects(view.viewport().rect())
    assert scrolled[-1] == 0
    # A page of lines at a time, not one line.
    assert len(visited) < len(lines)
