"""The two YAML parsers the content reader can use, and whether the fast one is here.

PyYAML parses with libyaml, in C, when it was built with it (every PyYAML
wheel on PyPI is, and so is Debian's python3-yaml); otherwise only with its
pure-Python parser, up to 20 times slower on large files (benchmarks/run.py
measures both). The kiosk needs libyaml: without
it, `kiosk check` and the kiosk's log say so (:data:`LIBYAML_MISSING`) and
content is still read, more slowly.

The pure-Python parser is also used on purpose, to word a syntax error (its
messages are clearer than libyaml's). Stock, it is quadratic in how deeply
brackets nest: a 1 MiB file of ``[`` took 20 to 40 seconds. :class:`PureLoader`
is the same parser with that fixed.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import yaml
from yaml.scanner import ScannerError

# PyYAML defines CSafeLoader only when it was built with libyaml.
_LIBYAML_LOADER: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)
HAS_LIBYAML = _LIBYAML_LOADER is not None

LIBYAML_MISSING = (
    "PyYAML is installed without libyaml, its fast parser: content files are read by its "
    "pure-Python parser, up to 20 times slower (4 seconds for a hostile 1 MiB file instead "
    "of a fifth of one); reinstall PyYAML from its wheel, which has libyaml: "
    "pip install --force-reinstall --only-binary PyYAML PyYAML"
)

# The longest a simple key may be, as PyYAML's scanner counts it.
_MAX_SIMPLE_KEY_LENGTH = 1024


class PureLoader(yaml.SafeLoader):
    """PyYAML's pure-Python safe loader, linear in the nesting of brackets.

    The stock scanner looks at every pending "possible simple key" (one per
    open bracket) before each token, so ``[[[[…`` costs depth² steps. Those
    keys are saved in the order of their position in the text (a key is
    always removed before its level saves a new one), so the nearest is the
    first and the stale ones are a prefix: both methods below stop at the
    first key that is still possible, and give the stock results.
    """

    # PyYAML's scanner is untyped; these override its methods as they are.
    possible_simple_keys: Any
    line: int
    index: int

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        # An OrderedDict finds its first entry at once, however many were
        # deleted before it; a dict scans past the deleted ones.
        self.possible_simple_keys = OrderedDict()

    def next_possible_simple_key(self) -> int | None:
        for key in self.possible_simple_keys.values():
            return int(key.token_number)
        return None

    def stale_possible_simple_keys(self) -> None:
        keys = self.possible_simple_keys
        while keys:
            level, key = next(iter(keys.items()))
            if key.line == self.line and self.index - key.index <= _MAX_SIMPLE_KEY_LENGTH:
                return  # and so are all the later ones
            if key.required:
                raise ScannerError(
                    "while scanning a simple key",
                    key.mark,
                    "could not find expected ':'",
                    self.get_mark(),
                )
            del keys[level]


# The parser for reading; PureLoader is also the one that words syntax errors.
FastLoader: type[yaml.SafeLoader] = _LIBYAML_LOADER or PureLoader
