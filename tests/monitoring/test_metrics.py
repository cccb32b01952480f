"""The snapshot of the kiosk's state, read back by Prometheus's own parser. No Qt."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from kiosk.content import ContentError, Pack, Problem, load_pack
from kiosk.content.problems import Severity
from kiosk.monitoring.metrics import exposition, from_status, resident_memory_bytes
from kiosk.status import ContentStatus

START = dt.datetime(2026, 11, 26, 8, 0, 0)
FOLDER = Path("/srv/kiosk/current")


def parse(data: bytes) -> dict[str, tuple[str, str, dict[str, float]]]:
    """{family name: (type, help, {sample name + labels: value})}."""
    families = {}
    for family in text_string_to_metric_families(data.decode("utf-8")):
        samples = {}
        for sample in family.samples:
            labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
            samples[f"{sample.name}{{{labels}}}" if labels else sample.name] = sample.value
        families[family.name] = (family.type, family.documentation, samples)
    return families


def values(data: bytes) -> dict[str, float]:
    return {name: value for *_, samples in parse(data).values() for name, value in samples.items()}


def test_a_kiosk_showing_good_content(bundled_pack):
    status = ContentStatus(folder=FOLDER, started_at=START)
    status.loaded(bundled_pack, START + dt.timedelta(seconds=2))
    status.read_aloud = "on: en (engine 'speechd', voice en-GB); off: ar (no voice)"
    data = exposition(
        from_status(
            status, version="1.2.3", visits_total=7, memory_bytes=90_000, today=START.date()
        )
    )
    assert values(data) == {
        "kiosk_info{content_folder=/srv/kiosk/current,version=1.2.3}": 1.0,
        "kiosk_start_time_seconds": START.timestamp(),
        "kiosk_content_loaded_timestamp_seconds": START.timestamp() + 2,
        "kiosk_content_topics": 10.0,
        "kiosk_content_topics_overdue": 0.0,
        "kiosk_content_topics_never_reviewed": 10.0,  # the bundled pack gives no dates
        "kiosk_content_last_reload_success": 1.0,
        "kiosk_content_last_reload_errors": 0.0,
        "kiosk_content_showing_kept_copy": 0.0,
        "kiosk_content_folder_answering": 1.0,
        "kiosk_read_aloud_available": 1.0,
        "kiosk_visits_total": 7.0,
        "kiosk_resident_memory_bytes": 90_000.0,
        "kiosk_metrics_writes_skipped_total": 0.0,
        "kiosk_metrics_write_failures_total": 0.0,
    }


def test_broken_content_behind_the_kept_copy_with_the_folder_hanging(bundled_pack):
    status = ContentStatus(folder=FOLDER, started_at=START)
    status.copy_shown(bundled_pack, START - dt.timedelta(days=3), START)
    problems = [Problem(f"/srv/t{n}.yaml", "missing required key 'answer'", 1, 1) for n in (1, 2)]
    warning = Problem("/srv/x.yaml", "long", 1, 1, Severity.WARNING)
    status.failed(ContentError([*problems, warning]), START)
    status.answering(False, START)
    status.read_aloud = "off: fi (no voice for 'fi'); starting: en"
    found = values(
        exposition(from_status(status, version="1", writes_skipped=2, today=START.date()))
    )
    assert found["kiosk_content_last_reload_success"] == 0
    assert found["kiosk_content_last_reload_errors"] == 2  # warnings are not errors
    assert found["kiosk_content_showing_kept_copy"] == 1
    assert found["kiosk_content_folder_answering"] == 0
    assert found["kiosk_read_aloud_available"] == 0
    assert found["kiosk_metrics_writes_skipped_total"] == 2


def test_an_unavailable_folder_is_no_success_with_no_errors():
    status = ContentStatus(folder=FOLDER, started_at=START)
    status.unavailable("folder not found", START)
    found = values(exposition(from_status(status, version="1", today=START.date())))
    assert found["kiosk_content_last_reload_success"] == 0
    assert found["kiosk_content_last_reload_errors"] == 0


def test_what_is_not_known_is_left_out():
    status = ContentStatus(folder=FOLDER, started_at=START)  # the first read has not ended
    found = values(exposition(from_status(status, version="1", today=START.date())))
    for absent in (
        "kiosk_content_last_reload_success",
        "kiosk_content_last_reload_errors",
        "kiosk_visits_total",
        "kiosk_resident_memory_bytes",
        "kiosk_content_topics_overdue",  # no content: nothing to count
        "kiosk_content_topics_never_reviewed",
    ):
        assert absent not in found
    assert found["kiosk_content_loaded_timestamp_seconds"] == 0  # nothing on screen
    assert found["kiosk_content_topics"] == 0


def test_names_types_and_help_follow_prometheus_conventions(bundled_pack):
    status = ContentStatus(folder=FOLDER, started_at=START)
    status.loaded(bundled_pack, START)
    families = parse(
        exposition(
            from_status(status, version="1", visits_total=0, memory_bytes=1, today=START.date())
        )
    )
    for name, (kind, documentation, samples) in families.items():
        assert re.fullmatch(r"kiosk_[a-z_]+", name), name
        assert documentation.endswith("."), name
        if kind == "counter":
            assert list(samples) == [f"{name}_total"]  # no _created sample
        else:
            assert kind in ("gauge", "info"), name
            assert not name.endswith("_total"), name
        if "time" in name:
            assert name.endswith("_seconds"), name


def test_labels_with_quotes_and_backslashes_are_escaped():
    status = ContentStatus(folder=Path('C:\\Kiosk\\"pack"\nx'), started_at=START)
    found = values(exposition(from_status(status, version="1", today=START.date())))
    assert 'kiosk_info{content_folder=C:\\Kiosk\\"pack"\nx,version=1}' in found


@pytest.mark.skipif(sys.platform != "linux", reason="/proc/self/statm is Linux's")
def test_resident_memory_comes_from_proc():
    memory = resident_memory_bytes()
    assert memory is not None
    assert 10 * 2**20 < memory < 10 * 2**30


def dated_pack(folder: Path, dates: list[str | None]) -> Pack:
    (folder / "topics").mkdir(parents=True)
    (folder / "kiosk.yaml").write_text("schema: 1\ntitle: Clinic\n", encoding="utf-8")
    for n, reviewed in enumerate(dates):
        line = f"reviewed: {reviewed}\n" if reviewed else ""
        (folder / "topics" / f"t{n}.yaml").write_text(
            f"question: Q{n}?\nanswer: A.\n{line}", encoding="utf-8"
        )
    return load_pack(folder, today=START.date())


def test_topics_turn_overdue_as_the_days_pass(tmp_path: Path):
    status = ContentStatus(folder=FOLDER, started_at=START)
    status.loaded(dated_pack(tmp_path / "pack", ["2023-11-20", "2023-12-20", None]), START)
    counts = []
    for today in (START.date(), dt.date(2026, 12, 21)):
        found = values(exposition(from_status(status, version="1", today=today)))
        counts.append(
            (found["kiosk_content_topics_overdue"], found["kiosk_content_topics_never_reviewed"])
        )
    assert counts == [(1, 1), (2, 1)]


@pytest.mark.skipif(
    shutil.which("promtool") is None and os.environ.get("KIOSK_TESTS_NEED_PROMTOOL") != "1",
    reason="promtool not found; on Debian or Ubuntu: apt install prometheus",
)
def test_prometheus_s_own_tool_accepts_the_file(tmp_path: Path):
    status = ContentStatus(folder=FOLDER, started_at=START)
    status.loaded(dated_pack(tmp_path / "pack", ["2023-11-20", None]), START)
    data = exposition(from_status(status, version="1", visits_total=3, today=START.date()))
    done = subprocess.run(
        ["promtool", "check", "metrics"],
        input=data,
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert (done.returncode, done.stdout + done.stderr) == (0, b"")
