"""Problems found in a content pack: data first, rendered for whoever must act."""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem, located as precisely as the input allows.

    ``line`` and ``column`` are 1-based; both are ``None`` for problems that
    concern a whole file or folder (a missing file, a duplicate topic id).
    """

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where = f"{where}:{self.line}:{self.column or 1}"
        return _one_line(f"{where}: {self.severity.value}: {self.message}")


# Line breaks and control characters that a message repeats from a file (a
# value, a key, a file name) are shown escaped, as \n or \x1b: one problem
# stays one line, and nothing in a pack can move a terminal's cursor.
# Bidi overrides and isolates too: a key or file name holding one would
# reorder the rest of the message on the admin's screen.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _one_line(text: str) -> str:
    return _UNPRINTABLE.sub(
        lambda m: m.group().encode("unicode_escape", "backslashreplace").decode(), text
    )


class ContentError(Exception):
    """A content pack that cannot be shown, with every problem found in it."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(self.render())

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    def render(self) -> str:
        """One line per problem, in the order an admin would fix them."""
        return "\n".join(str(p) for p in self.problems)


_CUTOFF = 0.6
_NEVER_CLOSE = 2 / _CUTOFF - 1


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The valid choice ``word`` was most likely meant to be, if any is close."""
    options = sorted(choices)
    # A ratio is at most 2*len(choice)/(len(word)+len(choice)): a word this
    # much longer than every choice cannot reach the cutoff, and difflib
    # would spend time linear in its length (a pasted paragraph) to say so.
    if options and len(word) > _NEVER_CLOSE * max(map(len, options)):
        return None
    close = difflib.get_close_matches(word, options, n=1, cutoff=_CUTOFF)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest valid choice, or listing them all."""
    options = sorted(choices)
    match = closest(word, options)
    if match is not None:
        return f"did you mean '{match}'?"
    return "allowed keys are: " + ", ".join(options)
