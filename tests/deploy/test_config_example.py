"""deploy/config.example.yaml is a valid config that matches the Linux service's folders."""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.config import resolve_settings

REPO = Path(__file__).resolve().parents[2]


def test_the_example_config_is_valid_and_uses_the_services_folders():
    settings, sources = resolve_settings({}, REPO / "deploy" / "config.example.yaml")
    # LogsDirectory=kiosk and StateDirectory=kiosk in deploy/linux/kiosk.service.
    assert settings.log_dir == Path("/var/log/kiosk")
    assert settings.state_dir == Path("/var/lib/kiosk/state")
    assert sources["state_dir"].startswith("config file")
    unit = (REPO / "deploy" / "linux" / "kiosk.service").read_text(encoding="utf-8")
    assert "\nLogsDirectory=kiosk\n" in unit
    assert "\nStateDirectory=kiosk\n" in unit


def test_the_example_metrics_file_is_in_a_folder_the_service_may_write(tmp_path: Path):
    example = (REPO / "deploy" / "config.example.yaml").read_text(encoding="utf-8")
    # Off by default: the line is there to be uncommented.
    assert resolve_settings({}, REPO / "deploy" / "config.example.yaml")[0].metrics_file is None
    enabled = tmp_path / "config.yaml"
    enabled.write_text(re.sub(r"(?m)^# (metrics_file: )", r"\1", example), encoding="utf-8")
    settings, _ = resolve_settings({}, enabled)
    assert settings.metrics_file == Path("/var/lib/prometheus/node-exporter/kiosk.prom")
    unit = (REPO / "deploy" / "linux" / "kiosk.service").read_text(encoding="utf-8")
    writable = re.findall(r"(?m)^ReadWritePaths=-?(.+)$", unit)
    assert str(settings.metrics_file.parent) in writable
