"""The whole kiosk program as a process: stop signals, one kiosk per machine."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kiosk.app import ALREADY_RUNNING_EXIT_CODE

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="POSIX signals and systemd's notify socket"
)


@pytest.fixture
def config(tmp_path: Path, write_pack) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(
        f"content: {write_pack({'a': ('A?', 'A.')})}\n"
        f"log_dir: {tmp_path / 'logs'}\nstate_dir: {tmp_path / 'state'}\n",
        encoding="utf-8",
    )
    return path


@contextmanager
def running_kiosk(
    tmp_path: Path, config: Path
) -> Iterator[tuple[subprocess.Popen[str], socket.socket]]:
    """A kiosk process, as systemd starts it, once it said READY=1; and systemd's socket."""
    notify = tmp_path / "notify.sock"
    systemd = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    systemd.bind(str(notify))
    systemd.settimeout(60)  # a wait on a condition: the next datagram
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NOTIFY_SOCKET=str(notify))
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--watchdog", "--windowed", "--config", str(config)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert systemd.recv(4096) == b"READY=1"
        yield kiosk, systemd
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
        kiosk.communicate(timeout=60)
        systemd.close()


def log_text(tmp_path: Path) -> str:
    return (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("signum", "name"),
    [(signal.SIGTERM, "SIGTERM"), (signal.SIGINT, "SIGINT"), (signal.SIGHUP, "SIGHUP")],
    ids=["SIGTERM", "Ctrl+C", "SIGHUP"],
)
def test_a_stop_signal_stops_the_kiosk_cleanly(tmp_path, config, signum, name):
    with running_kiosk(tmp_path, config) as (kiosk, systemd):
        kiosk.send_signal(signum)
        assert systemd.recv(4096) == b"STOPPING=1"
        assert kiosk.wait(timeout=60) == -signum  # ended by the signal: a clean stop to systemd
    log = log_text(tmp_path)
    assert f"INFO kiosk.app: {name} received; stopping the kiosk\n" in log
    assert f"INFO kiosk.app: kiosk stopped (exit status {128 + signum})\n" in log
    assert "unexpected error" not in log
    assert "Traceback" not in log
    assert not (tmp_path / "state" / "kiosk.lock").exists()


def test_a_second_kiosk_refuses_to_start(tmp_path, config):
    with running_kiosk(tmp_path, config) as (first, _systemd):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        second = subprocess.run(
            [sys.executable, "-m", "kiosk", "--windowed", "--config", str(config)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert second.returncode == ALREADY_RUNNING_EXIT_CODE
        assert second.stderr == (
            f"kiosk: another kiosk is already running on this computer (process {first.pid}), "
            f"holding {tmp_path / 'state' / 'kiosk.lock'}; stop it first (Exit kiosk in its "
            "staff menu, or sudo systemctl stop kiosk), then start this one again.\n"
        )
        # The commands that show no window need no lock.
        for command in (["check"], ["config"]):
            done = subprocess.run(
                [sys.executable, "-m", "kiosk", *command, "--config", str(config)],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            assert done.returncode == 0, done.stderr
        assert first.poll() is None  # the first kiosk runs on
    assert log_text(tmp_path).count(" starting; content from ") == 1  # none from the second
