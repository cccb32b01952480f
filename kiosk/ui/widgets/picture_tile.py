"""A topic's tile: its question and, where the topic has one, its picture."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter
from PySide6.QtWidgets import QWidget

from kiosk.content.model import Picture
from kiosk.ui.widgets.button import TouchButton
from kiosk.ui.widgets.picture import paint_picture

# The picture's side, in lines of the tile's text: about 25 mm at the
# normal text size, growing with the text like the rest of the tile.
PICTURE_LINES = 2.4
# A tile places its picture beside the question where the question keeps at
# least this many picture sides of width; otherwise above it.
BESIDE_MIN_TEXT_SIDES = 2.0


class PicturePlacing:
    """One decision for all the tiles of a grid: their pictures stand beside
    the questions only where every question keeps its words whole there.
    Tiles of one grid share a width, so a row never mixes the two places;
    and a picture never makes a word too wide for its tile to need a hyphen.
    The answer for each width is kept until a tile's text or font changes."""

    def __init__(self) -> None:
        self.tiles: list[PictureTile] = []
        self._beside: dict[int, bool] = {}

    def set_tiles(self, tiles: list[PictureTile]) -> None:
        self.tiles = tiles
        self.forget()

    def forget(self) -> None:
        self._beside.clear()

    def beside(self, width: int) -> bool:
        found = self._beside.get(width)
        if found is None:
            found = self._beside[width] = all(tile.fits_beside(width) for tile in self.tiles)
        return found


class PictureTile(TouchButton):
    """A :class:`TouchButton` whose question has the topic's picture beside it
    (a wide tile) or above it, at the side where the question starts (the
    right on a right-to-left screen; the picture itself is never mirrored).

    The question keeps its font: the picture takes width or height from the
    tile, never size from the text, and the tile grid gives a tile fewer
    columns where the question would no longer fit whole.

    In a pack where some topics have pictures, a tile without one keeps the
    picture's room empty (``reserve``): every question then starts at the same
    place in its tile, and the tiles of a row share one height, so the grid
    reads as one deliberate design rather than tiles with something missing.
    """

    def __init__(
        self, text: str, parent: QWidget | None = None, *, placing: PicturePlacing | None = None
    ) -> None:
        self._placing = placing
        super().__init__(text, parent)
        self._picture: Picture | None = None
        self._reserve = False

    @property
    def picture(self) -> Picture | None:
        return self._picture

    def set_picture(self, picture: Picture | None, *, reserve: bool = False) -> None:
        """Shows ``picture``; without one, ``reserve`` keeps its room."""
        self._picture = picture
        self._reserve = reserve
        if self._placing is not None:
            self._placing.forget()
        self.updateGeometry()
        self.update()

    def picture_side(self) -> int:
        """The picture's side in pixels; 0 where the tile has no picture's room."""
        if self._picture is None and not self._reserve:
            return 0
        return round(QFontMetricsF(self.font()).height() * PICTURE_LINES)

    def picture_beside(self, width: int) -> bool:
        """Whether, ``width`` wide, the picture stands beside the question
        (for all the tiles of its grid, with a shared ``placing``)."""
        if not self.picture_side():
            return False
        if self._placing is not None and self in self._placing.tiles:
            return self._placing.beside(width)
        return self.fits_beside(width)

    def fits_beside(self, width: int) -> bool:
        """Whether, ``width`` wide, the question has room beside the picture,
        with every word whole (a tile without a picture's room: yes)."""
        side = self.picture_side()
        if not side:
            return True
        room = super()._text_width(width) - side - self._gap()
        return room >= BESIDE_MIN_TEXT_SIDES * side and self._layout.words_fit(room)

    def _new_layout(self) -> None:
        super()._new_layout()
        if self._placing is not None:
            self._placing.forget()

    def _gap(self) -> int:
        return self._padding // 2 + self._padding // 4

    def _text_width(self, width: int) -> float:
        base = super()._text_width(width)
        if self.picture_beside(width):
            return base - self.picture_side() - self._gap()
        return base

    def heightForWidth(self, width: int) -> int:
        side = self.picture_side()
        if not side:
            return super().heightForWidth(width)
        text = self._layout.height_for(self._text_width(width))
        content = max(text, side) if self.picture_beside(width) else side + self._gap() + text
        return max(self._min_height, int(content + 2 * self._padding + 0.999))

    def _paint_content(self, painter: QPainter, ink: QColor) -> None:
        side = self.picture_side()
        style = self._style
        if not side or style is None:
            super()._paint_content(painter, ink)
            return
        width, height = self.width(), self.height()
        gap = self._gap()
        text_width = self._text_width(width)
        text_height = self._layout.height_for(text_width)
        mirrored = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        lead = float(self._padding)
        if self.picture_beside(width):
            picture_top = (height - side) / 2
            text_top = (height - text_height) / 2
            text_lead = lead + side + gap
        else:
            # From the top: the pictures, and the questions under them, of a
            # row of tiles (which share a height) stand level.
            picture_top = lead
            text_top = picture_top + side + gap
            text_lead = lead
        picture_x = width - lead - side if mirrored else lead
        paint_picture(
            painter,
            self._picture,
            QRectF(picture_x, picture_top, side, side),
            radius=style.radius / 2,
            ratio=self.devicePixelRatioF(),
        )
        left = width - text_lead - text_width if mirrored else text_lead
        painter.setPen(ink)
        self._layout.draw(painter, QPointF(left, text_top), text_width)
