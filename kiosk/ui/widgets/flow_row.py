"""A row of controls that wraps onto more lines when the window is narrow."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui.widgets.sizing import height_for_width


class FlowRow(QWidget):
    """Places its child widgets left to right at their preferred widths,
    starting a new line where the next one would not fit.

    Like :class:`~kiosk.ui.widgets.tile_grid.TileGrid` it places children by hand
    (no Python ``QLayout``) and answers height-for-width, so the screen's
    layout gives it the lines it needs.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QWidget] = []
        self.spacing = 16
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_items(self, items: Sequence[QWidget]) -> None:
        """Shows ``items`` (made children of this row) in this order."""
        self._items = list(items)
        for item in self._items:
            item.setParent(self)
            item.show()
        self.relayout()

    def set_spacing(self, spacing: int) -> None:
        self.spacing = spacing
        self.relayout()

    def relayout(self) -> None:
        self.updateGeometry()
        self._arrange(self.width(), apply=True)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(width, apply=False)

    def sizeHint(self) -> QSize:
        visible = [item for item in self._items if not item.isHidden()]
        width = sum(item.sizeHint().width() for item in visible)
        width += self.spacing * max(0, len(visible) - 1)
        return QSize(width, max((item.sizeHint().height() for item in visible), default=0))

    def minimumSizeHint(self) -> QSize:
        visible = [item for item in self._items if not item.isHidden()]
        widest = max((item.minimumSizeHint().width() for item in visible), default=0)
        return QSize(widest, self.heightForWidth(max(1, widest)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(self.width(), apply=True)

    def _lines(self, width: int) -> list[list[tuple[QWidget, int]]]:
        lines: list[list[tuple[QWidget, int]]] = [[]]
        used = 0
        for item in self._items:
            if item.isHidden():
                continue
            item_width = min(width, item.sizeHint().width())
            if lines[-1] and used + self.spacing + item_width > width:
                lines.append([])
                used = 0
            used += (self.spacing if lines[-1] else 0) + item_width
            lines[-1].append((item, item_width))
        return [line for line in lines if line]

    def _arrange(self, width: int, *, apply: bool) -> int:
        y = 0
        for line in self._lines(max(1, width)):
            height = max(height_for_width(item, item_width) for item, item_width in line)
            x = 0
            for item, item_width in line:
                if apply:
                    item.setGeometry(QRect(x, y, item_width, height))
                x += item_width + self.spacing
            y += height + self.spacing
        return max(0, y - self.spacing)
