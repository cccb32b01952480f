"""Bidirectional controls that make a text read differently from what its file shows.

An override (U+202A to U+202E) reorders the letters after it until its end,
and an isolate (U+2066 to U+2068) left open or a stray closing U+2069 does
the same beyond its value: an answer could show "do not take" where the file
reads "take", or the reverse ("Trojan Source", CVE-2021-42574). They are
refused in every text value; the marks a right-to-left text may need
(U+200E, U+200F, U+061C) change no order and stay allowed, and an isolate
opened and closed within one value is harmless.
"""

from __future__ import annotations

import re
import unicodedata

OVERRIDES = "\u202a\u202b\u202c\u202d\u202e"
ISOLATES = "\u2066\u2067\u2068"  # opened by these, closed by POP DIRECTIONAL ISOLATE
POP_ISOLATE = "\u2069"
BIDI_CONTROLS = OVERRIDES + ISOLATES + POP_ISOLATE
BIDI_PATTERN = re.compile(f"[{BIDI_CONTROLS}]")

# At most this many controls of one value get a line of their own; the
# next line says how many more there are.
MAX_SHOWN = 5

_WHY = (
    "it makes the text read differently from what the file shows; delete it "
    "(where a direction mark is needed, use U+200F RIGHT-TO-LEFT MARK)"
)


def has_bidi_control(text: str) -> bool:
    return BIDI_PATTERN.search(text) is not None


def name(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE'."""
    return f"U+{ord(char):04X} {unicodedata.name(char)}"


def refused(value: str) -> list[tuple[int, str]]:
    """Each refused control in ``value``: its index there and why, in order."""
    found: list[tuple[int, str]] = []
    open_isolates: list[int] = []
    for match in BIDI_PATTERN.finditer(value):
        char, index = match.group(), match.start()
        if char in OVERRIDES:
            found.append((index, f"{name(char)} is not allowed: {_WHY}"))
        elif char in ISOLATES:
            open_isolates.append(index)
        elif open_isolates:
            open_isolates.pop()
        else:
            found.append((index, f"{name(char)} closes no isolate in this value: {_WHY}"))
    for index in open_isolates:
        char = value[index]
        found.append(
            (index, f"{name(char)} is not closed by U+2069 in this value: {_WHY}"),
        )
    return sorted(found)


# In a double-quoted scalar: an escape ("\u202E", "\\", "\n") or a control
# typed as it is. Every backslash starts an escape, so one matched here is one.
_DOUBLE_QUOTED_PIECE = re.compile(
    rf"\\(?:x[0-9A-Fa-f]{{2}}|u[0-9A-Fa-f]{{4}}|U[0-9A-Fa-f]{{8}}|.)|[{BIDI_CONTROLS}]", re.DOTALL
)


def source_indexes(source: str, double_quoted: bool) -> list[int]:
    """Where each bidi control of a scalar's value is written in its ``source``.

    The controls come in the same order in the value and in the source: typed
    as they are, or, in double quotes, perhaps written as an escape (the
    index is then the escape's backslash).
    """
    if not double_quoted:
        return [m.start() for m in BIDI_PATTERN.finditer(source)]
    indexes = []
    for piece in _DOUBLE_QUOTED_PIECE.finditer(source):
        text = piece.group()
        if text.startswith("\\") and text[1:2] in ("u", "U", "x") and len(text) > 2:
            text = chr(int(text[2:], 16)) if int(text[2:], 16) <= 0x10FFFF else ""
        if len(text) == 1 and text in BIDI_CONTROLS:
            indexes.append(piece.start())
    return indexes
