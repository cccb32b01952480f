"""Replacing a file in one step, for the reports and the metrics file."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from kiosk.files import replace_file

needs_modes = pytest.mark.skipif(sys.platform == "win32", reason="Windows has no such modes")


@needs_modes
def test_without_a_mode_the_file_gets_the_umasks_permissions(tmp_path: Path):
    previous = os.umask(0o027)
    try:
        replace_file(tmp_path / "usage.csv", b"date\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "usage.csv").stat().st_mode) == 0o640


@needs_modes
def test_a_temporary_file_left_by_a_killed_write_lends_nothing(tmp_path: Path):
    stale = tmp_path / ".usage.csv.tmp"
    stale.write_bytes(b"half a file")
    stale.chmod(0o600)
    replace_file(tmp_path / "usage.csv", b"date\n", mode=0o644)
    assert (tmp_path / "usage.csv").read_bytes() == b"date\n"
    assert stat.S_IMODE((tmp_path / "usage.csv").stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["usage.csv"]


def test_the_old_file_is_replaced_whole(tmp_path: Path):
    path = tmp_path / "usage.csv"
    path.write_bytes(b"old\n" * 1000)
    replace_file(path, b"new\n")
    assert path.read_bytes() == b"new\n"
