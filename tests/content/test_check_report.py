"""The lines `kiosk check` prints about reading scores (see also tests/test_cli.py)."""

from __future__ import annotations

from kiosk.content.check_report import readability_lines
from kiosk.content.readability import INFLESZ, PackReadability, TopicReadability


def test_a_language_with_no_answer_written_in_it_yet() -> None:
    measured = (
        PackReadability("en", (TopicReadability("a", 7, -1.1),)),
        PackReadability("es", (), INFLESZ),
    )
    assert readability_lines(measured) == [
        "en, Flesch-Kincaid grade:",
        "topic  words  grade",
        "a          7   -1.1",
        "0 of 1 answer above the target grade of 8; the highest is -1.1 (a).",
        "es, INFLESZ score (Szigriszt-Pazos):",
        "No answer is written in es yet.",
    ]


def test_the_first_of_equally_hard_spanish_answers_is_named() -> None:
    measured = PackReadability(
        "es",
        (
            TopicReadability("a", 9, 40.0, INFLESZ),
            TopicReadability("b", 9, 40.0, INFLESZ),
            TopicReadability("c", 9, 70.0, INFLESZ),
        ),
        INFLESZ,
    )
    assert readability_lines((measured,))[-1] == (
        "2 of 3 answers below the target of 55 on the INFLESZ scale; the lowest is 40.0 (a)."
    )
