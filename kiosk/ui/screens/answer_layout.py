"""How the answer screen fits its panel: the spacing of the answer's lines,
and where the footer and the controls go so that the answer has room.

At every window and text size a patient sees, on opening an answer, the
question and at least :data:`FIRST_VIEW_LINES` lines of the answer. The text
keeps its size; to make room on a short panel the screen gives up, in this
order: the footer's own strip (it moves to the end of the answer), the wide
margins, and the control row under the answer (the controls move into a
column beside it, on a landscape panel). The buttons of a pack's languages
never take a row of their own: where they would, one "Language" button,
which opens the chooser, stands in for them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kiosk.ui.style import theme

# Line height, in font sizes: WCAG 1.4.8 and 1.4.12's 1.5 (CSS's
# line-height: 1.5). The question, a heading, is set closer.
LINE_HEIGHT = 1.5
HEADING_LINE_HEIGHT = 1.25
# The space after a paragraph, in font sizes: WCAG 1.4.12's 2 x the font
# size. Paragraphs then start about 2.3 line heights apart, above the 1.5
# that WCAG 1.4.8 asks for.
PARAGRAPH_GAP_EM = 2.0
# The question sits close above the answer it introduces.
HEADING_GAP_EM = 0.5

FIRST_VIEW_LINES = 5  # lines of the answer in view below the question, at least
FIRST_VIEW_HEADING_LINES = 2  # the question's lines the room is sized for


@dataclass(frozen=True, slots=True)
class Arrangement:
    """Where the answer screen puts its parts."""

    footer_in_answer: bool = False  # the footer is the answer's last line, not a strip
    tight: bool = False  # margins and spacing are the least gap between tap targets
    controls_beside: bool = False  # the controls are a column right of the answer
    languages_in_chooser: bool = False  # one "Language" button, not one per language


# From the roomiest to the one that leaves the answer the most height. Each
# comes with the language buttons, then with one "Language" button instead.
ARRANGEMENTS = tuple(
    Arrangement(
        footer_in_answer=footer_in_answer,
        tight=tight,
        controls_beside=beside,
        languages_in_chooser=chooser,
    )
    for footer_in_answer, tight, beside in (
        (False, False, False),
        (True, False, False),
        (True, True, False),
        (True, True, True),
    )
    for chooser in (False, True)
)


def first_view_height(metrics: theme.Metrics) -> float:
    """The answer's height that shows a two-line question and five lines below it."""
    heading = FIRST_VIEW_HEADING_LINES * HEADING_LINE_HEIGHT * metrics.heading_px
    lines = FIRST_VIEW_LINES * LINE_HEIGHT * metrics.body_px
    return heading + HEADING_GAP_EM * metrics.body_px + lines


def choose_arrangement(
    answer_height: Callable[[Arrangement], float | None],
    needed: float,
    *,
    languages_in_chooser: bool | None = None,
) -> Arrangement:
    """The first of :data:`ARRANGEMENTS` (those with ``languages_in_chooser``
    as given, if it is) whose answer is ``needed`` tall, else the one whose
    answer is tallest.

    ``answer_height`` gives the answer's height in an arrangement, or None
    where the panel cannot take it (no room for the controls beside).
    """
    candidates = [
        arrangement
        for arrangement in ARRANGEMENTS
        if languages_in_chooser is None or arrangement.languages_in_chooser == languages_in_chooser
    ]
    heights: dict[Arrangement, float] = {}
    for arrangement in candidates:
        height = answer_height(arrangement)
        if height is None:
            continue
        if height >= needed:
            return arrangement
        heights[arrangement] = height
    return max(heights, key=heights.__getitem__, default=candidates[0])
