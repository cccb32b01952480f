"""The ``words`` of a ``kiosk.<lang>.yaml``: the kiosk's own wording in a language.

Each line maps the kiosk's English wording (``Home``, ``Keep reading``) to
that language's: one line of text, at most :data:`MAX_WORD_LENGTH`
characters, checked as any other one-line value is. A placeholder of the
English wording (``%1``, ``%n``) must be kept: the kiosk puts a text or a
number there, which a translation without it would never show.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from kiosk.content.problems import Problem, Severity, closest
from kiosk.content.schema import line_named_by_key
from kiosk.content.yamlreader import Mapping, Node, Scalar

# A button or a short notice: the screens leave room for about this much.
MAX_WORD_LENGTH = 120
# Where the kiosk puts a text (%1, %2, ...) or a number (%n) into a word, as
# Qt writes them.
PLACEHOLDER = re.compile(r"%(?:n|[1-9][0-9]?)")
# What goes in each placeholder of the kiosk's words, for the admin who must
# keep it; a word not listed here is explained in general terms.
STANDS_FOR = {
    ("Answer: %1", "%1"): "the question",
    ("Source: %1", "%1"): "the source",
    ("This answer is only in %1.", "%1"): "the language's name",
    ("If not, this screen goes back to the start in %n seconds.", "%n"): "the number of seconds",
    ("%n questions", "%n"): "the number of questions in a section",
}


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
        word = line_named_by_key(path, english, value, MAX_WORD_LENGTH, problems)
        if word is not None and _keeps_placeholders(path, english.text, word, value, problems):
            words[english.text] = word
    return words


def _keeps_placeholders(
    path: str, english: str, word: str, value: Node, problems: list[Problem]
) -> bool:
    """Whether ``word`` keeps every placeholder of ``english``; an error for each lost."""
    kept = set(PLACEHOLDER.findall(word))
    lost = [p for p in dict.fromkeys(PLACEHOLDER.findall(english)) if p not in kept]
    for placeholder in lost:
        problems.append(
            Problem(
                path,
                f"'{english}' must keep {placeholder} ({where_it_goes(english, placeholder)}) "
                "in its translation",
                value.line,
                value.column,
            )
        )
    return not lost


def where_it_goes(english: str, placeholder: str) -> str:
    """'where the source goes': what the kiosk puts in ``placeholder`` of ``english``."""
    what = STANDS_FOR.get((english, placeholder))
    if what is not None:
        return f"where {what} goes"
    if placeholder == "%n":
        return "where the kiosk puts the number"
    return "where the kiosk puts the text"


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
