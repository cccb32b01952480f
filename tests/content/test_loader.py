"""load_pack: valid packs load, broken packs report every problem, exactly worded.

Each problem line is part of the contract with the admin who edits the pack:
``PATH:LINE:COL: error: MESSAGE`` (or ``PATH: error: MESSAGE`` for a whole
file or folder), PATH being the folder as given plus the file inside it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from kiosk.content import BulletList, ContentError, Pack, Paragraph, Severity, load_pack


class _Folder:
    """Marks an entry of a pack as a folder to create."""


FOLDER = _Folder()

Entry = str | bytes | _Folder | None
NewPack = Callable[..., Path]

MIB = 1024 * 1024
PACK_YAML = "schema: 1\ntitle: Clinic\n"
TOPIC_YAML = "question: Q?\nanswer: A.\n"
MINIMAL_PACK: dict[str, Entry] = {"kiosk.yaml": PACK_YAML, "topics/a.yaml": TOPIC_YAML}


def write_pack(folder: Path, files: Mapping[str, Entry]) -> Path:
    """Write ``files`` (relative path -> text, bytes or FOLDER) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for relative, content in files.items():
        target = folder / relative
        if content is None:
            continue
        if isinstance(content, _Folder):
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        # Bytes as given: no newline translation, no encoding guesses.
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return folder


@pytest.fixture
def new_pack(tmp_path: Path) -> NewPack:
    """A fresh pack on tmp_path: the minimal valid pack, with ``files`` laid over it.

    ``None`` leaves a file of the minimal pack out; ``FOLDER`` creates a folder.
    """
    made: list[Path] = []

    def make(files: Mapping[str, Entry] | None = None) -> Path:
        merged = {**MINIMAL_PACK, **(files or {})}
        folder = tmp_path / ("pack" if not made else f"pack-{len(made) + 1}")
        made.append(folder)
        return write_pack(folder, merged)

    return make


def error_lines(folder: str | os.PathLike[str]) -> list[str]:
    """The rendered problem lines of a pack that must not load."""
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    lines = info.value.render().splitlines()
    assert str(info.value) == info.value.render()
    assert len(lines) == len(info.value.problems)
    return lines


def expand(lines: list[str], pack: Path | str) -> list[str]:
    return [line.replace("{pack}", str(pack)) for line in lines]


def alias_bomb() -> str:
    """The "billion laughs" shape: nine levels of nine aliases each (9**9 leaves)."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    lines += ["question: Q?", "answer: *i"]
    return "\n".join(lines) + "\n"


SYNTAX = "; check the quotes, colons and indentation"
TAG_REFUSED = "is not allowed: content files hold plain text and numbers only; remove the tag"
NO_TOPICS = "no topics; add at least one file such as topics/opening-hours.yaml"
NOT_ALLOWED = "is not allowed; write the text out in full"
QUESTION_EMPTY = "'question' is empty; write its value after 'question:'"
TOPIC_KEYS_HINT = (
    "allowed keys are: answer, image, image_alt, link, order, question, reviewed, section, source"
)
LANGUAGE_TAG = "a language tag such as en, en-GB, es or pt-BR"
NOT_A_TAG = f"must be {LANGUAGE_TAG}"
BAD_ID = (
    "is not a valid topic id: name the file with a-z, 0-9 and '-' only, at most 64 characters, "
    "such as"
)

# (files laid over the minimal pack, the exact problem lines in order)
BROKEN_PACKS = [
    # --- YAML syntax -------------------------------------------------------------
    pytest.param(
        {"topics/a.yaml": 'question: "Q?\nanswer: A.\n'},
        [
            "{pack}/topics/a.yaml:3:1: error: invalid YAML: found unexpected end of stream "
            "(while scanning a quoted scalar at line 1, column 11)" + SYNTAX
        ],
        id="syntax-unterminated-double-quote",
    ),
    pytest.param(
        {"topics/a.yaml": "question: 'Q?\nanswer: A.\n"},
        [
            "{pack}/topics/a.yaml:3:1: error: invalid YAML: found unexpected end of stream "
            "(while scanning a quoted scalar at line 1, column 11)" + SYNTAX
        ],
        id="syntax-unterminated-single-quote",
    ),
    pytest.param(
        {"topics/a.yaml": "question: Q?\n  answer: A.\n"},
        [
            "{pack}/topics/a.yaml:2:9: error: invalid YAML: mapping values are not allowed here"
            + SYNTAX
        ],
        id="syntax-bad-indentation",
    ),
    pytest.param(
        {"topics/a.yaml": "question: When: today?\nanswer: A.\n"},
        [
            "{pack}/topics/a.yaml:1:15: error: invalid YAML: mapping values are not allowed here"
            + SYNTAX
        ],
        id="syntax-colon-in-unquoted-value",
    ),
    pytest.param(
        {"topics/a.yaml": "question: Q?\nanswer:\n\t- A.\n"},
        [
            "{pack}/topics/a.yaml:3:1: error: a tab in the indentation of this line; YAML "
            "indents with spaces only: replace the tab with spaces"
        ],
        id="syntax-tab-indentation",
    ),
    pytest.param(
        {"kiosk.yaml": "schema: 1\ntitle: Clinic\nfooter: [unclosed\n"},
        [
            "{pack}/kiosk.yaml:4:1: error: invalid YAML: expected ',' or ']', but got "
            "'<stream end>' (while parsing a flow sequence at line 3, column 9)" + SYNTAX
        ],
        id="syntax-in-kiosk-yaml",
    ),
    # --- not a mapping --------------------------------------------------------------
    pytest.param(
        {"topics/a.yaml": "- question: Q?\n- answer: A.\n"},
        ["{pack}/topics/a.yaml:1:1: error: expected keys such as 'question: ...', found a list"],
        id="topic-is-a-list",
    ),
    pytest.param(
        {"topics/a.yaml": "Just some text about opening hours.\n"},
        ["{pack}/topics/a.yaml:1:1: error: expected keys such as 'question: ...', found text"],
        id="topic-is-plain-text",
    ),
    pytest.param(
        {"topics/a.yaml": ""},
        [
            "{pack}/topics/a.yaml:1:1: error: expected keys such as 'question: ...', "
            "found an empty file"
        ],
        id="topic-is-empty-file",
    ),
    pytest.param(
        {"topics/a.yaml": "# question: Q?\n# answer: A.\n"},
        [
            "{pack}/topics/a.yaml:1:1: error: expected keys such as 'question: ...', "
            "found an empty file"
        ],
        id="topic-is-only-comments",
    ),
    # --- missing required keys --------------------------------------------------------
    pytest.param(
        {"topics/a.yaml": "answer: A.\n"},
        ["{pack}/topics/a.yaml:1:1: error: missing required key 'question'"],
        id="topic-missing-question",
    ),
    pytest.param(
        {"topics/a.yaml": "# A topic.\norder: 3\n"},
        [
            "{pack}/topics/a.yaml:2:1: error: missing required key 'question'",
            "{pack}/topics/a.yaml:2:1: error: missing required key 'answer'",
        ],
        id="topic-missing-question-and-answer",
    ),
    pytest.param(
        {"kiosk.yaml": "schema: 1\n"},
        ["{pack}/kiosk.yaml:1:1: error: missing required key 'title'"],
        id="pack-missing-title",
    ),
    pytest.param(
        {"kiosk.yaml": "title: Clinic\n"},
        ["{pack}/kiosk.yaml:1:1: error: missing required key 'schema'"],
        id="pack-missing-schema",
    ),
    # --- wrong types ------------------------------------------------------------------
    pytest.param(
        {"topics/a.yaml": "question: Q?\nanswer:\n  - one\n  - two\n"},
        ["{pack}/topics/a.yaml:3:3: error: 'answer' must be text, not a list"],
        id="answer-is-a-list",
    ),
    pytest.param(
        {"topics/a.yaml": "question:\n  text: Q?\nanswer: A.\n"},
        [
            "{pack}/topics/a.yaml:2:3: error: 'question' must be one line of text, "
            "not a mapping of keys"
        ],
        id="question-is-a-mapping",
    ),
    pytest.param(
        {"kiosk.yaml": "schema: 1\ntitle: [Clinic]\n"},
        ["{pack}/kiosk.yaml:2:8: error: 'title' must be one line of text, not a list"],
        id="title-is-a-list",
    ),
    pytest.param(
        {"topics/a.yaml": TOPIC_YAML + "order: first\n"},
        ["{pack}/topics/a.yaml:3:8: error: 'order' must be a whole number such as 10, not 'first'"],
        id="order-is-text",
    ),
    pytest.param(
        {"topics/a.yaml": TOPIC_YAML + "order: 1.5\n"},
        ["{pack}/topics/a.yaml:3:8: error: 'order' must be a whole number such as 10, not '1.5'"],
        id="order-is-a-fraction",
    ),
    pytest.param(
        {"topics/a.yaml": TOPIC_YAML + 'order: "3"\n'},
        ["{pack}/topics/a.yaml:3:8: error: 'order' must be a whole number; remove the quotes"],
        id="order-is-a-quoted-number",
    ),
    pytest.param(
        {"kiosk.yaml": "schema: '1'\ntitle: Clinic\n"},
        ["{pack}/kiosk.yaml:1:9: error: 'schema' must be a whole number; remove the quotes"],
        id="schema-is-a-quoted-number",
    ),
    pytest.param(
        {"kiosk.yaml": "schema: one\ntitle: Clinic\n"},
        ["{pack}/kiosk.yaml:1:9: error: 'schema' must be a whole number such as 10, not 'one'"],
        id="schema-is-text",
    ),
    pytest.param(
        {"kiosk.yaml": "schema: 2\ntitle: Clinic\n"},
        ["{pack}/kiosk.yaml:1:9: error: unsupported schema 2; this kiosk reads schema 1"],
        id="schema-unsupported",
    ),
    # --- language -------------------------------------------------------------------
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "language: English\n"},
        [f"{{pack}}/kiosk.yaml:3:11: error: 'language' {NOT_A_TAG}, not 'English'"],
        id="language-is-a-name",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "language: en_GB\n"},
        [
            f"{{pack}}/kiosk.yaml:3:11: error: 'language' {NOT_A_TAG}, not 'en_GB'; "
            "write language: en-GB"
        ],
        id="language-is-a-posix-locale",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "language: pt_br\n"},
        [
            f"{{pack}}/kiosk.yaml:3:11: error: 'language' {NOT_A_TAG}, not 'pt_br'; "
            "write language: pt-BR"
        ],
        id="language-is-a-lower-case-posix-locale",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "language: en-\n"},
        [f"{{pack}}/kiosk.yaml:3:11: error: 'language' {NOT_A_TAG}, not 'en-'"],
        id="language-ends-in-a-hyphen",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "language: en GB\n"},
        [f"{{pack}}/kiosk.yaml:3:11: error: 'language' {NOT_A_TAG}, not 'en GB'"],
        id="language-with-a-space",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "language: e\n"},
        [f"{{pack}}/kiosk.yaml:3:11: error: 'language' {NOT_A_TAG}, not 'e'"],
        id="language-one-letter",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "language: 1\n"},
        [f"{{pack}}/kiosk.yaml:3:11: error: 'language' {NOT_A_TAG}, not '1'"],
        id="language-is-a-number",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "language: [en, es]\n"},
        [f"{{pack}}/kiosk.yaml:3:11: error: 'language' must be {LANGUAGE_TAG}, not a list"],
        id="language-is-a-list",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "language: |\n  en\n  es\n"},
        [f"{{pack}}/kiosk.yaml:3:11: error: 'language' {NOT_A_TAG}, not 'en\\nes'"],
        id="language-on-two-lines",
    ),
    # --- limits -----------------------------------------------------------------------
    pytest.param(
        {"kiosk.yaml": "schema: 1\ntitle: " + "T" * 81 + "\n"},
        [
            "{pack}/kiosk.yaml:2:8: error: 'title' is 81 characters long; the limit is 80: "
            "shorten it"
        ],
        id="title-over-80",
    ),
    pytest.param(
        {"topics/a.yaml": "question: " + "q" * 161 + "\nanswer: A.\n"},
        [
            "{pack}/topics/a.yaml:1:11: error: 'question' is 161 characters long; the limit is "
            "160: shorten it"
        ],
        id="question-over-160",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "welcome: " + "w" * 201 + "\n"},
        [
            "{pack}/kiosk.yaml:3:10: error: 'welcome' is 201 characters long; the limit is 200: "
            "shorten it"
        ],
        id="welcome-over-200",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "footer: " + "f" * 301 + "\n"},
        [
            "{pack}/kiosk.yaml:3:9: error: 'footer' is 301 characters long; the limit is 300: "
            "shorten it"
        ],
        id="footer-over-300",
    ),
    pytest.param(
        {"topics/a.yaml": TOPIC_YAML + "source: " + "s" * 301 + "\n"},
        [
            "{pack}/topics/a.yaml:3:9: error: 'source' is 301 characters long; the limit is 300: "
            "shorten it"
        ],
        id="source-over-300",
    ),
    pytest.param(
        {"topics/a.yaml": "question: |\n  How long\n  does it take?\nanswer: A.\n"},
        ["{pack}/topics/a.yaml:1:11: error: 'question' must be one line; join the lines into one"],
        id="question-on-two-lines",
    ),
    pytest.param(
        {"topics/a.yaml": 'question: "How long\\ndoes it take?"\nanswer: A.\n'},
        ["{pack}/topics/a.yaml:1:11: error: 'question' must be one line; join the lines into one"],
        id="question-with-escaped-line-break",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "welcome: |\n  Hello.\n  Tap a question.\n"},
        ["{pack}/kiosk.yaml:3:10: error: 'welcome' must be one line; join the lines into one"],
        id="welcome-on-two-lines",
    ),
    # --- keys -------------------------------------------------------------------------
    pytest.param(
        {"topics/a.yaml": "question: Q?\nanwser: A.\n"},
        ["{pack}/topics/a.yaml:2:1: error: unknown key 'anwser'; did you mean 'answer'?"],
        id="unknown-key-did-you-mean",
    ),
    pytest.param(
        {"topics/a.yaml": "Question: Q?\nanswer: A.\n"},
        ["{pack}/topics/a.yaml:1:1: error: unknown key 'Question'; did you mean 'question'?"],
        id="unknown-key-capitalised",
    ),
    pytest.param(
        {"topics/a.yaml": TOPIC_YAML + "colour: red\n"},
        [f"{{pack}}/topics/a.yaml:3:1: error: unknown key 'colour'; {TOPIC_KEYS_HINT}"],
        id="unknown-key-no-close-match",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "titel: Clinic\n"},
        ["{pack}/kiosk.yaml:3:1: error: unknown key 'titel'; did you mean 'title'?"],
        id="pack-unknown-key-did-you-mean",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "colour: red\n"},
        [
            "{pack}/kiosk.yaml:3:1: error: unknown key 'colour'; allowed keys are: footer, "
            "language, languages, link, review_every, schema, sections, title, welcome"
        ],
        id="pack-unknown-key-no-close-match",
    ),
    pytest.param(
        {"kiosk.yaml": PACK_YAML + "lang: en\n"},
        ["{pack}/kiosk.yaml:3:1: error: unknown key 'lang'; did you mean 'language'?"],
        id="pack-unknown-key-lang",
    ),
    pytest.param(
        {"topics/a.yaml": "question: Q?\nanswer: A.\nquestion: Other?\n"},
        [
            "{pack}/topics/a.yaml:3:1: error: duplicate key 'question' (first used at line 1); "
            "keep only one"
        ],
        id="same-key-twice",
    ),
    pytest.param(
        {"topics/a.yaml": "? [question, answer]\n: Q?\nquestion: Q?\nanswer: A.\n"},
        ["{pack}/topics/a.yaml:1:3: error: a key must be a simple name, not a list"],
        id="key-is-a-list",
    ),
    # --- topic files and ids ------------------------------------------------------------
    pytest.param(
        {"topics/x.yaml": TOPIC_YAML, "topics/x.yml": TOPIC_YAML},
        [
            "{pack}/topics/x.yml: error: duplicate topic id 'x', also in {pack}/topics/x.yaml; "
            "keep only one of the two files"
        ],
        id="duplicate-id-yaml-and-yml",
    ),
    pytest.param(
        {"topics/Opening-Hours.yaml": TOPIC_YAML},
        [
            "{pack}/topics/Opening-Hours.yaml: error: 'Opening-Hours' "
            f"{BAD_ID} 'opening-hours.yaml'"
        ],
        id="bad-id-uppercase",
    ),
    pytest.param(
        {"topics/opening_hours.yaml": TOPIC_YAML},
        [
            "{pack}/topics/opening_hours.yaml: error: 'opening_hours' "
            f"{BAD_ID} 'opening-hours.yaml'"
        ],
        id="bad-id-underscore",
    ),
    pytest.param(
        {"topics/" + "a" * 65 + ".yaml": TOPIC_YAML},
        [
            "{pack}/topics/"
            + "a" * 65
            + ".yaml: error: '"
            + "a" * 65
            + f"' {BAD_ID} '"
            + "a" * 64
            + ".yaml'"
        ],
        id="bad-id-over-64",
    ),
    pytest.param(
        {"topics/a.yaml": None, "topics": FOLDER},
        [f"{{pack}}/topics: error: {NO_TOPICS}"],
        id="no-topics",
    ),
    pytest.param(
        {
            "topics/a.yaml": None,
            "topics/notes.txt": "Opening hours: 9-5",
            "topics/old": FOLDER,
            "topics/a.yaml~": TOPIC_YAML,
            "topics/.hidden.yaml": TOPIC_YAML,
        },
        [
            f"{{pack}}/topics: error: {NO_TOPICS}",
            "{pack}/topics/notes.txt: warning: ignored: topic files must end in .yaml or .yml",
            "{pack}/topics/old: warning: ignored: folders inside topics/ are not read",
        ],
        id="only-ignored-files",
    ),
    pytest.param(
        {"topics/a.yaml": None},
        [
            "{pack}/topics: error: folder not found; create it and add one file per topic, "
            "such as topics/opening-hours.yaml"
        ],
        id="topics-folder-missing",
    ),
    pytest.param(
        {"topics/a.yaml": None, "topics": "not a folder"},
        ["{pack}/topics: error: cannot read the folder: Not a directory"],
        id="topics-is-a-file",
    ),
    pytest.param(
        {"kiosk.yaml": None},
        [
            "{pack}/kiosk.yaml: error: file not found; every pack needs a kiosk.yaml with "
            "'schema: 1' and a 'title'"
        ],
        id="kiosk-yaml-missing",
    ),
    pytest.param(
        {"kiosk.yaml": None, "kiosk.yml": PACK_YAML},
        ["{pack}/kiosk.yaml: error: file not found; rename kiosk.yml to kiosk.yaml"],
        id="kiosk-yml-instead",
    ),
    # --- bytes and size ---------------------------------------------------------------
    pytest.param(
        {"topics/a.yaml": b"question: Q?\nanswer: caf\xe9 au lait\n"},
        [
            "{pack}/topics/a.yaml:2:12: error: not valid UTF-8 (byte 0xe9); save the file with "
            "UTF-8 encoding"
        ],
        id="latin-1-byte",
    ),
    pytest.param(
        {"topics/a.yaml": "question: Qu\u00e9?\nanswer: \u00e9t\u00e9".encode() + b"\xff\n"},
        [
            "{pack}/topics/a.yaml:2:12: error: not valid UTF-8 (byte 0xff); save the file with "
            "UTF-8 encoding"
        ],
        id="bad-byte-column-counts-characters",
    ),
    pytest.param(
        {"topics/a.yaml": TOPIC_YAML.encode("utf-16")},
        [
            "{pack}/topics/a.yaml:1:1: error: not valid UTF-8 (byte 0xff); save the file with "
            "UTF-8 encoding"
        ],
        id="utf-16-file",
    ),
    pytest.param(
        # Over the limit *and* an unterminated quote: only the size is reported,
        # so the file was refused before it was parsed.
        {"topics/a.yaml": "question: Q?\nanswer: '" + "x" * MIB + "\n"},
        [
            "{pack}/topics/a.yaml: error: file is larger than 1 MiB, the limit for a content "
            "file; is this the right file?"
        ],
        id="over-1-mib-refused-before-parsing",
    ),
    pytest.param(
        {"topics/a.yaml": "question: Q?\nanswer: A\x07B.\n"},
        [
            "{pack}/topics/a.yaml:2:10: error: invalid character U+0007; remove it (content "
            "files hold printable text only)"
        ],
        id="control-character",
    ),
    pytest.param(
        {"kiosk.yaml": "schema: 1\ntitle: Cli\x00nic\n"},
        [
            "{pack}/kiosk.yaml:2:11: error: invalid character U+0000; remove it (content "
            "files hold printable text only)"
        ],
        id="nul-character",
    ),
    pytest.param(
        {"topics/a.yaml": "question: \U0001f600 Q?\nanswer: A\x1bB.\n"},
        [
            "{pack}/topics/a.yaml:2:10: error: invalid character U+001B; remove it (content "
            "files hold printable text only)"
        ],
        id="control-character-after-emoji",
    ),
    # --- tags, anchors, documents ---------------------------------------------------------
    pytest.param(
        {"topics/a.yaml": "question: !!str Q?\nanswer: A.\n"},
        [f"{{pack}}/topics/a.yaml:1:11: error: YAML tag '!!str' {TAG_REFUSED}"],
        id="tag-str",
    ),
    pytest.param(
        {"topics/a.yaml": "question: Q?\nanswer: !note A.\n"},
        [f"{{pack}}/topics/a.yaml:2:9: error: YAML tag '!note' {TAG_REFUSED}"],
        id="tag-custom",
    ),
    pytest.param(
        {"topics/a.yaml": "--- !!map\nquestion: Q?\nanswer: A.\n"},
        [f"{{pack}}/topics/a.yaml:1:5: error: YAML tag '!!map' {TAG_REFUSED}"],
        id="tag-on-the-mapping",
    ),
    pytest.param(
        {"topics/a.yaml": "question: Q?\nanswer: !!python/object/apply:os.system ['true']\n"},
        [
            f"{{pack}}/topics/a.yaml:2:9: error: YAML tag '!!python/object/apply:os.system' "
            f"{TAG_REFUSED}",
            "{pack}/topics/a.yaml:2:9: error: 'answer' must be text, not a list",
        ],
        id="tag-python-object",
    ),
    pytest.param(
        {"topics/a.yaml": "question: &q Q?\nanswer: A.\n"},
        [f"{{pack}}/topics/a.yaml:1:11: error: YAML anchor '&q' {NOT_ALLOWED}"],
        id="anchor",
    ),
    pytest.param(
        {"topics/a.yaml": "question: Q?\nanswer: A.\n---\nquestion: Other?\nanswer: B.\n"},
        [
            "{pack}/topics/a.yaml:3:1: error: a second YAML document starts here; a content file "
            "holds one document: remove this '---' line or move the rest to its own file"
        ],
        id="second-document",
    ),
    # --- YAML 1.1 guesses -------------------------------------------------------------------
    pytest.param(
        {"topics/a.yaml": "question: No\nanswer: A.\n"},
        [
            "{pack}/topics/a.yaml:1:11: error: 'question' must be text, but No reads as the "
            'yes/no value false; put it in quotes: question: "No"'
        ],
        id="guess-no-is-false",
    ),
    pytest.param(
        {"topics/a.yaml": "question: Q?\nanswer: yes\n"},
        [
            "{pack}/topics/a.yaml:2:9: error: 'answer' must be text, but yes reads as the "
            'yes/no value true; put it in quotes: answer: "yes"'
        ],
        id="guess-yes-is-true",
    ),
    pytest.param(
        {"kiosk.yaml": "schema: 1\ntitle: 10:00\n"},
        [
            "{pack}/kiosk.yaml:2:8: error: 'title' must be text, but 10:00 reads as the number "
            '600; put it in quotes: title: "10:00"'
        ],
        id="guess-time-is-sexagesimal",
    ),
    pytest.param(
        {"topics/a.yaml": "question: 1.5\nanswer: A.\n"},
        [
            "{pack}/topics/a.yaml:1:11: error: 'question' must be text, but 1.5 reads as the "
            'number 1.5; put it in quotes: question: "1.5"'
        ],
        id="guess-float",
    ),
    pytest.param(
        {"topics/a.yaml": "question: 2024-01-31\nanswer: A.\n"},
        [
            "{pack}/topics/a.yaml:1:11: error: 'question' must be text, but 2024-01-31 reads as "
            'the date 2024-01-31; put it in quotes: question: "2024-01-31"'
        ],
        id="guess-date",
    ),
    pytest.param(
        {"topics/a.yaml": "question: null\nanswer: A.\n"},
        ["{pack}/topics/a.yaml:1:11: error: " + QUESTION_EMPTY],
        id="guess-null",
    ),
    pytest.param(
        {"topics/a.yaml": "question: ~\nanswer: A.\n"},
        ["{pack}/topics/a.yaml:1:11: error: " + QUESTION_EMPTY],
        id="guess-tilde",
    ),
    pytest.param(
        {"topics/a.yaml": "question:\nanswer: A.\n"},
        ["{pack}/topics/a.yaml:1:10: error: " + QUESTION_EMPTY],
        id="required-value-empty",
    ),
    pytest.param(
        {"kiosk.yaml": "schema: 1\ntitle: '   '\n"},
        ["{pack}/kiosk.yaml:2:8: error: 'title' is empty; write its value after 'title:'"],
        id="required-value-blank",
    ),
]


@pytest.mark.parametrize(("files", "expected"), BROKEN_PACKS)
def test_broken_pack_reports_exact_problems(
    new_pack: NewPack, files: dict[str, Entry], expected: list[str]
) -> None:
    pack = new_pack(files)
    assert error_lines(str(pack)) == expand(expected, pack)


# --- valid packs ----------------------------------------------------------------------------


def test_minimal_pack_loads_every_value(new_pack: NewPack) -> None:
    pack_dir = new_pack(
        {
            "kiosk.yaml": (
                "# The pack.\nschema: 1\ntitle: Riverside Clinic\n"
                "welcome: Tap a question.\nfooter: |\n  Ask our staff.\n  We are here to help.\n"
            ),
            "topics/opening-hours.yaml": (
                "question: When are you open?\norder: 1\nanswer: |\n  Monday to Friday.\n\n"
                "  - 9:00 to 12:00\n  - 14:00 to 17:00\nsource: Front desk, 2024\n"
            ),
        }
    )
    pack = load_pack(pack_dir)
    assert isinstance(pack, Pack)
    assert pack.title == "Riverside Clinic"
    assert pack.welcome == "Tap a question."
    assert pack.footer == "Ask our staff.\nWe are here to help."
    assert pack.folder == pack_dir
    assert pack.warnings == ()
    assert [t.id for t in pack.topics] == ["opening-hours", "a"]
    hours = pack.topic("opening-hours")
    assert hours.question == "When are you open?"
    assert hours.order == 1
    assert hours.source == "Front desk, 2024"
    assert hours.answer == (
        Paragraph("Monday to Friday."),
        BulletList(("9:00 to 12:00", "14:00 to 17:00")),
    )
    plain = pack.topic("a")
    assert (plain.question, plain.answer, plain.order, plain.source) == (
        "Q?",
        (Paragraph("A."),),
        None,
        None,
    )


def test_optional_pack_values_are_none_when_absent(new_pack: NewPack) -> None:
    pack = load_pack(new_pack())
    assert (pack.welcome, pack.footer) == (None, None)


def test_language_is_english_when_absent(new_pack: NewPack) -> None:
    assert load_pack(new_pack()).language == "en"


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        pytest.param("en", "en", id="en"),
        pytest.param("en-GB", "en-GB", id="en-GB"),
        pytest.param("es", "es", id="es"),
        pytest.param("pt-BR", "pt-BR", id="pt-BR"),
        pytest.param('"en"', "en", id="quoted"),
        # Case carries no meaning in a tag; it is stored in the usual case,
        # which voice and locale lookups expect.
        pytest.param("EN-gb", "en-GB", id="case-normalised"),
        pytest.param("zh-hant-tw", "zh-Hant-TW", id="script-title-case"),
        pytest.param("es-419", "es-419", id="numeric-region"),
        pytest.param("fil", "fil", id="three-letter-language"),
        pytest.param("de-CH-1996", "de-CH-1996", id="variant"),
        pytest.param("en-US-x-Clinic", "en-US-x-clinic", id="private-use-lower-case"),
        pytest.param("th-TH-u-nu-thai", "th-TH-u-nu-thai", id="extension"),
        # YAML 1.1 reads a plain `no` as false; as a language it can only be Norwegian.
        pytest.param("no", "no", id="norwegian-not-false"),
    ],
)
def test_language_tags_load_in_their_usual_case(
    new_pack: NewPack, written: str, stored: str
) -> None:
    pack = load_pack(new_pack({"kiosk.yaml": f"{PACK_YAML}language: {written}\n"}))
    assert pack.language == stored
    assert pack.warnings == ()


def test_empty_language_warns_and_is_english(new_pack: NewPack) -> None:
    pack_dir = new_pack({"kiosk.yaml": PACK_YAML + "language:\n"})
    pack = load_pack(pack_dir)
    assert pack.language == "en"
    assert [str(w) for w in pack.warnings] == [
        f"{pack_dir}/kiosk.yaml:3:10: warning: 'language' is empty; fill it in or remove the line"
    ]


def test_topics_know_where_their_answer_is_written(new_pack: NewPack) -> None:
    pack_dir = new_pack({"topics/b.yml": "# Note.\nquestion: Q?\nanswer: |\n  A.\n"})
    pack = load_pack(pack_dir)
    place = pack.topic("b").answer_place
    assert place is not None
    assert (place.path, place.line, place.column) == (f"{pack_dir}/topics/b.yml", 3, 9)


@pytest.mark.parametrize(
    ("files", "topic_id", "question"),
    [
        pytest.param(
            {"kiosk.yaml": "schema: 1\ntitle: " + "T" * 80 + "\n"}, "a", "Q?", id="title-80"
        ),
        pytest.param(
            {"topics/a.yaml": "question: " + "q" * 160 + "\nanswer: A.\n"},
            "a",
            "q" * 160,
            id="q-160",
        ),
        pytest.param(
            {"topics/a.yaml": "question: " + "\u00e9" * 160 + "\nanswer: A.\n"},
            "a",
            "\u00e9" * 160,
            id="q-160-characters-not-bytes",
        ),
        pytest.param({"topics/" + "b" * 64 + ".yaml": TOPIC_YAML}, "b" * 64, "Q?", id="id-64"),
        pytest.param({"topics/a-2.yml": TOPIC_YAML}, "a-2", "Q?", id="yml-suffix"),
    ],
)
def test_values_at_their_limits_load(
    new_pack: NewPack, files: dict[str, Entry], topic_id: str, question: str
) -> None:
    pack = load_pack(new_pack(files))
    assert pack.topic(topic_id).question == question
    assert pack.warnings == ()


def test_exactly_1_mib_file_is_the_limit(new_pack: NewPack) -> None:
    text = "question: Q?\nanswer: A.\n#"
    body = text + "x" * (MIB - len(text) - 1) + "\n"
    assert len(body.encode()) == MIB
    pack = load_pack(new_pack({"topics/a.yaml": body}))
    assert pack.topic("a").answer == (Paragraph("A."),)
    over = new_pack({"topics/a.yaml": body + "\n"})
    assert error_lines(over) == [
        f"{over}/topics/a.yaml: error: file is larger than 1 MiB, the limit for a content file; "
        "is this the right file?"
    ]


@pytest.mark.parametrize(
    ("line", "key", "value"),
    [
        pytest.param('question: "No"', "question", "No", id="quoted-no"),
        pytest.param("question: 'On'", "question", "On", id="quoted-on"),
        pytest.param('question: "1.5"', "question", "1.5", id="quoted-float"),
        pytest.param('question: "null"', "question", "null", id="quoted-null"),
        pytest.param(
            "question: Yes, twice a day?", "question", "Yes, twice a day?", id="yes-in-text"
        ),
        pytest.param('source: "2024-01-31"', "source", "2024-01-31", id="quoted-date"),
    ],
)
def test_quoting_a_guessed_value_keeps_it_as_text(
    new_pack: NewPack, line: str, key: str, value: str
) -> None:
    """The fix each YAML 1.1 message suggests (put it in quotes) works."""
    other = "question: Q?\n" if key != "question" else ""
    pack = load_pack(new_pack({"topics/a.yaml": f"{other}{line}\nanswer: A.\n"}))
    assert getattr(pack.topic("a"), key) == value


def test_quoted_time_title_is_text(new_pack: NewPack) -> None:
    pack = load_pack(new_pack({"kiosk.yaml": 'schema: 1\ntitle: "10:00"\n'}))
    assert pack.title == "10:00"


def test_plain_question_continued_on_the_next_line_is_one_line(new_pack: NewPack) -> None:
    """A plain scalar folded by YAML is a single line: that is not an error."""
    pack = load_pack(
        new_pack({"topics/a.yaml": "question: How long\n  does it take?\nanswer: A.\n"})
    )
    assert pack.topic("a").question == "How long does it take?"


# --- many problems at once ------------------------------------------------------------------


def test_all_problems_from_all_files_in_one_error_sorted_by_path_then_line(
    new_pack: NewPack,
) -> None:
    lines_2_to_9 = "".join(f"# note {n}\n" for n in range(2, 10))
    pack = new_pack(
        {
            "kiosk.yaml": "schema: 3\n",
            # Found in the order line 1, line 10, then the missing keys (line 1);
            # shown in line order, and line 10 after line 1 (numbers, not text).
            "topics/b.yaml": "order: x\n" + lines_2_to_9 + "colour: red\n",
            "topics/a.yaml": 'question: "Q?\nanswer: A.\n',
            "topics/C.yaml": "question: Q?\nanswer: A.\nsource:\n",
            "topics/notes.txt": "x",
        }
    )
    with pytest.raises(ContentError) as info:
        load_pack(pack)
    assert info.value.render().splitlines() == [
        f"{pack}/kiosk.yaml:1:1: error: missing required key 'title'",
        f"{pack}/kiosk.yaml:1:9: error: unsupported schema 3; this kiosk reads schema 1",
        f"{pack}/topics/C.yaml: error: 'C' {BAD_ID} 'c.yaml'",
        f"{pack}/topics/C.yaml:3:8: warning: 'source' is empty; fill it in or remove the line",
        f"{pack}/topics/a.yaml:3:1: error: invalid YAML: found unexpected end of stream "
        f"(while scanning a quoted scalar at line 1, column 11){SYNTAX}",
        f"{pack}/topics/b.yaml:1:1: error: missing required key 'question'",
        f"{pack}/topics/b.yaml:1:1: error: missing required key 'answer'",
        f"{pack}/topics/b.yaml:1:8: error: 'order' must be a whole number such as 10, not 'x'",
        f"{pack}/topics/b.yaml:10:1: error: unknown key 'colour'; {TOPIC_KEYS_HINT}",
        f"{pack}/topics/notes.txt: warning: ignored: topic files must end in .yaml or .yml",
    ]
    assert len(info.value.errors) == 8
    assert all(p.severity is Severity.ERROR for p in info.value.errors)


def test_topic_problems_are_reported_even_when_kiosk_yaml_is_missing(new_pack: NewPack) -> None:
    pack = new_pack({"kiosk.yaml": None, "topics/a.yaml": "question: Q?\n"})
    assert error_lines(pack) == [
        f"{pack}/kiosk.yaml: error: file not found; every pack needs a kiosk.yaml with "
        "'schema: 1' and a 'title'",
        f"{pack}/topics/a.yaml:1:1: error: missing required key 'answer'",
    ]


# --- warnings and ignored files -----------------------------------------------------------------


def test_warnings_never_block_and_are_kept_on_the_pack(new_pack: NewPack) -> None:
    pack_dir = new_pack(
        {
            "kiosk.yaml": PACK_YAML + "welcome:\n",
            "topics/a.yaml": TOPIC_YAML + "source:\norder: ~\n",
            "topics/notes.txt": "remember to update the hours",
            "topics/Hours.YAML": TOPIC_YAML,
            "topics/archive": FOLDER,
            "topics/archive/old.yaml": TOPIC_YAML,
        }
    )
    pack = load_pack(pack_dir)
    assert [str(w) for w in pack.warnings] == [
        f"{pack_dir}/kiosk.yaml:3:9: warning: 'welcome' is empty; fill it in or remove the line",
        f"{pack_dir}/topics/Hours.YAML: warning: ignored: topic files must end in .yaml or .yml",
        f"{pack_dir}/topics/a.yaml:3:8: warning: 'source' is empty; fill it in or remove the line",
        f"{pack_dir}/topics/a.yaml:4:8: warning: 'order' is empty; fill it in or remove the line",
        f"{pack_dir}/topics/archive: warning: ignored: folders inside topics/ are not read",
        f"{pack_dir}/topics/notes.txt: warning: ignored: topic files must end in .yaml or .yml",
    ]
    assert all(w.severity is Severity.WARNING and not w.is_error for w in pack.warnings)
    assert pack.welcome is None
    assert [t.id for t in pack.topics] == ["a"]
    assert (pack.topic("a").source, pack.topic("a").order) == (None, None)


def test_warnings_come_along_with_errors_but_are_not_errors(new_pack: NewPack) -> None:
    pack = new_pack({"topics/a.yaml": "question: Q?\n", "topics/notes.txt": "x"})
    with pytest.raises(ContentError) as info:
        load_pack(pack)
    assert [str(p) for p in info.value.errors] == [
        f"{pack}/topics/a.yaml:1:1: error: missing required key 'answer'"
    ]
    assert [p.severity for p in info.value.problems] == [Severity.ERROR, Severity.WARNING]


SCRATCH_NAMES = [
    ".dotfile",
    ".hidden.yaml",
    "a.yaml~",
    "x~",
    "x.tmp",
    "x.part",
    "x.swp",
    ".a.yaml.swp",
    "~$x.yaml",
    "x.sync-conflict-1.yaml",
    "a.sync-conflict-20240101-123456-ABCDEFG.yaml",
]


@pytest.mark.parametrize("name", SCRATCH_NAMES)
def test_scratch_files_are_ignored_silently(new_pack: NewPack, name: str) -> None:
    # Broken in every way, so reading it at all would be an error.
    pack = load_pack(new_pack({f"topics/{name}": b"\xff: ['\x00"}))
    assert [t.id for t in pack.topics] == ["a"]
    assert pack.warnings == ()


def test_dot_folders_are_ignored_silently(new_pack: NewPack) -> None:
    pack = load_pack(new_pack({"topics/.git": FOLDER, "topics/.git/config.yaml": "x: ["}))
    assert [t.id for t in pack.topics] == ["a"]
    assert pack.warnings == ()


def test_a_pack_of_only_scratch_files_has_no_topics(new_pack: NewPack) -> None:
    pack = new_pack({"topics/a.yaml": None, "topics/a.yaml~": TOPIC_YAML, "topics/.b.yaml": ""})
    assert error_lines(pack) == [f"{pack}/topics: error: {NO_TOPICS}"]


# --- encodings ------------------------------------------------------------------------------------


def test_byte_order_mark_at_the_start_is_accepted(new_pack: NewPack) -> None:
    pack = load_pack(
        new_pack(
            {
                "kiosk.yaml": "\ufeff" + PACK_YAML,
                "topics/a.yaml": "\ufeffquestion: Q?\nanswer: A.\n",
            }
        )
    )
    assert pack.title == "Clinic"
    assert pack.topic("a").question == "Q?"
    assert pack.warnings == ()


def test_byte_order_mark_does_not_shift_columns(new_pack: NewPack) -> None:
    pack = new_pack({"topics/a.yaml": "\ufeffanwser: A.\nquestion: Q?\n"})
    assert error_lines(pack) == [
        f"{pack}/topics/a.yaml:1:1: error: unknown key 'anwser'; did you mean 'answer'?",
    ]


def test_windows_line_endings_load(new_pack: NewPack) -> None:
    pack = load_pack(
        new_pack({"topics/a.yaml": "question: Q?\r\nanswer: |\r\n  One\r\n  two.\r\n\r\n  - x\r\n"})
    )
    assert pack.topic("a").answer == (Paragraph("One two."), BulletList(("x",)))


def test_byte_order_mark_does_not_shift_a_bad_byte(new_pack: NewPack) -> None:
    """The bad byte and its place are the same with or without a BOM.

    (UnicodeDecodeError.start from the utf-8-sig codec counts from after the BOM;
    indexing the raw bytes with it names a byte 3 places too early.)
    """
    pack = new_pack({"topics/a.yaml": b"\xef\xbb\xbfquestion: Q?\nanswer: caf\xe9\n"})
    assert error_lines(pack) == [
        f"{pack}/topics/a.yaml:2:12: error: not valid UTF-8 (byte 0xe9); save the file with "
        "UTF-8 encoding"
    ]


def test_old_mac_line_endings_locate_a_bad_byte(new_pack: NewPack) -> None:
    """A lone CR ends a line for YAML and for editors, so it does for locations too."""
    pack = new_pack({"topics/a.yaml": b"question: Q?\ranswer: caf\xe9\r"})
    assert error_lines(pack) == [
        f"{pack}/topics/a.yaml:2:12: error: not valid UTF-8 (byte 0xe9); save the file with "
        "UTF-8 encoding"
    ]


def test_old_mac_line_endings_locate_a_control_character(new_pack: NewPack) -> None:
    """As above, for a character the YAML reader refuses."""
    pack = new_pack({"topics/a.yaml": "question: Q?\ranswer: A\x07B.\r"})
    assert error_lines(pack) == [
        f"{pack}/topics/a.yaml:2:10: error: invalid character U+0007; remove it (content files "
        "hold printable text only)"
    ]


# --- kiosk.yaml that is not a mapping --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param("- schema: 1\n- title: Clinic\n", "a list", id="list"),
        pytest.param("Riverside Clinic\n", "text", id="text"),
        pytest.param("", "an empty file", id="empty"),
    ],
)
def test_kiosk_yaml_not_a_mapping_names_pack_keys(new_pack: NewPack, text: str, found: str) -> None:
    """The hint for kiosk.yaml names a key of kiosk.yaml, not 'question' (a topic key)."""
    pack = new_pack({"kiosk.yaml": text})
    [line] = error_lines(pack)
    assert line.startswith(f"{pack}/kiosk.yaml:1:1: error: expected keys such as '")
    assert line.endswith(f", found {found}")
    assert "question" not in line
    assert "'schema: 1'" in line or "'title: " in line


# --- safety -------------------------------------------------------------------------------------


def test_python_tags_construct_nothing_and_run_nothing(new_pack: NewPack, tmp_path: Path) -> None:
    touched = tmp_path / "touched-by-os-system"
    opened = tmp_path / "created-by-open"
    victim = tmp_path / "must-survive"
    victim.write_text("still here", encoding="utf-8")
    pack = new_pack(
        {
            "kiosk.yaml": (
                f"schema: 1\ntitle: !!python/object/apply:os.system ['touch {touched}']\n"
            ),
            "topics/a.yaml": (
                f"question: Q?\nanswer: !!python/object/apply:builtins.open ['{opened}', 'w']\n"
            ),
            "topics/b.yaml": (
                f"question: Q?\nanswer: !!python/object/apply:os.remove ['{victim}']\n"
            ),
            "topics/c.yaml": f"!!python/object/new:os.system ['touch {touched}']\n",
            "topics/d.yaml": "question: !!python/name:os.system ''\nanswer: A.\n",
        }
    )
    lines = error_lines(pack)
    assert not touched.exists()
    assert not opened.exists()
    assert victim.read_text(encoding="utf-8") == "still here"
    for expected in [
        f"{pack}/kiosk.yaml:2:8: error: YAML tag '!!python/object/apply:os.system' {TAG_REFUSED}",
        f"{pack}/topics/a.yaml:2:9: error: YAML tag '!!python/object/apply:builtins.open' "
        f"{TAG_REFUSED}",
        f"{pack}/topics/b.yaml:2:9: error: YAML tag '!!python/object/apply:os.remove' "
        f"{TAG_REFUSED}",
        f"{pack}/topics/c.yaml:1:1: error: YAML tag '!!python/object/new:os.system' {TAG_REFUSED}",
        f"{pack}/topics/d.yaml:1:11: error: YAML tag '!!python/name:os.system' {TAG_REFUSED}",
    ]:
        assert expected in lines


def test_alias_bomb_is_refused_without_expanding(new_pack: NewPack) -> None:
    pack = new_pack({"topics/a.yaml": alias_bomb()})
    lines = error_lines(pack)
    # One problem per anchor and per alias written in the file (9 + 8*9 + 1),
    # not one per expanded leaf (9**9).
    assert sum("YAML anchor" in line for line in lines) == 9
    assert sum("YAML alias" in line for line in lines) == 73
    assert f"{pack}/topics/a.yaml:9:32: error: YAML alias '*h' {NOT_ALLOWED}" in lines
    assert f"{pack}/topics/a.yaml:11:9: error: YAML alias '*i' {NOT_ALLOWED}" in lines
    assert len(lines) < 100


@pytest.mark.parametrize(
    ("topic", "expected"),
    [
        pytest.param(
            "question: &q Q?\nanswer: *q\n",
            [f"{{pack}}/topics/a.yaml:2:9: error: YAML alias '*q' {NOT_ALLOWED}"],
            id="required-answer",
        ),
        pytest.param(
            "question: &q Q?\nanswer: A.\nsource: *q\n",
            [f"{{pack}}/topics/a.yaml:3:9: error: YAML alias '*q' {NOT_ALLOWED}"],
            id="optional-source",
        ),
        pytest.param(
            "question: &q Q?\nanswer: A.\norder: *q\n",
            [f"{{pack}}/topics/a.yaml:3:8: error: YAML alias '*q' {NOT_ALLOWED}"],
            id="optional-order",
        ),
    ],
)
def test_an_alias_is_reported_once_not_also_as_an_empty_value(
    new_pack: NewPack, topic: str, expected: list[str]
) -> None:
    """The alias is the one problem: the value is not empty, so no "'answer' is empty"
    error (or "'source' is empty" warning) may follow it.
    """
    pack = new_pack({"topics/a.yaml": topic})
    anchor = f"{pack}/topics/a.yaml:1:11: error: YAML anchor '&q' {NOT_ALLOWED}"
    assert error_lines(pack) == [anchor, *expand(expected, pack)]


@pytest.mark.parametrize("value", ["=", "<<"])
def test_special_yaml_values_are_explained_not_echoed(new_pack: NewPack, value: str) -> None:
    """YAML 1.1 'value' (=) and 'merge' (<<) scalars: the message says what the text
    would become, instead of "but = reads as =".
    """
    pack = new_pack({"topics/a.yaml": f"question: {value}\nanswer: A.\n"})
    [line] = error_lines(pack)
    assert line.startswith(f"{pack}/topics/a.yaml:1:11: error: 'question' must be text, but ")
    assert f"reads as {value};" not in line
    assert line.endswith(f'put it in quotes: question: "{value}"')


def test_answer_of_only_bullet_dashes_is_empty(new_pack: NewPack) -> None:
    """An answer with no words (only "-") would show a blank answer screen: an error."""
    pack = new_pack({"topics/a.yaml": "question: Q?\nanswer: |\n  -\n  -\n"})
    [line] = error_lines(pack)
    assert line.startswith(f"{pack}/topics/a.yaml:2:9: error: 'answer' ")


# --- order of the tiles ----------------------------------------------------------------------


def test_tiles_sort_by_order_then_id_and_topics_without_order_come_last(
    new_pack: NewPack,
) -> None:
    def topic(order: str) -> str:
        return TOPIC_YAML + (f"order: {order}\n" if order else "")

    pack = load_pack(
        new_pack(
            {
                "topics/a.yaml": topic("2"),
                "topics/b.yaml": topic("2"),
                "topics/c.yaml": topic("1"),
                "topics/d.yaml": topic("10"),
                "topics/e.yaml": topic("-1"),
                "topics/f.yaml": topic("0"),
                "topics/m.yaml": topic(""),
                "topics/z.yaml": topic(""),
                "topics/k.yaml": topic(""),
            }
        )
    )
    assert [t.id for t in pack.topics] == ["e", "f", "c", "a", "b", "d", "k", "m", "z"]
    assert [t.order for t in pack.topics] == [-1, 0, 1, 2, 2, 10, None, None, None]


# --- the folder as given -------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", "/"])
def test_folder_is_shown_as_given(new_pack: NewPack, suffix: str) -> None:
    pack = new_pack({"topics/a.yaml": "question: Q?\n"})
    # os.path.join keeps what was typed: no doubled slash, nothing resolved.
    assert error_lines(f"{pack}{suffix}") == [
        f"{pack}/topics/a.yaml:1:1: error: missing required key 'answer'"
    ]


def test_folder_given_as_path_object(new_pack: NewPack) -> None:
    pack = new_pack({"topics/a.yaml": "question: Q?\n"})
    assert error_lines(pack) == [f"{pack}/topics/a.yaml:1:1: error: missing required key 'answer'"]


@pytest.mark.parametrize("given", ["pack", "pack/", "./pack", "./pack/", "sub/../pack"])
def test_relative_folder_is_shown_as_given(
    new_pack: NewPack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    new_pack({"kiosk.yaml": "schema: 1\ntitle: 1.0\n"})
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    shown = given.rstrip("/")
    assert error_lines(given) == [
        f"{shown}/kiosk.yaml:2:8: error: 'title' must be text, but 1.0 reads as the number 1.0; "
        'put it in quotes: title: "1.0"'
    ]


def test_relative_folder_loads(
    new_pack: NewPack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new_pack()
    monkeypatch.chdir(tmp_path)
    pack = load_pack("pack")
    assert [t.id for t in pack.topics] == ["a"]


def test_missing_folder(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-pack"
    assert error_lines(missing) == [
        f"{missing}: error: folder not found; give the folder that holds kiosk.yaml"
    ]


def test_missing_folder_shown_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert error_lines("./contnet/") == [
        "./contnet/: error: folder not found; give the folder that holds kiosk.yaml"
    ]


def test_a_file_instead_of_a_folder(tmp_path: Path) -> None:
    file = tmp_path / "kiosk.yaml"
    file.write_text(PACK_YAML, encoding="utf-8")
    assert error_lines(file) == [
        f"{file}: error: not a folder; give the folder that holds kiosk.yaml"
    ]


# --- a large pack ---------------------------------------------------------------------------------


def large_pack_files(count: int) -> dict[str, Entry]:
    files: dict[str, Entry] = {"topics/a.yaml": None}
    for n in range(count):
        files[f"topics/topic-{n:03d}.yaml"] = (
            f"question: Question number {n}?\norder: {count - n}\n"
            f"answer: |\n  Answer {n}, first paragraph.\n\n  - point one\n  - point two\n"
        )
    return files


def test_500_topic_pack_loads_in_order(new_pack: NewPack) -> None:
    pack = load_pack(new_pack(large_pack_files(500)))
    assert len(pack.topics) == 500
    assert pack.warnings == ()
    assert [t.id for t in pack.topics] == [f"topic-{n:03d}" for n in reversed(range(500))]
    last = pack.topics[-1]
    assert (last.id, last.order, last.question) == ("topic-000", 500, "Question number 0?")
    assert last.answer == (
        Paragraph("Answer 0, first paragraph."),
        BulletList(("point one", "point two")),
    )


def test_500_topic_pack_with_one_broken_file_reports_just_that_file(new_pack: NewPack) -> None:
    files = large_pack_files(500)
    files["topics/topic-250.yaml"] = "question: Q?\norder: 1\nanwser: A.\n"
    pack = new_pack(files)
    assert error_lines(pack) == [
        f"{pack}/topics/topic-250.yaml:3:1: error: unknown key 'anwser'; did you mean 'answer'?",
    ]


# --- files that are not regular files, and nesting ---------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_among_the_topics_is_skipped_not_read(new_pack: NewPack) -> None:
    pack = new_pack()
    os.mkfifo(pack / "topics" / "pipe.yaml")  # reading it would block forever
    loaded = load_pack(pack)
    assert [t.id for t in loaded.topics] == ["a"]
    assert [str(w) for w in loaded.warnings] == [
        f"{pack}/topics/pipe.yaml: warning: ignored: not a regular file "
        "(a broken link, a pipe or a device)"
    ]


def test_a_broken_link_among_the_topics_is_a_warning(new_pack: NewPack) -> None:
    pack = new_pack()
    (pack / "topics" / "gone.yaml").symlink_to(pack / "nowhere.yaml")
    loaded = load_pack(pack)
    assert [str(w) for w in loaded.warnings] == [
        f"{pack}/topics/gone.yaml: warning: ignored: not a regular file "
        "(a broken link, a pipe or a device)"
    ]


IGNORED_LOOP = (
    "warning: ignored: a symbolic link that leads back to itself (a link loop); "
    "point it at a topic file or remove it"
)
LOOP = "error: a symbolic link that leads back to itself (a link loop)"

# (links to make in the pack: name -> what it points at; the exact problem lines)
LINK_LOOPS = [
    pytest.param(
        {"topics/loop.yaml": "loop.yaml"},
        ["{pack}/topics/loop.yaml: " + IGNORED_LOOP],
        id="topic-links-to-itself",
    ),
    pytest.param(
        {"topics/b.yaml": "c.yaml", "topics/c.yaml": "b.yaml"},
        ["{pack}/topics/b.yaml: " + IGNORED_LOOP, "{pack}/topics/c.yaml: " + IGNORED_LOOP],
        id="two-topic-links-to-each-other",
    ),
    pytest.param(
        {"topics/notes.txt": "notes.txt"},
        ["{pack}/topics/notes.txt: " + IGNORED_LOOP],
        id="non-yaml-link-to-itself",
    ),
]


@pytest.mark.parametrize(("links", "expected"), LINK_LOOPS)
def test_a_link_loop_among_the_topics_is_a_warning(
    new_pack: NewPack, links: dict[str, str], expected: list[str]
) -> None:
    pack = new_pack()
    for name, target in links.items():
        (pack / name).symlink_to(target)
    loaded = load_pack(pack)  # no OSError
    assert [t.id for t in loaded.topics] == ["a"]
    assert [str(w) for w in loaded.warnings] == expand(expected, pack)


def test_kiosk_yaml_that_links_to_itself_is_an_error(new_pack: NewPack) -> None:
    pack = new_pack({"kiosk.yaml": None})
    (pack / "kiosk.yaml").symlink_to("kiosk.yaml")
    assert error_lines(pack) == [
        f"{pack}/kiosk.yaml: {LOOP}; point it at the pack's real kiosk.yaml"
    ]


def test_a_topics_folder_that_links_to_itself_is_an_error(new_pack: NewPack) -> None:
    pack = new_pack({"topics/a.yaml": None})  # no topics folder yet
    (pack / "topics").symlink_to("topics")
    assert error_lines(pack) == [
        f"{pack}/topics: {LOOP}; point it at the pack's real topics folder"
    ]


def test_a_pack_folder_that_links_to_itself_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "current").symlink_to("other")
    (tmp_path / "other").symlink_to("current")
    assert error_lines(tmp_path / "current") == [
        f"{tmp_path}/current: {LOOP}; give the folder that holds kiosk.yaml"
    ]


def test_a_topic_link_the_kiosk_may_not_follow_is_an_error(
    new_pack: NewPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Permissions cannot be tested as root (CI containers): fail the stat
    # itself, as a link into a folder without search permission does.
    pack = new_pack({"topics/b.yaml": TOPIC_YAML})
    real_scandir = os.scandir

    class Entry:
        def __init__(self, entry: os.DirEntry[str]) -> None:
            self.name, self.path = entry.name, entry.path

        def is_dir(self) -> bool:
            raise PermissionError(13, "Permission denied")

    def scandir(path: Path) -> list[object]:
        return [Entry(e) if e.name == "b.yaml" else e for e in real_scandir(path)]

    monkeypatch.setattr(os, "scandir", scandir)
    assert error_lines(pack) == [
        f"{pack}/topics/b.yaml: error: cannot read the file: Permission denied"
    ]


def test_kiosk_yaml_that_is_a_folder_says_so(new_pack: NewPack) -> None:
    pack = new_pack({"kiosk.yaml": FOLDER})
    assert error_lines(pack) == [
        f"{pack}/kiosk.yaml: error: is a folder; kiosk.yaml must be a file"
    ]


TOO_DEEP = (
    "error: lists and mappings nested more than 20 deep; content files need no nesting at all"
)


@pytest.mark.parametrize(
    ("source", "where"),
    [
        pytest.param("[" * 21 + "]" * 21, "3:28", id="21-lists"),
        pytest.param("[" * 990 + "]" * 990, "3:28", id="990-lists"),
        # Past libyaml's own limit of 1,000, found while it scans ahead.
        pytest.param("[" * 5000 + "]" * 5000, "3:28", id="5000-lists"),
        pytest.param("[" * (MIB - 40), "3:28", id="1-MiB-of-brackets"),
        pytest.param("{a: " * 30 + "b" + "}" * 30, "3:85", id="mappings"),
        pytest.param("\n  " + "- " * 25 + "x", "4:41", id="block-lists"),
        pytest.param(
            "\n" + "".join(" " * n + f"k{n}:\n" for n in range(1, 25)), "23:21", id="block-mappings"
        ),
    ],
)
def test_deep_nesting_is_one_located_error(
    new_pack: NewPack, yaml_parser: str, source: str, where: str
) -> None:
    """The same error with either parser: the pure-Python one, linear here, no longer
    takes 20 seconds over a megabyte of brackets, and libyaml's deeper limit no
    longer moves it."""
    pack = new_pack({"topics/a.yaml": f"question: Q?\nanswer: A.\nsource: {source}\n"})
    assert error_lines(pack) == [f"{pack}/topics/a.yaml:{where}: {TOO_DEEP}"]


def test_nesting_within_the_limit_is_an_ordinary_type_error(new_pack: NewPack) -> None:
    pack = new_pack({"topics/a.yaml": "question: Q?\nanswer: A.\nsource: [[[x]]]\n"})
    assert error_lines(pack) == [
        f"{pack}/topics/a.yaml:3:9: error: 'source' must be text, not a list"
    ]


# --- bullets that YAML would join ---------------------------------------------------------------

JOINED = (
    "'answer' has lines starting with '- ' that YAML joins into one paragraph; "
    "write 'answer: |' and indent the text below it to keep bullets and line breaks"
)


@pytest.mark.parametrize(
    ("answer", "column"),
    [
        ("Side effects are mild.\n  - Headache\n  - Scalp pain\n", 9),  # plain
        (">\n  Side effects are mild.\n  - Headache\n", 9),  # folded
    ],
    ids=["plain", "folded"],
)
def test_bullets_joined_by_yaml_are_a_warning(new_pack: NewPack, answer: str, column: int) -> None:
    pack = new_pack({"topics/a.yaml": f"question: Q?\nanswer: {answer}"})
    loaded = load_pack(pack)
    assert [str(w) for w in loaded.warnings] == [
        f"{pack}/topics/a.yaml:2:{column}: warning: {JOINED}"
    ]


def test_bullets_in_a_literal_block_need_no_warning(new_pack: NewPack) -> None:
    pack = new_pack({"topics/a.yaml": "question: Q?\nanswer: |\n  Mild.\n  - Headache\n"})
    loaded = load_pack(pack)
    assert loaded.warnings == ()
    assert loaded.topic("a").answer == (Paragraph("Mild."), BulletList(("Headache",)))


@pytest.mark.parametrize("digits", [10, 5000])
def test_an_absurdly_long_order_is_a_located_error(new_pack: NewPack, digits: int) -> None:
    pack = new_pack({"topics/a.yaml": TOPIC_YAML + "order: " + "7" * digits + "\n"})
    assert error_lines(pack) == [
        f"{pack}/topics/a.yaml:3:8: error: 'order' is too large; use a number of at most 9 digits"
    ]


def test_a_nine_digit_order_is_fine(new_pack: NewPack) -> None:
    pack = new_pack({"topics/a.yaml": TOPIC_YAML + "order: 000999999999\n"})
    assert load_pack(pack).topic("a").order == 999999999
