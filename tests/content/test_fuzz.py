"""Fuzzing load_pack: whatever the files hold, a validated Pack or located errors.

Hypothesis writes arbitrary bytes, arbitrary YAML documents and packs full of
hostile text (HTML, URLs, right-to-left and bidi controls, combining marks,
emoji, NUL and other control characters, lone surrogates, 100,000-character
words, deep nesting, huge numbers). The loader must answer with a validated
:class:`Pack`, or a :class:`ContentError` whose every problem names a file in
the pack and, when located, a line and column from 1: never another exception.

Runs are derandomized (the same examples on every machine, no example
database); a failure prints the falsifying example and a ``@reproduce_failure``
blob to paste above the test. The time limit per file is checked on the
slowest files we know how to build, at the end of this module.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Mapping
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content import ContentError, Pack, load_pack
from kiosk.content.answer_text import parse_answer
from kiosk.content.model import BulletList

MIB = 1024 * 1024
PACK_YAML = b"schema: 1\ntitle: Clinic\n"
TOPIC_YAML = b"question: Q?\nanswer: A.\n"
TOPIC_ID = re.compile(r"[a-z0-9-]{1,64}")
# What YAML counts as a line break: a location is on one of the file's lines.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

FUZZ = settings(
    max_examples=80,
    derandomize=True,
    database=None,
    print_blob=True,
    # Examples are small and take milliseconds; the deadline catches work that
    # explodes, with room for a busy CI machine. The budget of a second per
    # file is timed on the slowest files we can build (end of this module).
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example],
)

Outcome = Pack | ContentError


# --- the property every load must have ---------------------------------------------------------


def load_files(files: Mapping[str, bytes]) -> Outcome:
    """Write ``files`` (path in the pack -> bytes) as a pack and load it.

    Returns the Pack or the ContentError after checking either is well formed;
    any other exception fails the test where it is raised.
    """
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pack"
        for relative, content in files.items():
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        try:
            pack = load_pack(folder)
        except ContentError as error:
            assert_located(error, folder, files)
            return error
        assert_valid(pack)
        return pack


def assert_located(error: ContentError, folder: Path, files: Mapping[str, bytes]) -> None:
    assert error.errors, "a ContentError must hold at least one error"
    assert error.render().count("\n") == len(error.problems) - 1
    lines: dict[str, int] = {}
    for problem in error.problems:
        path = Path(problem.path)
        assert path == folder or path.is_relative_to(folder), problem
        if problem.line is None:
            assert problem.column is None, problem
            continue
        assert problem.column is not None, problem
        assert problem.line >= 1, problem
        assert problem.column >= 1, problem
        relative = path.relative_to(folder).as_posix()
        if relative not in lines:
            text = files[relative].removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
            lines[relative] = len(LINE_BREAK.split(text))
        # At most one line past the last: "unexpected end of stream" is there.
        assert problem.line <= lines[relative] + 1, problem


def assert_valid(pack: Pack) -> None:
    """What a screen may rely on in any pack that loaded."""
    assert isinstance(pack, Pack)
    assert pack.topics
    assert not any(w.is_error for w in pack.warnings)
    for line, limit in ((pack.title, 80), (pack.welcome, 200)):
        if line is not None:
            assert line == line.strip() and line, line
            assert len(line) <= limit and len(line.splitlines()) == 1
    for topic in pack.topics:
        assert TOPIC_ID.fullmatch(topic.id)
        assert topic.question == topic.question.strip() and topic.question
        assert len(topic.question) <= 160 and len(topic.question.splitlines()) == 1
        assert topic.order is None or (isinstance(topic.order, int) and abs(topic.order) < 10**9)
        assert topic.answer
        for block in topic.answer:
            texts = block.items if isinstance(block, BulletList) else (block.text,)
            for text in texts:
                assert text and text == " ".join(text.split()), text


# --- strategies --------------------------------------------------------------------------------

HTML = [
    "<b>",
    "</b>",
    '<a href="file:///etc/passwd">',
    "</a>",
    "<img src=x>",
    '<img src="file:///etc/passwd">',
    "&amp;",
    "&lt;b&gt;",
    "&#x41;",
    "<script>alert(1)</script>",
    "<!-- x -->",
    "<p>",
    "<br/>",
    "<table><tr><td>",
    "**bold**",
    "[link](http://example.com)",
    "![img](x.png)",
]
URLS = [
    "file:///etc/passwd",
    "http://example.com/",
    "https://example.com/?a=1&b=2#frag",
    "javascript:alert(1)",
    "mailto:someone@example.com",
    "www.example.com",
    "data:image/png;base64,iVBORw0KGgo=",
]
# Right-to-left text, the direction marks it may need, and isolates closed
# within the piece: all showable.
RTL = [
    "שלום",
    "مرحبا بكم",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u2067\u05e9\u05dc\u05d5\u05dd\u2069",
    "\u2066a\u2069",
]
# Overrides and unbalanced isolates: never in a text that loads.
BIDI = ["\u202e", "\u202b", "\u202a", "\u202c", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069"]
COMBINING = [
    "e\u0301",
    "\u0301",
    "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357",
    "\u0e01\u0e34\u0e4a",
]
EMOJI = ["😀", "👩\u200d👩\u200d👧\u200d👦", "🇬🇧", "🏳\ufe0f\u200d🌈", "\ufe0f", "🤷🏽\u200d♀\ufe0f"]
INVISIBLE = ["\u200b", "\u200d", "\u2060", "\ufeff", "\ufffc", "\ufffd", "\u00ad", "\u00a0"]
# Never in a text that loads: refused typed in a file, and refused as escapes too.
CONTROL = ["\x00", "\x07", "\x08", "\x1b", "\x7f", "\x9b", "\ud800", "\udfff", "\ufdd0", "\ufffe"]
BREAKS = ["\n", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\t", "\x0b", "\x0c"]
# A 100,000-letter word and a 100,000-character line are drawn as these
# names and put in by expand() at the last moment: Hypothesis refuses to
# print a megabyte of example, and the falsifying example stays readable.
LONG_WORD = "LongWord100k"
LONG_LINE = "LongLine100k"
long_text = st.sampled_from([LONG_WORD, LONG_LINE])


def expand(text: str) -> str:
    long_line = " ".join(["word"] * 20_000)
    return text.replace(LONG_WORD, "x" * 100_000).replace(LONG_LINE, long_line)


YAML_WORDS = ["No", "yes", "10:00", "~", "null", "1e999", ".inf", "0x1F", "2024-01-31", "- ", "#"]
YAML_WORDS += ["&a", "*a", "!!str", ": ", "? ", "'", '"', "\\", "|", ">", "{", "[", "%", "@", "`"]
WORDS = ["Headache", "clinic", "a", "-", "TMS", "É", "ß", "İ", "ǅ", "ﬁ"]

PRINTABLE_PIECES = HTML + URLS + RTL + COMBINING + EMOJI + INVISIBLE + YAML_WORDS + WORDS
hostile_piece = st.one_of(
    st.sampled_from(PRINTABLE_PIECES),
    st.sampled_from(CONTROL + BREAKS + BIDI),
    long_text,
    st.text(max_size=8),
    st.characters(codec=None, exclude_categories=()),
)
hostile_text = st.lists(hostile_piece, max_size=12).map(" ".join)


def printable_text(max_pieces: int = 8) -> st.SearchStrategy[str]:
    """Hostile but showable text, on one line: it must load and stay as written."""
    return st.lists(st.sampled_from(PRINTABLE_PIECES), min_size=1, max_size=max_pieces).map(
        " ".join
    )


def fitting(limit: int) -> Callable[[str], bool]:
    return lambda text: 0 < len(text.strip()) <= limit


# Paragraphs and bullets, one of them perhaps a 100,000-letter word or line.
printable_answer = st.tuples(
    st.lists(
        st.tuples(st.sampled_from(["", "- ", "\n", "- "]), printable_text()).map("".join),
        min_size=1,
        max_size=5,
    ).map("\n".join),
    st.sampled_from(["", f"\n{LONG_WORD}", f"\n\n- {LONG_LINE}"]),
).map("".join)

YAML_BYTES = [
    b"question: ",
    b"answer: ",
    b"order: ",
    b"source: ",
    b"schema: 1\n",
    b"title: ",
    b"\n",
    b"\r\n",
    b"\r",
    b"  ",
    b"\t",
    b"- ",
    b"? ",
    b": ",
    b"[",
    b"]",
    b"{",
    b"}",
    b", ",
    b"'",
    b'"',
    b"\\",
    b"\\x00",
    b"\\ud800",
    b"\\UFFFFFFFF",
    b"\\U00110000",
    b"&a ",
    b"*a ",
    b"!!str ",
    b"!!python/object/apply:os.system ",
    b"!x ",
    b"%YAML 1.1\n",
    b"%TAG ! tag:x,2000:\n",
    b"---\n",
    b"...\n",
    b"# ",
    b"|\n",
    b">-\n",
    b"|2+\n",
    b"No",
    b"10:00",
    b"1:00:00:00:00:00:00",
    b"0x" + b"f" * 200,
    b"~",
    b"2024-01-31",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\x00",
    b"\x07",
    "é".encode(),
    "\u202e".encode(),
    "\u2028".encode(),
    "\x85".encode(),
    "😀".encode(),
    "\ufdd0".encode(),
]
yamlish_bytes = st.lists(
    st.one_of(st.sampled_from(YAML_BYTES), st.binary(max_size=4)), max_size=40
).map(b"".join)
any_bytes = st.one_of(st.binary(max_size=400), yamlish_bytes)

YAML_SYNTAX = [*":-?[]{},#&*!|>'\"%@`\\ \n\t\r", "a", "1", "é", "\u2028", "\x85", "\ufeff"]
yamlish_text = st.one_of(
    st.text(alphabet=st.sampled_from(YAML_SYNTAX), max_size=60),
    st.lists(st.sampled_from([s.decode("utf-8", "replace") for s in YAML_BYTES]), max_size=30).map(
        "".join
    ),
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(),
    hostile_text,
    st.binary(max_size=8),
    st.dates(),
    st.datetimes(),
)
keys = st.one_of(st.sampled_from(["question", "answer", "order", "source", "title"]), scalars)


def _containers(children: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.lists(children, max_size=4) | st.dictionaries(
        keys.filter(lambda k: not isinstance(k, (bytes, float))), children, max_size=4
    )


yaml_data = st.recursive(scalars, _containers, max_leaves=12)
topic_like = st.fixed_dictionaries(
    {},
    optional={"question": yaml_data, "answer": yaml_data, "order": yaml_data, "source": yaml_data},
)

pack_like = st.fixed_dictionaries(
    {},
    optional={"schema": yaml_data, "title": yaml_data, "welcome": yaml_data, "footer": yaml_data},
)


@st.composite
def dumped(draw: st.DrawFn, documents: st.SearchStrategy[object]) -> str:
    """A document written by PyYAML in one of its styles."""
    return yaml.safe_dump(
        draw(documents),
        default_flow_style=draw(st.sampled_from([None, True, False])),
        default_style=draw(st.sampled_from([None, '"', "'", "|", ">"])),
        allow_unicode=draw(st.booleans()),
        width=draw(st.sampled_from([80, 12, 100_000])),
        explicit_start=draw(st.booleans()),
        sort_keys=False,
    )


def double_quoted(text: str, *, raw_unicode: bool = False) -> str:
    """``text`` as a YAML double-quoted scalar, every other character escaped."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F or (raw_unicode and code >= 0xA0 and char.isprintable()):
            out.append(char)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def literal_block(text: str) -> str:
    return "|-\n" + "".join(f"  {line}\n" for line in text.split("\n"))


@st.composite
def written(draw: st.DrawFn, text: str) -> str:
    """``text`` written as a YAML value, in a style drawn for it."""
    style = draw(st.sampled_from(["double", "double-raw", "single", "plain", "block", "dump"]))
    if style == "double":
        return double_quoted(text)
    if style == "double-raw":
        return double_quoted(text, raw_unicode=True)
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "plain":
        return text
    if style == "block":
        return literal_block(text)
    dump = yaml.safe_dump(text, allow_unicode=draw(st.booleans()), width=10**6)
    return dump.removesuffix("\n...\n").rstrip("\n")


HOSTILE_VALUES = [
    "[" * 5000 + "]" * 5000,
    "{a: " * 990 + "b" + "}" * 990,
    "- " * 3000 + "x",
    "1" * 5000,
    "0x" + "f" * 5000,
    "0b" + "1" * 20_000,
    "0o" + "7" * 3000,
    "1" + ":00" * 3000,
    "1" + ":00" * 50 + ".5",
    "1e999",
    "-.inf",
    ".NaN",
    "+12_345",
    "000999999999",
    "9" * 10,
    "2024-13-45 25:61:61 +99:99",
    "*undefined",
    "&a [*a]",
    "!!binary aGVsbG8=",
    "!!python/name:os.system",
    '"\\UFFFFFFFF"',
    '"\\U00110000"',
    '"\\ud800"',
    '"\\x00"',
    '"\\e"',
    '"\\uFDD0"',
    '"\\u2029"',
    '"\\N"',
]


def as_text(text: str) -> bytes:
    """The file's bytes, long words expanded; lone surrogates stay (as invalid UTF-8)."""
    return expand(text).encode("utf-8", "surrogatepass")


# --- arbitrary bytes and documents -------------------------------------------------------------


@FUZZ
@given(data=any_bytes)
def test_any_bytes_as_a_topic_file(data: bytes) -> None:
    load_files({"kiosk.yaml": PACK_YAML, "topics/a.yaml": data})


@FUZZ
@given(data=any_bytes)
def test_any_bytes_as_kiosk_yaml(data: bytes) -> None:
    load_files({"kiosk.yaml": data, "topics/a.yaml": TOPIC_YAML})


@FUZZ
@given(data=st.one_of(dumped(yaml_data), dumped(topic_like)))
def test_any_yaml_document_as_a_topic_file(data: str) -> None:
    outcome = load_files({"kiosk.yaml": PACK_YAML, "topics/a.yaml": as_text(data)})
    if isinstance(outcome, Pack):
        document = yaml.load(expand(data), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        # Only text loads, exactly as PyYAML reads it.
        topic = outcome.topic("a")
        assert topic.question == document["question"].strip()
        assert topic.answer == parse_answer(document["answer"])


@FUZZ
@given(data=st.one_of(dumped(yaml_data), dumped(pack_like)))
def test_any_yaml_document_as_kiosk_yaml(data: str) -> None:
    load_files({"kiosk.yaml": as_text(data), "topics/a.yaml": TOPIC_YAML})


@FUZZ
@given(text=yamlish_text, in_kiosk_yaml=st.booleans())
def test_any_mix_of_yaml_syntax(text: str, in_kiosk_yaml: bool) -> None:
    data = as_text(text)
    if in_kiosk_yaml:
        load_files({"kiosk.yaml": data, "topics/a.yaml": TOPIC_YAML})
    else:
        load_files({"kiosk.yaml": PACK_YAML, "topics/a.yaml": data})


# --- packs of hostile text ---------------------------------------------------------------------


@st.composite
def hostile_packs(draw: st.DrawFn) -> dict[str, str]:
    """kiosk.yaml and one topic file, long words still to expand."""
    pack = ["schema: 1"]
    for key in ("title", "welcome", "footer"):
        if key == "title" or draw(st.booleans()):
            pack.append(f"{key}: {draw(written(draw(hostile_text)))}")
    topic = []
    for key in ("question", "answer", "order", "source"):
        if key in ("question", "answer") or draw(st.booleans()):
            value = draw(st.one_of(hostile_text, st.sampled_from(HOSTILE_VALUES)))
            topic.append(f"{key}: {draw(written(value))}")
    if draw(st.booleans()):
        topic.append(f"{draw(hostile_text)}: {draw(written(draw(hostile_text)))}")
    name = draw(st.sampled_from(["a", "b-2", "Opening Hours", "x" * 65, "\u00e9t\u00e9", "-"]))
    return {"kiosk.yaml": "\n".join(pack) + "\n", f"topics/{name}.yaml": "\n".join(topic) + "\n"}


@FUZZ
@given(files=hostile_packs())
def test_packs_of_hostile_text_load_or_say_where(files: dict[str, str]) -> None:
    load_files({path: as_text(text) for path, text in files.items()})


@FUZZ
@given(
    key=st.sampled_from(["title", "welcome", "footer", "question", "answer", "order", "source"]),
    value=st.one_of(st.sampled_from(HOSTILE_VALUES), hostile_text.map(double_quoted)),
)
def test_a_hostile_value_in_any_key(key: str, value: str) -> None:
    if key in ("title", "welcome", "footer"):
        files = {"kiosk.yaml": as_text(f"schema: 1\ntitle: T\n{key}: {value}\n")}
    else:
        files = {"topics/a.yaml": as_text(f"question: Q?\nanswer: A.\n{key}: {value}\n")}
    load_files({"kiosk.yaml": PACK_YAML, "topics/a.yaml": TOPIC_YAML, **files})


@FUZZ
@given(
    title=printable_text(6).filter(fitting(80)),
    footer=printable_text(12).filter(fitting(300)),
    question=printable_text(10).filter(fitting(160)),
    answer=printable_answer.filter(lambda text: bool(parse_answer(text))),
    raw_unicode=st.booleans(),
)
def test_showable_hostile_text_loads_exactly_as_written(
    title: str, footer: str, question: str, answer: str, raw_unicode: bool
) -> None:
    def quote(text: str) -> str:
        return double_quoted(text, raw_unicode=raw_unicode)

    outcome = load_files(
        {
            "kiosk.yaml": as_text(f"schema: 1\ntitle: {quote(title)}\nfooter: {quote(footer)}\n"),
            "topics/a.yaml": as_text(f"question: {quote(question)}\nanswer: {quote(answer)}\n"),
        }
    )
    assert isinstance(outcome, Pack), outcome
    assert outcome.title == expand(title).strip()
    assert outcome.footer == expand(footer).strip()
    topic = outcome.topic("a")
    assert topic.question == expand(question).strip()
    assert topic.answer == parse_answer(expand(answer))


@FUZZ
@given(bad=st.sampled_from(CONTROL), key=st.sampled_from(["question", "answer", "source"]))
def test_an_escaped_control_character_is_a_located_error(bad: str, key: str) -> None:
    topic = {"question": "Q?", "answer": "A.", "source": "S."}
    topic[key] = f"x{bad}y"
    text = "".join(f"{k}: {double_quoted(v)}\n" for k, v in topic.items())
    error = load_files({"kiosk.yaml": PACK_YAML, "topics/a.yaml": as_text(text)})
    assert isinstance(error, ContentError)
    assert all(p.line is not None for p in error.errors)


@FUZZ
@given(
    bad=st.sampled_from([*BIDI[:5], "\u2069", "\u2067x"]),
    before=st.lists(st.sampled_from(["Headache", "É", "<b>", *RTL]), max_size=3).map(" ".join),
    key=st.sampled_from(["question", "answer", "source"]),
    data=st.data(),
)
def test_a_bidi_control_is_located_where_it_is_written(
    bad: str, before: str, key: str, data: st.DataObject
) -> None:
    """In any style (quoted, plain, block, escaped), the error points at the
    control itself: the character, or the backslash of its escape."""
    topic = {"question": "Q?", "answer": "A.", "source": "S."}
    topic[key] = f"{before} {bad} after"
    written_value = data.draw(written(topic[key]))
    lines = [f"{k}: {written_value if k == key else v}" for k, v in topic.items()]
    text = "\n".join(lines) + "\n"
    error = load_files({"kiosk.yaml": PACK_YAML, "topics/a.yaml": as_text(text)})
    assert isinstance(error, ContentError)
    [problem] = [p for p in error.errors if "U+20" in p.message]
    assert problem.line is not None and problem.column is not None
    at = LINE_BREAK.split(text)[problem.line - 1][problem.column - 1 :]
    control = bad[0]
    assert at.startswith((control, f"\\u{ord(control):04x}", f"\\u{ord(control):04X}")), at


@st.composite
def translated_packs(draw: st.DrawFn) -> dict[str, bytes]:
    """A two-language pack whose translation files hold anything."""
    languages = draw(st.sampled_from(["[en, es]", "[en, es, es]", "[]", "es", "[en, {a: 1}]"]))
    files = {
        "kiosk.yaml": PACK_YAML + f"languages: {languages}\n".encode(),
        "topics/a.yaml": TOPIC_YAML,
    }
    name = draw(st.sampled_from(["a.es", "a.ES", "b.es", "a.fr", "a.en", "A B.es", "a.e"]))
    content = draw(st.one_of(any_bytes, dumped(topic_like).map(as_text)))
    files[f"topics/{name}.yaml"] = content
    if draw(st.booleans()):
        pack_text = draw(
            st.one_of(any_bytes, dumped(pack_like).map(as_text), dumped(yaml_data).map(as_text))
        )
        files[draw(st.sampled_from(["kiosk.es.yaml", "kiosk.en.yaml", "kiosk.fr.yaml"]))] = (
            pack_text
        )
    return files


@FUZZ
@given(files=translated_packs())
def test_translation_files_of_any_content_load_or_say_where(files: dict[str, bytes]) -> None:
    outcome = load_files(files)
    if isinstance(outcome, Pack):
        for translation in outcome.translations.values():
            for topic in translation.topics.values():
                assert topic.question == topic.question.strip() and topic.question
                assert topic.answer


# --- exact messages for what the fuzzing found ------------------------------------------------


def lines_of(tmp_path: Path, topic: str | bytes) -> list[str]:
    data = topic if isinstance(topic, bytes) else as_text(topic)
    folder = tmp_path / "pack"
    (folder / "topics").mkdir(parents=True)
    (folder / "kiosk.yaml").write_bytes(PACK_YAML)
    (folder / "topics" / "a.yaml").write_bytes(data)
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    return [str(p).replace(str(folder), "{pack}") for p in info.value.problems]


@pytest.mark.parametrize(
    "number",
    ["0x" + "f" * 4000, "0b" + "1" * 20_000, "0" + "7" * 6000, "1" + ":00" * 3000],
    ids=["hex", "binary", "octal", "sexagesimal"],
)
def test_a_huge_number_in_a_text_key_is_named_as_written(tmp_path: Path, number: str) -> None:
    """Was a ValueError (too many digits to print) and, for 1:00:00..., seconds of work."""
    assert lines_of(tmp_path, f"question: {number}\nanswer: A.\n") == [
        f"{{pack}}/topics/a.yaml:1:11: error: 'question' must be text, but {number} reads as "
        f'the number {number}; put it in quotes: question: "{number}"'
    ]


@pytest.mark.parametrize("escape", ["\\UFFFFFFFF", "\\U00110000"])
def test_an_escape_beyond_unicode_is_a_syntax_error(tmp_path: Path, escape: str) -> None:
    """Was an OverflowError or ValueError from the pure-Python parser's re-parse."""
    assert lines_of(tmp_path, f'question: "{escape}"\nanswer: A.\n') == [
        "{pack}/topics/a.yaml:1:14: error: invalid YAML: found invalid Unicode character "
        "escape code (while parsing a quoted scalar at line 1, column 11); check the quotes, "
        "colons and indentation"
    ]


@pytest.mark.parametrize(
    ("escape", "code"),
    [("\\0", "0000"), ("\\e", "001B"), ("\\x7f", "007F"), ("\\uFDD0", "FDD0")],
)
def test_an_escaped_unshowable_character_is_refused(tmp_path: Path, escape: str, code: str) -> None:
    """Typed in the file these are refused; written as escapes they used to load.

    U+FDD0 is the worst: Qt takes it for the start of a frame and shows the
    answer as two paragraphs.
    """
    assert lines_of(tmp_path, f'question: Q?\nanswer: "A{escape}B"\n') == [
        f"{{pack}}/topics/a.yaml:2:9: error: invalid character U+{code} in 'answer'; remove it "
        "(content files hold printable text only)"
    ]


@pytest.mark.parametrize("escape", ["\\r", "\\N", "\\L", "\\P"])
def test_an_escaped_line_break_in_a_line_value_is_refused(tmp_path: Path, escape: str) -> None:
    """Qt starts a new paragraph at \\r and U+2029: the question was two lines."""
    assert lines_of(tmp_path, f'question: "Q{escape}R"\nanswer: A.\n') == [
        "{pack}/topics/a.yaml:1:11: error: 'question' must be one line; join the lines into one"
    ]


def test_a_repeated_value_stays_on_the_problems_line(tmp_path: Path) -> None:
    """A value or key echoed in a message used to carry its line breaks and
    control characters into ``kiosk check``: one problem over several lines,
    or an escape sequence that clears the admin's terminal."""
    topic = 'question: Q?\nanswer: A.\norder: "1\\n2"\n"\\e[2J\\r": x\n'
    assert lines_of(tmp_path, topic) == [
        "{pack}/topics/a.yaml:3:8: error: 'order' must be a whole number such as 10, not '1\\n2'",
        "{pack}/topics/a.yaml:4:1: error: unknown key '\\x1b[2J\\r'; allowed keys are: "
        "answer, image, image_alt, link, order, question, reviewed, section, source",
    ]


def test_more_values_than_any_content_file_needs_stop_the_reading(tmp_path: Path) -> None:
    source = "source: [" + "a, " * 10_000 + "a]\n"
    assert lines_of(tmp_path, "question: Q?\nanswer: A.\n" + source) == [
        "{pack}/topics/a.yaml:3:29989: error: more than 10,000 keys and values in one file; "
        "a content file needs only a few: is this the right file?"
    ]


def test_a_large_file_keeps_the_fast_parsers_syntax_message(tmp_path: Path) -> None:
    """Over 64 KiB, the pure-Python parser is not run again for a clearer message."""
    body = "  é word word\n" * 6000
    lines = lines_of(tmp_path, "question: Q?\nanswer: |\n" + body + "source: 'open\n")
    assert lines == [
        "{pack}/topics/a.yaml:6004:1: error: invalid YAML: found unexpected end of stream "
        "(while scanning a quoted scalar at line 6003, column 9); check the quotes, colons "
        "and indentation"
    ]


def test_a_control_character_in_a_large_file_is_located_in_characters(tmp_path: Path) -> None:
    """libyaml counts UTF-8 bytes; the column is counted in characters."""
    body = "  é word word\n" * 6000
    lines = lines_of(tmp_path, "question: Q?\nanswer: |\n" + body + "source: éé\x07\n")
    assert lines == [
        "{pack}/topics/a.yaml:6003:11: error: invalid character U+0007; remove it (content "
        "files hold printable text only)"
    ]


# --- time --------------------------------------------------------------------------------------


def _fill(head: str, unit: str, tail: str = "") -> str:
    """``head``, then ``unit`` repeated, then ``tail``: as near 1 MiB (in UTF-8) as fits."""
    room = MIB - len(as_text(head)) - len(as_text(tail))
    return head + unit * (room // len(as_text(unit))) + tail


SLOWEST = {
    # A syntax error at the very end: libyaml reads it all, and used to hand
    # it to the pure-Python parser again for a clearer message (8 s).
    "syntax-error-at-the-end": _fill("question: Q?\nanswer: |\n", "  word word\n", "x: 'open"),
    "syntax-error-after-many-values": _fill("question: Q?\nanswer: A.\nsource: [", "a, ", "}"),
    # Within the pure parser's 64 KiB: as many values as are allowed, then an error.
    "syntax-error-after-10000-values": "question: Q?\nanswer: A.\nsource: [" + "a," * 9990 + "}",
    "deeply-nested-flow": _fill("question: Q?\nanswer: A.\nsource: ", "["),
    "deeply-nested-block": _fill("question: Q?\nanswer: A.\nsource:\n  ", "- ", "x\n"),
    "aliases": _fill("question: Q?\nanswer: &a A.\nsource: [", "*a, ", "*a]\n"),
    "anchors-and-tags": _fill("question: Q?\nanswer: A.\nsource: [", "&a !!str x, ", "x]\n"),
    "documents": _fill("question: Q?\nanswer: A.\n", "---\n"),
    # Near-miss keys: each one asks difflib for the key it was meant to be.
    "misspelt-keys": "question: Q?\nanswer: A.\n"
    + "".join(f"qestion{n:04d}: v\n" for n in range(4990)),
    "one-huge-key": _fill("? ", "k", "\n: v\n"),
    "sexagesimal-number": _fill("question: 1", ":00", "\nanswer: A.\n"),
    "number-of-a-million-digits": _fill("question: Q?\nanswer: A.\norder: ", "7", "\n"),
    "one-word-of-a-million-letters": _fill("question: Q?\nanswer: ", "x", "\n"),
    "bullets-yaml-joins": _fill("question: Q?\nanswer: A\n", "  - b\n"),
    "blank-lines": _fill("question: Q?\nanswer: |\n  a\n", "\n", "  b\n"),
    "control-character-at-the-end": _fill("question: Q?\nanswer: |\n", "  é word\n", "\x07"),
    # Each bidi control is located in the file: a file full of them.
    "bidi-controls-in-one-value": _fill("question: Q?\nanswer: ", "\u202e"),
    "bidi-controls-in-every-value": _fill("question: Q?\nanswer: A.\nsource: [", "\u202e, "),
    "escaped-bidi-controls": _fill('question: Q?\nanswer: "', "\\u202e", '"\n'),
}


@pytest.mark.parametrize("text", SLOWEST.values(), ids=SLOWEST.keys())
def test_the_slowest_files_we_know_give_a_pack_or_located_problems(
    tmp_path: Path, text: str
) -> None:
    """Files built to be as slow as 1 MiB can make them still end as a pack or
    located problems.

    How long each takes is measured by ``benchmarks/run.py --only yaml``
    (the README's *Performance* table), not here: a timed test fails on a
    busy machine, not on slow code.
    """
    data = as_text(text)
    assert len(data) <= MIB
    folder = tmp_path / "pack"
    (folder / "topics").mkdir(parents=True)
    (folder / "kiosk.yaml").write_bytes(PACK_YAML)
    (folder / "topics" / "a.yaml").write_bytes(data)
    try:
        load_pack(folder)
    except ContentError as error:
        assert_located(error, folder, {"kiosk.yaml": PACK_YAML, "topics/a.yaml": data})
