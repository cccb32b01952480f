"""The content model: topic lookup and the words a patient reads."""

from __future__ import annotations

import pytest

from kiosk.content import BulletList, Pack, Paragraph, Topic


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
