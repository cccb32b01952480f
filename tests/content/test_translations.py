"""Packs in several languages: 'languages', topic translations and kiosk.<lang>.yaml.

Each problem line is part of the contract with the admin who edits the pack,
as in test_loader.py: the exact wording is asserted.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from kiosk.content import ContentError, Pack, Paragraph, load_pack
from kiosk.content.languages import Coverage, coverage, split_translation_stem

PACK_YAML = "schema: 1\ntitle: Clinic\nwelcome: Tap a question.\n"
TOPIC_YAML = "question: Q?\nanswer: A.\n"
ES_TOPIC = "question: ¿P?\nanswer: R.\nsource: Traducción de la clínica.\n"
# A complete pack in English and Spanish: topics a (order 2) and b (order 1).
TWO_LANGUAGES: dict[str, str | None] = {
    "kiosk.yaml": PACK_YAML + "languages: [en, es]\n",
    "kiosk.es.yaml": "title: Clínica\nwelcome: Toque una pregunta.\n",
    "topics/a.yaml": "question: A?\norder: 2\nanswer: A.\n",
    "topics/b.yaml": "question: B?\norder: 1\nanswer: B.\n",
    "topics/a.es.yaml": ES_TOPIC,
    "topics/b.es.yaml": ES_TOPIC,
}


def write(folder: Path, files: Mapping[str, str | None]) -> Path:
    for relative, text in files.items():
        if text is None:
            continue
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder


NewPack = Callable[..., Path]


@pytest.fixture
def new_pack(tmp_path: Path) -> NewPack:
    """The two-language pack with ``files`` laid over it (``None`` leaves one out)."""

    def make(files: Mapping[str, str | None] | None = None) -> Path:
        return write(tmp_path / "pack", {**TWO_LANGUAGES, **(files or {})})

    return make


def lines(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    return [str(p).replace(str(folder), "{pack}") for p in info.value.problems]


def warnings(pack: Pack) -> list[str]:
    assert pack.folder is not None
    return [str(w).replace(str(pack.folder), "{pack}") for w in pack.warnings]


NOT_A_TAG = "must be a language tag such as en, en-GB, es or pt-BR"

# (files laid over the two-language pack, the exact problem lines in order)
BROKEN = [
    # --- 'languages' in kiosk.yaml --------------------------------------------------------
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "languages: [en, es, en]\n"},
        [
            "{pack}/kiosk.yaml:4:21: error: 'en' is named twice in 'languages' (first at "
            "line 4, column 13); keep only one"
        ],
        id="language-named-twice",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "languages: [en, es, ES]\n"},
        [
            "{pack}/kiosk.yaml:4:21: error: 'es' is named twice in 'languages' (first at "
            "line 4, column 17); keep only one"
        ],
        id="language-named-twice-in-another-case",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "languages: []\n"},
        [
            "{pack}/kiosk.yaml:4:12: error: 'languages' is empty; list the pack's languages, "
            "the main one first, such as languages: [en, es]"
        ],
        id="languages-empty-list",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "languages:\n"},
        [
            "{pack}/kiosk.yaml:4:11: error: 'languages' is empty; list the pack's languages, "
            "the main one first, such as languages: [en, es]"
        ],
        id="languages-no-value",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "languages: en, es\n"},
        [
            "{pack}/kiosk.yaml:4:12: error: 'languages' must be a list of language tags such "
            "as [en, es, ar], not text; write languages: [en, es]"
        ],
        id="languages-not-a-list",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "languages: {en: English}\n"},
        [
            "{pack}/kiosk.yaml:4:12: error: 'languages' must be a list of language tags such "
            "as [en, es, ar], not a mapping of keys"
        ],
        id="languages-a-mapping",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "languages: [en, Spanish, es_MX, [ar]]\n"},
        [
            f"{{pack}}/kiosk.yaml:4:17: error: each of 'languages' {NOT_A_TAG}, not 'Spanish'",
            f"{{pack}}/kiosk.yaml:4:26: error: each of 'languages' {NOT_A_TAG}, not 'es_MX'; "
            "write es-MX",
            f"{{pack}}/kiosk.yaml:4:33: error: each of 'languages' {NOT_A_TAG}, not a list",
        ],
        id="languages-bad-tags",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "language: en\nlanguages: [en, es]\n"},
        [
            "{pack}/kiosk.yaml:4:11: error: 'language' and 'languages' are both given; keep "
            "'languages' (its first language is the main one) and remove 'language'"
        ],
        id="language-and-languages",
    ),
    # --- topic translations ------------------------------------------------------------------
    pytest.param(
        {"topics/c.es.yaml": ES_TOPIC},
        [
            "{pack}/topics/c.es.yaml: error: a translation of topic 'c', which does not "
            "exist; add topics/c.yaml in the main language (en), or remove this file"
        ],
        id="translation-of-no-topic",
    ),
    pytest.param(
        {"topics/side-effects.yaml": TOPIC_YAML, "topics/side-efects.es.yaml": ES_TOPIC},
        [
            "{pack}/topics/side-efects.es.yaml: error: a translation of topic 'side-efects', "
            "which does not exist; did you mean 'side-effects'? Name the file "
            "side-effects.es.yaml"
        ],
        id="translation-of-a-misspelt-topic",
    ),
    pytest.param(
        {"topics/a.fr.yaml": ES_TOPIC},
        [
            "{pack}/topics/a.fr.yaml: error: 'fr' is not one of this pack's languages [es]; "
            "add it to 'languages' in kiosk.yaml, or rename or remove this file"
        ],
        id="translation-into-a-language-not-named",
    ),
    pytest.param(
        {"topics/a.esp.yaml": ES_TOPIC},
        [
            "{pack}/topics/a.esp.yaml: error: 'esp' is not one of this pack's languages [es]; "
            "did you mean 'es'? Name the file a.es.yaml"
        ],
        id="translation-into-a-language-spelt-nearly-alike",
    ),
    pytest.param(
        {"topics/a.es-MX.yaml": ES_TOPIC},
        [
            "{pack}/topics/a.es-MX.yaml: error: 'es-MX' is not one of this pack's languages "
            "[es]; did you mean 'es'? Name the file a.es.yaml"
        ],
        id="translation-into-another-region",
    ),
    pytest.param(
        {"topics/a.old.yaml": ES_TOPIC, "topics/x.BAK.yml": ES_TOPIC},
        [
            "{pack}/topics/a.old.yaml: error: 'old' is not a known language, so this file is "
            "not a translation; move a backup copy out of topics/ (every file there is read), "
            "or name a topic of its own such as 'a-old.yaml'",
            "{pack}/topics/x.BAK.yml: error: 'bak' is not a known language, so this file is "
            "not a translation; move a backup copy out of topics/ (every file there is read), "
            "or name a topic of its own such as 'x-bak.yaml'",
        ],
        id="topic-copies-named-like-translations",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML, "kiosk.es.yaml": None, "topics/a.es.yaml": None},
        [
            "{pack}/topics/b.es.yaml: error: a translation into 'es', but kiosk.yaml names no "
            "languages; write 'languages: [en, es]' in kiosk.yaml (the main language first), "
            "or rename or remove this file",
        ],
        id="a-translation-in-a-one-language-pack",
    ),
    pytest.param(
        {
            "kiosk.yaml": PACK_YAML,
            "kiosk.es.yaml": None,
            "topics/a.es.yaml": None,
            "topics/b.es.yaml": None,
            "topics/side-effects.old.yaml": TOPIC_YAML,
        },
        [
            "{pack}/topics/side-effects.old.yaml: error: 'old' is not a known language, so "
            "this file is not a translation; move a backup copy out of topics/ (every file "
            "there is read), or name a topic of its own such as 'side-effects-old.yaml'",
        ],
        id="a-topic-copy-in-a-one-language-pack",
    ),
    pytest.param(
        {"topics/a.en.yaml": ES_TOPIC},
        [
            "{pack}/topics/a.en.yaml: error: 'en' is the pack's main language, whose text "
            "belongs in topics/a.yaml; name this file for another language or remove it"
        ],
        id="translation-into-the-main-language",
    ),
    pytest.param(
        {"topics/a.ES.yml": ES_TOPIC},
        [
            # Files are read in name order: capitals first.
            "{pack}/topics/a.es.yaml: error: duplicate translation of 'a' into 'es', also in "
            "{pack}/topics/a.ES.yml; keep only one of the two files"
        ],
        id="translation-twice-in-another-case",
    ),
    pytest.param(
        {"topics/Side Effects.es.yaml": ES_TOPIC},
        [
            "{pack}/topics/Side Effects.es.yaml: error: 'Side Effects' is not a valid topic "
            "id: name the file with a-z, 0-9 and '-' only, at most 64 characters, then the "
            "language, such as 'side-effects.es.yaml'"
        ],
        id="translation-with-a-bad-id",
    ),
    pytest.param(
        {"topics/a.es.yaml": "question: ¿P?\norder: 3\nanswer: R.\n"},
        [
            "{pack}/topics/a.es.yaml:2:1: error: 'order' is not allowed in a translation: the "
            "tiles keep the order of the main language's file; remove this line"
        ],
        id="translation-with-an-order",
    ),
    pytest.param(
        {"topics/a.es.yaml": "question: ¿P?\n"},
        ["{pack}/topics/a.es.yaml:1:1: error: missing required key 'answer'"],
        id="translation-without-an-answer",
    ),
    pytest.param(
        {"topics/a.es.yaml": f"question: {'¿' + 'p' * 160}?\nanswer: R.\nsourse: x\n"},
        [
            "{pack}/topics/a.es.yaml:1:11: error: 'question' is 162 characters long; the "
            "limit is 160: shorten it",
            "{pack}/topics/a.es.yaml:3:1: error: unknown key 'sourse'; did you mean 'source'?",
        ],
        id="translation-with-the-limits-of-a-topic",
    ),
    pytest.param(
        {
            "kiosk.yaml": PACK_YAML + "language: en\n",
            "kiosk.es.yaml": None,
        },
        [
            "{pack}/topics/a.es.yaml: error: a translation into 'es', but kiosk.yaml names no "
            "languages; write 'languages: [en, es]' in kiosk.yaml (the main language first), "
            "or rename or remove this file",
            "{pack}/topics/b.es.yaml: error: a translation into 'es', but kiosk.yaml names no "
            "languages; write 'languages: [en, es]' in kiosk.yaml (the main language first), "
            "or rename or remove this file",
        ],
        id="translations-but-no-languages",
    ),
    # --- kiosk.<lang>.yaml ---------------------------------------------------------------------
    pytest.param(
        {"kiosk.fr.yaml": "title: Clinique\n"},
        [
            "{pack}/kiosk.fr.yaml: error: 'fr' is not one of this pack's languages [es]; add "
            "it to 'languages' in kiosk.yaml, or rename or remove this file"
        ],
        id="texts-in-a-language-not-named",
    ),
    pytest.param(
        {"kiosk.ES.yaml": "title: Clínica\n"},
        [
            "{pack}/kiosk.es.yaml: error: duplicate texts for 'es', also in "
            "{pack}/kiosk.ES.yaml; keep only one of the two files"
        ],
        id="texts-twice-in-another-case",
    ),
    pytest.param(
        {"kiosk.en.yaml": "title: Clinic\nwords:\n  Home: Start\n"},
        [
            "{pack}/kiosk.en.yaml:1:8: error: 'title' in the main language belongs in "
            "kiosk.yaml; only 'words' may be given here"
        ],
        id="main-language-texts-beside-kiosk-yaml",
    ),
    pytest.param(
        {"kiosk.es.yaml": f"title: {'C' * 81}\nfooter: |\n  {'p ' * 151}\nschema: 1\n"},
        [
            "{pack}/kiosk.es.yaml:1:8: error: 'title' is 81 characters long; the limit is "
            "80: shorten it",
            "{pack}/kiosk.es.yaml:2:9: error: 'footer' is 301 characters long; the limit is "
            "300: shorten it",
            "{pack}/kiosk.es.yaml:4:1: error: unknown key 'schema'; allowed keys are: footer, "
            "link, sections, title, welcome, words",
        ],
        id="texts-with-the-limits-of-kiosk-yaml",
    ),
    # --- words -------------------------------------------------------------------------------
    pytest.param(
        {
            "kiosk.es.yaml": (
                "title: Clínica\nwords:\n"
                "  Home:\n"
                "  Keep reading: [Seguir]\n"
                "  'Yes': Sí\n"
                "  No: No\n"
                '  Back: "Atrás\\nahora"\n'
                f"  Close: {'x' * 121}\n"
                "  '': vacío\n"
            )
        },
        [
            "{pack}/kiosk.es.yaml:3:8: error: 'Home' is empty; write its value after 'Home:'",
            "{pack}/kiosk.es.yaml:4:17: error: 'Keep reading' must be one line of text, not a list",
            "{pack}/kiosk.es.yaml:6:7: error: 'No' must be text, but No reads as the yes/no "
            'value false; put it in quotes: No: "No"',
            "{pack}/kiosk.es.yaml:7:9: error: 'Back' must be one line; join the lines into one",
            "{pack}/kiosk.es.yaml:8:10: error: 'Close' is 121 characters long; the limit is "
            "120: shorten it",
            "{pack}/kiosk.es.yaml:9:3: error: a word to translate is empty; write the kiosk's "
            "English wording before the colon",
        ],
        id="words-that-are-not-one-line-of-text",
    ),
    pytest.param(
        {
            "kiosk.es.yaml": (
                "words:\n"
                "  'Source: %1': Fuente\n"
                "  'Answer: %1': Respuesta\n"
                "  'This answer is only in %1.': Solo en inglés.\n"
                "  'If not, this screen goes back to the start in %n seconds.': Vuelve pronto.\n"
                "  'Sorce: %1': Fuente\n"
                "  'Back in %n s': Atrás en 5 s\n"
                "  'Source: %1 (%n)': '%n'\n"
            )
        },
        [
            "{pack}/kiosk.es.yaml:2:17: error: 'Source: %1' must keep %1 (where the source "
            "goes) in its translation",
            "{pack}/kiosk.es.yaml:3:17: error: 'Answer: %1' must keep %1 (where the question "
            "goes) in its translation",
            "{pack}/kiosk.es.yaml:4:33: error: 'This answer is only in %1.' must keep %1 "
            "(where the language's name goes) in its translation",
            "{pack}/kiosk.es.yaml:5:64: error: 'If not, this screen goes back to the start in "
            "%n seconds.' must keep %n (where the number of seconds goes) in its translation",
            # Wording the kiosk does not have: the same rule, in general terms.
            "{pack}/kiosk.es.yaml:6:16: error: 'Sorce: %1' must keep %1 (where the kiosk puts "
            "the text) in its translation",
            "{pack}/kiosk.es.yaml:7:19: error: 'Back in %n s' must keep %n (where the kiosk "
            "puts the number) in its translation",
            "{pack}/kiosk.es.yaml:8:22: error: 'Source: %1 (%n)' must keep %1 (where the kiosk "
            "puts the text) in its translation",
        ],
        id="words-that-lose-a-placeholder",
    ),
    pytest.param(
        {"kiosk.es.yaml": "words: Inicio\n"},
        [
            "{pack}/kiosk.es.yaml:1:8: error: 'words' must be a mapping of the kiosk's words "
            "to their translation, one per line, not text"
        ],
        id="words-not-a-mapping",
    ),
]


@pytest.mark.parametrize(("files", "expected"), BROKEN)
def test_broken_translations_report_exact_problems(
    new_pack: NewPack,
    files: dict[str, str | None],
    expected: list[str],
) -> None:
    assert lines(new_pack(files)) == expected


# --- packs that load ------------------------------------------------------------------------


def test_a_two_language_pack_loads_every_translation(new_pack: NewPack) -> None:
    pack = load_pack(new_pack())
    assert (pack.language, pack.languages, pack.main_language) == ("en", ("en", "es"), "en")
    assert pack.warnings == ()
    assert [(t.id, t.language, t.order) for t in pack.topics] == [("b", "en", 1), ("a", "en", 2)]
    [(language, translation)] = pack.translations.items()
    assert language == "es"
    assert (translation.title, translation.welcome, translation.footer) == (
        "Clínica",
        "Toque una pregunta.",
        None,
    )
    # In tile order, each in Spanish, with the main topic's order.
    assert [(t.id, t.language, t.order) for t in translation.topics.values()] == [
        ("b", "es", 1),
        ("a", "es", 2),
    ]
    spanish = translation.topics["a"]
    assert (spanish.question, spanish.answer, spanish.source) == (
        "¿P?",
        (Paragraph("R."),),
        "Traducción de la clínica.",
    )
    assert spanish.answer_place is not None
    assert spanish.answer_place.path == str(pack.folder / "topics" / "a.es.yaml")
    view = pack.in_language("es")
    assert (view.title, view.language, [t.language for t in view.topics]) == (
        "Clínica",
        "es",
        ["es", "es"],
    )


def test_a_tag_in_a_file_name_is_read_in_any_case(new_pack: NewPack) -> None:
    folder = new_pack({"topics/a.es.yaml": None, "topics/a.ES.yaml": ES_TOPIC})
    assert load_pack(folder).translations["es"].topics["a"].language == "es"


def test_main_topics_are_in_the_main_language(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "pack",
        {"kiosk.yaml": PACK_YAML + "languages: [pt-BR, en]\n", "topics/a.yaml": TOPIC_YAML},
    )
    pack = load_pack(folder)
    assert (pack.language, pack.topic("a").language) == ("pt-BR", "pt-BR")


def test_missing_translations_are_warnings_at_the_main_file(new_pack: NewPack) -> None:
    pack = load_pack(
        new_pack(
            {
                "kiosk.yaml": PACK_YAML + "footer: Ask us.\nlanguages: [en, es, ar]\n",
                "topics/b.es.yaml": None,
            }
        )
    )
    assert warnings(pack) == [
        "{pack}/kiosk.ar.yaml: warning: file not found: the pack's 'title', 'welcome' and "
        "'footer' show in en to patients who choose ar; create this file with their ar text",
        "{pack}/kiosk.es.yaml: warning: no 'footer' in es: patients who choose es see the en "
        "text; add it here",
        "{pack}/topics/a.yaml: warning: not translated into ar: patients who choose ar read "
        "this topic in en; add topics/a.ar.yaml",
        "{pack}/topics/b.yaml: warning: not translated into es: patients who choose es read "
        "this topic in en; add topics/b.es.yaml",
        "{pack}/topics/b.yaml: warning: not translated into ar: patients who choose ar read "
        "this topic in en; add topics/b.ar.yaml",
    ]
    assert set(pack.translations) == {"es", "ar"}
    assert list(pack.translations["es"].topics) == ["a"]
    assert pack.translations["ar"].topics == {}
    assert pack.in_language("ar").language == "ar"


def test_words_are_kept_by_language(new_pack: NewPack) -> None:
    pack = load_pack(
        new_pack(
            {
                "kiosk.es.yaml": "title: Clínica\nwelcome: Hola.\nwords:\n  Home: Inicio\n"
                "  Keep reading: 'Seguir leyendo'\n",
                "kiosk.en.yaml": "words:\n  Home: Start\n",
            }
        )
    )
    assert {lang: dict(words) for lang, words in pack.words.items()} == {
        "en": {"Home": "Start"},
        "es": {"Home": "Inicio", "Keep reading": "Seguir leyendo"},
    }


def test_words_for_the_main_language_of_a_one_language_pack(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "pack",
        {
            "kiosk.yaml": PACK_YAML + "language: de\n",
            "kiosk.de.yaml": "words:\n  Home: Start\n",
            "topics/a.yaml": TOPIC_YAML,
        },
    )
    pack = load_pack(folder)
    assert (pack.languages, dict(pack.words["de"]), pack.warnings) == ((), {"Home": "Start"}, ())


KNOWN = ("Home", "Keep reading", "Back")


def test_known_words_warn_of_a_word_the_kiosk_does_not_show(new_pack: NewPack) -> None:
    folder = new_pack(
        {"kiosk.es.yaml": "title: C\nwelcome: W\nwords:\n  Hom: Inicio\n  Exit now: Salir\n"}
    )
    pack = load_pack(folder, known_words=KNOWN)
    assert [str(p).replace(str(folder), "{pack}") for p in pack.warnings] == [
        "{pack}/kiosk.es.yaml:4:3: warning: 'Hom' is not one of the kiosk's words; did you "
        "mean 'Home'?",
        "{pack}/kiosk.es.yaml:5:3: warning: 'Exit now' is not one of the kiosk's words; write "
        "the wording exactly as the kiosk shows it in English",
    ]
    assert load_pack(folder).warnings == ()  # unchecked without the list


def test_a_stray_language_file_in_a_one_language_pack_is_ignored_with_a_warning(
    tmp_path: Path,
) -> None:
    """Before 'languages', kiosk.<x>.yaml was never read: such a pack still loads."""
    folder = write(
        tmp_path / "pack",
        {
            "kiosk.yaml": PACK_YAML,
            "kiosk.fr.yaml": "title: Clinique\n",
            "kiosk.old.yaml": "schema: 1\ntitle: The old title\n",
            "topics/a.yaml": TOPIC_YAML,
        },
    )
    pack = load_pack(folder)
    assert (pack.title, pack.translations, pack.words) == ("Clinic", {}, {})
    assert warnings(pack) == [
        "{pack}/kiosk.fr.yaml: warning: ignored: kiosk.yaml names no languages; to give the "
        "pack's texts in another language, list them in kiosk.yaml, such as 'languages: "
        "[en, fr]'",
        "{pack}/kiosk.old.yaml: warning: ignored: 'old' is not a known language, so this file "
        "is not the pack's texts in one; such a file is named for its language, such as "
        "kiosk.es.yaml",
    ]


def make_entry(folder: Path, name: str, kind: str) -> None:
    """A folder, a named pipe, a broken link or a link loop called ``name``."""
    path = folder / name
    if kind == "folder":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)  # reading it would block forever
    elif kind == "broken link":
        path.symlink_to(folder / "nowhere.yaml")
    else:
        path.symlink_to(name)


NOT_READ_AS_TEXTS = "file not found: the pack's 'title' and 'welcome' show in en to patients"
ES_NOT_READ = f"{NOT_READ_AS_TEXTS} who choose es; create this file with their es text"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        (
            "kiosk.es.yaml",
            "folder",
            "ignored: a folder, not a file; the pack's texts in a language are a file of this name",
        ),
        (
            "kiosk.es.yaml",
            "pipe",
            "ignored: not a regular file (a broken link, a pipe or a device)",
        ),
        (
            "kiosk.es.yaml",
            "broken link",
            "ignored: not a regular file (a broken link, a pipe or a device)",
        ),
        (
            "kiosk.es.yaml",
            "link loop",
            "ignored: a symbolic link that leads back to itself (a link loop); point it at the "
            "pack's texts in this language or remove it",
        ),
    ],
)
def test_a_pack_text_name_that_is_no_file_is_ignored_with_a_warning(
    new_pack: NewPack, name: str, kind: str, expected: str
) -> None:
    """As in topics/: the pack still loads, its texts in the main language."""
    folder = new_pack({"kiosk.es.yaml": None})
    make_entry(folder, name, kind)
    pack = load_pack(folder)
    assert pack.translations["es"].title is None
    assert warnings(pack) == [
        f"{{pack}}/{name}: warning: {expected}",
        f"{{pack}}/kiosk.es.yaml: warning: {ES_NOT_READ}",
    ]


def test_a_broken_link_for_a_language_the_pack_lacks_is_only_ignored(new_pack: NewPack) -> None:
    folder = new_pack()
    make_entry(folder, "kiosk.fr.yaml", "broken link")
    assert warnings(load_pack(folder)) == [
        "{pack}/kiosk.fr.yaml: warning: ignored: not a regular file (a broken link, a pipe or a "
        "device)"
    ]


# (files laid over the two-language pack, the exact warnings): names the
# loader does not read as the pack's texts, said so rather than passed over.
NOT_READ = [
    pytest.param("Kiosk.es.yaml", "ignored: name it kiosk.es.yaml", id="capital-k"),
    pytest.param("KIOSK.ES.YAML", "ignored: name it kiosk.es.yaml", id="all-capitals"),
    pytest.param("kiosk.es.YAML", "ignored: name it kiosk.es.yaml", id="extension-in-capitals"),
    pytest.param("kiosk.es.Yml", "ignored: name it kiosk.es.yaml", id="yml-in-capitals"),
    pytest.param("kiosk_es.yaml", "ignored: name it kiosk.es.yaml", id="underscore"),
    pytest.param("kiosk-es-mx.yaml", "ignored: name it kiosk.es-MX.yaml", id="dashes"),
    pytest.param("kiosk.es_MX.yaml", "ignored: name it kiosk.es-MX.yaml", id="posix-locale"),
    pytest.param(
        "kiosk.old.yaml",
        "ignored: 'old' is not a known language, so this file is not the pack's texts in "
        "one; such a file is named for its language, such as kiosk.es.yaml",
        id="a-copy-of-kiosk-yaml",
    ),
    pytest.param(
        "kiosk.e_s.yaml",
        "ignored: 'e_s' is not a known language, so this file is not the pack's texts in "
        "one; such a file is named for its language, such as kiosk.es.yaml",
        id="not-a-tag",
    ),
]


@pytest.mark.parametrize(("name", "expected"), NOT_READ)
def test_a_name_close_to_a_pack_text_file_is_ignored_with_a_warning(
    new_pack: NewPack, name: str, expected: str
) -> None:
    pack = load_pack(new_pack({name: "title: Otra\nwelcome: Otra.\n"}))
    assert pack.translations["es"].title == "Clínica"  # from kiosk.es.yaml alone
    assert warnings(pack) == [f"{{pack}}/{name}: warning: {expected}"]


@pytest.mark.parametrize("name", ["kiosk.es.yml", "kiosk.ES.yaml", "kiosk.Es.yml"])
def test_pack_texts_are_read_from_any_case_of_tag_and_from_yml(
    new_pack: NewPack, name: str
) -> None:
    folder = new_pack({"kiosk.es.yaml": None, name: "title: Clínica\nwords:\n  Home: Inicio\n"})
    pack = load_pack(folder)
    assert (pack.translations["es"].title, dict(pack.words["es"])) == (
        "Clínica",
        {"Home": "Inicio"},
    )
    assert pack.text_files == {"es": str(folder / name)}
    assert pack.in_language("es").text_files == pack.text_files


def test_a_one_language_pack_loads_as_before(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "pack", {"kiosk.yaml": PACK_YAML + "language: es\n", "topics/a.yaml": TOPIC_YAML}
    )
    pack = load_pack(folder)
    assert (pack.language, pack.languages, pack.translations, pack.words) == ("es", (), {}, {})
    assert pack.all_languages == ("es",)
    assert pack.topic("a").language == "es"


# --- names and coverage -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stem", "split"),
    [
        ("side-effects.es", ("side-effects", "es")),
        ("a.ES", ("a", "es")),
        ("a.pt-br", ("a", "pt-BR")),
        ("a.zh-hant-tw", ("a", "zh-Hant-TW")),
        ("side-effects", None),  # a main-language topic
        ("v1.2", None),  # no tag after the dot: read as a (bad) topic id
        ("a.es_MX", None),
        ("Opening Hours.es", ("Opening Hours", "es")),  # a translation with a bad id
    ],
)
def test_a_file_name_splits_into_topic_and_language(
    stem: str, split: tuple[str, str] | None
) -> None:
    assert split_translation_stem(stem) == split


def test_coverage_lists_the_missing_topics_in_tile_order(tmp_path: Path) -> None:
    files: dict[str, str | None] = {"kiosk.yaml": PACK_YAML + "languages: [en, es, ar]\n"}
    for topic_id, order in (("c", 1), ("a", 2), ("b", 3)):
        files[f"topics/{topic_id}.yaml"] = f"question: Q?\norder: {order}\nanswer: A.\n"
        files[f"topics/{topic_id}.es.yaml"] = ES_TOPIC
    files["topics/a.ar.yaml"] = "question: س؟\nanswer: ج.\n"
    pack = load_pack(write(tmp_path / "pack", files))
    assert coverage(pack) == (
        Coverage("es", 3, 3, ()),
        Coverage("ar", 1, 3, ("c", "b")),
    )
    assert [str(c) for c in coverage(pack.in_language("ar"))] == [
        "es: 3 of 3 topics",
        "ar: 1 of 3 topics; missing: c, b",
    ]
