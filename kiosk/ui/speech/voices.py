"""Choosing an engine's locale and voice for a pack's language tag."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QVoice

# Voice names say "America" and "Great Britain" where Qt says United States
# and United Kingdom (espeak-ng's, through speech-dispatcher).
_TERRITORY_ALIASES = {
    QLocale.Country.UnitedStates: ("america",),
    QLocale.Country.UnitedKingdom: ("great britain", "britain"),
}


def choose_locale(language: str, locales: Sequence[QLocale], current: QLocale) -> QLocale | None:
    """The best of an engine's ``locales`` for a BCP 47 ``language`` tag.

    Only locales of the same language qualify. Among them: the tag's region
    if it names one (en-GB), then its script, then the engine's current
    locale (it follows the system's, so "en" on a British PC gets British
    English), then the language's main region (en: en-US), then by name.
    """
    wanted = QLocale(language)
    if not is_language(wanted):
        return None
    same = [locale for locale in locales if locale.language() == wanted.language()]
    if not same:
        return None
    region_asked = names_region(language)

    def rank(locale: QLocale) -> tuple[bool, bool, bool, bool, str]:
        region = locale.territory() == wanted.territory()
        return (
            not (region_asked and region),
            locale.script() != wanted.script(),
            locale.name() != current.name() or locale.script() != current.script(),
            not region,
            locale.name(),
        )

    return min(same, key=rank)


def choose_voice(voices: Sequence[QVoice], locale: QLocale) -> QVoice | None:
    """The voice with ``locale``'s accent among an engine's ``voices`` for its language.

    speech-dispatcher files several of espeak-ng's accents under one locale,
    and Qt takes the first: "English (Caribbean)" for en-US, "Portuguese
    (Portugal)" for pt-BR. Prefer a voice whose name (in brackets) names the
    region, then one that names no other region, then a plain voice (not an
    espeak-ng "+variant"); otherwise keep the engine's order.
    """
    own = {QLocale.territoryToString(locale.territory()).lower()}
    own.update(_TERRITORY_ALIASES.get(locale.territory(), ()))
    others = territory_names() - own

    def rank(item: tuple[int, QVoice]) -> tuple[bool, bool, bool, int]:
        index, voice = item
        where = " ".join(re.findall(r"\(([^)]*)\)", voice.name())).lower()
        return (
            not any(name in where for name in own),
            any(name in where for name in others),
            "+" in voice.name(),
            index,
        )

    return min(enumerate(voices), key=rank)[1] if voices else None


def territory_names() -> set[str]:
    return {
        QLocale.territoryToString(territory).lower()
        for territory in QLocale.Country
        if territory != QLocale.Country.AnyTerritory
    }


def is_language(locale: QLocale) -> bool:
    return locale.language() not in (QLocale.Language.C, QLocale.Language.AnyLanguage)


def names_region(tag: str) -> bool:
    """Whether a BCP 47 tag names a region (GB, 419), before any extension."""
    for subtag in re.split(r"[-_]", tag)[1:]:
        if len(subtag) == 1:  # extensions and private use follow a singleton
            return False
        if (len(subtag) == 2 and subtag.isalpha()) or (len(subtag) == 3 and subtag.isdigit()):
            return True
    return False


def locale_tag(locale: QLocale) -> str:
    """A locale's full BCP 47 tag: "en-US", where bcp47Name() would say "en"."""
    return locale.name().replace("_", "-")
