"""Run-time settings, as given on the command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_IDLE_TIMEOUT_S = 90.0
DEFAULT_IDLE_WARNING_S = 20.0  # WCAG 2.2.1 asks for at least 20 seconds to respond


@dataclass(frozen=True, slots=True)
class Settings:
    content: Path  # the pack's folder
    windowed: bool = False
    idle_timeout_s: float = DEFAULT_IDLE_TIMEOUT_S
    idle_warning_s: float = DEFAULT_IDLE_WARNING_S

    @property
    def idle_timeout_ms(self) -> int:
        return round(self.idle_timeout_s * 1000)

    @property
    def idle_warning_ms(self) -> int:
        return round(self.idle_warning_s * 1000)
