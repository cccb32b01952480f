"""Languages as patients see them: each by its own name, and which way it is written."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence

from babel import Locale, UnknownLocaleError
from PySide6.QtCore import QLocale, Qt

from kiosk.content import Pack, Topic
from kiosk.content.languages import base_language


@functools.cache
def _babel(tag: str) -> Locale | None:
    try:
        return Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        return None


def _capitalised(name: str) -> str:
    # A script without case (Arabic, Hebrew, Chinese) is left as it is.
    return name[:1].upper() + name[1:]


@functools.cache
def native_name(tag: str, *, with_region: bool = False) -> str:
    """The language of ``tag`` in its own words and script ("English",
    "Español", "العربية"); ``with_region`` adds the region ("English (United
    Kingdom)"). The tag itself for a language nobody has named."""
    locale = _babel(tag)
    if locale is None:
        return tag
    name = locale.display_name if with_region else locale.get_language_name()
    return _capitalised(name or tag)


def native_names(tags: Sequence[str]) -> dict[str, str]:
    """Each of ``tags`` by its own name; with its region only where two share a language."""
    primaries = [base_language(tag) for tag in tags]
    return {
        tag: native_name(tag, with_region=primaries.count(base_language(tag)) > 1) for tag in tags
    }


def language_name_in(tag: str, words_language: str) -> str:
    """The language of ``tag`` as ``words_language`` names it ("inglés" for
    "en" in Spanish); its own name where that is unknown."""
    locale = _babel(words_language)
    name = locale.languages.get(base_language(tag)) if locale is not None else None
    return name or native_name(tag)


@functools.cache
def direction(language: str | None) -> Qt.LayoutDirection:
    """Which way ``language`` is written; ``None`` (not known): left to right."""
    if not language:
        return Qt.LayoutDirection.LeftToRight
    return QLocale(language).textDirection()


def text_direction(text: str) -> Qt.LayoutDirection:
    """The direction of ``text`` by its first letter that has one (the Unicode
    bidi rule): for the kiosk's own short words, whose language is not known."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return Qt.LayoutDirection.LeftToRight
        if kind in ("R", "AL"):
            return Qt.LayoutDirection.RightToLeft
    return Qt.LayoutDirection.LeftToRight


def topic_language(pack: Pack, topic: Topic) -> str:
    """The language ``topic`` of ``pack`` is written in: its own, if it is
    one of the pack's, else the pack's main language (a topic read without
    one is in the pack's language)."""
    return topic.language if topic.language in pack.all_languages else pack.main_language


def texts_language(view: Pack, field: str) -> str:
    """The language ``view`` (a ``Pack.in_language`` view) shows its ``title``,
    ``welcome`` or ``footer`` in: the visit's if translated, else the main one."""
    translation = view.translations.get(view.language)
    value = getattr(translation, field, None)
    # As Pack.in_language takes them: an empty title is no title.
    if value is not None and (value or field != "title"):
        return view.language
    return view.main_language


def section_language(view: Pack, section_id: str) -> str:
    """The language ``view`` shows the title of section ``section_id`` in:
    the visit's if translated, else the main one."""
    translation = view.translations.get(view.language)
    if translation is not None and section_id in translation.sections:
        return view.language
    return view.main_language
