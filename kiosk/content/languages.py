"""A pack's languages: how translation files are named, and how much is translated.

A topic's translation is ``topics/<id>.<tag>.yaml`` and the pack's texts in a
language are ``kiosk.<tag>.yaml`` (``.yml`` too, as for a topic). Topic ids
are ``[a-z0-9-]`` and language tags have no dot, so the last dot of a name's
stem separates the two. The tag in a file name is matched without regard to
case, as BCP 47 says case carries no meaning (``side-effects.ES.yaml`` is the
``es`` translation); two files that differ only in case are a duplicate. The
rest of the name is matched exactly, as topic files' extensions are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from babel import localedata

from kiosk.content.model import Pack
from kiosk.content.problems import closest
from kiosk.content.schema import language_tag

PACK_TEXT_NAME = re.compile(r"kiosk\.([^.]+)\.(yaml|yml)")
# Names an admin most likely meant as one of those: another case, or '-' or
# '_' for a dot (Kiosk.ES.yaml, kiosk.es.YML, kiosk_es.yaml, kiosk.es_MX.yaml).
_NEAR_PACK_TEXT_NAME = re.compile(r"kiosk[._-]([^.]+)\.(yaml|yml)", re.IGNORECASE)


def is_known_language(tag: str) -> bool:
    """Whether ``tag``'s language is one the world speaks (``es``, ``es-MX``,
    ``yue``), as against a word that merely looks like a tag (``old``, ``bak``)."""
    return localedata.exists(tag.split("-", 1)[0].lower())


def split_translation_stem(stem: str) -> tuple[str, str] | None:
    """``("side-effects", "es")`` for ``side-effects.es``: the id and the tag in its usual case.

    ``None`` when the stem names no language (no dot, or no tag after the last
    one): the file is then read as a topic of the main language.
    """
    topic_id, dot, suffix = stem.rpartition(".")
    tag = language_tag(suffix) if dot else None
    return (topic_id, tag) if tag is not None else None


def base_language(tag: str) -> str:
    """The language subtag of a BCP 47 tag: "es" for "es-MX" or "ES_mx"."""
    return tag.replace("_", "-").split("-")[0].lower()


def pack_text_name(name: str) -> tuple[str, str] | None:
    """For ``kiosk.es.yaml``: the tag as written and the extension; else ``None``."""
    match = PACK_TEXT_NAME.fullmatch(name)
    return (match.group(1), match.group(2)) if match else None


def is_pack_text_file(name: str) -> bool:
    """Whether ``name``, in a pack's folder, is one of its ``kiosk.<tag>.yaml`` files."""
    return pack_text_name(name) is not None


def meant_pack_text_name(name: str) -> str | None:
    """``kiosk.es.yaml`` for ``Kiosk.ES.yaml``: the name to give a file that is
    close to a ``kiosk.<tag>.yaml`` name for a known language, but not one."""
    match = _NEAR_PACK_TEXT_NAME.fullmatch(name)
    if match is None:
        return None
    tag = language_tag(match.group(1).replace("_", "-"))
    if tag is None or not is_known_language(tag):
        return None
    if PACK_TEXT_NAME.fullmatch(name) and language_tag(match.group(1)) is not None:
        return None  # read as it is
    return f"kiosk.{tag}.yaml"


def concerns_the_loader(name: str) -> bool:
    """Whether the loader reads ``name`` in a pack's folder as a ``kiosk.<tag>.yaml``,
    or warns that it is misnamed: either way, a change to it changes the result."""
    return is_pack_text_file(name) or meant_pack_text_name(name) is not None


def closest_language(tag: str, languages: Iterable[str]) -> str | None:
    """The pack's language ``tag`` was most likely meant to be: the same language
    in another region (``es-MX`` for ``es``), or one spelt nearly alike."""
    options = list(languages)
    primary = tag.split("-", 1)[0].lower()
    for option in options:
        if option.split("-", 1)[0].lower() == primary:
            return option
    lowered = {option.lower(): option for option in options}
    match = closest(tag.lower(), lowered)
    return lowered[match] if match is not None else None


def language_list(languages: Iterable[str]) -> str:
    """``[en, es, ar]``, as written in kiosk.yaml."""
    return "[" + ", ".join(languages) + "]"


@dataclass(frozen=True, slots=True)
class Coverage:
    """How many of the main language's topics one language has."""

    language: str
    translated: int
    total: int
    missing: tuple[str, ...]  # topic ids, in tile order

    def __str__(self) -> str:
        line = f"{self.language}: {self.translated} of {self.total} topics"
        if self.missing:
            line += "; missing: " + ", ".join(self.missing)
        return line


def coverage(pack: Pack) -> tuple[Coverage, ...]:
    """The coverage of each language of ``pack`` but the main one, in the pack's order."""
    main = pack.main_pack or pack
    result = []
    for language in main.all_languages[1:]:
        translation = main.translations.get(language)
        have = translation.topics if translation is not None else {}
        missing = tuple(t.id for t in main.topics if t.id not in have)
        total = len(main.topics)
        result.append(Coverage(language, total - len(missing), total, missing))
    return tuple(result)
