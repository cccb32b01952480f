"""Counts in words."""

from __future__ import annotations

import pytest

from kiosk.plural import plural


@pytest.mark.parametrize(
    ("count", "text"), [(0, "0 errors"), (1, "1 error"), (2, "2 errors"), (21, "21 errors")]
)
def test_plural(count, text):
    assert plural(count, "error") == text
