"""Logs go to a size-capped file and stderr; an unwritable folder is not fatal."""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.logs import BACKUPS, MAX_BYTES, enable_crash_trace, setup_logging


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
        if handler not in handlers:
            handler.close()
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)


def test_logs_go_to_a_rotating_file(tmp_path: Path):
    log_file = setup_logging(tmp_path / "logs")
    assert log_file == tmp_path / "logs" / "kiosk.log"
    logging.getLogger("kiosk.test").info("content loaded: 10 topics")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "content loaded: 10 topics" in log_file.read_text(encoding="utf-8")
    [rotating] = [
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.handlers.RotatingFileHandler)
    ]
    assert (rotating.maxBytes, rotating.backupCount) == (MAX_BYTES, BACKUPS)


def test_an_unwritable_log_folder_falls_back_to_stderr(tmp_path: Path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    assert setup_logging(blocker / "logs") is None
    logging.getLogger("kiosk.test").warning("still running")
    err = capsys.readouterr().err
    assert "cannot write logs to" in err
    assert "still running" in err


def test_crash_traces_go_to_the_log_folder(tmp_path: Path):
    was_enabled = faulthandler.is_enabled()
    stream = enable_crash_trace(tmp_path)
    try:
        assert stream is not None
        assert faulthandler.is_enabled()
        assert Path(stream.name) == tmp_path / "crash.log"
    finally:
        faulthandler.disable()
        if stream is not None:
            stream.close()
        if was_enabled:  # hand pytest's own crash reporting back
            faulthandler.enable(file=sys.__stderr__)


def test_a_full_crash_log_is_rotated_like_kiosk_log(tmp_path: Path):
    was_enabled = faulthandler.is_enabled()
    crash = tmp_path / "crash.log"
    try:
        # Restarts after crash after crash: each finds a full crash.log.
        for generation in range(BACKUPS + 3):
            crash.write_text(f"trace {generation}\n" + "x" * MAX_BYTES, encoding="utf-8")
            stream = enable_crash_trace(tmp_path)
            assert stream is not None
            stream.close()
            assert crash.stat().st_size == 0  # a fresh file for this run's trace
            previous = (tmp_path / "crash.log.1").read_text(encoding="utf-8")
            assert previous.startswith(f"trace {generation}\n")
    finally:
        faulthandler.disable()
        if was_enabled:
            faulthandler.enable(file=sys.__stderr__)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crash.log"] + [
        f"crash.log.{n}" for n in range(1, BACKUPS + 1)
    ]


def test_a_crash_log_under_the_cap_is_appended_to(tmp_path: Path):
    was_enabled = faulthandler.is_enabled()
    (tmp_path / "crash.log").write_text("an earlier trace\n", encoding="utf-8")
    stream = enable_crash_trace(tmp_path)
    try:
        assert stream is not None
    finally:
        faulthandler.disable()
        if stream is not None:
            stream.close()
        if was_enabled:
            faulthandler.enable(file=sys.__stderr__)
    assert (tmp_path / "crash.log").read_text(encoding="utf-8") == "an earlier trace\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crash.log"]


def test_a_hard_crash_still_leaves_its_trace_after_rotation(tmp_path: Path):
    (tmp_path / "crash.log").write_bytes(b"x" * MAX_BYTES)
    crash = (
        "import faulthandler, sys; from pathlib import Path\n"
        "from kiosk.logs import enable_crash_trace\n"
        "stream = enable_crash_trace(Path(sys.argv[1]))\n"
        "faulthandler._sigsegv()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", crash, str(tmp_path)], capture_output=True, check=False
    )
    assert result.returncode != 0
    trace = (tmp_path / "crash.log").read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in trace
    assert (tmp_path / "crash.log.1").stat().st_size == MAX_BYTES
