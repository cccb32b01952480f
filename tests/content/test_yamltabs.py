"""Tabs in content files: accepted where YAML reads them as spaces, else a located error.

Every case runs with libyaml and with the pure-Python parser alone: they
disagree on tabs by themselves, and the kiosk must not. The cases follow the
YAML test suite's (6BCT, DC7X, DK95, J3BT, NB6Z, Y79Y), as content files.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kiosk.content import ContentError, Paragraph, load_pack, yamlparsers
from kiosk.content.yamlparsers import PureLoader
from kiosk.content.yamlreader import read_yaml

INDENT = (
    "error: a tab in the indentation of this line; YAML indents with spaces only: "
    "replace the tab with spaces"
)
BLANK = (
    "error: this empty-looking line holds a tab, which YAML does not allow inside a block "
    "of text ('|' or '>'); delete the tab and leave the line empty"
)

# (the topic file, the exact problem lines, with {file} for its path)
REFUSED = [
    pytest.param("question: Q?\n\tanswer: A.\n", ["{file}:2:1: " + INDENT], id="key-indented"),
    pytest.param("question: Q?\nanswer:\n\t- A.\n", ["{file}:3:1: " + INDENT], id="dash-indented"),
    pytest.param("\tquestion: Q?\nanswer: A.\n", ["{file}:1:1: " + INDENT], id="first-line"),
    # YAML allows a tab after spaces at the very start (DK95); both parsers
    # refuse it, and so does the kiosk, saying why.
    pytest.param(" \tquestion: Q?\nanswer: A.\n", ["{file}:1:2: " + INDENT], id="space-then-tab"),
    # A tab before a nested list or mapping is its indentation (Y79Y).
    pytest.param(
        "question: Q?\nanswer: A.\nsource:\n-\t- x\n", ["{file}:4:2: " + INDENT], id="dash-tab-dash"
    ),
    pytest.param(
        "question: Q?\nanswer: A.\nsource:\n- \t- x\n",
        ["{file}:4:3: " + INDENT],
        id="dash-space-tab-dash",
    ),
    pytest.param(
        "question: Q?\nanswer: A.\nsource:\n-\tkey: x\n",
        ["{file}:4:2: " + INDENT],
        id="dash-tab-key",
    ),
    # A later line of an unquoted value is indented in spaces first (DK95).
    pytest.param(
        "question: How long\n\twill I wait?\nanswer: A.\n",
        ["{file}:2:1: " + INDENT],
        id="plain-continued-with-a-tab",
    ),
    # A block's text is indented with spaces; after them, tabs are text.
    pytest.param(
        "question: Q?\nanswer: |\n\tFirst line.\n", ["{file}:3:1: " + INDENT], id="block-tab-first"
    ),
    pytest.param(
        "question: Q?\nanswer: |\n  One.\n \tTwo.\n",
        ["{file}:4:2: " + INDENT],
        id="block-tab-in-indentation",
    ),
    # The invisible one: an editor's tab on an empty line inside the answer.
    pytest.param(
        "question: Q?\nanswer: |\n  One.\n\t\n  Two.\n",
        ["{file}:4:1: " + BLANK],
        id="block-tab-line",
    ),
    pytest.param(
        "question: Q?\nanswer: >\n  One.\n \t\n  Two.\n",
        ["{file}:4:2: " + BLANK],
        id="folded-tab-line",
    ),
    pytest.param(
        "question: Q?\nanswer: |\n\t\n  One.\n", ["{file}:3:1: " + BLANK], id="block-tab-line-first"
    ),
    # A tab that YAML reads as a space still leaves a list a list.
    pytest.param(
        "question: Q?\nanswer: A.\nsource:\n-\tRossi\n",
        ["{file}:4:1: error: 'source' must be text, not a list"],
        id="dash-tab-text",
    ),
]


@pytest.mark.parametrize(("topic", "expected"), REFUSED)
def test_a_tab_yaml_does_not_allow_is_located_and_named(
    tmp_path: Path, yaml_parser: str, topic: str, expected: list[str]
) -> None:
    file = write_topic(tmp_path, topic)
    with pytest.raises(ContentError) as info:
        load_pack(tmp_path)
    assert info.value.render().splitlines() == [e.format(file=file) for e in expected]


# (the topic file, the question and the answer's paragraphs it reads as)
ACCEPTED = [
    pytest.param("question: Q?\n\t\nanswer: A.\n", "Q?", ["A."], id="tab-line-between-keys"),
    pytest.param("question: Q?\n  \t \nanswer: A.\n", "Q?", ["A."], id="spaces-and-tab-line"),
    pytest.param("question: Q?\nanswer: A.\n\t", "Q?", ["A."], id="tab-line-at-the-end"),
    pytest.param("question:\tQ?\nanswer:\tA.\n", "Q?", ["A."], id="key-tab-value"),
    pytest.param("question\t: Q?\nanswer: A.\n", "Q?", ["A."], id="key-tab-colon"),
    pytest.param("question: Q?\t\nanswer: A.\t# a note\n", "Q?", ["A."], id="trailing-tabs"),
    pytest.param("question: Q?\n\t# a note\nanswer: A.\n", "Q?", ["A."], id="comment-after-tab"),
    pytest.param("---\t\nquestion: Q?\nanswer: A.\n", "Q?", ["A."], id="document-start-tab"),
    pytest.param("question: Why\tnot?\nanswer: A.\n", "Why not?", ["A."], id="tab-between-words"),
    pytest.param('question: "Why\tnot?"\nanswer: A.\n', "Why\tnot?", ["A."], id="quoted-tab"),
    pytest.param(
        'question: "Why\n\tnot?"\nanswer: A.\n', "Why not?", ["A."], id="quoted-line-after-tab"
    ),
    pytest.param(
        "question: How long\n \twill I wait?\nanswer: A.\n",
        "How long will I wait?",
        ["A."],
        id="plain-continued-after-a-space",
    ),
    pytest.param(
        "question: Q?\nanswer:\n  One\n  two.\n  \t\n  Three.\n",
        "Q?",
        ["One two. Three."],  # YAML keeps one line break, which the answer joins
        id="plain-lines-with-a-tab-line",  # NB6Z
    ),
    pytest.param("question: Q?\nanswer: |\t# a note\n  A.\n", "Q?", ["A."], id="block-header-tab"),
    pytest.param(
        "question: Q?\nanswer: |\n  One\n  \tindented.\n",
        "Q?",
        ["One indented."],
        id="block-text-tab",  # J3BT
    ),
    pytest.param(
        "question: Q?\nanswer: |\n  One.\n  \t\n  Two.\n",
        "Q?",
        ["One.", "Two."],
        id="block-line-of-a-tab-after-spaces",  # Y79Y
    ),
    pytest.param(
        "question: Q?\nanswer: |\n  One.\n\t\nsource: S\n",
        "Q?",
        ["One."],
        id="tab-line-after-a-block",
    ),
]


@pytest.mark.parametrize(("topic", "question", "paragraphs"), ACCEPTED)
def test_a_tab_yaml_reads_as_a_space_is_accepted(
    tmp_path: Path, yaml_parser: str, topic: str, question: str, paragraphs: list[str]
) -> None:
    write_topic(tmp_path, topic)
    loaded = load_pack(tmp_path).topic("a")
    assert loaded.question == question
    assert loaded.answer == tuple(Paragraph(text) for text in paragraphs)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("q: [\n\ta,\n\tb]\n", id="flow-list-lines"),
        pytest.param("q: {k: v,\n\tl: w}\n", id="flow-mapping-lines"),
        pytest.param("q: [a,\n\t[b,\n\t\tc]]\n", id="nested-flow-lines"),
        pytest.param('q: [a,\n\t"x\ty"]\n', id="flow-quoted-tab-kept"),
    ],
)
def test_inside_brackets_a_tab_at_the_start_of_a_line_only_separates(
    yaml_parser: str, text: str
) -> None:
    # Lines inside [...] and {...} need no indentation (libyaml reads these,
    # as the kiosk always did); the tab is read as the space it stands for.
    root, problems = read_yaml("a.yaml", text)
    assert problems == []
    spaced_root, _ = read_yaml("a.yaml", text.replace("\n\t\t", "\n  ").replace("\n\t", "\n "))
    assert root == spaced_root


def test_a_tab_in_kiosk_yaml_is_located_too(tmp_path: Path, yaml_parser: str) -> None:
    write_topic(tmp_path, "question: Q?\nanswer: A.\n")
    (tmp_path / "kiosk.yaml").write_text("schema: 1\n\ttitle: Clinic\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_pack(tmp_path)
    assert info.value.render() == f"{tmp_path}/kiosk.yaml:2:1: {INDENT}"


PIECES = [
    "question: ",
    "answer: ",
    "source: ",
    "\t",
    "\t\t",
    " \t",
    "\t\n",
    "  ",
    "\n",
    "\r\n",
    "\u2028",
    "- ",
    "-\t",
    "? ",
    ": ",
    ":\t",
    "|\n",
    "|2\n",
    ">-\n",
    "|\t# note\n",
    "# ",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    ", ",
    "---\n",
    "Q",
    "word",
    "é",
]


def outcome(text: str, loader: type[yaml.SafeLoader]) -> tuple[str, list[str]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yamlparsers, "FastLoader", loader)
        root, problems = read_yaml("a.yaml", text)
    return repr(root), [str(problem) for problem in problems]


@settings(
    max_examples=400,
    derandomize=True,
    database=None,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(text=st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_tabs_never_make_the_two_parsers_disagree(text: str) -> None:
    """Whatever the text, a tab in it reads alike with libyaml and without.

    The two parsers differ in a few places that have nothing to do with tabs
    (where an empty value is located, say): texts that differ with every
    tab a space are not this test's business.
    """
    libyaml = getattr(yaml, "CSafeLoader", None)
    if libyaml is None:
        pytest.skip("PyYAML has no libyaml here")
    assume("\t" in text)
    spaced = text.replace("\t", " ")
    assume(outcome(spaced, libyaml) == outcome(spaced, PureLoader))
    assert outcome(text, libyaml) == outcome(text, PureLoader)


def write_topic(pack: Path, topic: str) -> str:
    (pack / "topics").mkdir(exist_ok=True)
    (pack / "kiosk.yaml").write_text("schema: 1\ntitle: Clinic\n", encoding="utf-8")
    (pack / "topics" / "a.yaml").write_text(topic, encoding="utf-8", newline="")
    return f"{pack}/topics/a.yaml"
