"""The content model: topic lookup and the words a patient reads."""

from __future__ import annotations

import pytest

from kiosk.content import BulletList, Pack, Paragraph, Place, Topic


def topic(topic_id: str, **kwargs: object) -> Topic:
    return Topic(id=topic_id, question="Is it open?", answer=(Paragraph("Yes."),), **kwargs)  # type: ignore[arg-type]


def test_pack_topic_by_id() -> None:
    pack = Pack(title="Clinic", topics=(topic("a"), topic("b", order=1)))
    assert pack.topic("b").order == 1
    with pytest.raises(KeyError):
        pack.topic("c")


def test_word_count_counts_question_paragraphs_and_bullets() -> None:
    t = Topic(
        id="x",
        question="Who should not get TMS?",
        answer=(Paragraph("Most people can."), BulletList(("Children", "People with implants"))),
    )
    assert t.word_count == 5 + 3 + 1 + 3


def test_a_pack_is_in_english_unless_it_says_otherwise() -> None:
    assert Pack(title="Clinic", topics=()).language == "en"
    assert Pack(title="Clinica", topics=(), language="es").language == "es"


def test_where_an_answer_is_written_does_not_change_the_topic() -> None:
    here = topic("a", answer_place=Place("pack/topics/a.yaml", 3, 9))
    there = topic("a", answer_place=Place("other/topics/a.yml", 7, 9))
    assert here == there
    assert here != topic("a", order=1)
