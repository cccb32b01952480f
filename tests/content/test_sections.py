"""Sections: kiosk.yaml's ordered 'sections', a topic's 'section', their titles
in each language, and the checks between them.

Each problem line is part of the contract with the admin who edits the pack:
the exact wording is asserted, as in test_loader.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from kiosk.content import ContentError, Pack, load_pack
from kiosk.content.model import Section
from kiosk.content.texts import pack_texts

PACK_YAML = "schema: 1\ntitle: Clinic\nlanguages: [en, es]\n"
SECTIONS = "sections:\n  tms: About TMS\n  recovery: Recovery\n"
# A complete pack in English and Spanish, in two sections of one topic each.
SECTIONED: dict[str, str | None] = {
    "kiosk.yaml": PACK_YAML + SECTIONS,
    "kiosk.es.yaml": "title: Clínica\nsections:\n  tms: Sobre la EMT\n  recovery: Recuperación\n",
    "topics/a.yaml": "question: A?\nanswer: A.\nsection: tms\n",
    "topics/b.yaml": "question: B?\nanswer: B.\nsection: recovery\n",
    "topics/a.es.yaml": "question: ¿A?\nanswer: A.\n",
    "topics/b.es.yaml": "question: ¿B?\nanswer: B.\n",
}


def write(folder: Path, files: Mapping[str, str | None]) -> Path:
    for relative, text in files.items():
        if text is None:
            continue
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder


def errors(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    return [str(p).replace(str(folder), "{pack}") for p in info.value.problems]


def warnings(pack: Pack) -> list[str]:
    assert pack.folder is not None
    return [str(w).replace(str(pack.folder), "{pack}") for w in pack.warnings]


def test_a_sectioned_pack_loads_in_order_in_every_language(tmp_path: Path) -> None:
    pack = load_pack(write(tmp_path / "pack", SECTIONED))
    assert pack.warnings == ()
    assert pack.sections == (Section("tms", "About TMS"), Section("recovery", "Recovery"))
    assert [t.id for t in pack.section_topics("tms")] == ["a"]
    spanish = pack.in_language("es")
    assert [s.title for s in spanish.sections] == ["Sobre la EMT", "Recuperación"]
    assert [t.question for t in spanish.section_topics("recovery")] == ["¿B?"]


# (files laid over the sectioned pack, the exact problem lines in order)
BROKEN = [
    pytest.param(
        {"topics/a.yaml": "question: A?\nanswer: A.\nsection: tsm\n"},
        [
            "{pack}/topics/a.yaml:3:10: error: 'tsm' is not one of the sections listed in "
            "kiosk.yaml; did you mean 'tms'? (or add it to 'sections' there)"
        ],
        id="section-not-listed-close",
    ),
    pytest.param(
        {"topics/a.yaml": "question: A?\nanswer: A.\nsection: parking\n"},
        [
            "{pack}/topics/a.yaml:3:10: error: 'parking' is not one of the sections listed "
            "in kiosk.yaml; use one of 'tms', 'recovery' (or add it to 'sections' there)"
        ],
        id="section-not-listed",
    ),
    pytest.param(
        {"topics/a.yaml": "question: A?\nanswer: A.\n"},
        [
            "{pack}/topics/a.yaml: error: no 'section': this pack has sections, and a topic "
            "outside them could not be found from the home screen; add 'section: ' and one "
            "of 'tms', 'recovery'"
        ],
        id="topic-without-section",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + SECTIONS + "  tms: Again\n"},
        ["{pack}/kiosk.yaml:7:3: error: duplicate key 'tms' (first used at line 5); keep only one"],
        id="section-listed-twice",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + SECTIONS + "  After stroke: After a stroke\n"},
        [
            "{pack}/kiosk.yaml:7:3: error: 'After stroke' is not a valid section id: use a-z, "
            "0-9 and '-' only, at most 64 characters, such as 'after-a-stroke'"
        ],
        id="section-id-not-valid",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "sections:\n  tms: ''\n  recovery: Recovery\n"},
        ["{pack}/kiosk.yaml:5:8: error: 'tms' is empty; write its value after 'tms:'"],
        id="section-title-empty",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + f"sections:\n  tms: {'T' * 81}\n  recovery: Recovery\n"},
        ["{pack}/kiosk.yaml:5:8: error: 'tms' is 81 characters long; the limit is 80: shorten it"],
        id="section-title-too-long",
    ),
    pytest.param(
        {
            "kiosk.yaml": PACK_YAML
            + "sections:\n  tms: |\n    About\n    TMS\n  recovery: Recovery\n"
        },
        ["{pack}/kiosk.yaml:5:8: error: 'tms' must be one line; join the lines into one"],
        id="section-title-two-lines",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "sections:\n  tms: About \u202eTMS\n  recovery: Recovery\n"},
        [
            "{pack}/kiosk.yaml:5:14: error: U+202E RIGHT-TO-LEFT OVERRIDE is not allowed: it "
            "makes the text read differently from what the file shows; delete it (where a "
            "direction mark is needed, use U+200F RIGHT-TO-LEFT MARK)"
        ],
        id="section-title-direction-override",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "sections: [tms, recovery]\n"},
        [
            "{pack}/kiosk.yaml:4:11: error: 'sections' must be a mapping of section ids to "
            "their titles, one per line, not a list"
        ],
        id="sections-a-list",
    ),
    pytest.param(
        {"kiosk.es.yaml": "title: Clínica\nsections:\n  tms: Sobre la EMT\n  recovry: R\n"},
        [
            "{pack}/kiosk.es.yaml:4:3: error: 'recovry' is not a section of kiosk.yaml; "
            "did you mean 'recovery'?"
        ],
        id="translated-section-not-listed",
    ),
    pytest.param(
        {"kiosk.es.yaml": "title: Clínica\nsections:\n  parking: Aparcamiento\n"},
        [
            "{pack}/kiosk.es.yaml:3:3: error: 'parking' is not a section of kiosk.yaml; "
            "kiosk.yaml lists 'tms', 'recovery'; remove this line or add the section there"
        ],
        id="translated-section-unknown",
    ),
    pytest.param(
        {
            "kiosk.yaml": PACK_YAML,
            "topics/a.yaml": "question: A?\nanswer: A.\n",
            "topics/b.yaml": "question: B?\nanswer: B.\n",
            "kiosk.es.yaml": "title: Clínica\nsections:\n  tms: Sobre la EMT\n",
        },
        [
            "{pack}/kiosk.es.yaml:3:3: error: 'tms' is not a section of kiosk.yaml; "
            "kiosk.yaml has no 'sections'; list them there first, or remove this line"
        ],
        id="translated-sections-without-sections",
    ),
    pytest.param(
        {"kiosk.en.yaml": "sections:\n  tms: About TMS\n"},
        [
            "{pack}/kiosk.en.yaml:2:3: error: 'sections' in the main language belongs in "
            "kiosk.yaml; only 'words' may be given here"
        ],
        id="sections-in-the-main-language-file",
    ),
]


@pytest.mark.parametrize(("files", "expected"), BROKEN)
def test_broken_sections_are_located_errors(
    tmp_path: Path, files: dict[str, str | None], expected: list[str]
) -> None:
    assert errors(write(tmp_path / "pack", {**SECTIONED, **files})) == expected


# (files laid over the sectioned pack, the exact warnings, the sections shown)
WARNED = [
    pytest.param(
        {"kiosk.yaml": PACK_YAML + SECTIONS + "  parking: Parking\n"},
        [
            "{pack}/kiosk.yaml:7:3: warning: section 'parking' has no topics, so it is not "
            "shown; give a topic 'section: parking', or remove this line"
        ],
        ("tms", "recovery"),
        id="section-without-topics",
    ),
    pytest.param(
        {
            "kiosk.yaml": PACK_YAML,
            "kiosk.es.yaml": "title: Clínica\n",
        },
        [
            "{pack}/topics/a.yaml:3:10: warning: ignored: 'section' names 'tms', but "
            "kiosk.yaml has no 'sections'; list the sections there (such as 'sections:' then "
            "'  tms: Its title'), or remove this line",
            "{pack}/topics/b.yaml:3:10: warning: ignored: 'section' names 'recovery', but "
            "kiosk.yaml has no 'sections'; list the sections there (such as 'sections:' then "
            "'  recovery: Its title'), or remove this line",
        ],
        (),
        id="section-without-sections",
    ),
    pytest.param(
        {
            "kiosk.yaml": PACK_YAML + "sections: {}\n",
            "kiosk.es.yaml": "title: Clínica\n",
        },
        [
            "{pack}/kiosk.yaml:4:11: warning: ignored: 'sections' lists no sections; list "
            "them one per line as 'id: title' (such as 'tms: About TMS'), or remove 'sections'"
        ],
        (),
        id="sections-empty",
    ),
    pytest.param(
        {"kiosk.es.yaml": "title: Clínica\nsections:\n  tms: Sobre la EMT\n"},
        [
            "{pack}/kiosk.es.yaml: warning: no es title for section 'recovery': patients who "
            "choose es see the section's title in en; add under 'sections:' here "
            "'recovery: ' and its es title"
        ],
        ("tms", "recovery"),
        id="translated-title-missing",
    ),
    pytest.param(
        {"kiosk.es.yaml": None},
        [
            "{pack}/kiosk.es.yaml: warning: file not found: the pack's 'title' show in en to "
            "patients who choose es; create this file with their es text",
            "{pack}/kiosk.es.yaml: warning: no es title for section 'tms', 'recovery': "
            "patients who choose es see the sections' titles in en; add under 'sections:' "
            "here 'tms: ' and its es title",
        ],
        ("tms", "recovery"),
        id="translated-titles-file-missing",
    ),
]


@pytest.mark.parametrize(("files", "expected", "shown"), WARNED)
def test_questionable_sections_are_located_warnings(
    tmp_path: Path, files: dict[str, str | None], expected: list[str], shown: tuple[str, ...]
) -> None:
    pack = load_pack(write(tmp_path / "pack", {**SECTIONED, **files}))
    assert warnings(pack) == expected
    assert tuple(s.id for s in pack.sections) == shown


def test_an_empty_sections_key_is_ignored_with_a_warning(tmp_path: Path) -> None:
    files = {**SECTIONED, "kiosk.yaml": PACK_YAML + "sections:\n", "kiosk.es.yaml": "title: C\n"}
    pack = load_pack(write(tmp_path / "pack", files))
    assert pack.sections == ()
    assert warnings(pack)[0].startswith("{pack}/kiosk.yaml:4:")


def test_section_titles_are_among_the_texts_kiosk_check_looks_at(tmp_path: Path) -> None:
    pack = load_pack(write(tmp_path / "pack", SECTIONED))
    found = {(Path(t.path).name, t.keys, t.text) for t in pack_texts(pack)}
    assert ("kiosk.yaml", ("sections", "tms"), "About TMS") in found
    assert ("kiosk.es.yaml", ("sections", "recovery"), "Recuperación") in found
