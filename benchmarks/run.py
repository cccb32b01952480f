"""Measure content loading and the home screen's first layout; print a table.

    python benchmarks/run.py [--repeat N]

Times are medians of N runs. Each row also gives a ratio against a baseline
measured in the same run on the same files, since shared machines are noisy:
for loading, a bare ``yaml.load`` (libyaml, no checks) of every file; for the
home screen, showing a window with one label.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import yaml

from kiosk.content import load_pack

SIZES = (10, 100, 500, 1000, 5000)
ANSWER = (
    "Transcranial magnetic stimulation (TMS) treatments have shown promise in\n"
    "improving arm recovery in stroke patients.\n\n"
    "Common side effects:\n- Headache\n- Scalp discomfort at the site of stimulation\n"
)


def write_pack(folder: Path, topics: int) -> Path:
    (folder / "topics").mkdir(parents=True)
    (folder / "kiosk.yaml").write_text("schema: 1\ntitle: Benchmark clinic\n", encoding="utf-8")
    body = "".join(f"  {line}\n" for line in ANSWER.splitlines())
    for n in range(topics):
        (folder / "topics" / f"topic-{n:05d}.yaml").write_text(
            f"question: Is this question number {n}?\norder: {n}\nanswer: |\n{body}"
            "source: Benchmark data\n",
            encoding="utf-8",
        )
    return folder


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def bare_yaml(folder: Path) -> None:
    for file in sorted((folder / "topics").iterdir()):
        yaml.load(file.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def home_screen(folder: Path, repeat: int) -> tuple[float, float]:
    from PySide6.QtWidgets import (  # noqa: PLC0415
        QApplication,
        QGridLayout,
        QPushButton,
        QScrollArea,
        QWidget,
    )

    from kiosk.app import application  # noqa: PLC0415
    from kiosk.ui.window import KioskWindow  # noqa: PLC0415

    app = application()
    pack = load_pack(folder)

    def show_kiosk() -> None:
        window = KioskWindow(pack, app=app, idle_timeout_ms=90_000, idle_warning_ms=20_000)
        window.setFixedSize(1920, 1080)
        window.show()
        window.grab()  # forces layout and a full paint
        window.locked = False
        window.close()
        window.deleteLater()
        QApplication.processEvents()

    def show_buttons() -> None:
        area = QScrollArea()
        area.setWidgetResizable(True)
        host = QWidget()
        grid = QGridLayout(host)
        for index, topic in enumerate(pack.topics):
            grid.addWidget(QPushButton(topic.question), *divmod(index, 4))
        area.setWidget(host)
        area.setFixedSize(1920, 1080)
        area.show()
        area.grab()
        area.close()
        area.deleteLater()
        QApplication.processEvents()

    return median_seconds(show_kiosk, repeat), median_seconds(show_buttons, repeat)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per figure (default: 7)")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, median of {args.repeat} runs")
    print()
    print(f"{'topics':>7} {'load+validate':>14} {'bare yaml':>10} {'ratio':>6} {'per topic':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        folders = {n: write_pack(Path(tmp) / f"pack-{n}", n) for n in SIZES}
        for n, folder in folders.items():
            ours = median_seconds(functools.partial(load_pack, folder), args.repeat)
            bare = median_seconds(functools.partial(bare_yaml, folder), args.repeat)
            print(
                f"{n:>7} {ours * 1000:>11.1f} ms {bare * 1000:>7.1f} ms {ours / bare:>6.2f}"
                f" {ours / n * 1e6:>7.0f} µs"
            )
        print()
        kiosk, buttons = home_screen(folders[500], args.repeat)
        print(
            f"home screen with 500 topics, built and painted at 1920x1080: {kiosk * 1000:.0f} ms"
            f" (500 plain QPushButtons: {buttons * 1000:.0f} ms, ratio {kiosk / buttons:.2f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
