"""Where a word may break, with a hyphen, in the pack's language (pyphen's dictionaries).

A word is hyphenated only when it cannot fit its line whole: splitting words
that would fit costs readers with aphasia or dyslexia more than a ragged
edge does. The breaks are soft hyphens (U+00AD) in the text a layout draws:
Qt draws a hyphen where a line ends at one and nothing elsewhere. They never
leave the layout: what is named, spoken or shown to staff is the text as
written (:func:`without_soft_hyphens`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyphen

SOFT_HYPHEN = "\u00ad"

# Letters before and after a break, at least: no fragment of one or two
# letters for a reader to puzzle over.
LETTERS_BEFORE, LETTERS_AFTER = 3, 3

# Languages whose tag names the family, where pyphen's dictionary is named
# after its written standard.
_ALIASES = {"no": "nb"}

_WORD = re.compile(r"[^\W\d_]+")  # a run of letters
# A web address, a file path or an e-mail address: hyphens added inside
# would read as part of it.
_ADDRESS = re.compile(r"[/@\\]|\w\.\w")


@functools.cache
def dictionary_name(language: str | None) -> str | None:
    """pyphen's dictionary for a BCP 47 ``language`` tag, or None if it has none.

    The tag, then ever shorter (``sr-Latn-RS``, ``sr-Latn``, ``sr``), as
    Unicode's locale inheritance has it: ``pt-BR`` gets Brazilian rules,
    ``es-419`` Spanish ones, ``ja`` none.
    """
    if not language:
        return None
    import pyphen  # noqa: PLC0415  (read only when a word is too wide: it lists its files)

    primary, _, rest = language.partition("-")
    primary = _ALIASES.get(primary.lower(), primary)
    name: str | None = pyphen.language_fallback(f"{primary}-{rest}" if rest else primary)
    return name


@functools.cache
def _dictionary(name: str) -> pyphen.Pyphen:
    import pyphen  # noqa: PLC0415  (as above)

    # Reading a dictionary takes tens of milliseconds: done once, and only
    # for a pack with a word too wide for its line.
    return pyphen.Pyphen(lang=name, left=LETTERS_BEFORE, right=LETTERS_AFTER)


@functools.lru_cache(maxsize=4096)
def _hyphenated_word(name: str, word: str) -> str:
    return str(_dictionary(name).inserted(word, hyphen=SOFT_HYPHEN))


def hyphenate(text: str, language: str | None, tokens: Container[str]) -> str:
    """``text`` with a soft hyphen at every point where ``tokens`` may break.

    ``tokens`` are words as whitespace separates them (``"imbalance?"``);
    only they change, so a layout can hyphenate just the words too wide for
    their line. Addresses (``www.example.org/a``, ``a@b.org``, paths) stay
    whole: they already break after their slashes and hyphens. Without a
    dictionary for ``language`` the text comes back as it is.
    """
    if not tokens:
        return text
    name = dictionary_name(language)
    if name is None:
        return text

    def token(match: re.Match[str]) -> str:
        found = match.group()
        return _hyphenate_token(name, found) if found in tokens else found

    return re.sub(r"\S+", token, text)


def _hyphenate_token(name: str, token: str) -> str:
    if _ADDRESS.search(token):
        return token
    return _WORD.sub(lambda word: _hyphenated_word(name, word.group()), token)


def without_soft_hyphens(text: str) -> str:
    return text.replace(SOFT_HYPHEN, "")
