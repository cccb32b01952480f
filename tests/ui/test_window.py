"""Navigation, lockdown and touch rules of the kiosk window."""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QHelpEvent,
    QTextDocument,
    QTextFrame,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import BulletList, Pack, Topic
from kiosk.ui.screens.answer_document import BULLET


def _bullets(topic: Topic) -> list[str]:
    return [item for b in topic.answer if isinstance(b, BulletList) for item in b.items]


def test_home_shows_title_welcome_and_one_tile_per_topic_in_order(open_window, bundled_pack):
    window = open_window(bundled_pack)
    assert window.current_screen == "home"
    assert window.home.title.text() == "Stroke recovery and TMS"
    assert window.home.welcome.text() == "Tap a question to read the answer."
    assert [t.text() for t in window.home.tiles] == [t.question for t in bundled_pack.topics]
    assert all(t.accessibleName() == t.text() for t in window.home.tiles)


def test_tap_tile_shows_answer_and_home_returns(qtbot: QtBot, open_window, bundled_pack):
    window = open_window(bundled_pack)
    topic = bundled_pack.topics[4]
    with qtbot.waitSignal(window.screen_changed) as changed:
        window.home.tiles[4].click()
    assert changed.args == ["answer"]
    assert window.current_screen == "answer"
    text = window.answer.view.toPlainText()
    assert text.startswith(topic.question)
    assert _bullets(topic)
    assert all(item in text for item in _bullets(topic))
    assert window.answer.footer.text() == bundled_pack.footer

    with qtbot.waitSignal(window.screen_changed) as changed:
        window.answer.home_button.click()
    assert changed.args == ["home"]
    assert window.current_screen == "home"


def test_answer_text_is_never_markup(open_window, make_pack):
    hostile = '<b>bold</b> <a href="file:///etc/passwd">link</a> <img src="x.png"> &amp;'
    pack = make_pack({"hostile": ("Is <i>this</i> literal?", hostile)})
    window = open_window(pack)
    window.show_topic("hostile")
    document = window.answer.view.document()
    assert window.answer.view.toPlainText() == f"Is <i>this</i> literal?\n{hostile}"
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fmt = fragments.fragment().charFormat()
            assert not fmt.isAnchor()
            assert not fmt.isImageFormat()
            fragments += 1
        block = block.next()


def test_bullets_are_marked_in_the_text(open_window, bundled_pack):
    # The mark is part of the text, where a screen reader reads it.
    window = open_window(bundled_pack)
    window.show_topic("side-effects")
    document = window.answer.view.document()
    marked = []
    block = document.begin()
    while block.isValid():
        if block.text().startswith(BULLET):
            marked.append(block.text().removeprefix(BULLET))
        block = block.next()
    bullets = _bullets(bundled_pack.topic("side-effects"))
    assert len(bullets) >= 3
    assert marked == bullets


def test_source_is_shown_under_the_answer(open_window, bundled_pack):
    window = open_window(bundled_pack)
    window.show_topic("permanent-brain-damage")
    assert window.answer.view.toPlainText().splitlines()[-1].startswith("Source: Rossi S")


def test_locked_window_ignores_close_and_escape(qtbot: QtBot, open_window, bundled_pack):
    window = open_window(bundled_pack, locked=True)
    window.show_topic(bundled_pack.topics[0].id)
    assert window.close() is False
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert window.isVisible()
    assert window.current_screen == "answer"


def test_staff_shortcut_opens_the_staff_menu_whose_exit_closes_a_locked_window(
    qtbot: QtBot, open_window, bundled_pack
):
    window = open_window(bundled_pack, locked=True)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(
        window,
        Qt.Key.Key_Q,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.current_screen == "staff"  # no PIN configured: straight to the menu
    window.staff_menu.exit_button.click()
    qtbot.waitUntil(lambda: not window.isVisible())


def test_unlocked_window_closes(open_window, bundled_pack):
    window = open_window(bundled_pack, locked=False)
    assert window.close() is True


class _Recorder(QWidget):
    """Records the events that reach it."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[QEvent.Type] = []

    def event(self, event: QEvent) -> bool:
        self.seen.append(event.type())
        return super().event(event)


def test_context_menus_and_tooltips_never_reach_a_widget(qtbot: QtBot, open_window, bundled_pack):
    window = open_window(bundled_pack)  # installs the kiosk's input rules
    recorder = _Recorder()
    qtbot.addWidget(recorder)
    recorder.setToolTip("a tooltip a patient could never dismiss")
    point = QPoint(5, 5)
    QApplication.sendEvent(
        recorder,
        QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, recorder.mapToGlobal(point)),
    )
    QApplication.sendEvent(
        recorder, QHelpEvent(QEvent.Type.ToolTip, point, recorder.mapToGlobal(point))
    )
    recorder.setAcceptDrops(True)
    QApplication.sendEvent(
        recorder,
        QDragEnterEvent(
            point,
            Qt.DropAction.CopyAction,
            QMimeData(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        ),
    )
    assert QEvent.Type.ContextMenu not in recorder.seen
    assert QEvent.Type.ToolTip not in recorder.seen
    assert QEvent.Type.DragEnter not in recorder.seen
    assert QToolTip.text() == ""
    assert window.isVisible()  # (keeps the window, and its rules, alive until here)


def test_second_tap_right_after_a_screen_change_is_ignored(
    qtbot: QtBot, open_window, bundled_pack: Pack
):
    window = open_window(bundled_pack, settle_ms=60_000)
    window.home.tiles[0].click()
    assert window.input_guard.settling
    button = window.answer.home_button
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.current_screen == "answer"


def test_taps_work_again_once_the_screen_has_settled(qtbot: QtBot, open_window, bundled_pack: Pack):
    window = open_window(bundled_pack, settle_ms=30)
    window.home.tiles[0].click()
    qtbot.waitUntil(lambda: not window.input_guard.settling)
    with qtbot.waitSignal(window.screen_changed):
        QTest.mouseClick(window.answer.home_button, Qt.MouseButton.LeftButton)
    assert window.current_screen == "home"


def test_answers_leave_no_document_behind(qtbot: QtBot, open_window, bundled_pack):
    # A kiosk shows thousands of answers between restarts: none may leave a
    # document behind once the event loop has run.
    window = open_window(bundled_pack)
    view = window.answer.view
    for _ in range(5):
        for topic in bundled_pack.topics:
            window.show_topic(topic.id)
    qtbot.waitUntil(lambda: len(view.findChildren(QTextDocument)) == 1)
    assert not view.document().isUndoRedoEnabled()
    assert view.toPlainText().startswith(bundled_pack.topics[-1].question)


def test_visits_leave_no_text_frames_behind(qtbot: QtBot, open_window, bundled_pack):
    window = open_window(bundled_pack)

    def frames() -> int:
        gc.collect()
        return sum(isinstance(o, QTextFrame) for o in gc.get_objects())

    window.show_topic(bundled_pack.topics[0].id)
    before = frames()
    for _ in range(20):
        for topic in bundled_pack.topics:
            window.show_topic(topic.id)
    qtbot.waitUntil(lambda: frames() <= before + 1)


def test_keyboard_scrolls_a_long_answer(qtbot: QtBot, open_window, make_pack):
    pack = make_pack({"long": ("Long?", "\n\n".join(["Many words in a row. " * 20] * 12))})
    window = open_window(pack, size=(1280, 800))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.show_topic("long")
    bar = window.answer.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown)
    assert bar.value() > 0
    assert window.current_screen == "answer"


def test_a_double_key_press_does_not_open_and_close_an_answer(
    qtbot: QtBot, open_window, bundled_pack
):
    window = open_window(bundled_pack, settle_ms=60_000)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.home.tiles[0].setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(window.home.tiles[0], Qt.Key.Key_Space)
    assert window.current_screen == "answer"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    QTest.keyClick(window.answer.home_button, Qt.Key.Key_Space)
    assert window.current_screen == "answer"


def test_a_patients_visit_leaves_one_line_in_the_log(qtbot: QtBot, open_window, make_pack, caplog):
    pack = make_pack({"a": ("Private question?", "Private answer.")})
    window = open_window(
        pack, idle_timeout_ms=20, idle_warning_ms=20, reading_words_per_minute=10**9
    )
    with caplog.at_level(logging.DEBUG):
        window.home.tiles[0].click()
        with qtbot.waitSignal(window.idle.expired):
            pass
    assert [r.getMessage() for r in caplog.records if r.name.startswith("kiosk")] == [
        "returned home"
    ]


def test_a_tap_swallowed_after_a_screen_change_is_not_activity(
    qtbot: QtBot, open_window, bundled_pack, monkeypatch
):
    window = open_window(bundled_pack, settle_ms=60_000)
    activity: list[int] = []
    monkeypatch.setattr(window.idle, "activity", lambda: activity.append(1))
    window.show_topic(bundled_pack.topics[0].id)  # starts the settle time
    where = QPoint(window.width() // 2, window.height() // 2)
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=where)
    assert activity == []


def test_an_ordinary_tap_is_activity(qtbot: QtBot, open_window, bundled_pack, monkeypatch):
    window = open_window(bundled_pack, settle_ms=0)
    activity: list[int] = []
    monkeypatch.setattr(window.idle, "activity", lambda: activity.append(1))
    window.show_topic(bundled_pack.topics[0].id)
    where = QPoint(window.width() // 2, window.height() // 2)
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=where)
    assert activity
