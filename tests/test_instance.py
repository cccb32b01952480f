"""One kiosk per machine: the lock file in the state folder."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.instance import LOCK_NAME, AlreadyRunningError, hold_instance_lock


def test_the_first_kiosk_takes_the_lock_and_a_second_is_refused(tmp_path: Path):
    state = tmp_path / "state"
    first = hold_instance_lock(state)  # the folder is made as needed
    assert first is not None
    try:
        with pytest.raises(AlreadyRunningError) as refused:
            hold_instance_lock(state)
    finally:
        first.unlock()
    assert refused.value.pid == os.getpid()
    assert str(refused.value) == (
        f"kiosk: another kiosk is already running on this computer (process {os.getpid()}), "
        f"holding {state / LOCK_NAME}; stop it first (Exit kiosk in its staff menu, or sudo "
        "systemctl stop kiosk), then start this one again."
    )
    second = hold_instance_lock(state)  # free again once the first let go
    assert second is not None
    second.unlock()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_the_lock_of_a_kiosk_that_crashed_is_taken_over(tmp_path: Path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from kiosk.instance import hold_instance_lock\n"
            "lock = hold_instance_lock(Path(sys.argv[1])); print('held', flush=True)\n"
            "sys.stdin.read()",
            str(tmp_path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    assert holder.stdout.readline() == "held\n"
    with pytest.raises(AlreadyRunningError):
        hold_instance_lock(tmp_path)
    holder.send_signal(signal.SIGKILL)  # no chance to remove its lock file
    holder.wait(timeout=30)
    holder.stdin.close()
    holder.stdout.close()
    assert (tmp_path / LOCK_NAME).exists()
    lock = hold_instance_lock(tmp_path)
    assert lock is not None
    lock.unlock()


def test_an_unwritable_state_folder_runs_without_the_lock(tmp_path: Path, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert hold_instance_lock(blocker / "state") is None
    assert "not guarding against a second kiosk" in caplog.text
