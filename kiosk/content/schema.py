"""The keys of kiosk.yaml and of topic files, and how each value is checked."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

from kiosk.content.problems import Problem, Severity, closest, did_you_mean
from kiosk.content.yamlreader import Mapping, Node, Scalar, describe, implicit_type

SCHEMA_VERSION = 1


class Kind(enum.Enum):
    LINE = "one line of text"
    TEXT = "text"
    WHOLE_NUMBER = "a whole number"


@dataclass(frozen=True, slots=True)
class Key:
    name: str
    kind: Kind
    required: bool = False
    max_length: int | None = None


PACK_KEYS = (
    Key("schema", Kind.WHOLE_NUMBER, required=True),
    Key("title", Kind.LINE, required=True, max_length=80),
    Key("welcome", Kind.LINE, max_length=200),
    Key("footer", Kind.TEXT, max_length=300),
)

TOPIC_KEYS = (
    Key("question", Kind.LINE, required=True, max_length=160),
    Key("answer", Kind.TEXT, required=True),
    Key("order", Kind.WHOLE_NUMBER),
    Key("source", Kind.TEXT, max_length=300),
)

_WHOLE_NUMBER = re.compile(r"[-+]?[0-9]+")

Value = str | int


@dataclass
class MappingChecker:
    """Checks one file's top-level mapping against its keys, collecting problems."""

    path: str
    keys: tuple[Key, ...]
    problems: list[Problem]
    # Where each known key's value stands, for checks made after this one.
    nodes: dict[str, Node] = field(default_factory=dict)

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

    def _value(self, key: Key, node: Node) -> Value | None:
        self.nodes[key.name] = node
        if isinstance(node, Scalar) and node.reported:
            return None
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
        if key.kind is Kind.WHOLE_NUMBER:
            return self._whole_number(key, node)
        if kind != "str":
            self.add(
                node,
                f"'{key.name}' must be text, but {node.text} reads as {reads_as}; "
                f'put it in quotes: {key.name}: "{node.text}"',
            )
            return None
        text = node.text.strip()
        if key.kind is Kind.LINE and "\n" in text:
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
        number = int(node.text)
        if key.name == "schema" and number != SCHEMA_VERSION:
            self.add(
                node,
                f"unsupported schema {number}; this kiosk reads schema {SCHEMA_VERSION}",
            )
            return None
        return number
