"""How hard each answer is to read: its Flesch-Kincaid grade, for `kiosk check`.

Plain Python, no Qt. The grade is the US school year a reader needs to follow
a text (grade 8: age 13 to 14), from the average number of words per
sentence and syllables per word: short sentences and short, everyday words
score lower. It is a rough guide for the author, never a reason to refuse a
pack, and it is only meaningful for English: for any other language the
grades are not computed at all rather than shown as a wrong number.

The numbers are textstat's, held at 0.7.8 (see pyproject.toml): 0.7.9 and
later download a word list on first use, and a kiosk PC may have no network.
textstat counts a word's syllables from the CMU Pronouncing Dictionary, and
builds the whole dictionary first: a second on every `kiosk check`. This
module takes the counts from a table built once and cached (see
:mod:`kiosk.content.syllables`; tests/content/test_readability.py checks
every word of the dictionary, and the grades, against textstat's own).
Words, sentences and the syllables of words the dictionary lacks (pyphen's
hyphenation) are textstat's functions, called directly: its process-wide
instance, whose ``set_lang`` and rounding apply to every caller, is never
touched. textstat is imported only when a grade is asked for, so that
loading content for the screens costs nothing more.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from kiosk.content.model import BulletList, Pack, Topic
from kiosk.content.problems import Problem, Severity
from kiosk.content.syllables import syllable_counter

# Where patient information should stand. The US National Institutes of
# Health (NIH) ask for grade 8 or below; the American Medical Association
# (AMA) asks for grade 6. Grade 8 is what `kiosk check` warns about: the
# bundled answers meet it, and grade 6 is the better aim wherever the facts
# allow (many of the kiosk's readers have had a stroke).
READABILITY_TARGET_GRADE = 8


# The end of a sentence, perhaps followed by a closing quote or bracket.
_SENTENCE_END = re.compile(r"[.!?][\"')\]\u2019\u201d]*$")


@dataclass(frozen=True, slots=True)
class TopicReadability:
    """One answer's reading grade."""

    topic_id: str
    words: int  # in the answer, as textstat counts them
    grade: float  # Flesch-Kincaid grade level, to one decimal

    @property
    def above_target(self) -> bool:
        return self.grade > READABILITY_TARGET_GRADE


@dataclass(frozen=True, slots=True)
class PackReadability:
    """The reading grade of every answer in a pack, or why there are none."""

    language: str
    # In display order; ``None`` when grades are not computed for the language.
    topics: tuple[TopicReadability, ...] | None

    @property
    def computed(self) -> bool:
        return self.topics is not None

    @property
    def above_target(self) -> tuple[TopicReadability, ...]:
        return tuple(t for t in self.topics or () if t.above_target)


def is_english(language: str) -> bool:
    """Whether a BCP 47 tag (en, en-GB, EN-us) names English."""
    return language.split("-", 1)[0].lower() == "en"


def answer_text(topic: Topic) -> str:
    """The answer as one text to measure: paragraphs and bullet items.

    The question does not count. It is a short heading, written the way
    patients ask (often naming the very term the answer explains), and the
    author acts on the grade by rewriting the answer, not the question.

    Each bullet item is read as a sentence of its own: without a full stop,
    a list of symptoms would count as one very long sentence.
    """
    parts: list[str] = []
    for block in topic.answer:
        texts = block.items if isinstance(block, BulletList) else (block.text,)
        for text in texts:
            ended = _SENTENCE_END.search(text.strip())
            parts.append(text.strip() if ended else text.strip().rstrip(",:;") + ".")
    return " ".join(parts)


@functools.cache
def _textstat() -> Any:  # textstat ships no type information
    """textstat's counting functions: they take the language as an argument."""
    from textstat.backend import counts, selections  # type: ignore[import-untyped]  # noqa: PLC0415

    return counts, selections


def grade(text: str) -> float:
    """The Flesch-Kincaid grade of English ``text``, to one decimal.

    Very simple text can score below zero; text without words scores 0.
    The steps and their order are textstat's, so the float is the same.
    """
    counts, selections = _textstat()
    words = counts.count_words(text)
    sentences = counts.count_sentences(text)
    syllables = syllable_counter().count
    syllable_count = sum(map(syllables, selections.list_words(text, lowercase=True))) if text else 0
    sentence_length = words / sentences if sentences else 0.0
    syllables_per_word = syllable_count / words if words else 0.0
    if sentence_length == 0 or syllables_per_word == 0:
        return 0.0
    return round((0.39 * sentence_length) + (11.8 * syllables_per_word) - 15.59, 1)


def word_count(text: str) -> int:
    """Words in English ``text``, as textstat counts them for the grade."""
    counts, _ = _textstat()
    return int(counts.count_words(text))


def topic_readability(topic: Topic) -> TopicReadability:
    """The reading grade of one English answer."""
    text = answer_text(topic)
    return TopicReadability(topic.id, word_count(text), grade(text))


def pack_readability(pack: Pack) -> PackReadability:
    """The reading grade of every answer, in display order; none unless English."""
    if not is_english(pack.language):
        return PackReadability(pack.language, None)
    measured = tuple(topic_readability(t) for t in pack.topics)
    syllable_counter().save()  # the pack's new words, for the next check
    return PackReadability(pack.language, measured)


def readability_warning(topic: Topic, measured: TopicReadability) -> Problem:
    """The `kiosk check` warning for an answer above the target grade."""
    place = topic.answer_place
    return Problem(
        place.path if place else topic.id,
        f"'answer' reads at grade {measured.grade:.1f}, above the target of grade "
        f"{READABILITY_TARGET_GRADE}; write shorter sentences and use everyday words",
        place.line if place else None,
        place.column if place else None,
        Severity.WARNING,
    )


def readability_warnings(pack: Pack, measured: PackReadability) -> tuple[Problem, ...]:
    """A warning for each answer of ``pack`` above the target grade, in display order."""
    return tuple(readability_warning(pack.topic(m.topic_id), m) for m in measured.above_target)
