"""How an answer is written into the text document the answer view shows:
its blocks, their line spacing and direction, the bullets and the source line."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLayout,
)

from kiosk.content import BulletList, Topic
from kiosk.ui.languages import direction
from kiosk.ui.screens.answer_layout import (
    HEADING_GAP_EM,
    PARAGRAPH_GAP_EM,
    arabic_script,
    line_height_em,
)
from kiosk.ui.style import theme
from kiosk.ui.widgets.hyphenation import SOFT_HYPHEN

# A bullet is a character of the text (not a list marker Qt draws beside it),
# so a screen reader reading the line says "bullet"; the no-break space keeps
# it with the first word.


BULLET = "\u2022\u00a0"
BULLET_INDENT_EM = 1.2  # where a bullet's text starts
# Ordinary English prose, to size the column in real characters (a font's
# "average character width" is that of all its glyphs, capitals and digits
# included, and would make lines a quarter longer than asked).
SAMPLE_PROSE = (
    "The brain has two halves. After a stroke, one half may hold back the other. "
    "Ask our staff if you have questions about your own care and treatment."
)


def line_height(text: str, font: QFont) -> float:
    """The height of a line of ``text`` (its first 80 characters) in ``font``,
    as Qt sets it: taller than the font's own where a fallback font draws
    some of it."""
    layout = QTextLayout(text[:80], font)
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    return line.height() if line.isValid() else 0.0


def block_format(
    font_px: int,
    bottom: float,
    *,
    heading: bool = False,
    language: str | None = None,
) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    line_height = font_px * line_height_em(language, heading=heading)
    if arabic_script(language):
        fmt.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    else:
        # Lines at least this far apart (taller if a fallback font for an
        # emoji needs it), as WCAG and CSS measure line height.
        fmt.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.MinimumHeight.value)
    fmt.setBottomMargin(bottom)
    # The paragraph goes the way its language is written, whatever letter it
    # starts with (Qt would guess from the first: an Arabic paragraph that
    # starts with "TMS" would come out left to right), and starts where that
    # direction starts lines: at the right, for Arabic.
    fmt.setLayoutDirection(direction(language))
    fmt.setAlignment(Qt.AlignmentFlag.AlignLeading)
    return fmt


def char_format(font: QFont, colour: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFont(font)
    fmt.setForeground(QColor(colour))
    return fmt


def bullet_format(
    font_px: int, bottom: float, language: str, bullet_width: float
) -> QTextBlockFormat:
    """A bullet's paragraph, indented: the mark hangs before the text, which
    wraps under itself. Right to left, the mark starts the line at the right
    and the text wraps under the mark: Qt counts a hanging mark there as
    width beyond the line, and the answer would scroll sideways."""
    fmt = block_format(font_px, bottom, language=language)
    indent = font_px * BULLET_INDENT_EM
    if direction(language) == Qt.LayoutDirection.RightToLeft:
        fmt.setRightMargin(indent - bullet_width)
    else:
        fmt.setLeftMargin(indent)
        fmt.setTextIndent(-bullet_width)
    return fmt


def write_answer(
    document: QTextDocument,
    topic: Topic,
    palette: theme.Palette,
    metrics: theme.Metrics,
    *,
    source_line: str = "Source: %1",
    footer: tuple[str, str | None] | None = None,
    note: tuple[str, str] | None = None,
    hyphenate_words: Callable[[str, str | None], str] = lambda text, _language: text,
) -> tuple[int, int, list[int], tuple[int, int]]:
    """Writes the question, ``note``, answer, source (as ``source_line``
    words it, %1 the source) and ``footer`` into the empty ``document``, each
    text through ``hyphenate_words`` in its language (the topic's; the note's
    and the footer's their own).

    Returns the column width for ``metrics.measure_chars`` characters, the
    position where the answer ends (what Listen reads stops there), the
    positions of the bullet marks and where the note starts and ends.
    """
    body_font = theme.font(metrics.body_px)
    document.setDefaultFont(body_font)
    font_metrics = QFontMetricsF(body_font)
    per_char = font_metrics.horizontalAdvance(SAMPLE_PROSE) / len(SAMPLE_PROSE)
    measure = round(per_char * metrics.measure_chars)
    language = topic.language

    heading = char_format(theme.font(metrics.heading_px, bold=True), palette.text)
    body = char_format(body_font, palette.text)
    small = char_format(theme.font(metrics.small_px), palette.muted_text)

    body_px = metrics.body_px
    paragraph_gap = body_px * PARAGRAPH_GAP_EM
    cursor = QTextCursor(document)
    cursor.setBlockFormat(
        block_format(metrics.heading_px, body_px * HEADING_GAP_EM, heading=True, language=language)
    )
    cursor.insertText(hyphenate_words(topic.question, language), heading)
    silent = (0, 0)
    if note is not None:
        text, note_language = note
        fmt = block_format(metrics.small_px, body_px * HEADING_GAP_EM, language=note_language)
        cursor.insertBlock(fmt, small)
        start = cursor.position()
        cursor.insertText(hyphenate_words(text, note_language), small)
        silent = (start, cursor.position())
    bullets: list[int] = []
    bullet_width = font_metrics.horizontalAdvance(BULLET)
    for block in topic.answer:
        if isinstance(block, BulletList):
            for index, item in enumerate(block.items):
                last = index == len(block.items) - 1
                gap = paragraph_gap if last else body_px * 0.4
                fmt = bullet_format(body_px, gap, language, bullet_width)
                cursor.insertBlock(fmt, body)
                bullets.append(cursor.position())
                cursor.insertText(BULLET + hyphenate_words(item, language), body)
        else:
            cursor.insertBlock(block_format(body_px, paragraph_gap, language=language), body)
            cursor.insertText(hyphenate_words(block.text, language), body)
    spoken_end = cursor.position()
    if topic.source:
        gap = paragraph_gap if footer else 0
        cursor.insertBlock(block_format(metrics.small_px, gap, language=language), small)
        cursor.insertText(hyphenate_words(source_line.replace("%1", topic.source), language), small)
    if footer:
        text, footer_language = footer
        footer_format = QTextCharFormat(small)
        footer_format.setFont(theme.font(metrics.footer_px))
        cursor.insertBlock(
            block_format(metrics.footer_px, 0, language=footer_language), footer_format
        )
        cursor.insertText(hyphenate_words(text, footer_language), footer_format)
    return measure, spoken_end, bullets, silent


def index_with_soft_hyphens(written: str, index: int) -> int:
    """The index into ``written`` of the character at ``index`` once its soft hyphens are gone."""
    seen = 0
    for position, char in enumerate(written):
        if seen == index:
            return position
        seen += char != SOFT_HYPHEN
    return len(written)
