"""Bidi overrides and unbalanced isolates: refused where they are written.

An answer holding U+202E can show text in an order the file does not
("Trojan Source"); each error points at the character itself, in every way
YAML can write a value, and names it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content import ContentError, load_pack

PACK_YAML = "schema: 1\ntitle: Clinic\n"
WHY = (
    "it makes the text read differently from what the file shows; delete it (where a "
    "direction mark is needed, use U+200F RIGHT-TO-LEFT MARK)"
)
RLO = f"U+202E RIGHT-TO-LEFT OVERRIDE is not allowed: {WHY}"


def problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    folder = tmp_path / "pack"
    all_files = {"kiosk.yaml": PACK_YAML, "topics/a.yaml": "question: Q?\nanswer: A.\n", **files}
    for relative, text in all_files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    return [str(p).replace(str(folder), "{pack}") for p in info.value.problems]


# (the topic file, the exact problem lines)
REFUSED = [
    pytest.param(
        "question: Q?\nanswer: Take \u202eno\u202c pills.\n",
        [
            f"{{pack}}/topics/a.yaml:2:14: error: {RLO}",
            "{pack}/topics/a.yaml:2:17: error: U+202C POP DIRECTIONAL FORMATTING is not "
            f"allowed: {WHY}",
        ],
        id="plain",
    ),
    pytest.param(
        "question: 'Q \u202b?'\nanswer: A.\n",
        ["{pack}/topics/a.yaml:1:14: error: U+202B RIGHT-TO-LEFT EMBEDDING is not allowed: " + WHY],
        id="single-quoted",
    ),
    pytest.param(
        'question: Q?\nanswer: "é \\u202E and \u202d, not \\\\u202E"\n',
        [
            f"{{pack}}/topics/a.yaml:2:12: error: {RLO}",
            "{pack}/topics/a.yaml:2:23: error: U+202D LEFT-TO-RIGHT OVERRIDE is not allowed: "
            + WHY,
        ],
        id="double-quoted-escape-and-character-not-an-escaped-backslash",
    ),
    pytest.param(
        'question: Q?\nanswer: "first line\n  and \\U0000202e here"\n',
        [f"{{pack}}/topics/a.yaml:3:7: error: {RLO}"],
        id="double-quoted-long-escape-on-a-continued-line",
    ),
    pytest.param(
        "question: Q?\nanswer: |  # a \u202e in a comment is no value\n  One.\n\n  - Two \u202a\n",
        ["{pack}/topics/a.yaml:5:9: error: U+202A LEFT-TO-RIGHT EMBEDDING is not allowed: " + WHY],
        id="literal-block",
    ),
    pytest.param(
        "question: Q?\nanswer: >\n  One\n  \u202etwo\n",
        [f"{{pack}}/topics/a.yaml:4:3: error: {RLO}"],
        id="folded-block",
    ),
    pytest.param(
        "question: Q?\nanswer: A \u2067\u05d0 B\n",
        [
            "{pack}/topics/a.yaml:2:11: error: U+2067 RIGHT-TO-LEFT ISOLATE is not closed by "
            f"U+2069 in this value: {WHY}"
        ],
        id="isolate-never-closed",
    ),
    pytest.param(
        "question: Q?\nanswer: A \u2069 B \u2068x\u2069\n",
        [
            "{pack}/topics/a.yaml:2:11: error: U+2069 POP DIRECTIONAL ISOLATE closes no "
            f"isolate in this value: {WHY}"
        ],
        id="isolate-closed-before-it-opens",
    ),
    pytest.param(
        "question: Q?\nanswer: A.\n\u202eorder: 1\n",
        [
            f"{{pack}}/topics/a.yaml:3:1: error: {RLO}",
            "{pack}/topics/a.yaml:3:1: error: unknown key '\\u202eorder'; did you mean 'order'?",
        ],
        id="in-a-key-and-echoed-escaped",
    ),
]


@pytest.mark.parametrize(("topic", "expected"), REFUSED)
def test_a_bidi_control_is_an_error_at_the_character(
    tmp_path: Path, yaml_parser: str, topic: str, expected: list[str]
) -> None:
    assert problems(tmp_path, {"topics/a.yaml": topic}) == expected


def test_every_content_file_is_checked(tmp_path: Path) -> None:
    files = {
        "kiosk.yaml": PACK_YAML + "footer: Ask \u202e us.\nlanguages: [en, ar]\n",
        "kiosk.ar.yaml": "title: \u0639\u064a\u0627\u062f\u0629\nwords:\n  Home: \u202b\u0631\n",
        "topics/a.ar.yaml": "question: \u061f\u202e\nanswer: \u062c.\n",
    }
    assert problems(tmp_path, files) == [
        f"{{pack}}/kiosk.ar.yaml:3:9: error: U+202B RIGHT-TO-LEFT EMBEDDING is not allowed: {WHY}",
        f"{{pack}}/kiosk.yaml:3:13: error: {RLO}",
        f"{{pack}}/topics/a.ar.yaml:1:12: error: {RLO}",
    ]


def test_direction_marks_and_closed_isolates_are_allowed(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    (folder / "topics").mkdir(parents=True)
    (folder / "kiosk.yaml").write_text(PACK_YAML, encoding="utf-8")
    answer = "Call \u2067\u05e9\u05dc\u05d5\u05dd\u2069 at 10:00\u200f. \u200e\u061c\u2066x\u2069"
    (folder / "topics" / "a.yaml").write_text(f"question: Q?\nanswer: {answer}\n", encoding="utf-8")
    assert load_pack(folder).topic("a").answer[0].text == answer


def test_a_value_full_of_controls_gets_a_few_lines_and_a_count(tmp_path: Path) -> None:
    answer = "\u202e" * 1000
    assert problems(tmp_path, {"topics/a.yaml": f"question: Q?\nanswer: {answer}\n"}) == [
        *(f"{{pack}}/topics/a.yaml:2:{column}: error: {RLO}" for column in range(9, 14)),
        "{pack}/topics/a.yaml:2:14: error: 995 more such controls in this value; delete them",
    ]
