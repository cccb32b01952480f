"""kiosk.systemd against a real AF_UNIX datagram socket standing in for systemd."""

from __future__ import annotations

import ast
import logging
import os
import socket
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.systemd import (
    MAX_INTERVAL_MS,
    SystemdNotifier,
    take_environment,
    watchdog_interval_ms,
)

Receiver = tuple[socket.socket, Path]


def _received(receiver: socket.socket) -> bytes:
    """The next datagram; a send to a local AF_UNIX socket is queued before it returns."""
    receiver.setblocking(False)
    return receiver.recv(4096)


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[Receiver]:
    """systemd's end: a datagram socket bound to a path in tmp_path."""
    path = tmp_path / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    yield sock, path
    sock.close()


@pytest.fixture
def notifier(receiver: Receiver) -> Iterator[SystemdNotifier]:
    made = SystemdNotifier.from_env({"NOTIFY_SOCKET": str(receiver[1])})
    assert made is not None
    yield made
    made.close()


# -- from_env ---------------------------------------------------------------------


@pytest.mark.parametrize("env", [{}, {"NOTIFY_SOCKET": ""}], ids=["unset", "empty"])
def test_no_notifier_outside_systemd(env: dict[str, str], caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="kiosk.systemd"):
        assert SystemdNotifier.from_env(env) is None
    assert caplog.records == []  # the normal case on a desktop: nothing to say


def test_a_socket_that_is_not_a_path_is_refused_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="kiosk.systemd"):
        assert SystemdNotifier.from_env({"NOTIFY_SOCKET": "vsock:2:1234"}) is None
    assert "vsock:2:1234" in caplog.text


def test_no_notifier_when_no_socket_can_be_made(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def refuse(*_args: object) -> socket.socket:
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(socket, "socket", refuse)
    with caplog.at_level(logging.WARNING, logger="kiosk.systemd"):
        assert SystemdNotifier.from_env({"NOTIFY_SOCKET": "/run/systemd/notify"}) is None
    assert "Too many open files" in caplog.text


def test_from_env_reads_the_process_environment_by_default(
    receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NOTIFY_SOCKET", str(receiver[1]))
    made = SystemdNotifier.from_env()
    assert made is not None
    try:
        made.ready()
    finally:
        made.close()
    assert _received(receiver[0]) == b"READY=1"


# -- the bytes on the wire --------------------------------------------------------

MESSAGES: list[tuple[Callable[[SystemdNotifier], None], bytes]] = [
    (SystemdNotifier.ready, b"READY=1"),
    (SystemdNotifier.watchdog, b"WATCHDOG=1"),
    (SystemdNotifier.stopping, b"STOPPING=1"),
    (lambda n: n.status("Showing 10 topics"), b"STATUS=Showing 10 topics"),
    (lambda n: n.status("Café ✓"), "STATUS=Café ✓".encode()),
    # A line break would start a new KEY=VALUE assignment: it must not get through.
    (lambda n: n.status("line one\nREADY=1"), b"STATUS=line one READY=1"),
]


@pytest.mark.parametrize(
    ("send", "expected"),
    MESSAGES,
    ids=["ready", "watchdog", "stopping", "status", "status-utf8", "status-newline"],
)
def test_each_message_is_one_datagram_with_exact_bytes(
    notifier: SystemdNotifier,
    receiver: Receiver,
    send: Callable[[SystemdNotifier], None],
    expected: bytes,
) -> None:
    send(notifier)
    assert _received(receiver[0]) == expected
    with pytest.raises(BlockingIOError):  # nothing else was sent
        receiver[0].recv(4096)


def test_messages_arrive_separately_and_in_order(
    notifier: SystemdNotifier, receiver: Receiver
) -> None:
    notifier.ready()
    notifier.watchdog()
    notifier.stopping()
    assert [_received(receiver[0]) for _ in range(3)] == [
        b"READY=1",
        b"WATCHDOG=1",
        b"STOPPING=1",
    ]


@pytest.mark.skipif(sys.platform != "linux", reason="abstract sockets are Linux only")
def test_a_leading_at_sign_means_an_abstract_socket() -> None:
    name = f"kiosk-test-{os.getpid()}-{uuid.uuid4().hex}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(b"\0" + name.encode())
    made = SystemdNotifier.from_env({"NOTIFY_SOCKET": "@" + name})
    try:
        assert made is not None
        assert made.address == b"\0" + name.encode()
        made.ready()
        assert _received(sock) == b"READY=1"
    finally:
        sock.close()
        if made is not None:
            made.close()


# -- systemd gone away ------------------------------------------------------------


def _warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "kiosk.systemd" and r.levelno >= logging.WARNING]


def test_a_closed_socket_is_logged_once_and_never_raises(
    notifier: SystemdNotifier, receiver: Receiver, caplog: pytest.LogCaptureFixture
) -> None:
    receiver[0].close()  # nobody listens any more; the socket file stays
    with caplog.at_level(logging.DEBUG, logger="kiosk.systemd"):
        notifier.ready()
        notifier.watchdog()
        notifier.status("still here")
        assert notifier.send("WATCHDOG=1") is False
    warnings = _warnings(caplog)
    assert len(warnings) == 1
    assert "cannot notify systemd" in warnings[0].getMessage()


def test_a_removed_socket_is_logged_once_and_never_raises(
    notifier: SystemdNotifier, receiver: Receiver, caplog: pytest.LogCaptureFixture
) -> None:
    receiver[1].unlink()
    with caplog.at_level(logging.WARNING, logger="kiosk.systemd"):
        notifier.watchdog()
        notifier.stopping()
    assert len(_warnings(caplog)) == 1


def test_sending_carries_on_after_a_failure(
    notifier: SystemdNotifier, receiver: Receiver, caplog: pytest.LogCaptureFixture
) -> None:
    sock, path = receiver
    sock.close()
    path.unlink()
    with caplog.at_level(logging.WARNING, logger="kiosk.systemd"):
        assert notifier.send("WATCHDOG=1") is False
    back = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)  # systemd back (daemon-reexec)
    try:
        back.bind(str(path))
        assert notifier.send("WATCHDOG=1") is True
        assert _received(back) == b"WATCHDOG=1"
    finally:
        back.close()


# -- watchdog_interval_ms -----------------------------------------------------------

SELF = "<this pid>"  # replaced by os.getpid() when the test runs

WATCHDOG_ENV: list[tuple[dict[str, str], int | None]] = [
    ({}, None),
    ({"WATCHDOG_USEC": "30000000"}, 15_000),  # WatchdogSec=30
    ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": SELF}, 15_000),
    ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}, None),  # meant for another process
    ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": ""}, None),
    ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "abc"}, None),
    ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": f" {SELF}"}, None),
    ({"WATCHDOG_PID": SELF}, None),
    ({"WATCHDOG_USEC": ""}, None),
    ({"WATCHDOG_USEC": "0"}, None),
    ({"WATCHDOG_USEC": "-30000000"}, None),
    ({"WATCHDOG_USEC": "+30000000"}, None),
    ({"WATCHDOG_USEC": " 30000000"}, None),
    ({"WATCHDOG_USEC": "30_000_000"}, None),
    ({"WATCHDOG_USEC": "3e7"}, None),
    ({"WATCHDOG_USEC": "30s"}, None),
    ({"WATCHDOG_USEC": "٣٠٠٠٠٠٠٠"}, None),  # digits, but not ASCII ones
    ({"WATCHDOG_USEC": "4000"}, 2),
    ({"WATCHDOG_USEC": "3999"}, 1),  # rounds down: an early ping is harmless
    ({"WATCHDOG_USEC": "1"}, 1),  # never 0 ms, which would spin a timer
    ({"WATCHDOG_USEC": str(10**15)}, MAX_INTERVAL_MS),  # a Qt timer's limit
]


@pytest.mark.parametrize(("env", "expected"), WATCHDOG_ENV)
def test_watchdog_interval_from_the_environment(env: dict[str, str], expected: int | None) -> None:
    env = {key: value.replace(SELF, str(os.getpid())) for key, value in env.items()}
    assert watchdog_interval_ms(env) == expected


def test_watchdog_interval_reads_the_process_environment_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WATCHDOG_USEC", "10000000")
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    assert watchdog_interval_ms() == 5_000


# -- take_environment -----------------------------------------------------------------


def test_take_environment_takes_only_systemds_variables() -> None:
    env = {
        "NOTIFY_SOCKET": "/run/systemd/notify",
        "WATCHDOG_USEC": "30000000",
        "WATCHDOG_PID": "1",
        "HOME": "/var/lib/kiosk",
    }
    taken = take_environment(env)
    assert taken == {
        "NOTIFY_SOCKET": "/run/systemd/notify",
        "WATCHDOG_USEC": "30000000",
        "WATCHDOG_PID": "1",
    }
    assert env == {"HOME": "/var/lib/kiosk"}
    assert take_environment(env) == {}


@pytest.mark.skipif(sys.platform == "win32", reason="systemd is Linux only")
def test_child_processes_no_longer_inherit_the_notify_socket(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, value in (("NOTIFY_SOCKET", "/run/systemd/notify"), ("WATCHDOG_USEC", "30000000")):
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    taken = take_environment()
    assert watchdog_interval_ms(taken) == 15_000
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(sorted(os.environ))"],
        capture_output=True,
        text=True,
        check=True,
    )
    inherited = ast.literal_eval(child.stdout)
    assert "PATH" in inherited  # the child did get an environment
    assert not {"NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"} & set(inherited)
