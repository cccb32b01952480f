"""Problems found in a content pack: data first, rendered for whoever must act."""

from __future__ import annotations

import difflib
import enum
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
        return f"{where}: {self.severity.value}: {self.message}"


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


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The valid choice ``word`` was most likely meant to be, if any is close."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest valid choice, or listing them all."""
    options = sorted(choices)
    match = closest(word, options)
    if match is not None:
        return f"did you mean '{match}'?"
    return "allowed keys are: " + ", ".join(options)
