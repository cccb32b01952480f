"""A grid of equal tiles whose column count follows the width."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QSizePolicy, QStyle, QWidget

from kiosk.ui.widgets.button import TouchButton
from kiosk.ui.widgets.placing import PlacingWidget
from kiosk.ui.widgets.sizing import height_for_width


class TileGrid(PlacingWidget):
    """Places its tiles in as many equal columns as fit ``min_tile_width``, or
    fewer where a tile would otherwise break a word with no hyphen (a word
    too wide for the tile, with no hyphenation point that helps) or be
    taller than ``max_tile_height`` (the screen it scrolls in). With one
    column left, a tile does what it must.

    On a right-to-left screen (its layout direction) the rows run from the
    right, as that script is read.

    The tiles of a row share one height (the tallest label's need, never less
    than ``min_tile_height``), so the grid reads as deliberate at any size.
    It reports height-for-width, so a resizable scroll area grows it to fit
    all tiles.

    The tiles are placed by hand in ``resizeEvent`` rather than by a custom
    ``QLayout``: a Python ``QLayout`` subclass must keep the ``QLayoutItem``
    objects that Qt creates and deletes itself, and that shared ownership is
    the kind of thing that crashes far from its cause. Here Qt owns nothing
    but plain child widgets.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tiles: list[QWidget] = []
        self.min_tile_width = 400
        self.min_tile_height = 100
        self.max_tile_height: int | None = None
        self.gap = 24
        self._margins = (0, 0, 0, 0)  # left, top, right, bottom
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def configure(
        self,
        *,
        min_tile_width: int,
        min_tile_height: int,
        gap: int,
        margins: tuple[int, int, int, int] = (0, 0, 0, 0),
    ) -> None:
        self.min_tile_width = min_tile_width
        self.min_tile_height = min_tile_height
        self.gap = gap
        self._margins = margins
        self.relayout()

    def set_max_tile_height(self, height: int | None) -> None:
        """No tile taller than ``height`` (while more than one column is left)."""
        if height != self.max_tile_height:
            self.max_tile_height = height
            self.relayout()

    def set_tiles(self, tiles: Sequence[QWidget]) -> None:
        """Shows ``tiles`` (already children of this widget) in this order."""
        self._tiles = list(tiles)
        for tile in self._tiles:
            tile.show()
        self.relayout()

    def relayout(self) -> None:
        self.updateGeometry()  # the height for a width may have changed
        self._arrange(self.width(), apply=True)

    def columns_for(self, width: int) -> int:
        """The most columns of ``min_tile_width`` that fit ``width``."""
        return max(1, (width + self.gap) // (self.min_tile_width + self.gap))

    def columns(self) -> int:
        """The columns the tiles are in now."""
        return self._layout(self._inner_width(self.width()))[0]

    # QWidget's size interface
    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(width, apply=False)

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()

    def minimumSizeHint(self) -> QSize:
        left, top, right, bottom = self._margins
        return QSize(self.min_tile_width + left + right, self.min_tile_height + top + bottom)

    def resizeEvent(self, event: object) -> None:
        self._arrange(self.width(), apply=True)

    def _inner_width(self, total_width: int) -> int:
        left, _, right, _ = self._margins
        return max(1, total_width - left - right)

    def _layout(self, width: int) -> tuple[int, int, list[int]]:
        """(columns, tile width, each tile's height) for an inner ``width``."""
        tiles = self._tiles
        columns = min(self.columns_for(width), max(1, len(tiles)))
        while True:
            tile_width = max(1, (width - (columns - 1) * self.gap) // columns)
            heights = [height_for_width(tile, tile_width) for tile in tiles]
            if columns == 1 or not self._too_narrow(tile_width, heights):
                return columns, tile_width, heights
            columns -= 1

    def _too_narrow(self, tile_width: int, heights: list[int]) -> bool:
        tallest = self.max_tile_height
        if tallest is not None and max(heights, default=0) > tallest:
            return True
        return any(
            isinstance(tile, TouchButton) and tile.breaks_words(tile_width) for tile in self._tiles
        )

    def _arrange(self, total_width: int, *, apply: bool) -> int:
        left, top, _, bottom = self._margins
        columns, tile_width, heights = self._layout(self._inner_width(total_width))
        tiles = self._tiles
        y = top
        for start in range(0, len(tiles), columns):
            row = tiles[start : start + columns]
            height = max(self.min_tile_height, *heights[start : start + columns])
            if apply:
                for column, tile in enumerate(row):
                    x = left + column * (tile_width + self.gap)
                    # The first tile at the right on a right-to-left screen.
                    place = QRect(x, y, tile_width, height)
                    tile.setGeometry(QStyle.visualRect(self.layoutDirection(), self.rect(), place))
            y += height + self.gap
        return y - (self.gap if tiles else 0) + bottom
