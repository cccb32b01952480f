"""The row of controls: where it wraps, and groups it never splits."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.widgets.flow_row import FlowRow


class Box(QWidget):
    """A control of a fixed preferred width."""

    def __init__(self, width: int) -> None:
        super().__init__()
        self._width = width

    def sizeHint(self) -> QSize:
        return QSize(self._width, 20)


def row_of(qtbot: QtBot, widths: list[int]) -> tuple[FlowRow, list[Box]]:
    row = FlowRow()
    qtbot.addWidget(row)
    row.set_spacing(10)
    boxes = [Box(width) for width in widths]
    row.set_items(boxes)
    return row, boxes


def test_a_group_starts_a_line_rather_than_be_split(qtbot: QtBot) -> None:
    row, (a, b, first, second) = row_of(qtbot, [100, 100, 80, 80])
    # 350 wide: a, b and the group's first would share a line, the second
    # alone on the next: the group would be split.
    assert row.rows_for(350, spacing=10) == 2
    row.keep_together([first, second])
    assert row.rows_for(350, spacing=10) == 2
    row.resize(350, row.heightForWidth(350))
    row.show()
    qtbot.waitUntil(lambda: first.geometry().y() > a.geometry().y())
    assert (first.geometry().x(), first.geometry().y()) == (0, second.geometry().y())
    assert b.geometry().y() == a.geometry().y()
    # Where the line has room for the whole group, it stays on it.
    assert row.rows_for(400, spacing=10) == 1


def test_a_group_wider_than_the_line_wraps_as_usual(qtbot: QtBot) -> None:
    row, (_, first, second) = row_of(qtbot, [100, 80, 80])
    row.keep_together([first, second])
    # 150 wide holds no two of them: one a line, the group too.
    assert row.rows_for(150, spacing=10) == 3
