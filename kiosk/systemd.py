"""Tell systemd how the kiosk is doing: started, alive, stopping (sd_notify).

Plain Python, no Qt. Under a ``Type=notify`` unit with ``WatchdogSec=``
(deploy/linux/kiosk.service), the kiosk says ``READY=1`` once its window is
up and ``WATCHDOG=1`` every half watchdog interval from the GUI thread; if
the pings stop (a hung event loop), systemd kills and restarts it.

Why this is written out here instead of adding a library: sd_notify(3)
documents the whole protocol in one paragraph. Each message is a single
datagram of ``KEY=VALUE`` lines sent to the ``AF_UNIX`` socket named in
``$NOTIFY_SOCKET``, where a leading ``@`` means Linux's abstract namespace
(a NUL byte); the kernel attaches the sender's credentials itself, since
systemd's socket has SO_PASSCRED. That is about forty lines of standard
library. The libraries on offer cost more than they give: the ``systemd``
binding (python-systemd) is a C extension that builds against libsystemd's
headers, so every kiosk PC would need a compiler and libsystemd-dev to
install it; ``sdnotify`` is pure Python but its ``notify`` either swallows
every error silently or raises it (``debug=True``), where a kiosk wants one
warning in its log and then to carry on, and neither reads WATCHDOG_USEC.

A send never raises: a kiosk must not die because systemd went away. The
first failure is logged as a warning, later ones only at debug level.

``watchdog_interval_ms`` follows sd_watchdog_enabled(3): the watchdog is
meant for this process when ``$WATCHDOG_USEC`` is set and ``$WATCHDOG_PID``
is unset or names this process. systemd sets WATCHDOG_PID to the process it
started; when that is a wrapper (the kiosk runs as a child of the ``cage``
compositor), the unit must drop it with ``UnsetEnvironment=WATCHDOG_PID``,
as deploy/linux/kiosk.service does.

These variables are meant for this process alone, but every child inherits
them: a D-Bus session bus that Qt starts, or speech-dispatcher, would find
NOTIFY_SOCKET and tell systemd READY=1 and STOPPING=1 in the kiosk's name.
:func:`take_environment` reads them and removes them from the environment
(as sd_notify's ``unset_environment`` does), before Qt starts anything.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
from collections.abc import Mapping, MutableMapping

log = logging.getLogger(__name__)

# What systemd sets for this process only; see take_environment.
NOTIFY_VARIABLES = ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID")

# QTimer takes a signed 32-bit number of milliseconds (about 24.8 days).
MAX_INTERVAL_MS = 2**31 - 1


class SystemdNotifier:
    """Sends sd_notify messages to one socket; never raises on a send."""

    def __init__(self, address: bytes) -> None:
        """``address``: a filesystem path, or ``b"\\0name"`` for an abstract socket."""
        self.address = address
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._failed = False

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> SystemdNotifier | None:
        """The notifier for ``$NOTIFY_SOCKET``, or ``None`` when not run under systemd."""
        name = env.get("NOTIFY_SOCKET", "")
        if not name or sys.platform == "win32":
            return None
        if name.startswith("@"):
            address = b"\0" + os.fsencode(name[1:])
        elif name.startswith("/"):
            address = os.fsencode(name)
        else:  # e.g. "vsock:..." from newer systemd inside a VM: not for a kiosk
            log.warning("NOTIFY_SOCKET=%r is not a socket path; not notifying systemd", name)
            return None
        try:
            return cls(address)
        except OSError as exc:
            log.warning("cannot create a socket to notify systemd (%s); carrying on", exc)
            return None

    def ready(self) -> None:
        self.send("READY=1")

    def watchdog(self) -> None:
        self.send("WATCHDOG=1")

    def stopping(self) -> None:
        self.send("STOPPING=1")

    def status(self, text: str) -> None:
        """A one-line status for ``systemctl status``; line breaks become spaces."""
        self.send("STATUS=" + " ".join(text.splitlines()))

    def send(self, message: str) -> bool:
        """Send one datagram; ``False`` (and logged) if it could not be sent."""
        try:
            self._socket.sendto(message.encode("utf-8"), self.address)
        except OSError as exc:
            if not self._failed:
                self._failed = True
                log.warning(
                    "cannot notify systemd at %r (%s); the kiosk carries on, "
                    "and further failures are not logged",
                    self.address,
                    exc,
                )
            else:
                log.debug("cannot notify systemd: %s", exc)
            return False
        return True

    def close(self) -> None:
        self._socket.close()


def _decimal(text: str) -> int | None:
    """A plain non-negative decimal (no sign, spaces or ``_``), else ``None``."""
    return int(text) if text.isascii() and text.isdigit() else None


def watchdog_interval_ms(env: Mapping[str, str] = os.environ) -> int | None:
    """How often to send ``WATCHDOG=1``: half of ``$WATCHDOG_USEC``, in milliseconds.

    ``None`` when systemd expects no pings from this process: WATCHDOG_USEC
    unset, not a positive whole number, or WATCHDOG_PID set to anything but
    this process's id.
    """
    pid = env.get("WATCHDOG_PID")
    if pid is not None and _decimal(pid) != os.getpid():
        return None
    usec = _decimal(env.get("WATCHDOG_USEC", ""))
    if not usec:
        return None
    return min(max(usec // 2000, 1), MAX_INTERVAL_MS)


def take_environment(env: MutableMapping[str, str] = os.environ) -> dict[str, str]:
    """systemd's notify and watchdog variables, removed from ``env``.

    Pass the result to :meth:`SystemdNotifier.from_env` and
    :func:`watchdog_interval_ms`. Removing them from ``os.environ`` removes
    them from the environment every child process gets.
    """
    return {name: env.pop(name) for name in NOTIFY_VARIABLES if name in env}
