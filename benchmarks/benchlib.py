"""Helpers shared by the benchmark script and its child processes (no Qt here)."""

from __future__ import annotations

import math
import os
import resource
import statistics
from collections.abc import Sequence
from pathlib import Path

# Every Qt child runs offscreen on one 1920x1080 screen at 96 dpi, the size
# of a common kiosk panel (plain "offscreen" is an 800x800 screen).
SCREEN_WIDTH = 1920
SCREEN_HEIGHT = 1080
SCREEN_CONFIG = (
    '{"synchronousWindowSystemEvents": false, "windowFrameMargins": false, "screens": '
    f'[{{"name": "kiosk", "x": 0, "y": 0, "width": {SCREEN_WIDTH}, "height": {SCREEN_HEIGHT},'
    ' "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}'
)

# The answer of every generated topic: two paragraphs and a bullet list, the
# shape of the bundled pack's answers.
ANSWER = (
    "Transcranial magnetic stimulation (TMS) treatments have shown promise in\n"
    "improving arm recovery in stroke patients.\n\n"
    "Common side effects:\n- Headache\n- Scalp discomfort at the site of stimulation\n"
)

RESULT_PREFIX = "RESULT "  # the line a child prints its JSON result on


def topic_yaml(question: str, order: int) -> str:
    body = "".join(f"  {line}\n" for line in ANSWER.splitlines())
    return f"question: {question}\norder: {order}\nanswer: |\n{body}source: Benchmark data\n"


QUESTION = "Is this question number {n}?"
# A question with a word too wide for a tile at any text size: every tile
# hyphenates it at every relayout, the most work line breaking can take.
LONG_WORD_QUESTION = "Is Pneumonoultramicroscopicsilicovolcanoconiosis number {n} a risk?"


def write_pack(folder: Path, topics: int, question: str = QUESTION) -> Path:
    """A valid pack of ``topics`` generated topics in ``folder`` (created),
    each asking ``question`` with its number for ``{n}``."""
    (folder / "topics").mkdir(parents=True)
    (folder / "kiosk.yaml").write_text(
        "schema: 1\ntitle: Benchmark clinic\nwelcome: Tap a question to read the answer.\n"
        "footer: General information only. Please ask our staff.\n",
        encoding="utf-8",
    )
    for n in range(topics):
        (folder / "topics" / f"topic-{n:05d}.yaml").write_text(
            topic_yaml(question.format(n=n), n), encoding="utf-8"
        )
    return folder


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def percentile(samples: Sequence[float], pct: float) -> float:
    """The ``pct`` percentile, interpolated between the closest ranks."""
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * pct / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def rss_bytes() -> int:
    """This process's resident set size now (Linux: /proc/self/statm)."""
    try:
        fields = Path("/proc/self/statm").read_text(encoding="ascii").split()
        return int(fields[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # not Linux: the peak is the best the standard library offers
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if os.uname().sysname == "Darwin" else peak * 1024
