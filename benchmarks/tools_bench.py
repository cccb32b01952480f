"""The admins' tools, measured for run.py: kiosk check, kiosk snapshot, reading hostile YAML.

- ``kiosk check`` of the bundled pack, a whole process, with the syllable
  table cached and without, against ``python -c "import kiosk.cli"``;
- ``kiosk snapshot`` of a 500-topic pack, against the same screens rendered
  and saved as before (Qt's PNG writer, one screen after another; see
  snapshot_child.py);
- reading the slowest 1 MiB content files we know how to build, with libyaml
  and with the pure-Python parser alone, against a bare libyaml parse of an
  ordinary 1 MiB answer.
"""

from __future__ import annotations

import functools
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from benchlib import median, write_pack

from kiosk.content import yamlparsers
from kiosk.content.schema import TOPIC_KEYS, MappingChecker
from kiosk.content.yamlreader import Mapping, read_yaml

HERE = Path(__file__).resolve().parent
MiB = 1024 * 1024
CHECK_S = 0.5
SNAPSHOT_500_S = 15.0
SNAPSHOT_TOPICS = 500


def run_seconds(command: list[str], env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - started


def measure_check(env: dict[str, str], tmp: Path, repeat: int) -> dict[str, Any]:
    """Whole processes, interleaved so that a busy moment hits all three alike."""
    warm_cache = tmp / "check-cache"
    warm = dict(env, XDG_CACHE_HOME=str(warm_cache))
    kiosk = [sys.executable, "-m", "kiosk", "check"]
    run_seconds(kiosk, warm)  # builds the cached table; not counted
    runs: dict[str, list[float]] = {"baseline": [], "cached": [], "uncached": []}
    for round_ in range(repeat):
        cold = dict(env, XDG_CACHE_HOME=str(tmp / f"check-cold-{round_}"))
        runs["baseline"].append(run_seconds([sys.executable, "-c", "import kiosk.cli"], env))
        runs["cached"].append(run_seconds(kiosk, warm))
        runs["uncached"].append(run_seconds(kiosk, cold))
    medians = {name: median(times) for name, times in runs.items()}
    return {
        "runs": repeat,
        "median_s": medians,
        "ratio_cached": medians["cached"] / medians["baseline"],
        "ratio_uncached": medians["uncached"] / medians["baseline"],
        "pass": medians["cached"] <= CHECK_S,
    }


def measure_snapshot(env: dict[str, str], tmp: Path, repeat: int) -> dict[str, Any]:
    pack = write_pack(tmp / "snapshot-pack", SNAPSHOT_TOPICS)
    kiosk = [sys.executable, "-m", "kiosk", "snapshot", "--content", str(pack), "--out"]
    before = [sys.executable, str(HERE / "snapshot_child.py"), str(pack)]
    runs: dict[str, list[float]] = {"kiosk": [], "before": []}
    for round_ in range(repeat):
        runs["kiosk"].append(run_seconds([*kiosk, str(tmp / f"shots-{round_}")], env))
        runs["before"].append(run_seconds([*before, str(tmp / f"before-{round_}")], env))
    files = list((tmp / "shots-0").rglob("*.png"))
    medians = {name: median(times) for name, times in runs.items()}
    return {
        "topics": SNAPSHOT_TOPICS,
        "files": len(files),
        "mib": sum(f.stat().st_size for f in files) / MiB,
        "mib_before": sum(f.stat().st_size for f in (tmp / "before-0").rglob("*.png")) / MiB,
        "runs_s": runs,
        "median_s": medians,
        "ratio": medians["kiosk"] / medians["before"],
        "pass": medians["kiosk"] <= SNAPSHOT_500_S,
    }


def _fill(head: str, unit: str, tail: str = "") -> str:
    """``head``, ``unit`` repeated, ``tail``: as near 1 MiB (in UTF-8) as fits."""
    room = MiB - len(head.encode()) - len(tail.encode())
    return head + unit * (room // len(unit.encode())) + tail


QA = "question: Q?\nanswer: A.\n"
HOSTILE = {
    # Nesting
    "deep flow lists": _fill(QA + "source: ", "["),
    "deep flow mappings": _fill(QA + "source: ", "{a: "),
    "deep block lists": _fill(QA + "source:\n  ", "- ", "x\n"),
    # Many values (reading stops at 10,000)
    "long flow list": _fill(QA + "source: [", "a,", "a]\n"),
    "many keys": _fill(QA, "k: v\n"),
    "aliases": _fill("question: Q?\nanswer: &a A.\nsource: [", "*a, ", "*a]\n"),
    "anchors and tags": _fill(QA + "source: [", "&a !!str x, ", "x]\n"),
    "documents": _fill(QA, "---\n"),
    # Long scalars
    "one long word": _fill("question: Q?\nanswer: ", "x", "\n"),
    "long plain text": _fill("question: Q?\nanswer: ", "word ", "\n"),
    "long plain lines": _fill("question: Q?\nanswer:\n", "  word word word\n"),
    "long double-quoted": _fill('question: Q?\nanswer: "', "word ", '"\n'),
    "long single-quoted": _fill("question: Q?\nanswer: '", "word ", "'\n"),
    "long escapes": _fill('question: Q?\nanswer: "', "\\u00e9", '"\n'),
    "long block": _fill("question: Q?\nanswer: |\n", "  word word word word\n"),
    "long folded block": _fill("question: Q?\nanswer: >\n", "  word word word word\n"),
    "blank lines in a block": _fill("question: Q?\nanswer: |\n  a\n", "\n", "  b\n"),
    "bullets YAML joins": _fill("question: Q?\nanswer: A\n", "  - b\n"),
    "one long key": _fill("? ", "k", "\n: v\n"),
    # Near-miss keys: each one asks difflib for the key it was meant to be.
    "misspelt keys": QA + "".join(f"qestion{n:04d}: v\n" for n in range(4990)),
    "sexagesimal number": _fill("question: 1", ":00", "\nanswer: A.\n"),
    "comments": _fill(QA, "# comment\n"),
    "spaces": _fill(QA, " "),
    "a number of a million digits": _fill(QA + "order: ", "7", "\n"),
    # Errors found late
    "syntax error at the end": _fill("question: Q?\nanswer: |\n", "  word word\n", "x: 'open"),
    "syntax error after many values": _fill(QA + "source: [", "a, ", "}"),
    "syntax error after 10,000 values": QA + "source: [" + "a," * 9990 + "}",
    "control character at the end": _fill("question: Q?\nanswer: |\n", "  word\n", "\x07"),
    # Tabs
    "tabs": _fill(QA, "\t"),
    "lines of a tab": _fill("question: Q?\n", "\t\n", "answer: A.\n"),
    "tabs between words": _fill("question: Q?\nanswer: ", "a\t", "\n"),
    "tabs in quotes": _fill('question: Q?\nanswer: "', "a\t", '"\n'),
    "tab lines in a block": _fill("question: Q?\nanswer: |\n  A.\n", "  \t\n", "  B.\n"),
}
ORDINARY = _fill("question: Q?\nanswer: |\n", "  Most side effects are mild and go away.\n")


def _median_s(action: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return median(samples)


def read_and_check(text: str) -> None:
    """What the loader does with one topic file's text: read it, check its keys."""
    root, problems = read_yaml("a.yaml", text)
    if isinstance(root, Mapping):
        MappingChecker("a.yaml", TOPIC_KEYS, problems).check(root)


def _bare_libyaml(text: str) -> None:
    for _ in yaml.parse(text, Loader=yaml.CSafeLoader):
        pass


def measure_yaml(repeat: int, pure_repeat: int) -> dict[str, Any]:
    baseline = _median_s(functools.partial(_bare_libyaml, ORDINARY), repeat)
    files: dict[str, dict[str, float]] = {}
    fast_loader = yamlparsers.FastLoader
    try:
        for name, text in HOSTILE.items():
            read = functools.partial(read_and_check, text)
            yamlparsers.FastLoader = fast_loader
            libyaml = _median_s(read, repeat)
            yamlparsers.FastLoader = yamlparsers.PureLoader
            pure = _median_s(read, pure_repeat)
            files[name] = {"libyaml_s": libyaml, "pure_s": pure}
    finally:
        yamlparsers.FastLoader = fast_loader
    worst_libyaml = max(files, key=lambda name: files[name]["libyaml_s"])
    worst_pure = max(files, key=lambda name: files[name]["pure_s"])
    return {
        "libyaml": yamlparsers.HAS_LIBYAML,
        "baseline_bare_libyaml_s": baseline,
        "files": files,
        "worst_libyaml": worst_libyaml,
        "worst_pure": worst_pure,
        "pass_libyaml": files[worst_libyaml]["libyaml_s"] <= 1.0,
    }


def with_temporary_folder(measure: Callable[[Path], dict[str, Any]]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-tools-") as name:
        return measure(Path(name))
