"""Answer text -> paragraphs and bullet lists; nothing else is markup."""

from __future__ import annotations

import pytest

from kiosk.content import Block, BulletList, Paragraph
from kiosk.content.answer_text import parse_answer

P = Paragraph
L = BulletList

ANSWERS = [
    pytest.param("One sentence.", [P("One sentence.")], id="one-line"),
    pytest.param("First line\nsecond line.", [P("First line second line.")], id="line-break-joins"),
    pytest.param("One.\n\nTwo.", [P("One."), P("Two.")], id="blank-line-splits"),
    pytest.param(
        "One.\n\n\n\nTwo.\n   \n\t\nThree.",
        [P("One."), P("Two."), P("Three.")],
        id="several-and-whitespace-only-blank-lines",
    ),
    pytest.param("\n\n  One.  \n\n", [P("One.")], id="outer-blank-lines-and-spaces-dropped"),
    pytest.param("Too    many \t spaces.", [P("Too many spaces.")], id="runs-of-spaces-fold"),
    pytest.param("  Indented\n      lines.", [P("Indented lines.")], id="indentation-folds"),
    pytest.param("a\u00a0\u00a0b", [P("a b")], id="no-break-spaces-fold"),
    pytest.param("- Headache\n- Tiredness", [L(("Headache", "Tiredness"))], id="bullet-list"),
    pytest.param(
        "- A long item\n  that goes on\n- Short",
        [L(("A long item that goes on", "Short"))],
        id="bullet-continuation-line",
    ),
    pytest.param(
        "- Item\ncontinued without indent",
        [L(("Item continued without indent",))],
        id="bullet-continuation-unindented",
    ),
    pytest.param(
        "Common side effects:\n- Headache\n- Tiredness",
        [P("Common side effects:"), L(("Headache", "Tiredness"))],
        id="paragraph-then-list-without-blank-line",
    ),
    pytest.param(
        "- One\n- Two\n\nAfter the list.",
        [L(("One", "Two")), P("After the list.")],
        id="list-then-paragraph",
    ),
    pytest.param(
        "- One\n\n- Two",
        [L(("One",)), L(("Two",))],
        id="blank-line-splits-lists",
    ),
    pytest.param("  - Indented item", [L(("Indented item",))], id="indented-bullet"),
    pytest.param("-    Spaced   item", [L(("Spaced item",))], id="bullet-spaces-fold"),
    pytest.param("- One\n-\n- Two", [L(("One", "Two"))], id="bare-dash-adds-no-item"),
    pytest.param("-no space", [P("-no space")], id="dash-without-space-is-text"),
    pytest.param("-- double", [P("-- double")], id="double-dash-is-text"),
    pytest.param("Before - during - after", [P("Before - during - after")], id="dash-inside"),
    pytest.param("* star\n1. one", [P("* star 1. one")], id="other-list-marks-are-text"),
    pytest.param("<b>x</b>", [P("<b>x</b>")], id="html-kept-literally"),
    pytest.param(
        '<a href="file://x">file://x</a> <img src=x onerror=alert(1)>',
        [P('<a href="file://x">file://x</a> <img src=x onerror=alert(1)>')],
        id="links-and-scripts-kept-literally",
    ),
    pytest.param(
        "**bold** _it_ [link](http://x) &amp; # heading",
        [P("**bold** _it_ [link](http://x) &amp; # heading")],
        id="markdown-and-entities-kept-literally",
    ),
    pytest.param("- <i>item</i>", [L(("<i>item</i>",))], id="html-in-bullet-kept"),
    pytest.param(
        "Patients\u2019 experiences \u2014 \u00e9t\u00e9",
        [P("Patients\u2019 experiences \u2014 \u00e9t\u00e9")],
        id="unicode-kept",
    ),
    pytest.param("One\r\ntwo\r\n\r\nThree", [P("One two"), P("Three")], id="windows-line-breaks"),
    pytest.param("", [], id="empty"),
    pytest.param("  \n\n \t ", [], id="only-whitespace"),
]


@pytest.mark.parametrize(("text", "expected"), ANSWERS)
def test_parse_answer(text: str, expected: list[Block]) -> None:
    assert parse_answer(text) == tuple(expected)


def test_blocks_are_immutable_values() -> None:
    first = parse_answer("A.\n\n- b")
    assert first == parse_answer("A.\n\n- b")
    assert hash(first) == hash(parse_answer("A.\n\n- b"))
    assert isinstance(first[1].items, tuple)
