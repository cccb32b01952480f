"""`kiosk proof`: the PDF is read back with an independent reader (pypdf): its
pages, and the text on each, as a clinician's PDF viewer would find it."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

import kiosk.cli
import kiosk.proof.pdf
from kiosk.cli import main

TODAY = dt.date(2026, 12, 3)

PACK = {
    "kiosk.yaml": "schema: 1\ntitle: Riverside stroke clinic\nlanguages: [en, es, ar]\n",
    "kiosk.es.yaml": "title: Clínica del ictus\n",
    "kiosk.ar.yaml": "title: عيادة السكتة الدماغية\n",
    "topics/parking.yaml": (
        "question: Where can I park?\norder: 1\nanswer: You can park at the back.\n"
        "source: Riverside estates office, 2026\nlink: https://clinic.example/parking\n"
        "reviewed: 2026-10-01\n"
    ),
    "topics/parking.es.yaml": (
        "question: ¿Dónde puedo aparcar?\nanswer: Puede aparcar detrás de la clínica.\n"
    ),
    "topics/parking.ar.yaml": "question: أين يمكنني ركن السيارة؟\nanswer: يمكنك الركن في الخلف.\n",
    "topics/bring.yaml": (
        "question: What should I bring?\norder: 2\nanswer: |\n"
        "  Bring a list of your questions.\n\n  - Your medicines\n  - Your glasses\n"
        "reviewed: 2022-05-31\n"
    ),
    "topics/bring.es.yaml": "question: ¿Qué debo traer?\nanswer: Traiga sus preguntas.\n",
}


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    monkeypatch.setattr(kiosk.cli, "_today", lambda: TODAY)
    return TODAY


def write(folder: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder


def page_texts(pdf: Path) -> list[str]:
    """Each page's text, its runs of spaces, tabs and line breaks made one space."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages]


def test_a_cover_then_a_page_per_topic_in_each_language(qapp, tmp_path, capsys):
    pack = write(tmp_path / "pack", PACK)
    out = tmp_path / "proof.pdf"
    assert main(["proof", "--content", str(pack), "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote the proof (6 pages) to {out}\n"
    pages = page_texts(out)
    # parking in en, es and ar; bring in en and es (it has no Arabic: Arabic
    # readers see the English page's text).
    assert len(pages) == 1 + 3 + 2
    cover = pages[0]
    for expected in (
        "Sign-off proof: Riverside stroke clinic",
        "Made on 2026-12-03",
        f"Content folder {pack}",
        "Topics 2",
        "es: 2 of 2 topics",
        "ar: 1 of 2 topics; missing: bring",
        "Texts 5 topic texts",
        "Length 6 pages, this cover included",
        "Review 1 of 2 topics overdue",
        "kiosk check: OK: 2 topics, 2 warnings",
        f"{pack}/topics/bring.yaml: warning: not translated into ar",
        f"{pack}/topics/bring.yaml:8:11: warning: review overdue: it was due on 2025-05-31",
        "Reviewed by (name)",
        "Signature",
        "page 1 of 6",
    ):
        assert expected in cover, expected
    topics = pages[1:]
    for number, (topic_id, question) in enumerate(
        [
            ("parking", "Where can I park?"),
            ("parking", "¿Dónde puedo aparcar?"),
            # Arabic is drawn shaped (see the README), but Qt's PDF writer maps
            # some shaped letters back to the wrong characters: not searched for.
            ("parking", None),
            ("bring", "What should I bring?"),
            ("bring", "¿Qué debo traer?"),
        ],
        start=2,
    ):
        text = topics[number - 2]
        assert f"Topic {topic_id} " in text, number
        if question is not None:
            assert f"Question {question}" in text, number
        assert f"page {number} of 6" in text
    english = topics[0]
    for expected in (
        "Language English (en)",
        f"File {pack}/topics/parking.yaml",
        "Source Riverside estates office, 2026",
        "Link https://clinic.example/parking",
        "Reviewed 2026-10-01",
        "Due 2029-10-01 (every 36 months)",
        "Review status ok",
        "Words 6",
        # The answer screen's own words, drawn as text:
        "You can park at the back.",
        "Home",
    ):
        assert expected in english, expected
    assert "Back" not in english  # no sections: Home alone leads away
    assert "Reading score grade" in english
    spanish = topics[1]
    assert f"File {pack}/topics/parking.es.yaml" in spanish
    assert "Puede aparcar detrás de la clínica." in spanish
    assert "on the INFLESZ scale" in spanish
    arabic = topics[2]
    assert f"File {pack}/topics/parking.ar.yaml" in arabic
    assert "Reading score not computed for ar" in arabic
    assert "Review status overdue by 551 days" in topics[3]


def test_an_invalid_pack_gets_its_errors_and_no_pdf(qapp, tmp_path, capsys):
    pack = write(
        tmp_path / "pack",
        {
            **PACK,
            "topics/bring.yaml": PACK["topics/bring.yaml"].replace("2022-05-31", "2099-01-01"),
        },
    )
    out = tmp_path / "proof.pdf"
    out.write_bytes(b"the last good proof")
    assert main(["proof", "--content", str(pack), "--out", str(out)]) == 1
    assert capsys.readouterr() == (
        "",
        f"{pack}/topics/bring.yaml:8:11: error: 'reviewed' is 2099-01-01, after today "
        "(2026-12-03); write the day a clinician last checked this topic, today or earlier\n"
        "1 error; the pack cannot be shown until they are fixed.\n",
    )
    assert out.read_bytes() == b"the last good proof"


def test_a_proof_that_cannot_be_written_says_so_and_leaves_nothing(qapp, tmp_path, capsys):
    pack = write(tmp_path / "pack", PACK)
    out = tmp_path / "no-such-folder" / "proof.pdf"
    assert main(["proof", "--content", str(pack), "--out", str(out)]) == 1
    assert capsys.readouterr().err.endswith(
        f"\nkiosk proof: cannot write {out}: No such file or directory\n"
    )
    assert not out.parent.exists()


def test_the_file_must_be_named_pdf(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["proof", "--out", str(tmp_path / "proof.png")])
    assert exit_info.value.code == 2
    assert "the proof's name must end in .pdf, not" in capsys.readouterr().err


def test_the_proof_replaces_an_earlier_one_in_one_step(qapp, tmp_path):
    pack = write(tmp_path / "pack", PACK)
    out = tmp_path / "proof.pdf"
    out.write_bytes(b"an earlier proof")
    assert main(["proof", "--content", str(pack), "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file


def test_a_long_answer_goes_on_over_the_next_pages(qapp, tmp_path, capsys):
    paragraphs = [f"Paragraph {n} says one short thing about the clinic." for n in range(60)]
    answer = "".join(f"  {p}\n\n" for p in paragraphs)
    pack = write(
        tmp_path / "pack",
        {
            "kiosk.yaml": "schema: 1\ntitle: Clinic\n",
            "topics/long.yaml": f"question: What is long?\nanswer: |\n{answer}",
            "topics/short.yaml": "question: What is short?\nanswer: This.\n",
        },
    )
    out = tmp_path / "proof.pdf"
    assert main(["proof", "--content", str(pack), "--out", str(out)]) == 0
    pages = page_texts(out)
    long_pages = [text for text in pages if text.startswith(("Topic long ", "long in "))]
    parts = len(long_pages)
    assert parts >= 3, [p[:150] for p in pages]
    assert long_pages[0].startswith("Topic long Language English (en) Question What is long?")
    for part, text in enumerate(long_pages[1:], start=2):
        assert text.startswith(f"long in English (en), continued: part {part} of {parts} ")
    # Every paragraph is on a page, in order; the short topic follows on a page of its own.
    joined = " ".join(long_pages)
    assert all(paragraph in joined for paragraph in paragraphs)
    assert pages[-1].startswith("Topic short ")
    assert len(pages) == 1 + parts + 1
    assert f"page {len(pages)} of {len(pages)}" in pages[-1]
    assert capsys.readouterr().out == f"wrote the proof ({len(pages)} pages) to {out}\n"


def test_the_proof_of_the_bundled_pack(qapp, tmp_path, capsys):
    out = tmp_path / "proof.pdf"
    started = time.monotonic()
    assert main(["proof", "--out", str(out)]) == 0
    took = time.monotonic() - started
    pages = page_texts(out)
    # 30 topic texts (10 topics in en, es and ar), some going on over a second
    # page: the figure the README gives. A change of layout that moves it
    # must move the README's too.
    assert len(pages) == 53
    assert capsys.readouterr().out == f"wrote the proof (53 pages) to {out}\n"
    assert "Length 53 pages, this cover included" in pages[0]
    assert all(text.startswith("Topic ") or " continued: part " in text for text in pages[1:])
    assert "Sign-off proof: Stroke recovery and TMS" in pages[0]
    assert "Review no review dates: none of the 10 topics gives 'reviewed'" in pages[0]
    assert "Texts 30 topic texts" in pages[0]  # 10 topics in English, Spanish and Arabic
    firsts = [text for text in pages if text.startswith("Topic ")]
    assert len(firsts) == 30
    assert "Topic what-is-tms-for-stroke Language Español (es)" in " ".join(firsts)
    print(f"the bundled pack's proof ({len(pages)} pages) took {took:.1f} s")


def test_an_answer_too_long_to_draw_whole_says_so(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(kiosk.proof.pdf, "MAX_SCREEN_HEIGHT", 2500)
    answer = "".join(f"  Paragraph {n} says one short thing.\n\n" for n in range(60))
    pack = write(
        tmp_path / "pack",
        {
            "kiosk.yaml": "schema: 1\ntitle: Clinic\n",
            "topics/long.yaml": f"question: What is long?\nanswer: |\n{answer}",
        },
    )
    out = tmp_path / "proof.pdf"
    assert main(["proof", "--content", str(pack), "--out", str(out)]) == 0
    pages = page_texts(out)
    assert "This answer is too long to show whole: the proof stops here" in pages[-1]
    assert not any("too long to show whole" in text for text in pages[:-1])


def test_a_pack_in_sections_is_proofed_section_by_section(qapp, tmp_path, capsys):
    """Pages follow the tiles a patient meets, and each names its section."""
    pack = write(
        tmp_path / "pack",
        {
            "kiosk.yaml": (
                "schema: 1\ntitle: Clinic\nsections:\n  visit: Your visit\n  travel: Getting here\n"
            ),
            "topics/parking.yaml": (
                "question: Where can I park?\nanswer: At the back.\norder: 1\nsection: travel\n"
                "reviewed: 2026-10-01\n"
            ),
            "topics/bring.yaml": (
                "question: What should I bring?\nanswer: A list.\norder: 2\nsection: visit\n"
                "reviewed: 2026-10-01\n"
            ),
        },
    )
    out = tmp_path / "proof.pdf"
    assert main(["proof", "--content", str(pack), "--out", str(out)]) == 0
    pages = page_texts(out)
    assert len(pages) == 3
    assert "Topic bring " in pages[1]
    assert "Section Your visit (visit)" in pages[1]
    assert "Topic parking " in pages[2]
    assert "Section Getting here (travel)" in pages[2]
    # Opened from its section, as patients open it: the answer has Back.
    assert all("Back" in text for text in pages[1:])
    assert "Back" not in pages[0]


def test_a_large_proof_tells_its_progress(qapp, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(kiosk.proof.pdf, "PROGRESS_EVERY", 2)
    pack = write(tmp_path / "pack", PACK)
    out = tmp_path / "proof.pdf"
    assert main(["proof", "--content", str(pack), "--out", str(out)]) == 0
    # 5 topic screens, then 6 pages (the cover counted), on stderr after the
    # pack's warnings: stdout keeps its one line for scripts.
    out_text, err = capsys.readouterr()
    assert out_text == f"wrote the proof (6 pages) to {out}\n"
    assert [line for line in err.splitlines() if not line.startswith(str(pack))] == [
        "proof: 2 of 5 screens measured",
        "proof: 4 of 5 screens measured",
        "proof: 2 of 6 pages",
        "proof: 4 of 6 pages",
        "proof: 6 of 6 pages",
    ]


def test_a_small_proof_tells_no_progress(qapp, tmp_path, capsys):
    pack = write(tmp_path / "pack", PACK)
    assert main(["proof", "--content", str(pack), "--out", str(tmp_path / "proof.pdf")]) == 0
    assert capsys.readouterr().err == (
        f"{pack}/topics/bring.yaml: warning: not translated into ar: patients who choose ar "
        "read this topic in en; add topics/bring.ar.yaml\n"
    )  # the loader's warning alone: no progress for 6 pages


def test_a_screen_that_changes_size_is_a_message_not_a_traceback(
    qapp, tmp_path, capsys, monkeypatch
):
    measured = kiosk.proof.pdf._Sheet.parts

    def one_row_short(sheet, page, screen):
        cuts = measured(sheet, page, screen)
        top, bottom = cuts[-1]
        return [*cuts[:-1], (top, bottom - 1)]

    monkeypatch.setattr(kiosk.proof.pdf._Sheet, "parts", one_row_short)
    pack = write(tmp_path / "pack", PACK)
    out = tmp_path / "proof.pdf"
    out.write_bytes(b"the last good proof")
    assert main(["proof", "--content", str(pack), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == (
        "kiosk proof: the answer screen of parking in English (en) came out 1079 pixels "
        "tall when measured and 1080 when drawn, so its pages cannot be cut; try another "
        "--size, and report this with the pack; no proof was written"
    )
    assert "Traceback" not in err
    assert out.read_bytes() == b"the last good proof"
