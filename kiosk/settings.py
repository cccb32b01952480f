"""Run-time settings, as given on the command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.paths import bundled_content


@dataclass(frozen=True, slots=True)
class Settings:
    content: Path
    windowed: bool = False
    idle_timeout_s: float = 90.0
    idle_warning_s: float = 20.0

    @classmethod
    def defaults(cls) -> Settings:
        return cls(content=bundled_content())
