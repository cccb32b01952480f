"""The kiosk on a network share that stops answering: do the watchdog's pings go on?

    sudo python benchmarks/hung_share.py [--hang-s 40] [--kiosk "python -m kiosk"]

Needs Linux, FUSE (Debian: ``apt install fuse3``), permission to mount it
(root, or ``user_allow_other``) and mfusepy (``pip install -e ".[dev]"``).

A FUSE file system serves a copy of the bundled pack and can be made to hang:
every call on it then blocks until released, as on a "hard" NFS mount whose
server is gone. The kiosk runs offscreen as systemd would run it with
``--watchdog`` (``NOTIFY_SOCKET`` is a socket this script reads, pings every
half second), and the script prints:

1. the longest gap between ``WATCHDOG=1`` pings before, during and after a
   hang of ``--hang-s`` seconds (systemd kills a kiosk whose gap exceeds its
   ``WatchdogSec=``);
2. after a restart while the share hangs, how long until ``READY=1`` and
   whether the kiosk shows the copy of the last good pack it kept;
3. how a ``SIGTERM`` (systemd stopping the service) while the share hangs
   ends the kiosk, and how long it takes.

``--kiosk`` runs another build (an older checkout's venv) for comparison.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import itertools
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mfusepy

from kiosk.paths import bundled_content

PING_INTERVAL_US = 1_000_000  # WATCHDOG_USEC: the kiosk pings every half of it


class HangingPassthrough(mfusepy.Operations):  # type: ignore[misc]
    """A read-only view of ``root``; every call waits while ``answering`` is clear."""

    use_ns = True

    def __init__(self, root: Path, answering: threading.Event) -> None:
        self.root = root
        self.answering = answering

    def _path(self, path: str) -> str:
        self.answering.wait()
        return str(self.root) + path

    def getattr(self, path: str, fh: Any = None) -> dict[str, Any]:
        info = os.lstat(self._path(path))
        keys = ("st_mode", "st_size", "st_uid", "st_gid", "st_nlink", "st_ino")
        result: dict[str, Any] = {key: getattr(info, key) for key in keys}
        for key in ("st_atime_ns", "st_mtime_ns", "st_ctime_ns"):
            result[key.removesuffix("_ns")] = getattr(info, key)
        return result

    def readdir(self, path: str, fh: Any) -> list[str]:
        return [".", "..", *(entry.name for entry in Path(self._path(path)).iterdir())]

    def access(self, path: str, amode: int) -> int:
        if not os.access(self._path(path), amode):
            raise mfusepy.FuseOSError(errno.EACCES)
        return 0

    def open(self, path: str, flags: int) -> int:
        return os.open(self._path(path), os.O_RDONLY)

    def read(self, path: str, size: int, offset: int, fh: int) -> bytes:
        self.answering.wait()
        return os.pread(fh, size, offset)

    def release(self, path: str, fh: int) -> int:
        os.close(fh)
        return 0

    def statfs(self, path: str) -> dict[str, int]:
        info = os.statvfs(self._path(path))
        keys = ("f_bsize", "f_frsize", "f_blocks", "f_bfree", "f_bavail", "f_files", "f_ffree")
        return {key: getattr(info, key) for key in keys}


@contextlib.contextmanager
def mounted(root: Path, mountpoint: Path, answering: threading.Event) -> Iterator[None]:
    operations = HangingPassthrough(root, answering)
    thread = threading.Thread(
        target=mfusepy.FUSE,
        args=(operations, str(mountpoint)),
        kwargs={"foreground": True, "ro": True, "allow_other": True},
        daemon=True,
    )
    thread.start()
    deadline = time.monotonic() + 10
    while not os.path.ismount(mountpoint):
        if time.monotonic() > deadline:
            raise RuntimeError(f"FUSE did not mount at {mountpoint}")
        time.sleep(0.05)
    try:
        yield
    finally:
        answering.set()
        subprocess.run(["fusermount3", "-uz", str(mountpoint)], check=False)
        thread.join(timeout=10)


class Notifications:
    """The datagrams the kiosk sends to its NOTIFY_SOCKET, with their arrival times."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.sock.settimeout(0.1)
        self.received: list[tuple[float, str]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._listen, daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(TimeoutError):
                data = self.sock.recv(4096)
                self.received.append((time.monotonic(), data.decode()))

    def wait_for(self, message: str, timeout_s: float, since: float = 0.0) -> float | None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            for at, text in list(self.received):
                if at >= since and message in text.splitlines():
                    return at
            time.sleep(0.05)
        return None

    def longest_ping_gap(self, start: float, end: float) -> float:
        times = [at for at, text in self.received if "WATCHDOG=1" in text and start <= at <= end]
        points = [start, *times, end]
        return max(b - a for a, b in itertools.pairwise(points))

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@dataclass
class Rig:
    """The kiosk command and what it runs against: config, share switch, notify socket, log."""

    command: list[str]
    config: Path
    notifications: Notifications
    answering: threading.Event
    log: Path

    def start_kiosk(self) -> subprocess.Popen[Any]:
        env = dict(os.environ)
        env |= {
            "QT_QPA_PLATFORM": "offscreen",
            "NOTIFY_SOCKET": str(self.notifications.path),
            "WATCHDOG_USEC": str(PING_INTERVAL_US),
        }
        env.pop("WATCHDOG_PID", None)
        with self.log.open("ab") as out:
            return subprocess.Popen(
                [*self.command, "run", "--windowed", "--watchdog", "--config", str(self.config)],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )


def measure_hang(rig: Rig, hang_s: float) -> subprocess.Popen[Any] | None:
    """Start the kiosk, hang the share for ``hang_s``, print the ping gaps; the kiosk runs on."""
    notifications, answering, log = rig.notifications, rig.answering, rig.log
    kiosk = rig.start_kiosk()
    ready = notifications.wait_for("READY=1", 30)
    if ready is None:
        print("the kiosk never said READY=1; its output:\n" + log.read_text())
        kiosk.kill()
        return None
    time.sleep(5)
    hang_start = time.monotonic()
    answering.clear()
    time.sleep(hang_s)
    answering.set()
    hang_end = time.monotonic()
    time.sleep(5)
    first_ping = notifications.wait_for("WATCHDOG=1", 5, since=ready) or ready
    before = notifications.longest_ping_gap(first_ping, hang_start)
    during = notifications.longest_ping_gap(hang_start, hang_end)
    after = notifications.longest_ping_gap(hang_end, time.monotonic())
    print(f"share hung for {hang_s:g} s; pings asked every 0.5 s")
    print(
        f"longest gap between watchdog pings: before {before:.2f} s, "
        f"during the hang {during:.2f} s, after {after:.2f} s"
    )
    print(f"kiosk still running after the hang: {kiosk.poll() is None}")
    return kiosk


def measure_restart(rig: Rig, kiosk: subprocess.Popen[Any]) -> subprocess.Popen[Any]:
    """Kill the kiosk while the share hangs, start it again, print what it shows."""
    rig.answering.clear()
    kiosk.kill()
    kiosk.wait(timeout=30)
    restarted = time.monotonic()
    kiosk = rig.start_kiosk()
    ready = rig.notifications.wait_for("READY=1", 60, since=restarted)
    if ready is None:
        print("after a restart during the hang: no READY=1 within 60 s")
    else:
        print(f"after a restart during the hang: READY=1 in {ready - restarted:.2f} s")
    time.sleep(3)
    output = rig.log.read_text(encoding="utf-8", errors="replace")
    shown = "showing the copy of the last good content" in output
    print(f"log says it shows the kept copy: {shown}")
    print(f"log says the folder does not answer: {'has not answered' in output}")
    return kiosk


def measure_stop(rig: Rig, kiosk: subprocess.Popen[Any]) -> None:
    """SIGTERM, as systemd stops the service, while the share still hangs.

    The kiosk's part ends when it logs "kiosk stopped"; the process itself
    can only go once its blocked file call returns: Linux waits, without
    interruption, for a FUSE request the file system has already taken (a
    hard NFS mount's calls can be killed, a FUSE share's cannot).
    """
    rig.answering.clear()
    time.sleep(16)  # past the next look at the folder, which now hangs
    asked = time.monotonic()
    kiosk.send_signal(signal.SIGTERM)
    deadline = asked + 30
    while time.monotonic() < deadline and "kiosk stopped" not in rig.log.read_text("utf-8"):
        time.sleep(0.05)
    stopped = time.monotonic() - asked
    if stopped >= 30:
        print("SIGTERM while the share hangs: no 'kiosk stopped' in the log after 30 s")
    else:
        print(f"SIGTERM while the share hangs: 'kiosk stopped' logged after {stopped:.2f} s")
    rig.answering.set()
    try:
        status = kiosk.wait(timeout=30)
    except subprocess.TimeoutExpired:
        print("the process was still there 30 s after the share answered again")
        return
    how = f"by signal {-status}" if status < 0 else f"with status {status}"
    output = rig.log.read_text(encoding="utf-8", errors="replace")
    print(f"the process ended {how} once its file call returned")
    print(f"no abort: {'Fatal Python error' not in output and 'QThread' not in output}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hang-s", type=float, default=40.0)
    parser.add_argument("--kiosk", default=f"{shlex.quote(sys.executable)} -m kiosk")
    parser.add_argument(
        "--no-state-dir", action="store_true", help="for builds whose config has no state_dir"
    )
    args = parser.parse_args()
    command = shlex.split(args.kiosk)
    print(f"kiosk: {args.kiosk}")

    with tempfile.TemporaryDirectory(prefix="hung-share-") as scratch:
        work = Path(scratch)
        source, mountpoint = work / "server", work / "share"
        shutil.copytree(bundled_content(), source / "pack")
        mountpoint.mkdir()
        config = work / "config.yaml"
        settings = f"content: {mountpoint / 'pack'}\nlog_dir: {work / 'log'}\n"
        if not args.no_state_dir:
            settings += f"state_dir: {work / 'state'}\n"
        config.write_text(settings, encoding="utf-8")
        answering = threading.Event()
        answering.set()
        notifications = Notifications(work / "notify.sock")
        log = work / "kiosk-output.log"
        kiosk = None
        try:
            with mounted(source, mountpoint, answering):
                rig = Rig(command, config, notifications, answering, log)
                kiosk = measure_hang(rig, args.hang_s)
                if kiosk is None:
                    return 1
                kiosk = measure_restart(rig, kiosk)
                rig.answering.set()
                time.sleep(3)
                measure_stop(rig, kiosk)
        finally:
            answering.set()
            if kiosk is not None:
                kiosk.send_signal(signal.SIGKILL)
                kiosk.wait(timeout=30)
            notifications.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
