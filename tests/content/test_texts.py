"""Every text of a pack, where it is written, and the warning for undrawable characters."""

from __future__ import annotations

import os
from dataclasses import replace
from types import MappingProxyType

import pytest

from kiosk.content import Place, load_pack
from kiosk.content.model import Translation
from kiosk.content.problems import Severity
from kiosk.content.texts import (
    PackText,
    characters_to_check,
    font_hint,
    locate,
    pack_texts,
    undrawable_warnings,
)


def test_every_text_of_a_pack_is_listed_with_its_file_and_key(write_pack):
    folder = write_pack({"hours": ("When?", "We open at 8.\n- Mon\n- Tue")}, footer=None)
    pack = load_pack(folder)
    topic_file = os.path.join(str(folder), "topics", "hours.yaml")
    assert pack_texts(pack) == [
        PackText(os.path.join(str(folder), "kiosk.yaml"), ("title",), "Test clinic"),
        PackText(os.path.join(str(folder), "kiosk.yaml"), ("welcome",), "Tap a question."),
        PackText(topic_file, ("question",), "When?"),
        PackText(topic_file, ("answer",), "We open at 8.\nMon\nTue"),
    ]


def test_translations_and_words_are_listed_from_their_own_files(write_pack):
    folder = write_pack({"hours": ("When?", "At 8.")})
    pack = load_pack(folder)
    translated = replace(
        pack.topics[0], question="¿Cuándo?", answer_place=Place("p/topics/hours.es.yaml", 1, 1)
    )
    pack = replace(
        pack,
        languages=("en", "es"),
        translations=MappingProxyType(
            {"es": Translation(title="Clínica", topics=MappingProxyType({"hours": translated}))}
        ),
        words=MappingProxyType({"es": MappingProxyType({"Home": "Inicio"})}),
    )
    texts = pack_texts(pack.in_language("es"))  # a view lists the whole pack too
    assert PackText(os.path.join(str(folder), "kiosk.es.yaml"), ("title",), "Clínica") in texts
    assert PackText("p/topics/hours.es.yaml", ("question",), "¿Cuándo?") in texts
    words = PackText(os.path.join(str(folder), "kiosk.es.yaml"), ("words", "Home"), "Inicio")
    assert words in texts
    assert words.name == "'Home' in 'words'"


def test_only_drawn_characters_beyond_ascii_are_checked():
    text = "Plain ascii, é, \u4e2d, \u0627\u200f, a\u00adb, \u2764\ufe0f,\u00a0\u2028\t\n"
    assert characters_to_check([PackText("f", ("answer",), text)]) == {
        "é",
        "\u4e2d",
        "\u0627",
        "\u2764",
    }


@pytest.mark.parametrize(
    ("char", "hint"),
    [
        ("\u4e2d", "Install a font for this script, e.g. apt install fonts-noto-cjk"),
        ("\u3042", "Install a font for this script, e.g. apt install fonts-noto-cjk"),
        ("\uac00", "Install a font for this script, e.g. apt install fonts-noto-cjk"),
        ("\u0915", "Install a font for this script, e.g. apt install fonts-noto-core"),
        ("\u05d0", "Install a font for this script, e.g. apt install fonts-noto-core"),
        ("\U0001f600", "Install a font for this script, e.g. apt install fonts-noto-color-emoji"),
        (
            "\ue000",
            "It is a private-use or unassigned character that no font package draws; replace it",
        ),
    ],
)
def test_the_hint_names_a_font_package_for_the_script(char, hint):
    assert font_hint(char) == hint


def _file(tmp_path, text: str) -> str:
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("source", "keys", "expected"),
    [
        # The first such character of the value, not of the file.
        ('question: "中?"\nanswer: |\n  One.\n  Two 中 three.\n', ("answer",), (4, 7)),
        ('question: "a 中?"\nanswer: b\n', ("question",), (1, 14)),
        # Written as an escape: the value's place stands in.
        ('question: "\\u4e2d"\nanswer: "中"\n', ("question",), (1, 11)),
        ("words:\n  Home: 中\n  Back: x 中\n", ("words", "Back"), (3, 11)),
        # Keys that are not there (or a file changed since): the file alone.
        ("question: x\n", ("answer",), None),
    ],
)
def test_a_character_is_located_where_it_is_written(tmp_path, source, keys, expected):
    path = _file(tmp_path, source)
    place = locate(PackText(path, keys, "…"), "中")
    assert place == (Place(path, *expected) if expected else Place(path))


def test_a_file_that_cannot_be_read_again_is_named_alone(tmp_path):
    path = str(tmp_path / "gone.yaml")
    assert locate(PackText(path, ("answer",), "中"), "中") == Place(path)


def test_one_warning_per_value_at_its_first_undrawable_character(tmp_path):
    path = _file(tmp_path, "question: ok\nanswer: |\n  ab \ue001 \ue000 \ue001 \ue002\n")
    texts = [
        PackText(path, ("question",), "ok"),
        PackText(path, ("answer",), "ab \ue001 \ue000 \ue001 \ue002"),
    ]
    [warning] = undrawable_warnings(texts, {"\ue000", "\ue001", "\ue002"})
    assert warning.severity is Severity.WARNING
    assert str(warning) == (
        f"{path}:3:6: warning: 'answer' has characters no installed font can draw: "
        "U+E001 '\ue001' (and 2 more); patients would see empty boxes. It is a private-use "
        "or unassigned character that no font package draws; replace it"
    )


@pytest.mark.parametrize("name", ["kiosk.es-mx.yaml", "kiosk.ES-MX.yml"])
def test_texts_in_another_language_are_located_in_the_file_read(write_pack, name):
    """The file as the admin named it (a tag in any case, .yml), at the character."""
    folder = write_pack({"hours": ("When?", "At 8.")})
    with (folder / "kiosk.yaml").open("a", encoding="utf-8") as file:
        file.write("languages: [en, es-MX]\n")
    (folder / name).write_text(
        "title: Clínica \ue000\nwords:\n  Home: Inicio\n  Back: Atrás \ue001\n", encoding="utf-8"
    )
    pack = load_pack(folder)
    warnings = undrawable_warnings(pack_texts(pack), {"\ue000", "\ue001"})
    hint = "It is a private-use or unassigned character that no font package draws; replace it"
    assert [str(w).replace(str(folder), "{pack}") for w in warnings] == [
        f"{{pack}}/{name}:1:16: warning: 'title' has characters no installed font can draw: "
        f"U+E000 '\ue000'; patients would see empty boxes. {hint}",
        f"{{pack}}/{name}:4:15: warning: 'Back' in 'words' has characters no installed font "
        f"can draw: U+E001 '\ue001'; patients would see empty boxes. {hint}",
    ]


def test_a_picture_s_description_is_listed_where_each_language_writes_it(tmp_path):
    """A screen reader speaks it: its characters are checked like any text."""
    folder = tmp_path / "pack"
    (folder / "topics").mkdir(parents=True)
    (folder / "pictures").mkdir()
    (folder / "pictures" / "a.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    (folder / "kiosk.yaml").write_text("schema: 1\ntitle: T\nlanguages: [en, es, ar]\n")
    (folder / "topics" / "a.yaml").write_text(
        "question: A?\nanswer: A.\nimage: pictures/a.svg\nimage_alt: A coil\n"
    )
    (folder / "topics" / "a.es.yaml").write_text(
        "question: ¿A?\nanswer: A.\nimage_alt: Una bobina pequeña\n", encoding="utf-8"
    )
    # No description in Arabic: the English one is shown, and listed once, in its file.
    (folder / "topics" / "a.ar.yaml").write_text("question: أ؟\nanswer: أ.\n", encoding="utf-8")
    alts = [t for t in pack_texts(load_pack(folder)) if t.keys == ("image_alt",)]
    topics = os.path.join(str(folder), "topics")
    assert alts == [
        PackText(os.path.join(topics, "a.yaml"), ("image_alt",), "A coil"),
        PackText(os.path.join(topics, "a.es.yaml"), ("image_alt",), "Una bobina pequeña"),
    ]
    assert locate(alts[1], "ñ") == Place(os.path.join(topics, "a.es.yaml"), 3, 28)
