"""Counts in words for logs and messages: "1 topic", "2 topics", never "1 topics"."""

from __future__ import annotations


def plural(count: int, word: str) -> str:
    """``count`` and ``word``, with an ``s`` unless the count is 1."""
    return f"{count} {word}{'' if count == 1 else 's'}"
