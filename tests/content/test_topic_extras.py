"""The optional keys a topic and kiosk.yaml may give beyond the text: a
picture, a take-home link, a section and a review date, as the model holds
them in every language."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from kiosk.content import ContentError, load_pack
from kiosk.content.model import Section

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>'
)
PACK = {
    "kiosk.yaml": (
        "schema: 1\ntitle: Clinic\nlanguages: [en, es]\nlink: https://clinic.example/\n"
        "review_every: 24\nsections:\n  tms: About TMS\n  recovery: Recovery\n"
    ),
    "kiosk.es.yaml": (
        "title: Clínica\nlink: https://clinic.example/es/\nsections:\n  tms: Sobre la EMT\n"
    ),
    "topics/a.yaml": (
        "question: A?\nanswer: A.\nimage: pictures/a.svg\nimage_alt: A coil\n"
        "link: https://clinic.example/a\nsection: tms\nreviewed: 2026-10-01\n"
    ),
    "topics/a.es.yaml": "question: ¿A?\nanswer: A.\nimage_alt: Una bobina\n",
    "topics/b.yaml": "question: B?\nanswer: B.\nsection: recovery\n",
}


def write(folder: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (folder / "pictures").mkdir(exist_ok=True)
    (folder / "pictures" / "a.svg").write_bytes(SVG)
    return folder


def test_the_main_language_holds_every_key(tmp_path: Path) -> None:
    pack = load_pack(write(tmp_path / "pack", PACK))
    a = pack.topic("a")
    assert a.image is not None
    assert (a.image.file, a.image.format, a.image.data, a.image.alt) == (
        "pictures/a.svg",
        "svg",
        SVG,
        "A coil",
    )
    assert a.link == "https://clinic.example/a"
    assert a.section == "tms"
    assert a.reviewed == datetime.date(2026, 10, 1)
    assert a.places["reviewed"].line == 7
    assert pack.link == "https://clinic.example/"
    assert pack.review_every == 24
    assert pack.sections == (Section("tms", "About TMS"), Section("recovery", "Recovery"))
    assert [t.id for t in pack.section_topics("recovery")] == ["b"]


def test_a_translation_keeps_the_main_picture_section_and_date(tmp_path: Path) -> None:
    spanish = load_pack(write(tmp_path / "pack", PACK)).in_language("es")
    a = spanish.topic("a")
    assert a.image is not None
    assert (a.image.file, a.image.alt) == ("pictures/a.svg", "Una bobina")
    assert (a.link, a.section, a.reviewed) == (
        "https://clinic.example/a",
        "tms",
        datetime.date(2026, 10, 1),
    )
    assert spanish.link == "https://clinic.example/es/"
    # 'recovery' has no Spanish title: it keeps the main one.
    assert spanish.sections == (Section("tms", "Sobre la EMT"), Section("recovery", "Recovery"))


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        (
            "image: pictures/a.svg",
            "every language shows the main language's picture; give 'image_alt' here",
        ),
        ("section: tms", "every language keeps the main language's section"),
        ("reviewed: 2026-10-01", "the review date is the main language's file's"),
    ],
)
def test_a_translation_may_not_give_what_the_main_file_decides(
    tmp_path: Path, key: str, reason: str
) -> None:
    files = {
        **PACK,
        "topics/a.es.yaml": f"question: ¿A?\nanswer: A.\nimage_alt: Una bobina\n{key}\n",
    }
    folder = write(tmp_path / "pack", files)
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    assert [str(p).replace(str(folder), "{pack}") for p in info.value.problems] == [
        f"{{pack}}/topics/a.es.yaml:4:1: error: '{key.partition(':')[0]}' is not allowed in a "
        f"translation: {reason}; remove this line"
    ]


def test_tile_order_goes_section_by_section(tmp_path: Path) -> None:
    """The order a patient meets the tiles, which the review table and the
    proof follow: kiosk.yaml lists 'tms' first, so 'a' comes before 'b'
    whatever their own order."""
    files = {
        **PACK,
        "topics/a.yaml": PACK["topics/a.yaml"] + "order: 2\n",
        "topics/b.yaml": PACK["topics/b.yaml"] + "order: 1\n",
        "topics/c.yaml": "question: C?\nanswer: C.\nsection: tms\norder: 3\n",
    }
    pack = load_pack(write(tmp_path / "pack", files))
    assert [t.id for t in pack.topics] == ["b", "a", "c"]
    assert [t.id for t in pack.tile_order] == ["a", "c", "b"]
    assert [t.id for t in pack.in_language("es").tile_order] == ["a", "c", "b"]


def _warnings(folder: Path) -> list[str]:
    """The warnings at the translations of topics."""
    found = [str(w).replace(str(folder), "{pack}") for w in load_pack(folder).warnings]
    return [w for w in found if w.startswith("{pack}/topics/") and ".es.yaml:" in w]


def test_a_translation_of_a_pictured_topic_without_a_description_is_warned(
    tmp_path: Path,
) -> None:
    """A screen reader would say the English description to a Spanish reader."""
    folder = write(tmp_path / "pack", {**PACK, "topics/a.es.yaml": "question: ¿A?\nanswer: A.\n"})
    assert _warnings(folder) == [
        "{pack}/topics/a.es.yaml:1:11: warning: no 'image_alt' in es: screen readers "
        "describe the picture in en; add 'image_alt: ...' saying in es what it shows"
    ]


def test_a_description_in_a_translation_of_a_topic_without_a_picture_is_warned(
    tmp_path: Path,
) -> None:
    files = {**PACK, "topics/b.es.yaml": "question: ¿B?\nanswer: B.\nimage_alt: Una bobina\n"}
    assert _warnings(write(tmp_path / "pack", files)) == [
        "{pack}/topics/b.es.yaml:3:12: warning: 'image_alt' without a picture: "
        "{pack}/topics/b.yaml has no 'image'; add the picture there as 'image: ...' or "
        "remove this line"
    ]


def test_a_refused_image_value_is_not_also_said_to_be_missing(tmp_path: Path) -> None:
    files = {
        **PACK,
        "topics/b.yaml": "question: B?\nanswer: B.\nimage: [a.svg]\nimage_alt: B\nsection: tms\n",
    }
    folder = write(tmp_path / "pack", files)
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    assert [p.message for p in info.value.problems if p.path.endswith("b.yaml")] == [
        "'image' must be a file path, not a list"
    ]
