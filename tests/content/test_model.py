"""The content model: topic lookup and the words a patient reads."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from kiosk.content import BulletList, Pack, Paragraph, Place, Topic
from kiosk.content.model import Translation


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


def _two_language_pack() -> Pack:
    spanish = Topic(id="a", question="¿Está abierto?", answer=(Paragraph("Sí."),), language="es")
    return Pack(
        title="Clinic",
        welcome="Tap a question.",
        footer="Ask our staff.",
        topics=(topic("a", order=1), topic("b", order=2)),
        languages=("en", "es"),
        translations=MappingProxyType(
            {"es": Translation(title="Clínica", topics=MappingProxyType({"a": spanish}))}
        ),
    )


def test_a_view_in_another_language_has_its_texts_and_keeps_the_tile_order() -> None:
    view = _two_language_pack().in_language("es")
    assert view.language == "es"
    assert view.title == "Clínica"
    assert [(t.id, t.language) for t in view.topics] == [("a", "es"), ("b", "en")]
    assert view.topic("a").question == "¿Está abierto?"


def test_what_is_not_translated_stays_in_the_main_language() -> None:
    view = _two_language_pack().in_language("es")
    assert view.welcome == "Tap a question."
    assert view.footer == "Ask our staff."
    assert view.topic("b").question == "Is it open?"


def test_views_lead_back_to_the_main_pack() -> None:
    pack = _two_language_pack()
    view = pack.in_language("es")
    assert view.in_language("en") is pack
    assert view.in_language("es") == view
    assert view.main_language == "en"
    assert view.all_languages == ("en", "es")


def test_a_language_the_pack_lacks_gives_the_main_pack() -> None:
    pack = _two_language_pack()
    assert pack.in_language("fr") is pack
    assert pack.in_language("en") is pack


def test_a_one_language_pack_names_its_language_as_its_only_one() -> None:
    pack = Pack(title="Clinica", topics=(), language="es")
    assert pack.all_languages == ("es",)
    assert pack.main_language == "es"
