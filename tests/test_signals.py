"""Stop signals reach the Qt event loop; the process then ends by the same signal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from kiosk.signals import StopSignals, exit_status_for, signal_name

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def test_a_signal_arrives_on_the_event_loop_and_the_old_handler_comes_back(qapp, qtbot):
    def previous(signum: int, frame: object) -> None:
        raise AssertionError("the old handler must not run while the watcher is installed")

    before = signal.signal(signal.SIGUSR1, previous)
    watcher = StopSignals((signal.SIGUSR1,))
    watcher.install()
    try:
        with qtbot.waitSignal(watcher.received) as received:
            os.kill(os.getpid(), signal.SIGUSR1)
        assert received.args == [signal.SIGUSR1]
    finally:
        watcher.uninstall()
        assert signal.getsignal(signal.SIGUSR1) is previous
        signal.signal(signal.SIGUSR1, before)


@pytest.mark.parametrize(
    ("signum", "name", "status"),
    [
        (signal.SIGINT, "SIGINT", 130),
        (signal.SIGTERM, "SIGTERM", 143),
        (signal.SIGHUP, "SIGHUP", 129),
    ],
)
def test_names_and_exit_statuses(signum, name, status):
    assert signal_name(signum) == name
    assert exit_status_for(signum) == status


@pytest.mark.parametrize(
    ("status", "returncode"), [(143, -signal.SIGTERM), (130, -signal.SIGINT), (10, 0), (1, 0)]
)
def test_the_process_ends_by_the_signal_its_status_stands_for(status, returncode):
    ended = subprocess.run(
        [
            sys.executable,
            "-c",
            f"from kiosk.signals import end_like_signal; end_like_signal({status})",
        ],
        check=False,
        capture_output=True,
    )
    assert ended.returncode == returncode
