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

import functools
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QLocale

from kiosk.ui.style import theme

# Line height, in font sizes: WCAG 1.4.8 and 1.4.12's 1.5 (CSS's
# line-height: 1.5). The question, a heading, is set closer.
LINE_HEIGHT = 1.5
HEADING_LINE_HEIGHT = 1.25
# Arabic script, set at a fixed distance: Noto Sans Arabic's own lines are
# about 2.1 font sizes apart, room for stacks of marks that plain patient
# text does not have; at that distance a small panel shows too little.
# (WCAG's 1.5 is a floor; Arabic needs more than Latin for its marks.)
ARABIC_LINE_HEIGHT = 1.8
ARABIC_HEADING_LINE_HEIGHT = 1.5


@functools.cache
def arabic_script(language: str | None) -> bool:
    """Whether ``language`` is written in Arabic script (ar, fa, ur, ...)."""
    return language is not None and QLocale(language).script() == QLocale.Script.ArabicScript


def line_height_em(language: str | None, *, heading: bool = False) -> float:
    """How far apart, in font sizes, the answer sets lines of ``language``."""
    if arabic_script(language):
        return ARABIC_HEADING_LINE_HEIGHT if heading else ARABIC_LINE_HEIGHT
    return HEADING_LINE_HEIGHT if heading else LINE_HEIGHT


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


def first_view_height(
    metrics: theme.Metrics, *, heading_line_px: float = 0, body_line_px: float = 0
) -> float:
    """The answer's height that shows a two-line question and five lines below it.

    ``heading_line_px`` and ``body_line_px``: the lines as the text's script
    sets them, where they are taller than the rule's (Noto Sans Arabic's
    lines are about twice the font size, for the marks above and below).
    """
    heading_line = max(HEADING_LINE_HEIGHT * metrics.heading_px, heading_line_px)
    body_line = max(LINE_HEIGHT * metrics.body_px, body_line_px)
    heading = FIRST_VIEW_HEADING_LINES * heading_line
    return heading + HEADING_GAP_EM * metrics.body_px + FIRST_VIEW_LINES * body_line


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
