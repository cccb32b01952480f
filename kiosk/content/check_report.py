"""The lines `kiosk check` prints about a pack that loaded: its languages, reading
scores and reviews."""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.content.languages import coverage
from kiosk.content.model import Pack
from kiosk.content.readability import PackReadability
from kiosk.content.review import TopicReview, review_summary
from kiosk.plural import plural

NOT_COMPUTED = "the formulas are for English and Spanish only"


def coverage_lines(pack: Pack) -> list[str]:
    """One line per language but the main one: ``ar: 8 of 10 topics; missing: a, b``."""
    return [str(line) for line in coverage(pack)]


def readability_lines(measured: Sequence[PackReadability]) -> list[str]:
    """The `kiosk check --readability` tables, one per language, in display order.

    A pack in one language gets its table alone; in several, each table
    starts with a line naming its language and scale.
    """
    if len(measured) == 1:
        [only] = measured
        if only.topics is None:
            return [
                f"Reading grades are not computed: {NOT_COMPUTED}, "
                f"and this pack's language is '{only.language}'."
            ]
        return _table(only)
    lines: list[str] = []
    for language in measured:
        if language.scale is None or language.topics is None:
            lines.append(f"{language.language}: reading scores are not computed: {NOT_COMPUTED}.")
            continue
        lines.append(f"{language.language}, {language.scale.title}:")
        lines += _table(language)
    return lines


def _table(measured: PackReadability) -> list[str]:
    assert measured.scale is not None and measured.topics is not None
    scale = measured.scale
    if not measured.topics:
        return [f"No answer is written in {measured.language} yet."]
    rows = [("topic", "words", scale.name)]
    rows += [(t.topic_id, str(t.words), f"{t.score:.1f}") for t in measured.topics]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    lines = [
        f"{topic:<{widths[0]}}  {words:>{widths[1]}}  {score:>{widths[2]}}"
        for topic, words, score in rows
    ]
    count = f"{len(measured.off_target)} of {plural(len(measured.topics), 'answer')}"
    if scale.higher_is_easier:
        hardest = min(measured.topics, key=lambda t: t.score)  # the first of equals
        lines.append(
            f"{count} below the target of {scale.target:g} on the {scale.name} scale; "
            f"the lowest is {hardest.score:.1f} ({hardest.topic_id})."
        )
    else:
        hardest = max(measured.topics, key=lambda t: t.score)
        lines.append(
            f"{count} above the target grade of {scale.target:g}; the highest is "
            f"{hardest.score:.1f} ({hardest.topic_id})."
        )
    return lines


# The review table's width: a terminal's. A topic id too long for its column
# goes on a line of its own, its dates on the next, under their headings.
REVIEW_TABLE_WIDTH = 80


def review_lines(reviews: Sequence[TopicReview]) -> list[str]:
    """`kiosk check --review`: topic, reviewed, due and state, in tile order, and a summary."""
    if not reviews:
        return []
    rows = [
        (
            r.topic_id,
            r.reviewed.isoformat() if r.reviewed else "-",
            r.due.isoformat() if r.due else "-",
            r.described,
        )
        for r in reviews
    ]
    header = ("topic", "reviewed", "due", "status")
    # Dates are 10 characters wide, so the columns stay put when a topic has none.
    widths = [max(10, *(len(row[column]) for row in [header, *rows])) for column in range(1, 4)]
    rest = sum(widths) + 2 * 3  # the three columns after the id, and their gaps
    longest = max(len(row[0]) for row in [header, *rows])
    id_width = min(longest, max(len(header[0]), REVIEW_TABLE_WIDTH - rest))

    def line(topic: str, reviewed: str, due: str, state: str) -> str:
        return f"{topic:<{id_width}}  {reviewed:<{widths[0]}}  {due:<{widths[1]}}  {state}".rstrip()

    lines = [line(*header)]
    for topic, *values in rows:
        if len(topic) > id_width:
            lines += [topic, line("", *values)]
        else:
            lines.append(line(topic, *values))
    summary = review_summary(reviews)
    lines.append(f"{summary[0].upper()}{summary[1:]}.")
    return lines
