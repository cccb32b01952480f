"""A running kiosk's metrics file, read back with Prometheus's own parser."""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families
from pytestqt.qtbot import QtBot

from kiosk import __version__
from kiosk.app import Kiosk
from kiosk.monitoring.publisher import MetricsPublisher
from kiosk.monitoring.textfile import write_atomically
from kiosk.settings import Settings
from kiosk.status import ContentStatus

NEVER_MS = 3_600_000  # the periodic write never comes: only the event under test writes
BACKSTOP_S = 30


def read_metrics(path: Path) -> dict[str, float]:
    """Every sample, as ``name{label=value,...}``: value; {} when there is no file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
            found[f"{sample.name}{{{labels}}}" if labels else sample.name] = sample.value
    return found


@pytest.fixture
def start_kiosk(qapp, qtbot: QtBot) -> Iterator[Callable[..., Kiosk]]:
    # Held for the whole test: the Kiosk's slots are bound methods, which Qt
    # stops calling once the object is collected, as a test that drops it would.
    started: list[Kiosk] = []

    def start(folder: Path, metrics_file: Path, **options: Any) -> Kiosk:
        settings = Settings(content=folder, metrics_file=metrics_file)
        options.setdefault("metrics_interval_ms", NEVER_MS)
        options.setdefault("metrics_min_gap_ms", 10)
        kiosk = Kiosk(qapp, settings, poll_ms=30, settle_ms=10, **options)
        started.append(kiosk)
        qtbot.addWidget(kiosk.window, before_close_func=lambda w: setattr(w, "locked", False))
        kiosk.window.resize(1280, 800)
        kiosk.window.show()
        return kiosk

    yield start


def status_line(kiosk: Kiosk) -> str:
    kiosk.window.refresh_status()
    lines = kiosk.window.status_screen.text.toPlainText().splitlines()
    return next(line for line in lines if line.startswith("Metrics file: "))


def test_the_file_matches_the_running_kiosk(qtbot: QtBot, start_kiosk, write_pack, tmp_path):
    folder = write_pack({"a": ("A?", "A."), "b": ("B?", "B.")})
    path = tmp_path / "textfile" / "kiosk.prom"
    path.parent.mkdir()
    kiosk = start_kiosk(folder, path)
    qtbot.waitUntil(path.exists)  # written at start, not 30 s later
    found = read_metrics(path)
    status = kiosk.status
    assert status.loaded_at is not None
    assert found.pop(f"kiosk_info{{content_folder={folder},version={__version__}}}") == 1
    assert found.pop("kiosk_start_time_seconds") == status.started_at.timestamp()
    assert found.pop("kiosk_content_loaded_timestamp_seconds") == status.loaded_at.timestamp()
    assert found.pop("kiosk_content_topics") == 2
    assert found.pop("kiosk_content_topics_overdue") == 0  # both reviewed today
    assert found.pop("kiosk_content_topics_never_reviewed") == 0
    assert found.pop("kiosk_content_last_reload_success") == 1
    assert found.pop("kiosk_content_last_reload_errors") == 0
    assert found.pop("kiosk_content_showing_kept_copy") == 0
    assert found.pop("kiosk_content_folder_answering") == 1
    assert found.pop("kiosk_read_aloud_available") == 0  # no speaker in tests
    assert 10 * 2**20 < found.pop("kiosk_resident_memory_bytes") < 10 * 2**30
    assert found.pop("kiosk_metrics_writes_skipped_total") == 0
    assert found.pop("kiosk_metrics_write_failures_total") == 0
    assert found.pop("kiosk_visits_total") == 0
    assert found == {}  # nothing else
    qtbot.waitUntil(lambda: status_line(kiosk).startswith(f"Metrics file: written to {path} at "))
    assert re.fullmatch(r".* at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d", status_line(kiosk))


def test_the_file_follows_a_content_reload(qtbot: QtBot, start_kiosk, write_pack, tmp_path):
    folder = write_pack({"a": ("A?", "A."), "b": ("B?", "B.")})
    path = tmp_path / "kiosk.prom"
    start_kiosk(folder, path)
    qtbot.waitUntil(lambda: read_metrics(path).get("kiosk_content_last_reload_success") == 1)
    (folder / "topics" / "b.yaml").write_text("question: [broken\n", encoding="utf-8")
    (folder / "topics" / "c.yaml").write_text("answer: no question\n", encoding="utf-8")
    # The periodic write never comes in this test: the reload's result writes the file.
    qtbot.waitUntil(
        lambda: read_metrics(path).get("kiosk_content_last_reload_errors") == 2, timeout=5000
    )
    found = read_metrics(path)
    assert found["kiosk_content_last_reload_success"] == 0
    assert found["kiosk_content_topics"] == 2  # the last good content is still on screen
    (folder / "topics" / "b.yaml").write_text("question: B?\nanswer: B.\n", encoding="utf-8")
    (folder / "topics" / "c.yaml").write_text("question: C?\nanswer: C.\n", encoding="utf-8")
    qtbot.waitUntil(lambda: read_metrics(path).get("kiosk_content_topics") == 3, timeout=5000)
    assert read_metrics(path)["kiosk_content_last_reload_success"] == 1


def test_a_missing_folder_is_reported_once_and_recovers(
    qtbot: QtBot, start_kiosk, write_pack, tmp_path, caplog
):
    caplog.set_level(logging.INFO, logger="kiosk.monitoring")
    folder = write_pack({"a": ("A?", "A.")})
    textfiles = tmp_path / "node-exporter"
    path = textfiles / "kiosk.prom"
    kiosk = start_kiosk(folder, path, metrics_interval_ms=20)
    publisher = kiosk.metrics
    assert publisher is not None
    qtbot.waitUntil(lambda: publisher.write_failures >= 3)
    expected = (
        f"Metrics file: not written: the folder {textfiles} does not exist; "
        "create it, or change metrics_file"
    )
    assert status_line(kiosk) == expected
    failures = [r for r in caplog.records if r.levelno == logging.ERROR and "metrics" in r.message]
    assert [r.getMessage() for r in failures] == [
        f"metrics file {path} not written: {expected.removeprefix('Metrics file: not written: ')}"
    ]
    textfiles.mkdir()
    qtbot.waitUntil(lambda: read_metrics(path).get("kiosk_metrics_write_failures_total", 0) >= 3)
    qtbot.waitUntil(lambda: status_line(kiosk).startswith("Metrics file: written to "))
    assert f"metrics file {path} written again" in caplog.text


def test_a_clean_stop_removes_the_file(qtbot: QtBot, start_kiosk, write_pack, tmp_path):
    folder = write_pack({"a": ("A?", "A.")})
    path = tmp_path / "kiosk.prom"
    kiosk = start_kiosk(folder, path)
    qtbot.waitUntil(path.exists)
    kiosk.window.locked = False
    kiosk.window.close()  # as SIGTERM and "Exit kiosk" do
    assert not path.exists()


def test_without_a_metrics_file_nothing_is_written(start_kiosk, write_pack, tmp_path, qapp):
    kiosk = Kiosk(qapp, Settings(content=write_pack({"a": ("A?", "A.")})), poll_ms=30)
    assert kiosk.metrics is None
    assert kiosk.status.metrics == "off"
    kiosk.window.locked = False
    kiosk.window.close()


# -- the publisher alone -------------------------------------------------------------
class HangingDisk:
    """A write that blocks until released, as a hanging disk does."""

    def __init__(self) -> None:
        self.go = threading.Event()
        self.go.set()
        self.calls = 0

    def __call__(self, path: Path, data: bytes) -> None:
        self.calls += 1
        self.go.wait(BACKSTOP_S)
        write_atomically(path, data)


@pytest.fixture
def publish(qtbot: QtBot) -> Iterator[Callable[..., MetricsPublisher]]:
    made: list[MetricsPublisher] = []

    def make(path: Path, **options: Any) -> MetricsPublisher:
        status = ContentStatus(folder=Path("/srv/pack"), started_at=dt.datetime.now())
        options.setdefault("interval_ms", NEVER_MS)
        publisher = MetricsPublisher(path, status, version="1.0", **options)
        made.append(publisher)
        return publisher

    yield make
    for publisher in made:
        assert publisher.stop(wait_ms=BACKSTOP_S * 1000)


def test_a_write_on_a_hanging_disk_is_skipped_counted_and_made_after(
    qtbot: QtBot, publish, tmp_path
):
    disk = HangingDisk()
    disk.go.clear()
    path = tmp_path / "kiosk.prom"
    publisher = publish(path, write=disk, min_gap_ms=0)
    publisher.start()  # the first write hangs; the GUI thread carries on
    publisher.write_now()
    publisher.write_now()
    assert publisher.writes_skipped == 2
    assert publisher._status.metrics.startswith("not written: the write started at ")
    assert "has not finished (2 skipped so far); is the disk slow or hanging?" in (
        publisher._status.metrics
    )
    disk.go.set()
    # What the skipped writes would have said is written once the disk answers.
    qtbot.waitUntil(lambda: read_metrics(path).get("kiosk_metrics_writes_skipped_total") == 2)
    assert disk.calls == 2
    qtbot.waitUntil(lambda: publisher._status.metrics.startswith("written to "))


def test_a_burst_of_changes_makes_one_write_after_the_gap(qtbot: QtBot, publish, tmp_path):
    disk = HangingDisk()
    publisher = publish(tmp_path / "kiosk.prom", write=disk, min_gap_ms=200)
    publisher.start()
    qtbot.waitUntil(lambda: publisher._status.metrics.startswith("written to "))
    for _ in range(10):
        publisher.request_write()
    assert disk.calls == 1  # the gap since the first write has not passed
    with qtbot.waitSignal(publisher.status_changed, timeout=5000):
        pass  # the one write the burst asked for
    assert disk.calls == 2
    assert not publisher._soon.isActive()


def test_visits_come_from_the_provider(qtbot: QtBot, publish, tmp_path):
    path = tmp_path / "kiosk.prom"
    publish(path, visits_total=lambda: 42).start()
    qtbot.waitUntil(lambda: read_metrics(path).get("kiosk_visits_total") == 42)


def test_visits_total_counts_the_patients_visits(qtbot: QtBot, start_kiosk, write_pack, tmp_path):
    folder = write_pack({"a": ("A?", "A."), "b": ("B?", "B.")})
    path = tmp_path / "kiosk.prom"
    kiosk = start_kiosk(folder, path, metrics_interval_ms=20)
    qtbot.waitUntil(lambda: read_metrics(path).get("kiosk_visits_total") == 0)
    kiosk.window.home.tiles[0].click()  # a visit starts
    kiosk.window.answer.home_button.click()
    kiosk.window.home.tiles[1].click()  # the same visit
    qtbot.waitUntil(lambda: read_metrics(path).get("kiosk_visits_total") == 1)
    kiosk.window.return_home_after_idle()  # the visit ends; the next tap starts another
    kiosk.window.home.tiles[0].click()
    qtbot.waitUntil(lambda: read_metrics(path).get("kiosk_visits_total") == 2)
