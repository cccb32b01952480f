"""Run-time settings: the effective values from the command line, the config file and defaults.

Plain Python, no Qt. :func:`kiosk.config.resolve_settings` builds them and
says where each value came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "kiosk"

DEFAULT_IDLE_TIMEOUT_S = 90.0
DEFAULT_IDLE_WARNING_S = 20.0  # WCAG 2.2.1 asks for at least 20 seconds to respond

# The accepted ranges, in seconds, on the command line and in the config file.
IDLE_TIMEOUT_RANGE_S = (10.0, 3600.0)
IDLE_WARNING_RANGE_S = (20.0, 600.0)  # WCAG 2.2.1: at least 20 seconds

# How long usage statistics are kept, in days (`stats_keep_days`).
DEFAULT_STATS_KEEP_DAYS = 400
STATS_KEEP_DAYS_RANGE = (1, 3650)

# A panel's visible width and height in millimetres, as `screen_mm` takes them.
PANEL_MM_RANGE = (50.0, 5000.0)
_PANEL_SIZE = re.compile(
    r"\s*(\d+(?:\.\d+)?)\s*[x\u00d7]\s*(\d+(?:\.\d+)?)\s*(?:mm)?\s*", re.IGNORECASE
)


def parse_panel_size(text: str) -> tuple[float, float] | None:
    """``"527x296"`` (millimetres) as ``(527.0, 296.0)``; None when not a plausible size."""
    match = _PANEL_SIZE.fullmatch(text)
    if match is None:
        return None
    width, height = float(match[1]), float(match[2])
    low, high = PANEL_MM_RANGE
    if not (low <= width <= high and low <= height <= high):
        return None
    return width, height


# hide_cursor's default: hidden in fullscreen, shown in a window.
_FOLLOW_WINDOWED: Any = None


def default_log_dir() -> Path:
    """The platform's folder for the kiosk's logs (not created here)."""
    return platformdirs.user_log_path(APP_NAME)


def default_state_dir() -> Path:
    """The platform's folder for what the kiosk keeps between runs (not created here)."""
    return platformdirs.user_state_path(APP_NAME)


def default_stats_db() -> Path:
    """The platform's data folder's usage statistics database (not created here)."""
    return platformdirs.user_data_path(APP_NAME) / "stats.sqlite3"


@dataclass(frozen=True, slots=True)
class Settings:
    content: Path  # the pack's folder
    windowed: bool = False
    idle_timeout_s: float = DEFAULT_IDLE_TIMEOUT_S
    idle_warning_s: float = DEFAULT_IDLE_WARNING_S
    # Left out, it follows `windowed`: hidden in fullscreen, shown in a window.
    hide_cursor: bool = _FOLLOW_WINDOWED
    staff_pin_hash: str | None = None  # as written by `kiosk set-pin`; None: no PIN set
    log_dir: Path = field(default_factory=default_log_dir)
    # What the kiosk keeps between runs (a copy of the last good pack, a lock).
    state_dir: Path = field(default_factory=default_state_dir)
    config_file: Path | None = None  # the config file read, if any
    watchdog: bool = False  # ping systemd's watchdog (`kiosk run --watchdog`)
    # The panel's visible size in mm, for sizes in millimetres; None: ask the system.
    screen_mm: tuple[float, float] | None = None
    # Anonymous usage statistics (README, "Usage statistics"): on unless turned off.
    stats: bool = True
    stats_db: Path = field(default_factory=default_stats_db)
    stats_keep_days: int = DEFAULT_STATS_KEEP_DAYS
    # The Prometheus text file node_exporter collects; None: none written.
    metrics_file: Path | None = None

    def __post_init__(self) -> None:
        if self.hide_cursor is _FOLLOW_WINDOWED:
            object.__setattr__(self, "hide_cursor", not self.windowed)

    @property
    def idle_timeout_ms(self) -> int:
        return round(self.idle_timeout_s * 1000)

    @property
    def idle_warning_ms(self) -> int:
        return round(self.idle_warning_s * 1000)
