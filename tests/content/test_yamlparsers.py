"""The YAML parsers: libyaml is required; the pure-Python fallback gives the stock results."""

from __future__ import annotations

from datetime import timedelta

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content import yamlparsers
from kiosk.content.yamlparsers import PureLoader


def test_pyyaml_has_libyaml() -> None:
    """A requirement of the installed kiosk: without it, content is read 5 to 20 times slower."""
    assert yamlparsers.HAS_LIBYAML, yamlparsers.LIBYAML_MISSING
    assert yamlparsers.FastLoader is yaml.CSafeLoader


PIECES = [
    *"[]{},:-?#&*!|>'\"%\\ \n\r\t",
    "a",
    "é",
    "\u2028",
    "key: ",
    "- ",
    "? ",
    "---\n",
    "...\n",
    "|\n  ",
    ">-\n ",
    "&a ",
    "*a",
    "!!str ",
    "a" * 1030,  # longer than a simple key may be
    "\n  ",
]


def outcome(loader: type[yaml.SafeLoader], text: str) -> list[object]:
    """Every event (with its marks), then the error, as one comparable list."""
    seen: list[object] = []
    try:
        for event in yaml.parse(text, Loader=loader):
            marks = [(m.index, m.line, m.column) for m in (event.start_mark, event.end_mark) if m]
            seen.append((repr(event), marks))
    except yaml.MarkedYAMLError as exc:
        seen.append(str(exc))
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        seen.append(repr(exc))
    return seen


@settings(
    max_examples=300,
    derandomize=True,
    database=None,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(text=st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_the_linear_pure_parser_reads_as_pyyamls_own(text: str) -> None:
    assert outcome(PureLoader, text) == outcome(yaml.SafeLoader, text)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 300 + "]" * 300,
        "[" * 300 + "a: b" + "]" * 300,
        "{" * 200 + "a" + "}" * 200,
        "[" * 50 + "\n" + "]" * 50,  # simple keys go stale at a line break
        "key: [" + "a" * 2000 + "]: x",  # ... and past 1,024 characters
        "- [a\n- b",
        "? [" * 40 + "a",
    ],
    ids=["lists", "key-in-lists", "mappings", "line-break", "long-key", "unclosed", "keys"],
)
def test_deep_brackets_read_as_pyyamls_own(text: str) -> None:
    assert outcome(PureLoader, text) == outcome(yaml.SafeLoader, text)
