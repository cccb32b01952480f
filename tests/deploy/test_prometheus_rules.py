"""deploy/prometheus/: Prometheus's own tool checks the alert rules and runs their unit tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

FOLDER = Path(__file__).resolve().parents[2] / "deploy" / "prometheus"

# CI sets KIOSK_TESTS_NEED_PROMTOOL=1: there a missing promtool fails these tests.
needs_promtool = pytest.mark.skipif(
    shutil.which("promtool") is None and os.environ.get("KIOSK_TESTS_NEED_PROMTOOL") != "1",
    reason="promtool not found; on Debian or Ubuntu: apt install prometheus",
)


def promtool(*arguments: str) -> str:
    done = subprocess.run(
        ["promtool", *arguments],
        cwd=FOLDER,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    return output


@needs_promtool
def test_the_rules_are_valid():
    assert "SUCCESS: 9 rules found" in promtool("check", "rules", "kiosk-rules.yml")


@needs_promtool
def test_each_alert_fires_when_it_should_and_not_otherwise():
    assert "SUCCESS" in promtool("test", "rules", "kiosk-rules_test.yml")


@needs_promtool
def test_the_example_server_config_is_valid():
    assert "SUCCESS" in promtool("check", "config", "prometheus.example.yml")


def test_every_alert_is_tested_and_explained():
    rules = yaml.safe_load((FOLDER / "kiosk-rules.yml").read_text(encoding="utf-8"))
    tests = (FOLDER / "kiosk-rules_test.yml").read_text(encoding="utf-8")
    for rule in rules["groups"][0]["rules"]:
        assert f"alertname: {rule['alert']}\n" in tests, rule["alert"]
        assert set(rule["annotations"]) == {"summary", "description"}, rule["alert"]
        assert rule["labels"]["severity"] in ("critical", "warning", "info"), rule["alert"]
