"""Where the answer screen puts the topic's picture, and how large.

The picture stands at the top of the answer, above the question, as large
as :data:`PICTURE_MM` (big enough to make out from a metre away) where the
panel has the height to spare: the answer's first view (the question and
five lines of the answer, see :mod:`kiosk.ui.screens.answer_layout`) always
comes first. With less height spare it shrinks, down to :data:`MIN_PICTURE_MM`;
with less than that (a short panel, large text) it stands beside the
question instead, taking width rather than height, at the side where the
text starts (the right, right to left).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout

from kiosk.content.model import Picture
from kiosk.ui.screens.answer_view import AnswerView
from kiosk.ui.style import theme
from kiosk.ui.widgets.picture import PictureBox

# The picture's side where there is room: about 45 mm, a pictogram made
# out from a metre away (a tile's is about half that, seen closer).
PICTURE_MM = 45.0
# The least it shrinks to above the question; beside it, never smaller either.
MIN_PICTURE_MM = 25.0
# Beside the question, the picture takes at most this share of the width.
BESIDE_WIDTH_SHARE = 0.22
# Beside it, the text keeps at least this many font sizes a line (about 25
# letters); where it would not, the answer goes without its picture.
LEAST_TEXT_EM = 12


@dataclass(frozen=True, slots=True)
class PicturePlace:
    side: int  # pixels; 0: no picture
    beside: bool = False  # beside the question, not above it


def place_picture(
    metrics: theme.Metrics,
    *,
    available: float | None,
    needed: float,
    width: float,
    spacing: int,
    least_text_width: float,
) -> PicturePlace:
    """The picture's place for an answer column ``available`` tall (None: the
    arrangement does not fit the panel at all) and ``width`` wide, whose first
    view needs ``needed``. Beside the question it must leave the text at least
    ``least_text_width``; where it cannot, the answer goes without it (its
    tile showed it): the words come first."""
    largest = round(PICTURE_MM * metrics.px_per_mm)
    least = round(MIN_PICTURE_MM * metrics.px_per_mm)
    spare = None if available is None else available - needed - spacing
    if spare is not None and spare >= least:
        return PicturePlace(int(min(largest, spare)))
    beside = int(min(largest, max(least, width * BESIDE_WIDTH_SHARE)))
    # The text's measure first: the picture shrinks for it, to its least size.
    beside = int(max(least, min(beside, width - spacing - least_text_width)))
    if width - beside - spacing < least_text_width:
        return PicturePlace(0)
    return PicturePlace(beside, beside=True)


# Above the question: at the side where text starts (Qt mirrors it right to
# left); beside it: level with its first line.
_ALIGNMENT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


class AnswerPicture:
    """The answer's picture and the answer's view in one box layout: the
    picture above the view, lined up with its text column, or beside it."""

    def __init__(self, view: AnswerView) -> None:
        self.box = PictureBox()
        self.layout = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.layout.addWidget(self.box, 0, _ALIGNMENT)
        self.layout.addWidget(view, 1)
        self.place = PicturePlace(0)
        self._column_start = 0  # where the view's text column starts
        view.column_placed.connect(self._line_up)

    def show(self, picture: Picture | None) -> None:
        self.box.set_picture(picture)

    def arrange(self, place: PicturePlace, spacing: int) -> None:
        self.place = place
        self.layout.setSpacing(spacing)
        self.layout.setDirection(
            QBoxLayout.Direction.LeftToRight if place.beside else QBoxLayout.Direction.TopToBottom
        )
        self._line_up(self._column_start)

    def _line_up(self, column_start: int) -> None:
        """Above the question, the picture starts where the text column does."""
        self._column_start = column_start
        place = self.place
        self.box.set_side(place.side, lead=0 if place.beside else column_start)
        if place.side == 0:
            # Left out of this answer: neither room nor the layout's spacing.
            self.box.hide()
