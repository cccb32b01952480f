"""Is speech-dispatcher answering? A probe that cannot hang (no Qt here).

Qt's ``speechd`` engine talks to speech-dispatcher on the GUI thread with no
time limit; a speech-dispatcher stuck after it found no working sound output
would freeze the kiosk as the engine is made. :func:`speechd_stuck` asks it
first, in its own protocol (SSIP), each answer with a time limit.
"""

from __future__ import annotations

import os
import re
import socket
import time
from collections.abc import Mapping
from pathlib import Path

# A speech-dispatcher that has not answered a request in this long is stuck
# (a healthy one answers in milliseconds, its voice list in a fraction of a
# second).
SPEECHD_ANSWER_S = 2.0

SPEECHD_FIX = (
    "stop speech-dispatcher (it starts again when needed), check that 'spd-say hello' "
    "is heard, and restart the kiosk"
)


def speechd_stuck(
    timeout_s: float | None = None, env: Mapping[str, str] = os.environ
) -> str | None:
    """Why speech-dispatcher cannot be used, if it is running but does not answer.

    None when it answers, or is not running (then it is started when Qt's
    engine connects). Asks what Qt's engine asks first, the way libspeechd
    does (SSIP, on the socket it would use): its client name, its output
    modules, and each module's voices. One left stuck by a stop it never
    confirmed still answers the first two, but never lists voices; one stuck
    harder answers nothing. Each answer may take ``timeout_s`` (default
    :data:`SPEECHD_ANSWER_S`).
    """
    address = _speechd_address(env)
    if address is None:
        return None
    family, target = address
    limit = SPEECHD_ANSWER_S if timeout_s is None else timeout_s
    asking = "a request for its client name"
    try:
        with socket.socket(family, socket.SOCK_STREAM) as connection:
            connection.settimeout(limit)
            connection.connect(target)
            ssip = _Ssip(connection, limit)
            if ssip.ask("SET SELF CLIENT_NAME kiosk:probe:main") is None:
                return None
            asking = "a request for its output modules"
            modules = ssip.ask("LIST OUTPUT_MODULES")
            if modules is None:
                return None
            for module in modules or [""]:
                asking = f"a request for the voices of its output module {module!r}"
                if module and ssip.ask(f"SET SELF OUTPUT_MODULE {module}") is None:
                    return None
                if ssip.ask("LIST SYNTHESIS_VOICES") is None:
                    return None
            connection.sendall(b"QUIT\r\n")
    except TimeoutError:
        where = target if isinstance(target, str) else f"{target[0]}:{target[1]}"
        return (
            f"speech-dispatcher is running but does not answer {asking} (at {where}) "
            f"within {limit:g} s: it is stuck, as happens after it found no working sound "
            f"output; {SPEECHD_FIX}"
        )
    except OSError:
        return None  # not running (Qt's engine starts it), or went away
    return None


class _Ssip:
    """Requests to speech-dispatcher, one line each, answered in one or more lines."""

    _LAST_LINE = re.compile(rb"^\d{3} ")
    _MORE_LINE = re.compile(rb"^\d{3}-")

    def __init__(self, connection: socket.socket, limit_s: float) -> None:
        self._connection = connection
        self._limit = limit_s
        self._buffer = b""

    def ask(self, request: str) -> list[str] | None:
        """The answer's data lines ("250-espeak-ng" gives "espeak-ng"); None if it hung up.

        Raises TimeoutError when the whole answer takes longer than the limit.
        """
        self._connection.sendall(request.encode("utf-8") + b"\r\n")
        deadline = time.monotonic() + self._limit
        data: list[str] = []
        while True:
            while b"\r\n" not in self._buffer:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(request)
                self._connection.settimeout(left)
                chunk = self._connection.recv(4096)
                if not chunk:
                    return None
                self._buffer += chunk
            line, self._buffer = self._buffer.split(b"\r\n", 1)
            if self._LAST_LINE.match(line):
                return data
            if self._MORE_LINE.match(line):
                data.append(line[4:].decode("utf-8", "replace"))


def _speechd_address(env: Mapping[str, str]) -> tuple[int, str | tuple[str, int]] | None:
    """Where libspeechd connects: $SPEECHD_ADDRESS, else its socket in the user's dirs."""
    given = env.get("SPEECHD_ADDRESS", "")
    method, _, rest = given.partition(":")
    if method == "inet_socket" and rest:
        host, _, port = rest.partition(":")
        return socket.AF_INET, (host or "127.0.0.1", int(port) if port.isdigit() else 6560)
    unix = getattr(socket, "AF_UNIX", None)
    if unix is None or (given and not (method == "unix_socket" and rest)):
        return None
    if given:
        return unix, rest
    # libspeechd: g_get_user_runtime_dir(), which falls back to the cache dir.
    base = env.get("XDG_RUNTIME_DIR") or env.get("XDG_CACHE_HOME")
    folder = Path(base) if base else Path(env.get("HOME") or Path.home()) / ".cache"
    return unix, str(folder / "speech-dispatcher" / "speechd.sock")
