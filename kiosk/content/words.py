"""The ``words`` of a ``kiosk.<lang>.yaml``: the kiosk's own wording in a language.

Each line maps the kiosk's English wording (``Home``, ``Keep reading``) to
that language's: one line of text, at most :data:`MAX_WORD_LENGTH`
characters, checked as any other one-line value is.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from kiosk.content.problems import Problem, Severity, closest
from kiosk.content.schema import Key, Kind, MappingChecker
from kiosk.content.yamlreader import Mapping, Scalar

# A button or a short notice: the screens leave room for about this much.
MAX_WORD_LENGTH = 120


def read_words(path: str, node: Mapping, problems: list[Problem]) -> dict[str, str]:
    """The valid translations in ``node``, by English wording; problems go to ``problems``."""
    words: dict[str, str] = {}
    for english, value in node.items:
        if not english.text.strip():
            problems.append(
                Problem(
                    path,
                    "a word to translate is empty; write the kiosk's English wording "
                    "before the colon",
                    english.line,
                    english.column,
                )
            )
            continue
        # Checked as a one-line value named by its English wording, so the
        # messages read "'Home' is empty", "'Home' must be one line".
        key = Key(english.text, Kind.LINE, required=True, max_length=MAX_WORD_LENGTH)
        checker = MappingChecker(path, (key,), problems)
        translated = checker.check(Mapping(((english, value),), node.line, node.column))
        if english.text in translated:
            words[english.text] = str(translated[english.text])
    return words


def check_known_words(
    path: str, keys: Iterable[Scalar], known_words: Collection[str], problems: list[Problem]
) -> None:
    """A warning for each key of ``words`` that is not one of the kiosk's words.

    Not an error: the word is simply never shown, and a pack written for an
    older kiosk, whose wording has since changed, must still load.
    """
    for english in keys:
        if english.text in known_words or not english.text.strip():
            continue
        match = closest(english.text, known_words)
        hint = (
            f"did you mean '{match}'?"
            if match is not None
            else "write the wording exactly as the kiosk shows it in English"
        )
        problems.append(
            Problem(
                path,
                f"'{english.text}' is not one of the kiosk's words; {hint}",
                english.line,
                english.column,
                severity=Severity.WARNING,
            )
        )
