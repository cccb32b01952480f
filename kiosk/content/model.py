"""The validated content model: plain, immutable data that the screens read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.problems import Problem

# The language of a pack that does not say: a BCP 47 tag, as kiosk.yaml's
# 'language' holds one.
DEFAULT_LANGUAGE = "en"


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

    @property
    def word_count(self) -> int:
        """Words a patient reads on the answer screen (question and answer)."""
        words = len(self.question.split())
        for block in self.answer:
            texts = block.items if isinstance(block, BulletList) else (block.text,)
            words += sum(len(t.split()) for t in texts)
        return words


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

    def topic(self, topic_id: str) -> Topic:
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        raise KeyError(topic_id)
