"""Strict, safe YAML reading for content files.

Content files are plain data written by people, so the reader is stricter
than YAML itself:

* only the safe parser is used, and any explicit tag (``!!python/object``,
  ``!!str``, ``!custom``) is refused, so nothing in a file can construct
  objects or run code;
* anchors and aliases are refused, so an "alias bomb" costs nothing;
* a key used twice in one mapping is an error (PyYAML would silently keep
  the last value);
* scalars stay as written: the caller decides how to read them, so a YAML 1.1
  guess such as ``No`` -> ``False`` or ``10:00`` -> ``600`` can be reported
  instead of silently applied (see :func:`implicit_type`).

The parser's events are composed into a small tree of located nodes by hand;
that is the only way to see anchors, tags and duplicate keys, which PyYAML's
own composer resolves or drops without a trace.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml
from yaml import events

from kiosk.content import bidi, yamlparsers, yamltabs
from kiosk.content.problems import Problem
from kiosk.content.yamlparsers import PureLoader
from kiosk.content.yamltabs import LINE_BREAK as _LINE_BREAK

_YAML_TAG_PREFIX = "tag:yaml.org,2002:"


def position_of(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``, counted as YAML counts them."""
    lines = _LINE_BREAK.split(text[:index])
    return len(lines), len(lines[-1]) + 1


@dataclass(frozen=True, slots=True)
class Scalar:
    text: str
    plain: bool  # written without quotes or block indicators: subject to type guessing
    line: int
    column: int
    reported: bool = False  # stands in for a refused alias: already reported, check no further
    # Written over several lines without '|', with a later line starting
    # with "- ": YAML joined those lines, so the bullets are lost.
    joined_bullets: bool = False


@dataclass(frozen=True, slots=True)
class Sequence:
    items: tuple[Node, ...]
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Mapping:
    # Keys in file order; duplicates are reported and the first one is kept.
    items: tuple[tuple[Scalar, Node], ...]
    line: int
    column: int


Node = Scalar | Sequence | Mapping


def describe(node: Node | None) -> str:
    """How a node reads to a person: 'a list', 'a mapping', 'text'."""
    if node is None:
        return "an empty file"
    if isinstance(node, Mapping):
        return "a mapping of keys"
    if isinstance(node, Sequence):
        return "a list"
    return "text"


_RESOLVER = yaml.resolver.Resolver()

_TYPE_WORDS = {
    "bool": "the yes/no value {value}",
    "int": "the number {value}",
    "float": "the number {value}",
    "null": "an empty value",
    "timestamp": "the date {value}",
}


# Longer values are named as written, not as YAML would read them: building
# "0x" + 4,000 digits makes a number too long to print, and a long
# sexagesimal "1:00:00:..." takes seconds to build.
_MAX_CONSTRUCTED = 100


def implicit_type(scalar: Scalar) -> tuple[str, str]:
    """The YAML 1.1 type a plain scalar would silently become, and how it reads.

    Returns ``("str", "")`` for text. For anything else, a short type name
    (``"bool"``, ``"int"``, ...) and a phrase such as ``"the yes/no value false"``.
    """
    if not scalar.plain:
        return "str", ""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, scalar.text, (True, False))  # type: ignore[no-untyped-call]
    kind = tag.removeprefix(_YAML_TAG_PREFIX)
    if kind == "str":
        return "str", ""
    value: object = scalar.text
    if len(scalar.text) <= _MAX_CONSTRUCTED:
        node = yaml.ScalarNode(tag, scalar.text)
        try:
            # A fresh constructor: one kept around would keep every node it built.
            value = yaml.constructor.SafeConstructor().construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError):
            value = scalar.text
    if isinstance(value, bool):
        value = str(value).lower()
    return kind, _TYPE_WORDS.get(kind, "a special YAML symbol").format(value=value)


def _position(event: events.Event) -> tuple[int, int]:
    """1-based line and column where an event starts."""
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


# Deeper than any content file needs; reading stops at the list or mapping
# that goes deeper (which also bounds the recursion of the composer).
MAX_DEPTH = 20
_TOO_DEEP = (
    f"lists and mappings nested more than {MAX_DEPTH} deep; content files need no nesting at all"
)


# A content file holds a handful of keys and values; a 1 MiB file can hold
# half a million, which take seconds to compose and report one by one.
# Reading stops at this many (scalars, aliases, lists and mappings).
MAX_VALUES = 10_000
_TOO_MANY = (
    f"more than {MAX_VALUES:,} keys and values in one file; a content file needs only a few: "
    "is this the right file?"
)
# Larger files with a syntax error keep libyaml's message (see below).
_MAX_REPARSED = 64 * 1024


@dataclass
class _Composer:
    path: str
    text: str
    problems: list[Problem] = field(default_factory=list)
    _lines: list[str] | None = None
    _line_starts: list[int] | None = None

    def _source_lines(self, first: int, last: int) -> list[str]:
        if self._lines is None:
            self._lines = _LINE_BREAK.split(self.text)
        return self._lines[first : last + 1]

    def _joined_bullets(self, event: events.ScalarEvent) -> bool:
        start, end = event.start_mark, event.end_mark
        if event.style == "|" or start is None or end is None or end.line <= start.line:
            return False
        later_lines = self._source_lines(start.line + 1, end.line)
        return any(line.lstrip().startswith("- ") for line in later_lines)

    def check_bidi(self, event: events.ScalarEvent) -> None:
        """An error at each bidi control that could make the value read otherwise."""
        if not bidi.has_bidi_control(event.value):
            return
        start = _index(event)
        end = event.end_mark.index if event.end_mark is not None else len(self.text)
        if event.style in ("|", ">"):
            # The value starts on the line after the indicator and its comment.
            header_end = _LINE_BREAK.search(self.text, start, end)
            start = header_end.end() if header_end else end
        written = bidi.source_indexes(self.text[start:end], double_quoted=event.style == '"')
        in_value = [m.start() for m in bidi.BIDI_PATTERN.finditer(event.value)]
        refused = bidi.refused(event.value)
        # A value full of them needs no line for each: the rest are counted.
        for shown, (index, why) in enumerate(refused[: bidi.MAX_SHOWN + 1]):
            where = _position(event)
            if len(written) == len(in_value):
                where = self._position_of(start + written[in_value.index(index)])
            message = why
            if shown == bidi.MAX_SHOWN:
                message = f"{len(refused) - shown} more such controls in this value; delete them"
            self.problems.append(Problem(self.path, message, *where))

    def _position_of(self, index: int) -> tuple[int, int]:
        """As :func:`position_of`, without reading the text up to ``index`` again."""
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]
        line = bisect.bisect_right(self._line_starts, index)
        return line, index - self._line_starts[line - 1] + 1

    def error(self, event: events.Event, message: str) -> None:
        line, column = _position(event)
        self.problems.append(Problem(self.path, message, line, column))

    def check_event(self, event: events.NodeEvent) -> None:
        if event.anchor is not None:
            if isinstance(event, events.AliasEvent):
                self.error(
                    event,
                    f"YAML alias '*{event.anchor}' is not allowed; write the text out in full",
                )
            else:
                self.error(
                    event,
                    f"YAML anchor '&{event.anchor}' is not allowed; write the text out in full",
                )
        tag: str | None = getattr(event, "tag", None)
        explicit = tag is not None and (
            not isinstance(event, events.ScalarEvent) or event.implicit == (False, False)
        )
        if tag is not None and explicit and tag != "!":
            shown = "!!" + tag[len(_YAML_TAG_PREFIX) :] if tag.startswith(_YAML_TAG_PREFIX) else tag
            self.error(
                event,
                f"YAML tag '{shown}' is not allowed: content files hold plain text and "
                "numbers only; remove the tag",
            )

    def compose(self, stream: list[events.Event]) -> Node | None:
        it = iter(stream)
        root: Node | None = None
        documents = 0
        for event in it:
            if isinstance(event, events.DocumentStartEvent):
                documents += 1
                if documents == 2:
                    self.error(
                        event,
                        "a second YAML document starts here; a content file holds one "
                        "document: remove this '---' line or move the rest to its own file",
                    )
            elif isinstance(event, events.NodeEvent):
                node = self._node(event, it)
                if documents == 1:
                    root = node
        return root

    def _node(self, event: events.Event, it: Iterator[events.Event], depth: int = 0) -> Node:
        assert isinstance(event, events.NodeEvent)
        self.check_event(event)
        line, column = _position(event)
        if isinstance(event, events.ScalarEvent):
            self.check_bidi(event)
            return Scalar(
                event.value,
                event.style in (None, ""),
                line,
                column,
                joined_bullets=self._joined_bullets(event),
            )
        if isinstance(event, events.AliasEvent):
            # Already reported; stands in as empty text so checking can go on.
            return Scalar("", False, line, column, reported=True)
        if isinstance(event, events.SequenceStartEvent):
            items: list[Node] = []
            for child in it:
                if isinstance(child, events.SequenceEndEvent):
                    break
                items.append(self._node(child, it, depth + 1))
            return Sequence(tuple(items), line, column)
        assert isinstance(event, events.MappingStartEvent)
        pairs: list[tuple[Scalar, Node]] = []
        seen: dict[str, Scalar] = {}
        for key_event in it:
            if isinstance(key_event, events.MappingEndEvent):
                break
            key = self._node(key_event, it, depth + 1)
            value = self._node(next(it), it, depth + 1)
            if not isinstance(key, Scalar):
                self.problems.append(
                    Problem(
                        self.path,
                        f"a key must be a simple name, not {describe(key)}",
                        key.line,
                        key.column,
                    )
                )
                continue
            first = seen.get(key.text)
            if first is not None:
                self.problems.append(
                    Problem(
                        self.path,
                        f"duplicate key '{key.text}' (first used at line {first.line}); "
                        "keep only one",
                        key.line,
                        key.column,
                    )
                )
                continue
            seen[key.text] = key
            pairs.append((key, value))
        return Mapping(tuple(pairs), line, column)


def _syntax_problem(path: str, text: str, exc: yaml.YAMLError) -> Problem:
    if isinstance(exc, yaml.reader.ReaderError):
        line, column = position_of(text, exc.position)
        return Problem(
            path,
            f"invalid character U+{exc.character:04X}; remove it (content files hold "
            "printable text only)",
            line,
            column,
        )
    assert isinstance(exc, yaml.MarkedYAMLError)
    mark = exc.problem_mark or exc.context_mark
    message = f"invalid YAML: {exc.problem or 'syntax error'}"
    if exc.context and exc.context_mark and exc.context_mark != mark:
        message += (
            f" ({exc.context} at line {exc.context_mark.line + 1}, "
            f"column {exc.context_mark.column + 1})"
        )
    message += "; check the quotes, colons and indentation"
    if mark is None:
        return Problem(path, message)
    return Problem(path, message, mark.line + 1, mark.column + 1)


def _syntax_problem_from_pure_parser(path: str, text: str, fast_exc: yaml.YAMLError) -> Problem:
    # Re-parse with the pure-Python parser: its messages are clearer and the
    # same on every platform, and errors are rare enough for the cost. It is
    # ~10x slower than libyaml, so a large file keeps libyaml's message.
    if isinstance(fast_exc, yaml.reader.ReaderError):
        # The pure reader checks every character before it parses anything,
        # and counts positions in characters (libyaml counts UTF-8 bytes).
        try:
            yaml.reader.Reader(text)
        except yaml.reader.ReaderError as exc:
            return _syntax_problem(path, text, exc)
    if len(text) <= _MAX_REPARSED:
        try:
            _events(text, PureLoader)
        except yaml.YAMLError as exc:
            return _syntax_problem(path, text, exc)
        except _StoppedError as stopped:
            # Where the pure parser alone would have stopped, as it does
            # without libyaml.
            return stopped.problem(path)
        except (ValueError, OverflowError):
            # An escape such as "\UFFFFFFFF": libyaml refuses it as it should,
            # the pure parser fails to decode it.
            pass
    return _syntax_problem(path, text, fast_exc)


class _StoppedError(Exception):
    """Reading stopped at ``event``: more values, or deeper, than a content file needs."""

    def __init__(self, event: events.Event, message: str) -> None:
        super().__init__(message)
        self.event = event
        self.message = message

    def problem(self, path: str) -> Problem:
        return Problem(path, self.message, *_position(self.event))


def _events(
    text: str, loader: type[yaml.SafeLoader], stream: list[events.Event] | None = None
) -> list[events.Event]:
    """The parser's events, up to :data:`MAX_VALUES` nodes, :data:`MAX_DEPTH` deep.

    Past either limit, :class:`_StoppedError` at the event that went past
    it; those before it are in ``stream``, when given.
    """
    stream = [] if stream is None else stream
    nodes = depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, events.NodeEvent):
            nodes += 1
            if nodes > MAX_VALUES:
                raise _StoppedError(event, _TOO_MANY)
        if isinstance(event, events.CollectionStartEvent):
            if depth == MAX_DEPTH:
                raise _StoppedError(event, _TOO_DEEP)
            depth += 1
        elif isinstance(event, events.CollectionEndEvent):
            depth -= 1
        stream.append(event)
    return stream


def _parse(path: str, text: str) -> list[events.Event] | Problem:
    """The events of ``text``, or the one problem that stopped the parse."""
    try:
        return _events(text, yamlparsers.FastLoader)
    except _StoppedError as stopped:
        return stopped.problem(path)
    except yaml.MarkedYAMLError as fast_exc:
        if "nesting depth" in (fast_exc.problem or ""):
            # libyaml's own limit (1,000 deep), met while it scanned ahead of
            # the events: the pure-Python parser, linear here, stops where
            # this reader's much lower limit does, as it does without libyaml.
            try:
                return _events(text, PureLoader)
            except _StoppedError as stopped:
                return stopped.problem(path)
            except yaml.YAMLError as exc:
                return _syntax_problem(path, text, exc)
        return _syntax_problem_from_pure_parser(path, text, fast_exc)
    except yaml.YAMLError as fast_exc:
        return _syntax_problem_from_pure_parser(path, text, fast_exc)


@dataclass
class _Spaced:
    """The text with every tab a space, as parsed to find its scalars."""

    spans: list[yamltabs.ScalarSpan]
    known_until: int  # where the parse stopped; the end when it did not
    stream: list[events.Event] | None  # all its events, when it did not stop
    flows: list[tuple[int, int]]  # the outermost [...] and {...}, (start, end)


def _parse_spaced(text: str) -> _Spaced:
    """Parse ``text`` (which holds no tab) for its scalars, in order.

    A syntax error ends what is known. libyaml may find it later than the
    pure-Python parser; as for the message, a file small enough to parse
    again is read as the pure parser reads it, so that the same tabs count.
    """
    loaders = [yamlparsers.FastLoader]
    if len(text) <= _MAX_REPARSED and yamlparsers.FastLoader is not PureLoader:
        loaders.append(PureLoader)
    stream: list[events.Event] = []
    known_until = 0
    for loader in loaders:
        stream = []
        try:
            _events(text, loader, stream)
        except _StoppedError as stopped:
            known_until = _index(stopped.event)  # the same with either parser
            break
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            known_until = mark.index if mark is not None else 0
        except (yaml.YAMLError, ValueError, OverflowError):
            known_until = 0
        else:
            return _Spaced(_spans(stream, len(text)), len(text), stream, _flows(stream, len(text)))
    return _Spaced(_spans(stream, known_until), known_until, None, _flows(stream, known_until))


def _flows(stream: list[events.Event], text_length: int) -> list[tuple[int, int]]:
    """Where each outermost flow collection starts and ends; one left open ends
    where the text is known to end."""
    flows: list[tuple[int, int]] = []
    depth, start = 0, 0
    for event in stream:
        if isinstance(event, events.CollectionStartEvent) and event.flow_style:
            if depth == 0:
                start = _index(event)
            depth += 1
        elif isinstance(event, events.CollectionEndEvent) and depth:
            depth -= 1
            if depth == 0:
                end = event.end_mark.index if event.end_mark is not None else text_length
                flows.append((start, end))
    if depth:
        flows.append((start, text_length))
    return flows


def _spans(stream: list[events.Event], text_length: int) -> list[yamltabs.ScalarSpan]:
    return [
        yamltabs.ScalarSpan(
            _index(event),
            event.end_mark.index if event.end_mark else text_length,
            event.style or "",
        )
        for event in stream
        if isinstance(event, events.ScalarEvent)
    ]


def _untab(path: str, text: str) -> tuple[str, list[events.Event] | None] | Problem:
    """The text with the tabs YAML reads as spaces made spaces; or the tab it refuses.

    With the text's events too, when it has no other tab: they are those of
    the text parsed to find where its scalars are.
    """
    spaced_text = text.replace("\t", " ")
    spaced = _parse_spaced(spaced_text)
    result = yamltabs.untab(text, spaced.spans, spaced.known_until, spaced.flows)
    if isinstance(result, yamltabs.TabError):
        return Problem(path, result.message, *position_of(text, result.index))
    return result, spaced.stream if result == spaced_text else None


def _index(event: events.Event) -> int:
    return event.start_mark.index if event.start_mark is not None else 0


def _tab_before_a_collection(
    path: str, original: str, untabbed: str, stream: list[events.Event]
) -> Problem | None:
    """A tab, made a space, before a nested list or mapping on its line (``-<tab>-``).

    It would be that collection's indentation, which YAML allows in spaces only.
    """
    for event in stream:
        if isinstance(event, events.CollectionStartEvent) and not event.flow_style:
            line, column = _position(event)
            start = _index(event)
            line_start = start - (column - 1)
            for tab in _tabs(original, line_start, start):
                if untabbed[tab] == " ":
                    return Problem(path, yamltabs.INDENT_TAB, line, tab - line_start + 1)
    return None


def _tabs(text: str, start: int, end: int) -> Iterator[int]:
    found = text.find("\t", start, end)
    while found >= 0:
        yield found
        found = text.find("\t", found + 1, end)


def read_yaml(path: str, text: str) -> tuple[Node | None, list[Problem]]:
    """Parse one content file into located nodes, with every problem found.

    ``path`` is only used to label problems. On a syntax error, a tab YAML
    does not allow, or a file with more than :data:`MAX_VALUES` keys and
    values or nested more than :data:`MAX_DEPTH` deep, the tree is ``None``
    and the one problem says where reading stopped.
    """
    original = text
    stream: list[events.Event] | Problem | None = None
    if "\t" in text:
        untabbed = _untab(path, text)
        if isinstance(untabbed, Problem):
            return None, [untabbed]
        text, stream = untabbed
    if stream is None:
        stream = _parse(path, text)
    if isinstance(stream, Problem):
        return None, [stream]
    if text is not original:
        problem = _tab_before_a_collection(path, original, text, stream)
        if problem is not None:
            return None, [problem]
    composer = _Composer(path, text)
    root = composer.compose(stream)
    return root, composer.problems
