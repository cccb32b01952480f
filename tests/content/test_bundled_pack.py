"""The pack that ships with the kiosk, in the repository's content/ folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content import BulletList, Pack, Topic, load_pack
from kiosk.content.readability import READABILITY_TARGET_GRADE, pack_readability

CONTENT = Path(__file__).parents[2] / "content"

SEED_QUESTIONS = [
    "What is interhemispheric imbalance?",
    "What is the function of interhemispheric inhibition?",
    "What is TMS stroke?",
    "Does TMS help stroke?",
    "What are the side effects of transcranial magnetic stimulation?",
    "Who should not get TMS?",
    "Can TMS be harmful?",
    "Does TMS make you worse?",
    "What are the negative effects of TMS?",
    "Can TMS cause permanent brain damage?",
]

# Answers written for the kiosk (not taken from the seed), which must cite where
# their facts come from.
WRITTEN = ["What are the negative effects of TMS?", "Can TMS cause permanent brain damage?"]

# Damage left by scraping: a sentence run into the next one, a footnote number
# stuck to a word, a sentence cut off.
SCRAPING_DAMAGE = [". the ", "recovery.1", "a seminal."]


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(CONTENT)


def texts(topic: Topic) -> list[str]:
    out: list[str] = []
    for block in topic.answer:
        out.extend(block.items if isinstance(block, BulletList) else [block.text])
    return out


def by_question(pack: Pack, question: str) -> Topic:
    [topic] = [t for t in pack.topics if t.question == question]
    return topic


def test_loads_without_warnings(pack: Pack) -> None:
    assert pack.warnings == ()
    assert pack.title


def test_ten_topics_in_the_seed_order(pack: Pack) -> None:
    assert [t.question for t in pack.topics] == SEED_QUESTIONS


def test_every_topic_has_an_order_so_new_topics_do_not_reshuffle_it(pack: Pack) -> None:
    orders = [t.order for t in pack.topics]
    assert None not in orders
    assert len(set(orders)) == len(orders)


def test_has_a_footer(pack: Pack) -> None:
    assert pack.footer is not None
    assert pack.footer.strip()


@pytest.mark.parametrize("question", SEED_QUESTIONS)
def test_every_answer_has_text(pack: Pack, question: str) -> None:
    topic = by_question(pack, question)
    assert topic.answer
    assert all(text.strip() for text in texts(topic))


@pytest.mark.parametrize("damage", SCRAPING_DAMAGE)
def test_no_scraping_damage(pack: Pack, damage: str) -> None:
    damaged = [t.id for t in pack.topics if any(damage in text for text in texts(t))]
    assert damaged == []


@pytest.mark.parametrize("question", WRITTEN)
def test_written_answers_have_a_source(pack: Pack, question: str) -> None:
    source = by_question(pack, question).source
    assert source is not None
    assert source.strip()


def test_is_in_english(pack: Pack) -> None:
    assert pack.language == "en"


@pytest.mark.parametrize("question", SEED_QUESTIONS)
def test_every_answer_is_at_or_below_the_target_reading_grade(pack: Pack, question: str) -> None:
    """Many readers have had a stroke: short sentences, everyday words (grade 8 or below)."""
    measured = pack_readability(pack)
    assert measured.topics is not None
    [grade] = [m.score for m in measured.topics if m.topic_id == by_question(pack, question).id]
    assert grade <= READABILITY_TARGET_GRADE


# The seed's facts that plainer wording must never lose: topic id, and the
# words (any case) that carry each fact.
SEED_FACTS = {
    "interhemispheric-imbalance": [
        "interhemispheric competition",
        "stroke upsets this balance",
        "gets in the way of recovery",
        "one key study",
    ],
    "interhemispheric-inhibition": ["mammals", "inhibitory interneurons", "too excited", "shape"],
    "what-is-tms-for-stroke": ["non-invasive", "plasticity", "improve movement safely"],
    "does-tms-help-stroke": ["promise", "arm recover", "repetitive tms", "little is known"],
    "side-effects": ["headache", "scalp", "tingling, spasms or twitching", "lightheaded"],
    "who-should-not-get-tms": [
        "younger than 18",
        "older than 68",
        "alcohol or drug misuse",
        "schizophrenia",
        "schizoaffective",
        "bipolar",
        "major depression with psychotic symptoms",
    ],
    "can-tms-be-harmful": ["fda", "depression and ocd", "long term", "no harmful effects"],
    "does-tms-make-you-worse": [
        "clinical trials",
        "remission",
        "even better",
        "side effects are mild",
        "depression worse",
    ],
}


@pytest.mark.parametrize(("topic_id", "facts"), SEED_FACTS.items())
def test_plain_wording_keeps_every_fact_of_the_seed(pack: Pack, topic_id: str, facts: list[str]):
    topic = pack.topic(topic_id)
    text = " ".join(
        " ".join(block.items) if isinstance(block, BulletList) else block.text
        for block in topic.answer
    ).lower()
    text = " ".join(text.split())  # one space between words, whatever the line breaks
    missing = [fact for fact in facts if fact not in text]
    assert not missing, f"{topic_id} lost: {missing}"


def test_every_topic_is_in_the_main_language(pack: Pack) -> None:
    assert pack.language == pack.main_language
    assert {t.language for t in pack.topics} == {pack.main_language}


def test_every_translation_is_in_its_own_language_and_in_tile_order(pack: Pack) -> None:
    for language, translation in pack.translations.items():
        assert {t.language for t in translation.topics.values()} <= {language}
        order = [t.id for t in pack.topics]
        assert list(translation.topics) == [i for i in order if i in translation.topics]
