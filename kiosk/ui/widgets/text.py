"""Wrapped plain text that never elides: the label every screen uses.

Text is drawn as plain text through ``QTextLayout``, so nothing is ever
interpreted as rich text and nothing is elided. Lines break between words;
a word too wide for its line breaks at a hyphenation point, with a hyphen;
only a word that still cannot fit breaks anywhere, so that it never widens
the screen.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QLocale, QPointF, QSize, Qt, QTextBoundaryFinder
from PySide6.QtGui import (
    QAccessible,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QSizePolicy,
    QWidget,
)

from kiosk.ui.languages import direction, text_direction
from kiosk.ui.widgets.accessible import set_role
from kiosk.ui.widgets.hyphenation import hyphenate, without_soft_hyphens

# Letters (an apostrophe between them), punctuation only at the ends: a word
# Qt can break nowhere but at a hyphenation point.
_UNBREAKABLE_WORD = re.compile(r"[^\w\s]*[^\W\d_]+(?:['\u2019][^\W\d_]+)*[^\w\s]*")


def _options(text_direction: Qt.LayoutDirection) -> tuple[QTextOption, QTextOption]:
    """(break between words, break anywhere), written ``text_direction`` and
    aligned to where its lines start."""
    options = []
    for wrap in (QTextOption.WrapMode.WordWrap, QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere):
        option = QTextOption()
        option.setWrapMode(wrap)
        option.setTextDirection(text_direction)
        # QTextLayout aligns as told, not by direction: right means right.
        rtl = text_direction == Qt.LayoutDirection.RightToLeft
        option.setAlignment(Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
        options.append(option)
    return options[0], options[1]


class WrappedTextLayout:
    """Plain text laid out for a width, ready to paint; sizes cached by width.

    A word wider than the line is hyphenated by the rules of ``language``
    (a BCP 47 tag; ``None``: never). One that still does not fit (no
    dictionary, no hyphenation point, a very narrow line) breaks anywhere:
    the last resort, which :meth:`breaks_words` reports.

    The text is written in its language's direction, its lines aligned where
    that direction starts them (right, for Arabic), whatever the words it
    holds: an Arabic line that starts with "TMS" is still right to left.
    Text of no known language (the kiosk's own words) goes the way its first
    letter does.
    """

    def __init__(
        self,
        text: str,
        font: QFont,
        line_spacing: float = 1.25,
        *,
        language: str | None = None,
        hyphenation: bool = True,
    ) -> None:
        self._text = text
        self._font = font
        # Hyphenated by the rules of ``language``, unless told not to be.
        self._hyphenation_language = language if hyphenation else None
        self._leading = QFontMetricsF(font).height() * (line_spacing - 1)
        self._language = language
        self.direction = direction(language) if language else text_direction(text)
        self._between_words, self._anywhere = _options(self.direction)
        self._layout = QTextLayout(text, font)
        self._laid_out_at = -1.0
        self._broken = False  # at _laid_out_at
        # Layouts ask for a few widths in turn: (height, breaks words) for each.
        self._sizes: dict[float, tuple[float, bool]] = {}
        self._word_widths: dict[str, float] | None = None
        self._natural_width: float | None = None
        self._single_line = QTextOption(self._between_words)
        self._single_line.setWrapMode(QTextOption.WrapMode.NoWrap)
        self._hyphenated: dict[frozenset[str], str] = {frozenset(): text}

    def height_for(self, width: float) -> float:
        return self._size(width)[0]

    def breaks_words(self, width: float) -> bool:
        """True when, at ``width``, some word breaks where no hyphen may go."""
        return self._size(width)[1]

    def words_fit(self, width: float) -> bool:
        """True when every word fits ``width`` whole: none needs a hyphen."""
        return not self._words_wider_than(max(1.0, width))

    def broken_words(self, width: float) -> list[str]:
        """The words that break where no hyphen may go, at ``width``."""
        self._lay_out_at(width)
        return words_broken_anywhere(self._layout) if self._broken else []

    def _size(self, width: float) -> tuple[float, bool]:
        width = max(1.0, width)
        size = self._sizes.get(width)
        if size is None:
            self._lay_out_at(width)
            size = self._sizes[width]
        return size

    def _lay_out_at(self, width: float) -> None:
        width = max(1.0, width)
        if width == self._laid_out_at:
            return
        # Between words, with hyphenation points in the words too wide for
        # the line; and in any other word a line still overflows with.
        tokens = self._words_wider_than(width)
        text = self._hyphenated_text(tokens)
        height, too_wide = self._run(text, self._between_words, width)
        if too_wide:
            more = tokens | {without_soft_hyphens(token) for token in too_wide}
            if self._hyphenated_text(more) != text:
                height, too_wide = self._run(
                    self._hyphenated_text(more), self._between_words, width
                )
        self._broken = bool(too_wide)
        if self._broken:  # the last resort
            height, _ = self._run(self._layout.text(), self._anywhere, width)
        self._laid_out_at = width
        if len(self._sizes) >= 16:
            self._sizes.clear()
        self._sizes[width] = (height, self._broken)

    def _words_wider_than(self, width: float) -> frozenset[str]:
        """The words, as whitespace separates them, that cannot fit ``width``
        whole: of those that Qt cannot break either (letters, with
        punctuation only at their ends), measured once."""
        if self._word_widths is None:
            self._word_widths = {
                word: self._advance(word)
                for word in set(self._text.split())
                if _UNBREAKABLE_WORD.fullmatch(word)
            }
        return frozenset(word for word, wide in self._word_widths.items() if wide > width)

    def _hyphenated_text(self, tokens: frozenset[str]) -> str:
        text = self._hyphenated.get(tokens)
        if text is None:
            text = self._hyphenated[tokens] = hyphenate(
                self._text, self._hyphenation_language, tokens
            )
        return text

    def _run(self, text: str, option: QTextOption, width: float) -> tuple[float, set[str]]:
        """Lays out ``text``: its height, and the words of the lines wider than ``width``."""
        if self._layout.text() != text:
            self._layout.setText(text)
        self._layout.setTextOption(option)
        too_wide: set[str] = set()
        self._layout.beginLayout()
        y = 0.0
        while True:
            line = self._layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height() + self._leading
            if line.naturalTextWidth() > width:
                # Qt counts in UTF-16 units: an emoji is two of them.
                start = index_at_utf16(text, line.textStart())
                end = index_at_utf16(text, line.textStart() + line.textLength())
                too_wide.update(text[start:end].split())
        self._layout.endLayout()
        return max(0.0, y - self._leading), too_wide

    def natural_width(self) -> float:
        """Width of the text on a single line (its widest possible extent)."""
        if self._natural_width is None:
            self._natural_width = self._advance(self._text)
        return self._natural_width

    def _advance(self, text: str) -> float:
        """The width of ``text`` on one line, as it is drawn. Not
        QFontMetricsF.horizontalAdvance: that leaves out the width Qt adds
        when it makes a bold of a font that has none (Noto Sans Arabic),
        and a word measured so would break on a button sized to it."""
        layout = QTextLayout(text, self._font)
        layout.setTextOption(self._single_line)
        layout.beginLayout()
        line = layout.createLine()
        layout.endLayout()
        return line.naturalTextWidth() if line.isValid() else 0.0

    def draw(self, painter: QPainter, top_left: QPointF, width: float) -> None:
        self._lay_out_at(width)
        self._layout.draw(painter, top_left)


def words_broken_anywhere(layout: QTextLayout, text: str | None = None) -> list[str]:
    """The words that ``layout`` breaks where the text allows no break (no
    space, no hyphen): each as written, without soft hyphens.

    ``text`` is the layout's text: a document block's layout does not hold
    it, its block does (``QTextBlock.text()``).
    """
    text = layout.text() if text is None else text
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    broken = []
    for index in range(1, layout.lineCount()):
        units = layout.lineAt(index).textStart()  # UTF-16 units, as the finder counts
        finder.setPosition(units)
        start = index_at_utf16(text, units)
        if 0 < start < len(text) and not finder.isAtBoundary():
            before = text[:start].split()
            after = text[start:].split()
            word = (before[-1] if before else "") + (after[0] if after else "")
            broken.append(without_soft_hyphens(word))
    return list(dict.fromkeys(broken))


def utf16_length(text: str) -> int:
    """How many UTF-16 units ``text`` is to Qt (a character beyond U+FFFF is two)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def index_at_utf16(text: str, units: int) -> int:
    """The index into ``text`` of the character that starts at UTF-16 unit ``units``."""
    if not text or max(text) <= "\uffff":  # one unit a character: most text, quickly
        return max(0, min(units, len(text)))
    count = 0
    for index, char in enumerate(text):
        if count >= units:
            return index
        count += 2 if ord(char) > 0xFFFF else 1
    return len(text)


class WrappedText(QWidget):
    """A plain-text label that wraps between words (hyphenating a word too
    wide for its line, in ``language``) and never elides."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, QAccessible.Role.StaticText)  # a label, not an empty "filler"
        self._colour = QColor("#000000")
        self._line_spacing = 1.25
        self._language: str | None = None
        sizing = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        sizing.setHeightForWidth(True)
        self.setSizePolicy(sizing)
        self.setText(text)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # Qt naming, as QLabel.setText
        self._text = text
        self.setAccessibleName(text)
        self._layout = WrappedTextLayout(
            text, self.font(), self._line_spacing, language=self._language
        )
        self.updateGeometry()
        self.update()

    def set_language(self, language: str | None) -> None:
        """The language of the text: a word too wide for its line is
        hyphenated by its rules, lines go its way, and a screen reader
        reads it in it. ``None``: not known (the kiosk's own words)."""
        self._language = language
        if language:
            self.setLocale(QLocale(language))
        else:
            self.unsetLocale()
        self.setText(self._text)

    def language(self) -> str | None:
        return self._language

    def text_direction(self) -> Qt.LayoutDirection:
        """The direction the text is written in (not the screen's)."""
        return self._layout.direction

    def set_style(self, font: QFont, colour: str, line_spacing: float = 1.25) -> None:
        self.setFont(font)
        self._colour = QColor(colour)
        self._line_spacing = line_spacing
        self.setText(self._text)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(self._layout.height_for(width) + 0.999)

    def sizeHint(self) -> QSize:
        width = int(min(self._layout.natural_width(), 1600)) + 1
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        # One line: the real height comes from height-for-width at the width
        # the layout gives. A taller minimum would push the window past the
        # screen for long text.
        metrics = QFontMetricsF(self.font())
        return QSize(round(metrics.averageCharWidth() * 4), math.ceil(metrics.height()))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self._colour)
        self._layout.draw(painter, QPointF(0, 0), self.width())

    def fits(self) -> bool:
        """True when all of the text is inside the widget's rectangle."""
        return self.heightForWidth(self.width()) <= self.height()

    def broken_words(self) -> list[str]:
        """The words broken where no hyphen may go, at the widget's width."""
        return self._layout.broken_words(self.width())
