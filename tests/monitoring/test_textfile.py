"""The metrics file is replaced whole, off the caller's thread, and its failures are plain."""

from __future__ import annotations

import errno
import os
import stat
import sys
import threading
from pathlib import Path

import pytest

from kiosk.monitoring.textfile import (
    TextfileWriter,
    WriteResult,
    describe_failure,
    write_atomically,
)

BACKSTOP_S = 30  # a wait this long is a broken test, not a slow disk


def test_the_file_is_readable_by_node_exporter_whatever_the_umask(tmp_path: Path):
    path = tmp_path / "kiosk.prom"
    previous = os.umask(0o027)  # the Linux service's UMask=
    try:
        write_atomically(path, b"kiosk_up 1\n")
    finally:
        os.umask(previous)
    assert path.read_bytes() == b"kiosk_up 1\n"
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["kiosk.prom"]  # no temporary file left


def test_a_reader_never_sees_half_a_file(tmp_path: Path):
    """Each read, taken while writes go on, is one whole version of the file."""
    path = tmp_path / "kiosk.prom"
    versions = [bytes([ord("a") + n]) * 2_000_000 for n in range(4)]  # large: many write() calls
    write_atomically(path, versions[0])
    done = threading.Event()
    seen: list[bytes] = []

    def read() -> None:
        while not done.is_set():
            seen.append(path.read_bytes())

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for n in range(40):
            write_atomically(path, versions[n % len(versions)])
    finally:
        done.set()
        reader.join(BACKSTOP_S)
    assert seen
    assert all(data in versions for data in seen)


def test_the_temporary_file_is_hidden_from_the_textfile_collector(tmp_path: Path):
    # node_exporter reads *.prom only; the temporary file must never match.
    seen: list[str] = []
    original = Path.replace

    def spy(self: Path, target: Path) -> Path:
        seen.append(self.name)
        return original(self, target)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "replace", spy)
        write_atomically(tmp_path / "kiosk.prom", b"x 1\n")
    assert seen == [".kiosk.prom.tmp"]
    assert not seen[0].endswith(".prom")


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path):
    (tmp_path / "kiosk.prom").mkdir()  # renaming a file over a folder fails
    with pytest.raises(OSError):
        write_atomically(tmp_path / "kiosk.prom", b"x 1\n")
    assert [p.name for p in tmp_path.iterdir()] == ["kiosk.prom"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.ENOENT, "the folder /var/lib/x does not exist; create it, or change metrics_file"),
        (errno.EACCES, "no permission to write in /var/lib/x; give the kiosk's user write access"),
        (errno.EROFS, "/var/lib/x is read-only for the kiosk; under systemd, list it in the "),
        (errno.ENOSPC, "the disk holding /var/lib/x is full"),
    ],
)
def test_failures_say_what_to_do(code: int, expected: str):
    error = OSError(code, os.strerror(code))
    assert describe_failure(Path("/var/lib/x/kiosk.prom"), error).startswith(expected)


class BlockingWrite:
    """A write that waits until the test lets it finish, as a hanging disk does."""

    def __init__(self) -> None:
        self.go = threading.Event()
        self.started = threading.Event()
        self.written: list[bytes] = []

    def __call__(self, path: Path, data: bytes) -> None:
        self.started.set()
        self.go.wait(BACKSTOP_S)
        write_atomically(path, data)
        self.written.append(data)


def test_a_write_still_running_makes_the_next_one_skip(tmp_path: Path):
    results: list[WriteResult] = []
    finished = threading.Event()
    blocking = BlockingWrite()

    def done(result: WriteResult) -> None:
        results.append(result)
        finished.set()

    writer = TextfileWriter(tmp_path / "kiosk.prom", done, write=blocking)
    assert writer.submit(lambda: b"first 1\n")
    assert blocking.started.wait(BACKSTOP_S)
    assert writer.busy and writer.busy_since is not None
    assert not writer.submit(lambda: b"second 1\n")  # skipped, never queued
    blocking.go.set()
    assert finished.wait(BACKSTOP_S)
    assert blocking.written == [b"first 1\n"]
    assert results[0].error is None
    assert writer.close(remove=False, timeout_s=BACKSTOP_S)


def test_a_failure_is_reported_as_data(tmp_path: Path):
    results: list[WriteResult] = []
    finished = threading.Event()
    writer = TextfileWriter(
        tmp_path / "missing" / "kiosk.prom", lambda r: (results.append(r), finished.set())
    )
    assert writer.submit(lambda: b"x 1\n")
    assert finished.wait(BACKSTOP_S)
    assert results[0].error is not None
    assert "missing does not exist" in results[0].error
    assert writer.close(remove=True, timeout_s=BACKSTOP_S)  # nothing to remove is fine


def test_an_unexpected_error_ends_the_write_too(tmp_path: Path, caplog):
    results: list[WriteResult] = []
    finished = threading.Event()
    writer = TextfileWriter(tmp_path / "kiosk.prom", lambda r: (results.append(r), finished.set()))

    def broken() -> bytes:
        raise ValueError("a bug")

    assert writer.submit(broken)
    assert finished.wait(BACKSTOP_S)
    assert results[0].error == "unexpected error (a bug); see the log"
    assert not writer.busy  # the next write is not skipped
    assert "writing the metrics file" in caplog.text
    assert writer.close(remove=True, timeout_s=BACKSTOP_S)


def test_closing_removes_the_file_after_a_write_still_running(tmp_path: Path):
    path = tmp_path / "kiosk.prom"
    blocking = BlockingWrite()
    results: list[WriteResult] = []
    writer = TextfileWriter(path, results.append, write=blocking)
    assert writer.submit(lambda: b"x 1\n")
    assert blocking.started.wait(BACKSTOP_S)
    assert not writer.close(remove=True, timeout_s=0.01)  # the disk hangs: not waited for
    blocking.go.set()
    for thread in threading.enumerate():
        if thread.name in ("metrics", "metrics-remove"):
            thread.join(BACKSTOP_S)
    assert blocking.written == [b"x 1\n"]  # the write went through, then the file went
    assert not path.exists()
    assert not writer.submit(lambda: b"y 1\n")  # closed
    assert results == []  # no result after close


def test_closing_when_idle_removes_the_file_at_once(tmp_path: Path):
    path = tmp_path / "kiosk.prom"
    writer = TextfileWriter(path, lambda result: None)
    write_atomically(path, b"x 1\n")
    assert writer.close(remove=True, timeout_s=BACKSTOP_S)
    assert not path.exists()
