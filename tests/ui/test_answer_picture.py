"""Where the answer's picture goes: above the question while the first view
keeps its room, shrinking to a stated least size, then beside the question."""

from __future__ import annotations

import pytest

from kiosk.ui.screens.answer_picture import PicturePlace, place_picture
from kiosk.ui.style import theme

METRICS = theme.metrics_for(1920, 1080)
LARGEST = round(45 * METRICS.px_per_mm)
LEAST = round(25 * METRICS.px_per_mm)


@pytest.mark.parametrize(
    ("available", "width", "place"),
    [
        (1000 + LARGEST + 10 + 500, 1000, PicturePlace(LARGEST)),  # room to spare
        (1000 + LARGEST + 10, 1000, PicturePlace(LARGEST)),
        (1000 + LEAST + 10 + 5, 1000, PicturePlace(LEAST + 5)),  # shrunk to fit
        (1000 + LEAST + 10, 1000, PicturePlace(LEAST)),
        (1000 + LEAST + 9, 600, PicturePlace(round(600 * 0.22), beside=True)),
        (900, 2 * LEAST + 210, PicturePlace(LEAST, beside=True)),  # never smaller than the least
        (900, 5000, PicturePlace(LARGEST, beside=True)),  # nor larger than the largest
        (None, 600, PicturePlace(round(600 * 0.22), beside=True)),  # no fit at all
        # Beside, the text would keep less than its least measure (300 - 10 - 200
        # px of a 300 px column): the answer goes without its picture.
        (900, 300 + LEAST, PicturePlace(LEAST, beside=True)),
        (900, 200 + LEAST + 10 - 1, PicturePlace(0)),
    ],
)
def test_the_picture_keeps_the_first_view_s_room(
    available: float | None, width: int, place: PicturePlace
) -> None:
    found = place_picture(
        METRICS, available=available, needed=1000, width=width, spacing=10, least_text_width=200
    )
    assert found == place


def test_beside_the_question_the_picture_shrinks_for_the_text_s_measure() -> None:
    """22% of a 560 px column (123 px) would leave the text 427 px of the
    430 it needs: the picture gives up 3 px, never going below its least."""
    assert LEAST < 0.22 * 560
    found = place_picture(
        METRICS, available=900, needed=1000, width=560, spacing=10, least_text_width=430
    )
    assert found == PicturePlace(120, beside=True)
