"""A grid layout of equal tiles whose column count follows the width."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class TileGridLayout(QLayout):
    """Lays tiles out in as many equal columns as fit ``min_tile_width``.

    The tiles of a row share one height (the tallest label's need, never less
    than ``min_tile_height``), so the grid reads as deliberate at any size.
    It reports height-for-width, so a scroll area grows it to fit all tiles.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.min_tile_width = 400
        self.min_tile_height = 100
        self.gap = 24
        self._hfw_cache: tuple[int, int] | None = None

    def configure(self, *, min_tile_width: int, min_tile_height: int, gap: int) -> None:
        self.min_tile_width = min_tile_width
        self.min_tile_height = min_tile_height
        self.gap = gap
        self.invalidate()

    # QLayout's item interface
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def invalidate(self) -> None:
        self._hfw_cache = None
        super().invalidate()

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if self._hfw_cache is None or self._hfw_cache[0] != width:
            self._hfw_cache = (width, self._arrange(QRect(0, 0, width, 0), apply=False))
        return self._hfw_cache[1]

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        margins = self.contentsMargins()
        return QSize(
            self.min_tile_width + margins.left() + margins.right(),
            self.min_tile_height + margins.top() + margins.bottom(),
        )

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def columns_for(self, width: int) -> int:
        return max(1, (width + self.gap) // (self.min_tile_width + self.gap))

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        margins = self.contentsMargins()
        left, top, bottom = margins.left(), margins.top(), margins.bottom()
        width = rect.width() - left - margins.right()
        columns = min(self.columns_for(width), max(1, len(self._items)))
        tile_width = (width - (columns - 1) * self.gap) // columns
        y = top
        for start in range(0, len(self._items), columns):
            row = self._items[start : start + columns]
            height = max(self.min_tile_height, *(i.heightForWidth(tile_width) for i in row))
            if apply:
                for column, item in enumerate(row):
                    x = rect.x() + left + column * (tile_width + self.gap)
                    item.setGeometry(QRect(x, rect.y() + y, tile_width, height))
            y += height + self.gap
        return y - (self.gap if self._items else 0) + bottom
