"""The keys of kiosk.yaml and of topic files, and how each value is checked.

The same checker reads the kiosk's config file (see :mod:`kiosk.config`),
which adds folders, true/false values and numbers within a range.
"""

from __future__ import annotations

import calendar
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from kiosk.content.links import link_problem
from kiosk.content.problems import Problem, Severity, closest, did_you_mean
from kiosk.content.yamlreader import Mapping, Node, Scalar, Sequence, describe, implicit_type

SCHEMA_VERSION = 1
MAX_WHOLE_NUMBER_DIGITS = 9


class Kind(enum.Enum):
    LINE = "one line of text"
    TEXT = "text"
    WHOLE_NUMBER = "a whole number"
    FOLDER = "a folder path"  # one line of text
    FILE = "a file path"  # one line of text
    BOOLEAN = "true or false"  # YAML's true/false only: yes/no/on/off are refused
    NUMBER = "a number"  # whole or decimal, within minimum..maximum
    LANGUAGE = "a language tag such as en, en-GB, es or pt-BR"  # BCP 47
    LANGUAGES = "a list of language tags such as [en, es, ar]"  # no tag twice
    # A mapping read by its own checker (see kiosk.content.words): here only
    # its place is noted, in ``MappingChecker.nodes``.
    WORDS = "a mapping of the kiosk's words to their translation, one per line"
    # A mapping read by its own checker (see kiosk.content.sections).
    SECTIONS = "a mapping of section ids to their titles, one per line"
    DATE = "a date written year-month-day, such as 2026-10-01"
    LINK = "a web address starting with https://"  # checked by kiosk.content.links


@dataclass(frozen=True, slots=True)
class Key:
    name: str
    kind: Kind
    required: bool = False
    max_length: int | None = None
    # NUMBER, WHOLE_NUMBER: the accepted range, inclusive, and the unit named in messages.
    minimum: float | None = None
    maximum: float | None = None
    unit: str = ""
    # A fixed format, tested on the text as written (quoted or not): when
    # ``matches`` says no, the error is "'<name>' <mismatch>". The value is
    # never repeated in that message: it may be a secret typed in by mistake.
    matches: Callable[[str], bool] | None = None
    mismatch: str = ""


PACK_KEYS = (
    Key("schema", Kind.WHOLE_NUMBER, required=True),
    Key("title", Kind.LINE, required=True, max_length=80),
    Key("welcome", Kind.LINE, max_length=200),
    Key("footer", Kind.TEXT, max_length=300),
    Key("language", Kind.LANGUAGE),
    Key("languages", Kind.LANGUAGES),
    Key("link", Kind.LINK, max_length=300),
    Key("sections", Kind.SECTIONS),
    Key("review_every", Kind.WHOLE_NUMBER, minimum=1, maximum=120, unit="months"),
)

# kiosk.<lang>.yaml: the pack's texts in one of its languages, and the
# kiosk's own words in it. For the main language only 'words' is allowed.
PACK_TEXT_KEYS = (
    Key("title", Kind.LINE, max_length=80),
    Key("welcome", Kind.LINE, max_length=200),
    Key("footer", Kind.TEXT, max_length=300),
    Key("link", Kind.LINK, max_length=300),
    Key("sections", Kind.SECTIONS),
    Key("words", Kind.WORDS),
)

TOPIC_KEYS = (
    Key("question", Kind.LINE, required=True, max_length=160),
    Key("answer", Kind.TEXT, required=True),
    Key("order", Kind.WHOLE_NUMBER),
    Key("source", Kind.TEXT, max_length=300),
    Key("image", Kind.FILE, max_length=200),
    Key("image_alt", Kind.LINE, max_length=200),
    Key("link", Kind.LINK, max_length=300),
    Key("section", Kind.LINE, max_length=64),
    Key("reviewed", Kind.DATE),
)

# Keys a translation may not give, each with why: the main language's file
# decides them for every language (refused by the loader with this reason).
MAIN_ONLY_KEYS = {
    "order": "the tiles keep the order of the main language's file",
    "image": "every language shows the main language's picture; give 'image_alt' here",
    "section": "every language keeps the main language's section",
    "reviewed": "the review date is the main language's file's",
}

# topics/<id>.<lang>.yaml: a topic's translation.
TRANSLATION_KEYS = tuple(key for key in TOPIC_KEYS if key.name not in MAIN_ONLY_KEYS)

_WHOLE_NUMBER = re.compile(r"[-+]?[0-9]+")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# A date followed by a time: "2026-10-01 10:00", "2026-10-01T10:00:00".
_DATE_AND_TIME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt ]+([0-9].*)")
_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")

# What a text value may not hold, though a double-quoted escape ("\0", "\e",
# "\uFDD0") can write it: the characters YAML refuses when typed in a file,
# and Unicode's noncharacters (Qt takes U+FDD0 and U+FDD1 for the edges of a
# frame: an answer holding one would show as two paragraphs).
_PLANE_ENDS = "".join(chr(p << 16 | 0xFFFE) + chr(p << 16 | 0xFFFF) for p in range(1, 17))
_UNSHOWABLE = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
    f"|[\ufdd0-\ufdef{_PLANE_ENDS}]"
)

_TRUE = ("true", "True", "TRUE")
_FALSE = ("false", "False", "FALSE")
# What YAML 1.1 also reads as true or false; refused, with the right spelling.
_TRUE_WORDS = ("yes", "on", "y")
_FALSE_WORDS = ("no", "off", "n")

Value = str | int | float | bool

# A BCP 47 language tag (RFC 5646 "langtag"): language, then optional script,
# region, variants, extensions and private use. The language subtag is held to
# ISO 639's two or three letters: the five-to-eight-letter form is reserved
# and none is registered, while "English" or "Deutsch" is a common mistake.
# Only the form is checked, not the IANA registry: a tag the kiosk's voices do
# not know still loads, and read-aloud falls back as it would for any language.
_LANGUAGE_TAG = re.compile(
    r"[a-z]{2,3}(?:-[a-z]{3}){0,3}"  # language, with up to three extended subtags
    r"(?:-[a-z]{4})?"  # script: Latn, Cyrl
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"  # region: GB, BR, 419
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"  # variants: valencia, 1996
    r"(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*"  # extensions: u-nu-latn
    r"(?:-x(?:-[a-z0-9]{1,8})+)?",  # private use: x-clinic
    re.IGNORECASE | re.ASCII,
)
# RFC 5646 allows 35 characters for the tags that matter in practice; longer
# input is not a tag, and is not worth matching.
_MAX_LANGUAGE_TAG = 64


def language_tag(text: str) -> str | None:
    """``text`` as a BCP 47 tag in its usual case (en-GB, zh-Hant-TW), or ``None``.

    Case carries no meaning in a tag; the usual case is what voice and locale
    lookups expect: language lower case, script title case, region upper case.
    """
    if len(text) > _MAX_LANGUAGE_TAG or not _LANGUAGE_TAG.fullmatch(text):
        return None
    first, *rest = text.lower().split("-")
    subtags = [first]
    singleton_seen = False  # extensions and private use stay lower case
    for subtag in rest:
        singleton_seen = singleton_seen or len(subtag) == 1
        if not singleton_seen and len(subtag) == 4 and subtag.isalpha():
            subtags.append(subtag.title())  # script
        elif not singleton_seen and len(subtag) == 2:
            subtags.append(subtag.upper())  # region
        else:
            subtags.append(subtag)
    return "-".join(subtags)


def line_named_by_key(
    path: str, key: Scalar, value: Node, max_length: int, problems: list[Problem]
) -> str | None:
    """One entry of a mapping whose keys are names the admin chose (a word to
    translate, a section id), its value checked as a required line of text
    named by that key, so messages read "'Home' is empty", "'tms' must be one
    line"; ``None`` with the problem recorded."""
    named = Key(key.text, Kind.LINE, required=True, max_length=max_length)
    checker = MappingChecker(path, (named,), problems)
    checked = checker.check(Mapping(((key, value),), key.line, key.column))
    return str(checked[key.text]) if key.text in checked else None


def _limit(low: float | None, high: float | None) -> str:
    """A number's accepted range in words: "between 1 and 10", "at least 1"."""
    if low is not None and high is not None:
        return f"between {low:g} and {high:g}"
    if low is not None:
        return f"at least {low:g}"
    return f"at most {high:g}"


@dataclass
class MappingChecker:
    """Checks one file's top-level mapping against its keys, collecting problems."""

    path: str
    keys: tuple[Key, ...]
    problems: list[Problem]
    # Where each known key's value stands, for checks made after this one.
    nodes: dict[str, Node] = field(default_factory=dict)
    # The valid lists of language tags (Kind.LANGUAGES), by key name.
    tag_lists: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Dates (Kind.DATE) after this day are reported with ``future_dates``'
    # severity: a review cannot have happened yet. ``None``: no such check.
    today: date | None = None
    # An error where the admin checks a pack; a warning on the running kiosk,
    # whose clock may be wrong and whose patients the date does not concern.
    future_dates: Severity = Severity.ERROR

    def add(self, node: Node, message: str, severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(self.path, message, node.line, node.column, severity))

    def check(self, root: Mapping) -> dict[str, Value]:
        """The valid values by key name; every problem goes to ``problems``."""
        by_name = {key.name: key for key in self.keys}
        values: dict[str, Value] = {}
        suggested: set[str] = set()
        for key_node, value_node in root.items:
            key = by_name.get(key_node.text)
            if key is None:
                hint = did_you_mean(key_node.text, by_name)
                self.add(key_node, f"unknown key '{key_node.text}'; {hint}")
                suggested.add(closest(key_node.text, by_name) or "")
                continue
            value = self._value(key, value_node)
            if value is not None:
                values[key.name] = value
        present = {k.text for k, _ in root.items}
        for key in self.keys:
            # A misspelt key already says which key it should be: one error, not two.
            if key.required and key.name not in present and key.name not in suggested:
                self.add(root, f"missing required key '{key.name}'")
        return values

    def _value(self, key: Key, node: Node) -> Value | None:  # noqa: PLR0912 - a branch per kind
        self.nodes[key.name] = node
        if isinstance(node, Scalar) and node.reported:
            return None
        if key.kind is Kind.LANGUAGES:
            tags = self._languages(key, node)
            if tags is not None:
                self.tag_lists[key.name] = tags
            return None
        if key.kind in (Kind.WORDS, Kind.SECTIONS) and isinstance(node, Mapping):
            return None  # read by its own checker
        if not isinstance(node, Scalar):
            self.add(node, f"'{key.name}' must be {key.kind.value}, not {describe(node)}")
            return None
        kind, reads_as = implicit_type(node)
        if kind == "null" or (kind == "str" and not node.text.strip()):
            if key.required:
                self.add(node, f"'{key.name}' is empty; write its value after '{key.name}:'")
            else:
                self.add(
                    node,
                    f"'{key.name}' is empty; fill it in or remove the line",
                    Severity.WARNING,
                )
            return None
        if key.kind in (Kind.WORDS, Kind.SECTIONS):
            self.add(node, f"'{key.name}' must be {key.kind.value}, not {describe(node)}")
            return None
        if key.kind is Kind.DATE:
            return self._date(key, node)
        if key.kind is Kind.WHOLE_NUMBER:
            return self._whole_number(key, node)
        if key.kind is Kind.BOOLEAN:
            return self._boolean(key, node)
        if key.kind is Kind.NUMBER:
            return self._number(key, node)
        if key.kind is Kind.LANGUAGE:
            return self._language(key, node)
        if key.matches is not None:
            return self._formatted(key, node)
        if key.kind is Kind.LINK:
            return self._link(key, node)
        if kind != "str":
            self.add(
                node,
                f"'{key.name}' must be text, but {node.text} reads as {reads_as}; "
                f'put it in quotes: {key.name}: "{node.text}"',
            )
            return None
        text = node.text.strip()
        unshowable = _UNSHOWABLE.search(text)
        if unshowable is not None:
            self.add(
                node,
                f"invalid character U+{ord(unshowable.group()):04X} in '{key.name}'; remove it "
                "(content files hold printable text only)",
            )
            return None
        if key.kind in (Kind.LINE, Kind.FOLDER, Kind.FILE) and len(text.splitlines()) > 1:
            self.add(node, f"'{key.name}' must be one line; join the lines into one")
            return None
        if node.joined_bullets:
            self.add(
                node,
                f"'{key.name}' has lines starting with '- ' that YAML joins into one "
                f"paragraph; write '{key.name}: |' and indent the text below it to keep "
                "bullets and line breaks",
                Severity.WARNING,
            )
        if key.max_length is not None and len(text) > key.max_length:
            self.add(
                node,
                f"'{key.name}' is {len(text)} characters long; the limit is "
                f"{key.max_length}: shorten it",
            )
            return None
        return text

    def _whole_number(self, key: Key, node: Scalar) -> int | None:
        if not node.plain and _WHOLE_NUMBER.fullmatch(node.text.strip()):
            self.add(node, f"'{key.name}' must be a whole number; remove the quotes")
            return None
        if not node.plain or not _WHOLE_NUMBER.fullmatch(node.text):
            self.add(
                node,
                f"'{key.name}' must be a whole number such as 10, not '{node.text}'",
            )
            return None
        if len(node.text.lstrip("+-").lstrip("0")) > MAX_WHOLE_NUMBER_DIGITS:
            # Python refuses to convert thousands of digits; nobody needs more than nine.
            self.add(node, f"'{key.name}' is too large; use a number of at most 9 digits")
            return None
        number = int(node.text)
        low, high = key.minimum, key.maximum
        if (low is not None and number < low) or (high is not None and number > high):
            unit = f" {key.unit}" if key.unit else ""
            self.add(node, f"'{key.name}' is {number}; it must be {_limit(low, high)}{unit}")
            return None
        if key.name == "schema" and number != SCHEMA_VERSION:
            self.add(
                node,
                f"unsupported schema {number}; this kiosk reads schema {SCHEMA_VERSION}",
            )
            return None
        return number

    def _boolean(self, key: Key, node: Scalar) -> bool | None:
        text = node.text.strip()
        if text in _TRUE + _FALSE:
            if not node.plain:
                self.add(node, f"'{key.name}' must be true or false; remove the quotes")
                return None
            return text in _TRUE
        if text.lower() in _TRUE_WORDS + _FALSE_WORDS:
            meant = "true" if text.lower() in _TRUE_WORDS else "false"
            self.add(
                node,
                f"'{key.name}' must be true or false, not '{text}'; write {key.name}: {meant}",
            )
            return None
        self.add(node, f"'{key.name}' must be true or false, not '{text}'")
        return None

    def _number(self, key: Key, node: Scalar) -> float | None:
        text = node.text.strip()
        if not node.plain and _NUMBER.fullmatch(text):
            self.add(node, f"'{key.name}' must be a number; remove the quotes")
            return None
        if not node.plain or not _NUMBER.fullmatch(text):
            unit = f" of {key.unit}" if key.unit else ""
            self.add(node, f"'{key.name}' must be a number{unit}, not '{text}'")
            return None
        number = float(text)  # no digit limit, unlike int(); 1e999 is inf: out of range
        low, high = key.minimum, key.maximum
        if (low is not None and number < low) or (high is not None and number > high):
            unit = f" {key.unit}" if key.unit else ""
            self.add(node, f"'{key.name}' is {text}; it must be {_limit(low, high)}{unit}")
            return None
        return number

    def _language(self, key: Key, node: Scalar, *, each: bool = False) -> str | None:
        # The text as written, quoted or not: YAML 1.1 reads Norwegian's
        # `no` as false, but a language key can only mean the language.
        text = node.text.strip()
        tag = language_tag(text)
        if tag is not None:
            return tag
        if each:
            message = f"each of '{key.name}' must be {Kind.LANGUAGE.value}, not '{text}'"
        else:
            message = f"'{key.name}' must be {key.kind.value}, not '{text}'"
        meant = language_tag(text.replace("_", "-"))
        if meant is not None:  # a POSIX locale name such as en_GB
            message += f"; write {meant}" if each else f"; write {key.name}: {meant}"
        self.add(node, message)
        return None

    def _languages(self, key: Key, node: Node) -> tuple[str, ...] | None:
        if isinstance(node, Mapping) or (
            isinstance(node, Scalar) and implicit_type(node)[0] != "null" and node.text.strip()
        ):
            message = f"'{key.name}' must be {key.kind.value}, not {describe(node)}"
            if isinstance(node, Scalar):
                message += f"; write {key.name}: [{node.text.strip()}]"
            self.add(node, message)
            return None
        if not isinstance(node, Sequence) or not node.items:
            self.add(
                node,
                f"'{key.name}' is empty; list the pack's languages, the main one first, "
                f"such as {key.name}: [en, es]",
            )
            return None
        tags: list[str] = []
        first_seen: dict[str, Scalar] = {}
        valid = True
        for item in node.items:
            if not isinstance(item, Scalar):
                self.add(
                    item,
                    f"each of '{key.name}' must be {Kind.LANGUAGE.value}, not {describe(item)}",
                )
                valid = False
                continue
            tag = self._language(key, item, each=True)
            first = first_seen.get(tag) if tag is not None else None
            if first is not None:
                self.add(
                    item,
                    f"'{tag}' is named twice in '{key.name}' (first at line {first.line}, "
                    f"column {first.column}); keep only one",
                )
            if tag is None or first is not None:
                valid = False
                continue
            first_seen[tag] = item
            tags.append(tag)
        return tuple(tags) if valid else None

    def _date(self, key: Key, node: Scalar) -> str | None:
        """The date as written (year-month-day), if real and not refused as after ``today``."""
        text = node.text.strip()
        with_time = _DATE_AND_TIME.fullmatch(text)
        if with_time is not None:
            self.add(
                node,
                f"'{key.name}' must be a date without a time of day; "
                f"write {key.name}: {with_time.group(1)}",
            )
            return None
        parts = _ISO_DATE.fullmatch(text)
        if parts is None:
            self.add(node, f"'{key.name}' must be {key.kind.value}, not '{text}'")
            return None
        year, month, day = (int(part) for part in parts.groups())
        if year < 1:
            why = "there is no year 0"
        elif not 1 <= month <= 12:
            why = f"there is no month {month}: months run from 01 to 12"
        elif not 1 <= day <= calendar.monthrange(year, month)[1]:
            days = calendar.monthrange(year, month)[1]
            why = f"{calendar.month_name[month]} {year} has {days} days"
        else:
            why = ""
        if why:
            self.add(
                node,
                f"'{key.name}' is {text}, which is not a real date ({why}); "
                "write it year-month-day, such as 2026-10-01",
            )
            return None
        if self.today is not None and date(year, month, day) > self.today:
            self.add(
                node,
                f"'{key.name}' is {text}, after today ({self.today.isoformat()}); write "
                "the day a clinician last checked this topic, today or earlier",
                self.future_dates,
            )
            if self.future_dates is Severity.ERROR:
                return None
        return text

    def _link(self, key: Key, node: Scalar) -> str | None:
        text = node.text.strip()
        if key.max_length is not None and len(text) > key.max_length:
            self.add(
                node,
                f"'{key.name}' is {len(text)} characters long; the limit is "
                f"{key.max_length}: use a shorter address",
            )
            return None
        problem = link_problem(text)
        if problem is not None:
            self.add(node, f"'{key.name}' {problem}")
            return None
        return text

    def _formatted(self, key: Key, node: Scalar) -> str | None:
        assert key.matches is not None
        text = node.text.strip()
        if "\n" in text or not key.matches(text):
            self.add(node, f"'{key.name}' {key.mismatch}")
            return None
        return text
