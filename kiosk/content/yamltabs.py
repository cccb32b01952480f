"""Tabs in content files: the ones YAML allows become spaces, the others are located errors.

Editors put tabs where nobody sees them: on an empty line, after a colon,
before a comment. YAML allows a tab almost anywhere except in indentation,
but its two parsers disagree on where (libyaml accepts ``key:<tab>value``,
PyYAML's pure-Python parser refuses it; both refuse an empty line that holds
only a tab, which YAML allows), and their messages say only that some
character "cannot start any token". So before parsing, every tab is sorted
out here, the same way whichever parser is in use:

* inside quotes, and in the text of a ``|`` or ``>`` block beyond its
  indentation, a tab is text and stays;
* in the indentation of a line (before a key, a ``-`` or a line of a block's
  text), YAML refuses it: the first such tab is an error that says so;
* on an empty line inside a block's text, YAML refuses it too, and it is
  invisible: the error says what the line holds;
* anywhere else (an empty line between keys, around a colon, between words,
  at the end of a line, and at the start of a line inside ``[...]`` or
  ``{...}``, where lines need no indentation) it separates, and becomes a
  space, as YAML reads it.

To know where quotes and blocks are, the text is parsed once with every tab
as a space: that changes no position and no quote or block boundary.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

# What YAML counts as a line break (old Macs' lone CR included).
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_BREAKS = "\r\n\x85\u2028\u2029"
_LINE_START = f"(?<![^{_BREAKS}])"  # at the start of the text or of a line

INDENT_TAB = (
    "a tab in the indentation of this line; YAML indents with spaces only: "
    "replace the tab with spaces"
)
BLANK_LINE_TAB = (
    "this empty-looking line holds a tab, which YAML does not allow inside a block of "
    "text ('|' or '>'); delete the tab and leave the line empty"
)

# Leading whitespace holding a tab, on a line with something on it other
# than a comment: a tab used as indentation.
_INDENTING_TAB = re.compile(f"{_LINE_START}[ ]*(\t)[ \t]*(?=[^ \t#{_BREAKS}])")
_BLOCK_HEADER_DIGIT = re.compile(r"[|>][+-]?([1-9])")
_TEXT = re.compile(f"[^ \t{_BREAKS}]")
_LEADING_TAB = re.compile(f"{_LINE_START}[ ]*(\t)")


@dataclass(frozen=True, slots=True)
class ScalarSpan:
    """Where a scalar is in the text: ``text[start:end]``, and how it was written."""

    start: int
    end: int
    style: str  # "" plain, "'" or '"' quoted, "|" or ">" a block


@dataclass(frozen=True, slots=True)
class TabError:
    """A tab YAML does not allow: its 0-based index in the text, and what to do."""

    index: int
    message: str


@functools.lru_cache(maxsize=64)
def _tab_within(columns: int) -> re.Pattern[str]:
    """A tab among the first ``columns`` characters of a line, after spaces only."""
    return re.compile(f"{_LINE_START}[ ]{{0,{max(columns - 1, 0)}}}(\t)")


class _Flows:
    """The ``[...]`` and ``{...}`` of the text: inside them a line needs no
    indentation, so a tab at its start only separates."""

    def __init__(self, ranges: Sequence[tuple[int, int]]) -> None:
        self._ranges = sorted(ranges)
        self._starts = [start for start, _ in self._ranges]

    def holds(self, index: int) -> bool:
        at = bisect.bisect_right(self._starts, index) - 1
        return at >= 0 and index < self._ranges[at][1]


def untab(
    text: str,
    spans: Sequence[ScalarSpan],
    known_until: int,
    flows: Sequence[tuple[int, int]] = (),
) -> str | TabError:
    """``text`` with the tabs that separate turned into spaces, or the first tab YAML refuses.

    ``spans`` are the scalars of the text (parsed with tabs as spaces), in
    order; ``flows`` the (start, end) of its outermost flow collections.
    Where that parse stopped (``known_until``) the scalars are not known,
    and tabs there stay as they are: the text is invalid before them anyway.
    """
    lines = _Lines(text)
    in_flow = _Flows(flows)
    keep: list[tuple[int, int]] = []  # ranges whose tabs are text
    region_start = 0
    for span in spans:
        if span.start >= known_until:
            break
        error = _indenting_tab(text, region_start, span.start, in_flow)
        if error is not None:
            return error
        if span.style in ("'", '"'):
            keep.append((span.start, span.end))
        elif span.style in ("|", ">"):
            kept = _block_text(text, lines, span)
            if isinstance(kept, TabError):
                return kept
            keep.extend(kept)
        elif not in_flow.holds(span.start):
            error = _plain_continuation_tab(text, lines, span)
            if error is not None:
                return error
        region_start = span.end
    error = _indenting_tab(text, region_start, known_until, in_flow)
    if error is not None:
        return error
    return _replace(text, keep, known_until)


def _indenting_tab(text: str, start: int, end: int, in_flow: _Flows) -> TabError | None:
    """The first tab used as indentation between scalars (keys, dashes, colons),
    outside ``[...]`` and ``{...}``."""
    if text.find("\t", start, end) < 0:
        return None
    # One more character: the first of the scalar that the tab would indent.
    for found in _INDENTING_TAB.finditer(text, start, end + 1):
        if found.start(1) >= end:
            break
        if not in_flow.holds(found.start(1)):
            return TabError(found.start(1), INDENT_TAB)
    return None


def _plain_continuation_tab(text: str, lines: _Lines, span: ScalarSpan) -> TabError | None:
    """A tab in the indentation of a plain scalar's later lines.

    A later line must be indented with spaces further than the scalar's
    parent: than the key on the scalar's first line (``key: value``), or
    else, roughly, as far as the scalar's first line. Tabs may follow.
    """
    if text.find("\t", span.start, span.end) < 0:
        return None
    spaces = lines.indent(span.start)
    after_a_key = lines.start(span.start) + spaces < span.start
    found = _tab_within(spaces + 1 if after_a_key else spaces).search(
        text, lines.next(span.start), span.end
    )
    return TabError(found.start(1), INDENT_TAB) if found else None


def _block_text(text: str, lines: _Lines, span: ScalarSpan) -> list[tuple[int, int]] | TabError:
    """The ranges of a ``|`` or ``>`` block whose tabs are text, or a tab YAML refuses.

    The block's indentation is the spaces before its first line with text
    (or the header's indentation digit), and at least one more than the line
    of its key. A tab within it is an error, unless it is on an empty line
    after the block's last text: YAML ends the block before such a line and
    reads it as an empty line, so it becomes a space like any other.
    """
    body_start = lines.next(span.start)
    first_text = _TEXT.search(text, body_start, span.end)
    if first_text is None or text.find("\t", body_start, span.end) < 0:
        return []  # no tab, or only empty lines: their tabs become spaces
    digit = _BLOCK_HEADER_DIGIT.match(text, span.start, lines.end(span.start))
    if digit:
        indent = lines.indent(span.start) + int(digit.group(1))
    else:
        indent = lines.indent(first_text.start())
    indent = max(indent, lines.indent(span.start) + 1)
    if not digit:
        # Until a block's first line of text has set its indentation, libyaml
        # takes any tab at the start of a line for indentation (the YAML spec
        # would count only the spaces), so no tab may start those lines.
        first_line_end = lines.end(first_text.start())
        found = _LEADING_TAB.search(text, body_start, first_line_end)
        if found is not None:
            return _block_tab_error(lines, found.start(1))
    last_text = body_start + len(text[body_start : span.end].rstrip(f" \t{_BREAKS}")) - 1
    text_end = lines.end(last_text)
    found = _tab_within(indent).search(text, body_start, text_end)
    if found is not None:
        return _block_tab_error(lines, found.start(1))
    return [(body_start, text_end), *_text_tabs_after(text, indent, text_end, span.end)]


def _block_tab_error(lines: _Lines, index: int) -> TabError:
    empty = not lines.text(index).strip(" \t")
    return TabError(index, BLANK_LINE_TAB if empty else INDENT_TAB)


def _text_tabs_after(text: str, indent: int, start: int, end: int) -> list[tuple[int, int]]:
    """Ranges after a block's last text whose tabs are text: those past its indentation."""
    kept: list[tuple[int, int]] = []
    for found in _tab_within(indent).finditer(text, start, end):
        kept.append((start, found.start(1)))
        start = found.end(1)
    kept.append((start, end))
    return kept


def _replace(text: str, keep: list[tuple[int, int]], known_until: int) -> str:
    """Tabs become spaces up to ``known_until``, except within the ``keep`` ranges."""
    pieces: list[str] = []
    position = 0
    kept = [(start, min(end, known_until)) for start, end in keep if start < known_until]
    for start, end in [*kept, (known_until, len(text))]:
        pieces += [text[position:start].replace("\t", " "), text[start:end]]
        position = end
    return "".join(pieces)


class _Lines:
    """The lines of a text around a given index, as YAML counts lines.

    Found from the index each time (a few string searches): a hostile file
    has a million lines, and only a handful are ever looked at.
    """

    def __init__(self, text: str) -> None:
        self._text = text

    def start(self, index: int) -> int:
        """Where the line holding ``text[index]`` starts."""
        return max(self._text.rfind(c, 0, index) for c in _BREAKS) + 1

    def end(self, index: int) -> int:
        """Where the line holding ``text[index]`` ends, before its line break."""
        found = LINE_BREAK.search(self._text, index)
        return found.start() if found else len(self._text)

    def next(self, index: int) -> int:
        """Where the line after the one holding ``text[index]`` starts (or the text ends)."""
        found = LINE_BREAK.search(self._text, index)
        return found.end() if found else len(self._text)

    def text(self, index: int) -> str:
        """The line holding ``text[index]``."""
        return self._text[self.start(index) : self.end(index)]

    def indent(self, index: int) -> int:
        """Spaces (only spaces) at the start of the line holding ``text[index]``."""
        line = self.text(index)
        return len(line) - len(line.lstrip(" "))
