"""How hard each answer is to read, for `kiosk check`: English and Spanish.

Plain Python, no Qt. Each score is a rough guide for the author, never a
reason to refuse a pack; for a language without a formula here, no score
is computed at all rather than a wrong number shown.

English: the Flesch-Kincaid grade, the US school year a reader needs to
follow a text (grade 8: age 13 to 14), from the average number of words per
sentence and syllables per word: short sentences and short, everyday words
score lower.

Spanish: Szigriszt-Pazos's perspicuity (1993, the Spanish adaptation of
Flesch's reading ease: 206.835 - 62.3 * syllables per word - words per
sentence) read on the INFLESZ scale of Barrio-Cantalejo et al. (Anales del
Sistema Sanitario de Navarra, 2008), which was built from and for Spanish
patient information and is the scale Spanish health-care studies report:
below 40 very hard, 40 to 55 somewhat hard, 55 to 65 normal, above 65 easy.
Higher is easier; 55 is the target. Fernández-Huerta's formula, the other
common choice, has no scale built for patient information (and a known
slip in its published coefficients); textstat's other Spanish measure,
Gutiérrez de Polini's, was built for primary-school texts.

The numbers are textstat's, held at 0.7.8 (see pyproject.toml): 0.7.9 and
later download a word list on first use, and a kiosk PC may have no network.
For English, textstat counts a word's syllables from the CMU Pronouncing
Dictionary, and builds the whole dictionary first: a second on every `kiosk
check`. This module takes the counts from a table built once and cached
(see :mod:`kiosk.content.syllables`; tests/content/test_readability.py
checks every word of the dictionary, and the grades, against textstat's
own). For Spanish, textstat counts syllables with pyphen's Spanish
hyphenation rules (a hyphenation point between syllables; a close
estimate), which needs no dictionary: its formula is called as it is.
Words, sentences and the syllables of words the dictionary lacks are
textstat's functions, called directly with the language as an argument:
its process-wide instance, whose ``set_lang`` and rounding apply to every
caller, is never touched. textstat is imported only when a score is asked
for, so that loading content for the screens costs nothing more.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from kiosk.content.languages import base_language
from kiosk.content.model import BulletList, Pack, Topic
from kiosk.content.problems import Problem, Severity
from kiosk.content.syllables import syllable_counter

# Where patient information should stand. The US National Institutes of
# Health (NIH) ask for grade 8 or below; the American Medical Association
# (AMA) asks for grade 6. Grade 8 is what `kiosk check` warns about: the
# bundled answers meet it, and grade 6 is the better aim wherever the facts
# allow (many of the kiosk's readers have had a stroke).
READABILITY_TARGET_GRADE = 8
# INFLESZ: 55 and above is "normal" or easier, the level its authors ask of
# information for patients.
READABILITY_TARGET_INFLESZ = 55


@dataclass(frozen=True, slots=True)
class Scale:
    """How one language's answers are scored."""

    name: str  # the table's column: "grade", "INFLESZ"
    title: str  # the formula, for a heading
    target: float
    higher_is_easier: bool

    def off_target(self, score: float) -> bool:
        """Whether ``score`` is harder to read than the target."""
        return score < self.target if self.higher_is_easier else score > self.target


FLESCH_KINCAID = Scale("grade", "Flesch-Kincaid grade", READABILITY_TARGET_GRADE, False)
INFLESZ = Scale("INFLESZ", "INFLESZ score (Szigriszt-Pazos)", READABILITY_TARGET_INFLESZ, True)


# The end of a sentence, perhaps followed by a closing quote or bracket.
_SENTENCE_END = re.compile(r"[.!?][\"')\]\u2019\u201d]*$")


@dataclass(frozen=True, slots=True)
class TopicReadability:
    """One answer's reading score."""

    topic_id: str
    words: int  # in the answer, as textstat counts them
    score: float  # on ``scale``, to one decimal
    scale: Scale = FLESCH_KINCAID

    @property
    def off_target(self) -> bool:
        return self.scale.off_target(self.score)


@dataclass(frozen=True, slots=True)
class PackReadability:
    """The reading score of every answer written in one language, or why there are none."""

    language: str
    # In display order; ``None`` when no score is computed for the language.
    topics: tuple[TopicReadability, ...] | None
    scale: Scale | None = FLESCH_KINCAID

    @property
    def computed(self) -> bool:
        return self.topics is not None

    @property
    def off_target(self) -> tuple[TopicReadability, ...]:
        return tuple(t for t in self.topics or () if t.off_target)


def is_english(language: str) -> bool:
    """Whether a BCP 47 tag (en, en-GB, EN-us) names English."""
    return base_language(language) == "en"


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


def inflesz(text: str) -> float:
    """Szigriszt-Pazos's perspicuity of Spanish ``text`` (the INFLESZ scale), to one decimal.

    textstat's own formula and counts; text without words scores 0.
    """
    from textstat.backend import metrics  # noqa: PLC0415

    return round(float(metrics.szigriszt_pazos(text, _SPANISH)), 1)


# The language textstat is asked for: its Spanish hyphenation rules serve
# every region (es-MX, es-419).
_SPANISH = "es"


def is_spanish(language: str) -> bool:
    """Whether a BCP 47 tag (es, es-419, ES-mx) names Spanish."""
    return base_language(language) == "es"


def scale_for(language: str) -> Scale | None:
    """How answers in ``language`` are scored; ``None``: they are not."""
    if is_english(language):
        return FLESCH_KINCAID
    if is_spanish(language):
        return INFLESZ
    return None


def topic_readability(topic: Topic) -> TopicReadability:
    """The reading score of one answer, on the scale of its language.

    Raises ``ValueError`` for a language without a scale (see :func:`scale_for`).
    """
    scale = scale_for(topic.language)
    if scale is None:
        raise ValueError(f"no reading score for language {topic.language!r}")
    text = answer_text(topic)
    score = grade(text) if scale is FLESCH_KINCAID else inflesz(text)
    return TopicReadability(topic.id, word_count(text), score, scale)


def pack_readability(pack: Pack) -> PackReadability:
    """The score of every answer written in the pack's language, in display order.

    In a view of the pack in another language (``Pack.in_language``), the
    topics not translated into it are left out: they are measured with the
    main language.
    """
    scale = scale_for(pack.language)
    if scale is None:
        return PackReadability(pack.language, None, None)
    written = [t for t in pack.topics if t.language == pack.language]
    measured = tuple(topic_readability(t) for t in written)
    if scale is FLESCH_KINCAID:
        syllable_counter().save()  # the pack's new words, for the next check
    return PackReadability(pack.language, measured, scale)


def languages_readability(pack: Pack) -> tuple[PackReadability, ...]:
    """The scores in every language of the pack, its main language first."""
    main = pack.main_pack or pack
    return tuple(pack_readability(main.in_language(lang)) for lang in main.all_languages)


def readability_warning(topic: Topic, measured: TopicReadability) -> Problem:
    """The `kiosk check` warning for an answer harder to read than the target."""
    place = topic.answer_place
    scale = measured.scale
    if scale.higher_is_easier:
        how = (
            f"scores {measured.score:.1f} on the {scale.name} scale, below the target of "
            f"{scale.target:g}"
        )
    else:
        how = f"reads at grade {measured.score:.1f}, above the target of grade {scale.target:g}"
    return Problem(
        place.path if place else topic.id,
        f"'answer' {how}; write shorter sentences and use everyday words",
        place.line if place else None,
        place.column if place else None,
        Severity.WARNING,
    )


def readability_warnings(pack: Pack, measured: PackReadability) -> tuple[Problem, ...]:
    """A warning for each answer measured off target, in display order."""
    written = (pack.main_pack or pack).in_language(measured.language)
    return tuple(readability_warning(written.topic(m.topic_id), m) for m in measured.off_target)
