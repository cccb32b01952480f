"""deploy/linux/kiosk.service: systemd's own tools judge it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

UNIT = Path(__file__).resolve().parents[2] / "deploy" / "linux" / "kiosk.service"

needs_systemd_analyze = pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="systemd-analyze (package systemd) not found"
)


@needs_systemd_analyze
def test_the_sandbox_keeps_the_exposure_at_5_or_lower():
    done = subprocess.run(
        ["systemd-analyze", "security", "--offline=true", str(UNIT)],
        capture_output=True,
        text=True,
        check=False,
    )
    if "--offline" in done.stderr:  # systemd older than 250 cannot rate a unit file
        pytest.skip(f"this systemd-analyze cannot rate a file: {done.stderr.strip()}")
    found = re.search(r"Overall exposure level for kiosk\.service: ([0-9.]+)", done.stdout)
    assert found is not None, done.stdout + done.stderr
    assert float(found[1]) <= 5.0, done.stdout


def test_the_sandbox_lets_the_kiosk_write_node_exporters_textfile_folder():
    # ProtectSystem=strict makes all of /var read-only but for the folders listed.
    lines = UNIT.read_text(encoding="utf-8").splitlines()
    assert "ProtectSystem=strict" in lines
    # "-": a PC without node_exporter (no folder) still starts the kiosk.
    assert "ReadWritePaths=-/var/lib/prometheus/node-exporter" in lines
