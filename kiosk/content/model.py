"""The validated content model: plain, immutable data that the screens read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType

from kiosk.content.problems import Problem

# The language of a pack that does not say: a BCP 47 tag, as kiosk.yaml's
# 'language' holds one.
DEFAULT_LANGUAGE = "en"
# How often a topic is due for review when kiosk.yaml does not say, in months.
DEFAULT_REVIEW_MONTHS = 36


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[str, ...]


Block = Paragraph | BulletList


@dataclass(frozen=True, slots=True)
class Place:
    """Where a value was written, for messages: the file as the admin gave it,
    and the 1-based line and column of the value (``None`` if not known)."""

    path: str
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True, slots=True)
class Picture:
    """A topic's picture, as checked when the pack was loaded.

    The bytes are kept: the screens never read the pack's folder, which may
    be a network share that has stopped answering.
    """

    file: str  # as written after 'image:', relative to the pack's folder
    format: str  # "png", "jpeg" or "svg", from the file's content
    data: bytes = field(repr=False)
    alt: str  # the picture's accessible name, in the topic's language


@dataclass(frozen=True, slots=True)
class Section:
    """A group of topics on the home screen, in kiosk.yaml's order."""

    id: str
    title: str


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    question: str
    answer: tuple[Block, ...]
    order: int | None = None
    source: str | None = None
    # Where the answer is written, so that a later check (such as its reading
    # grade) can point at it. Not part of what patients see: two topics that
    # read the same are equal wherever they were written.
    answer_place: Place | None = field(default=None, compare=False)
    # The language the question and answer are written in. In a view of the
    # pack in another language (Pack.in_language), a topic not translated
    # into it keeps the main language here: the screens show a note then.
    language: str = DEFAULT_LANGUAGE
    image: Picture | None = None
    # An https:// address where the answer can be read at home (a QR code).
    link: str | None = None
    # The id of the topic's section (Pack.sections), if the pack has sections.
    section: str | None = None
    # When a clinician last reviewed the topic (the main language's file).
    reviewed: date | None = None
    # Where each key's value is written, by key name, for later checks
    # (review dates) and for the sign-off proof.
    places: Mapping[str, Place] = field(default_factory=lambda: MappingProxyType({}), compare=False)

    @property
    def word_count(self) -> int:
        """Words a patient reads on the answer screen (question and answer)."""
        words = len(self.question.split())
        for block in self.answer:
            texts = block.items if isinstance(block, BulletList) else (block.text,)
            words += sum(len(t.split()) for t in texts)
        return words


@dataclass(frozen=True, slots=True)
class Translation:
    """What a pack says in one of its languages other than the main one.

    Texts left ``None`` and topics left out are shown in the main language.
    """

    title: str | None = None
    welcome: str | None = None
    footer: str | None = None
    link: str | None = None
    # Section titles by section id; sections left out keep the main title.
    sections: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # By topic id; each Topic's ``language`` is this translation's language.
    topics: Mapping[str, Topic] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class Pack:
    title: str
    topics: tuple[Topic, ...]  # in display order
    welcome: str | None = None
    footer: str | None = None
    folder: Path | None = None
    warnings: tuple[Problem, ...] = ()
    # A BCP 47 tag such as "en", "en-GB" or "pt-BR", in its usual case: the
    # language the answers are written in (reading grades, a read-aloud voice).
    language: str = DEFAULT_LANGUAGE
    # Every language the pack is written in, its main language first. Empty
    # means just ``language``: see ``all_languages``.
    languages: tuple[str, ...] = ()
    # By language tag, for each language but the main one.
    translations: Mapping[str, Translation] = field(default_factory=lambda: MappingProxyType({}))
    # The kiosk's own words (Home, Keep reading, ...) as the pack supplies
    # them, by language tag: the kiosk's English wording -> this language's.
    words: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: MappingProxyType({}))
    # The kiosk.<lang>.yaml each language's texts and words were read from, by
    # language tag, as messages show the file: its real name, which may differ
    # from the tag (kiosk.es-mx.yaml, kiosk.ES.yml).
    text_files: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType({}), compare=False
    )
    # The clinic's own web page, an https:// address.
    link: str | None = None
    # The home screen's sections, in order; empty: one grid of all topics.
    sections: tuple[Section, ...] = ()
    # How often each topic is due for review, in months.
    review_every: int = DEFAULT_REVIEW_MONTHS
    # In a view made by ``in_language``: the pack it was made from.
    main_pack: Pack | None = field(default=None, compare=False, repr=False)

    @property
    def all_languages(self) -> tuple[str, ...]:
        return self.languages or (self.language,)

    @property
    def main_language(self) -> str:
        return self.all_languages[0]

    def in_language(self, language: str) -> Pack:
        """This pack as a patient who chose ``language`` sees it.

        Titles, texts and topics not translated into it stay in the main
        language (their ``Topic.language`` says so); the tile order is the
        main language's. Asking for the main language, or for a language the
        pack does not have, gives the main pack.
        """
        main = self.main_pack or self
        translation = self.translations.get(language)
        if translation is None or language == main.main_language:
            return main
        return replace(
            main,
            title=translation.title or main.title,
            welcome=translation.welcome if translation.welcome is not None else main.welcome,
            footer=translation.footer if translation.footer is not None else main.footer,
            topics=tuple(translation.topics.get(t.id, t) for t in main.topics),
            link=translation.link or main.link,
            sections=tuple(
                replace(s, title=translation.sections.get(s.id, s.title)) for s in main.sections
            ),
            language=language,
            main_pack=main,
        )

    @property
    def tile_order(self) -> tuple[Topic, ...]:
        """Every topic in the order a patient meets its tile: section by
        section in a pack with sections, else as ``topics``."""
        if not self.sections:
            return self.topics
        return tuple(t for s in self.sections for t in self.section_topics(s.id))

    def section_topics(self, section_id: str) -> tuple[Topic, ...]:
        """The topics of one section, in tile order."""
        return tuple(t for t in self.topics if t.section == section_id)

    def topic(self, topic_id: str) -> Topic:
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        raise KeyError(topic_id)
