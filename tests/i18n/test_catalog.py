"""The kiosk's words as `kiosk check` sees them, without Qt: which ones
patients see, which languages ship, and a warning for a pack language that
would show them in English."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest
import yaml

from kiosk.content import Pack, load_pack
from kiosk.content.problems import Problem, Severity
from kiosk.content.words import PLACEHOLDER, STANDS_FOR
from kiosk.i18n import catalog
from kiosk.i18n.catalog import patient_words, shipped_languages, words_warnings

# Every word a patient can meet, as the screens write it in English.
PATIENT_WORDS = {
    "A, normal text",
    "A+, larger text",
    "A++, largest text",
    "Answer",
    "Answer screen",
    "Answer: %1",
    "Answer: scroll bar",
    "Are you still reading?",
    "Back",
    "Back to all questions",
    "Back to where you were",
    "Changes the size of the writing",
    "Choose a language",
    "Choose the language of the kiosk",
    "Contrast",
    "Controls",
    "High contrast",
    "Home",
    "Home page",
    "Home screen",
    "If not, this screen goes back to the start in %n seconds.",
    "Information",
    "Information screen is being updated",
    "Keep reading",
    "Language",
    "Languages",
    "Languages screen",
    "Languages: scroll bar",
    "Listen",
    "Opens the answer",
    "Please ask our staff if you have a question.",
    "QR code",
    "Question tiles",
    "Questions",
    "Questions: scroll bar",
    "Section page",
    "Section screen",
    "Section tiles",
    "%n questions",
    "Back to the sections",
    "Back to the questions of this section",
    "Reads the question and answer aloud",
    "Scan for our clinic's web page",
    "Scan to read this at home",
    "Source: %1",
    "Stay on this page",
    "Stop",
    "Stop reading aloud",
    "Stops the voice",
    "Tap the screen to keep reading.",
    "This answer is only in %1.",
    "White writing on black, or back",
}


def test_the_patient_words_are_every_word_on_the_patient_screens() -> None:
    assert patient_words() == PATIENT_WORDS


def test_every_placeholder_of_the_patient_words_is_explained() -> None:
    """So that a translation that drops one is told what the kiosk puts there."""
    placeholders = {(word, p) for word in patient_words() for p in PLACEHOLDER.findall(word)}
    assert set(STANDS_FOR) == placeholders


def test_staff_words_are_not_patient_words() -> None:
    # Staff screens stay in English: their words are not offered for translation.
    assert not {"Exit kiosk", "Enter PIN", "Usage", "Status", "en"} & patient_words()


def test_english_spanish_and_arabic_ship() -> None:
    assert shipped_languages() == {"en", "es", "ar"}


def pack(
    tmp_path: Path, languages: tuple[str, ...], words: Mapping[str, Mapping[str, str]] = {}
) -> Pack:
    return Pack(
        title="Clinic",
        topics=(),
        folder=tmp_path,
        language=languages[0],
        languages=languages,
        words=words,
    )


@pytest.mark.parametrize(
    "languages",
    [("en",), ("en-GB",), ("en", "es", "ar"), ("es-MX",), ("ar-EG", "en"), ("ES",)],
)
def test_no_warning_for_languages_the_kiosk_has_words_in(
    tmp_path: Path, languages: tuple[str, ...]
) -> None:
    assert words_warnings(pack(tmp_path, languages)) == ()


def all_words(prefix: str) -> dict[str, str]:
    return {word: f"{prefix} {word}" for word in PATIENT_WORDS}


def test_no_warning_when_the_pack_gives_every_word(tmp_path: Path) -> None:
    assert words_warnings(pack(tmp_path, ("en", "de"), {"de": all_words("de")})) == ()


def quoted(words: set[str]) -> str:
    return ", ".join(f"'{word}'" for word in sorted(words))


def write_pack(folder: Path, files: Mapping[str, str]) -> Pack:
    """The pack of ``files`` (with one topic), as the loader reads it."""
    for name, text in {"topics/a.yaml": "question: Q?\nanswer: A.\n", **files}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return load_pack(folder)


KIOSK_YAML = "schema: 1\ntitle: Clinic\n"


def shown(problems: tuple[Problem, ...], folder: Path) -> list[str]:
    return [str(p).replace(str(folder), "{pack}") for p in problems]


def test_a_language_without_words_is_located_at_kiosk_yaml(tmp_path: Path) -> None:
    loaded = write_pack(tmp_path, {"kiosk.yaml": KIOSK_YAML + "languages: [en, de]\n"})
    (problem,) = words_warnings(loaded)
    assert problem.severity is Severity.WARNING
    assert (problem.path, problem.line, problem.column) == (str(tmp_path / "kiosk.yaml"), 3, 12)
    assert problem.message == (
        "the kiosk has no words in 'de'; patients will see Home, Keep reading, Listen, ... "
        "in English; add them under 'words:' in kiosk.de.yaml "
        f"(missing {len(PATIENT_WORDS)}: {quoted(PATIENT_WORDS)})"
    )


def test_a_main_language_without_words_is_located_at_its_tag(tmp_path: Path) -> None:
    loaded = write_pack(tmp_path, {"kiosk.yaml": KIOSK_YAML + "language: fr\n"})
    assert [p.message.split(";")[0] for p in words_warnings(loaded)] == [
        "the kiosk has no words in 'fr'"
    ]
    assert [(p.line, p.column) for p in words_warnings(loaded)] == [(3, 11)]
    assert words_warnings(loaded.in_language("fr")) == words_warnings(loaded)


def test_missing_words_are_located_at_the_words_of_the_file_read(tmp_path: Path) -> None:
    """The file as it is named (any case, .yml), at its words."""
    loaded = write_pack(
        tmp_path,
        {
            "kiosk.yaml": KIOSK_YAML + "languages: [en, de-AT]\n",
            "kiosk.DE-at.yml": "title: Klinik\nwords:\n  Home: Start\n",
        },
    )
    assert loaded.text_files == {"de-AT": str(tmp_path / "kiosk.DE-at.yml")}
    (problem,) = words_warnings(loaded)
    missing = PATIENT_WORDS - {"Home"}
    assert shown((problem,), tmp_path) == [
        "{pack}/kiosk.DE-at.yml:3:3: warning: the kiosk has no words in 'de-AT'; patients will "
        "see Keep reading, Listen, ... in English; add them under 'words:' in kiosk.DE-at.yml "
        f"(missing {len(missing)}: {quoted(missing)})"
    ]


def test_missing_words_are_located_at_a_file_without_words(tmp_path: Path) -> None:
    loaded = write_pack(
        tmp_path,
        {"kiosk.yaml": KIOSK_YAML + "languages: [en, de]\n", "kiosk.de.yaml": "title: Klinik\n"},
    )
    (problem,) = words_warnings(loaded)
    assert (problem.path, problem.line) == (str(tmp_path / "kiosk.de.yaml"), None)


def test_blank_words_count_as_missing(tmp_path: Path) -> None:
    given = all_words("de")
    del given["Keep reading"]
    given["Stop"] = "  "  # as good as missing
    (problem,) = words_warnings(pack(tmp_path, ("en", "de"), {"de": given}))
    assert problem.message.endswith("(missing 2: 'Keep reading', 'Stop')")


def test_the_catalog_needs_no_qt() -> None:
    check = (
        "import sys, kiosk.i18n.catalog as c; c.patient_words(); c.shipped_languages(); "
        "sys.exit(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", check], check=False).returncode == 0


def test_every_shipped_language_has_a_ts_file() -> None:
    assert set(catalog.ts_files()) == shipped_languages() - {"en"}


def test_the_readme_example_kiosk_de_yaml_lists_every_word() -> None:
    """The README's kiosk.de.yaml gives exactly the kiosk's words, each translated
    with the placeholders of its English wording."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(
        r"`kiosk\.de\.yaml`, with every word:\n\n```yaml\n(.*?)```", readme, re.DOTALL
    )
    assert len(blocks) == 1
    example = yaml.safe_load(blocks[0])["words"]
    assert set(example) == patient_words()
    for english, german in example.items():
        assert german.strip()
        assert set(PLACEHOLDER.findall(german)) == set(PLACEHOLDER.findall(english)), english


TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>AnswerScreen</name>
    <message{numerus}>
        <source>Home</source>
        {translation}
    </message>
</context>
</TS>
"""


@pytest.mark.parametrize(
    ("numerus", "translation", "finished"),
    [
        ("", "<translation>الرئيسية</translation>", True),
        ("", '<translation type="unfinished">الرئيسية</translation>', False),
        ("", '<translation type="unfinished"></translation>', False),
        ("", "<translation></translation>", False),
        ("", "<translation>  </translation>", False),
        ("", '<translation type="obsolete">الرئيسية</translation>', False),
        ("", '<translation type="vanished">الرئيسية</translation>', False),
        ("", "", False),
        (
            ' numerus="yes"',
            "<translation>" + "<numerusform>%n</numerusform>" * 6 + "</translation>",
            True,
        ),
        (
            ' numerus="yes"',
            "<translation>"
            + "<numerusform>%n</numerusform>" * 5
            + "<numerusform></numerusform></translation>",
            False,
        ),
    ],
)
def test_a_translation_is_finished_only_when_every_form_is_there(
    tmp_path: Path, numerus: str, translation: str, finished: bool
) -> None:
    path = tmp_path / "kiosk_ar.ts"
    path.write_text(TS.format(numerus=numerus, translation=translation), encoding="utf-8")
    language, (message,) = catalog.read_ts(path)
    assert language == "ar"
    assert (message.context, message.source) == ("AnswerScreen", "Home")
    assert message.finished is finished
