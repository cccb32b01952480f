"""Logs go to a size-capped file and stderr; an unwritable folder is not fatal."""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
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
