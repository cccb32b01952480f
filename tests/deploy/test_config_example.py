"""deploy/config.example.yaml is a valid config that matches the Linux service's folders."""

from __future__ import annotations

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
