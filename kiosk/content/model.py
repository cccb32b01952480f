"""The validated content model: plain, immutable data that the screens read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.content.problems import Problem


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[str, ...]


Block = Paragraph | BulletList


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    question: str
    answer: tuple[Block, ...]
    order: int | None = None
    source: str | None = None

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

    def topic(self, topic_id: str) -> Topic:
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        raise KeyError(topic_id)
