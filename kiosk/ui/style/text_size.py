"""The per-visit text sizes (no Qt here: the command line names them too)."""

from __future__ import annotations

from enum import Enum


class TextSize(Enum):
    """The text size a patient picks on an answer screen; the value scales text."""

    NORMAL = 1.0
    LARGER = 1.4
    LARGEST = 2.0  # about twice the normal size

    @property
    def label(self) -> str:
        """The button's label: A, A+, A++."""
        return {"NORMAL": "A", "LARGER": "A+", "LARGEST": "A++"}[self.name]
