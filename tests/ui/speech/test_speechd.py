"""The speech-dispatcher probe, against a fake speech-dispatcher on a Unix socket."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from kiosk.ui.speech import speechd

needs_unix_sockets = pytest.mark.skipif(
    not hasattr(socket, "AF_UNIX"), reason="speech-dispatcher listens on a Unix socket"
)
PROBE_NAME = "SET SELF CLIENT_NAME kiosk:probe:main"


@needs_unix_sockets
def test_a_stuck_speech_dispatcher_is_found_within_the_time_limit(fake_speechd, short_dir: Path):
    runtime = short_dir / "run"
    with fake_speechd(runtime / "speech-dispatcher" / "speechd.sock", accept=False):
        reason = speechd.speechd_stuck(0.05, env={"XDG_RUNTIME_DIR": str(runtime)})
    assert reason is not None
    assert "does not answer a request for its client name" in reason
    assert str(runtime / "speech-dispatcher" / "speechd.sock") in reason


@needs_unix_sockets
def test_a_speech_dispatcher_that_cannot_list_voices_is_stuck(fake_speechd, short_dir: Path):
    # After a stop it never confirmed, speech-dispatcher still answers a new
    # client's first requests, but no longer lists voices: Qt's engine asks
    # for them when it is made, and would wait for ever.
    socket_path = short_dir / "speechd.sock"
    env = {"SPEECHD_ADDRESS": f"unix_socket:{socket_path}"}
    with fake_speechd(socket_path, hang_on="LIST SYNTHESIS_VOICES") as requests:
        start = time.monotonic()
        reason = speechd.speechd_stuck(0.05, env=env)
        took = time.monotonic() - start
    assert reason is not None
    assert "does not answer a request for the voices of its output module 'espeak-ng'" in reason
    assert str(socket_path) in reason
    assert took < 1  # three answers at once, then one time limit of 0.05 s
    assert requests == [
        PROBE_NAME,
        "LIST OUTPUT_MODULES",
        "SET SELF OUTPUT_MODULE espeak-ng",
        "LIST SYNTHESIS_VOICES",
    ]


@needs_unix_sockets
def test_a_speech_dispatcher_that_answers_is_not_stuck(fake_speechd, short_dir: Path):
    socket_path = short_dir / "speechd.sock"
    env = {"SPEECHD_ADDRESS": f"unix_socket:{socket_path}"}
    with fake_speechd(socket_path) as requests:
        assert speechd.speechd_stuck(5, env=env) is None
    # What Qt's engine asks when it is made: every module's voices.
    assert requests == [
        PROBE_NAME,
        "LIST OUTPUT_MODULES",
        "SET SELF OUTPUT_MODULE espeak-ng",
        "LIST SYNTHESIS_VOICES",
        "SET SELF OUTPUT_MODULE dummy",
        "LIST SYNTHESIS_VOICES",
        "QUIT",
    ]


@needs_unix_sockets
def test_no_speech_dispatcher_running_is_not_stuck(fake_speechd, short_dir: Path):
    # libspeechd's places: $XDG_RUNTIME_DIR, else $XDG_CACHE_HOME, else ~/.cache.
    assert speechd.speechd_stuck(5, env={"XDG_RUNTIME_DIR": str(short_dir)}) is None
    assert speechd.speechd_stuck(5, env={"XDG_CACHE_HOME": str(short_dir)}) is None
    assert speechd.speechd_stuck(5, env={"HOME": str(short_dir)}) is None
    cache = short_dir / ".cache" / "speech-dispatcher" / "speechd.sock"
    with fake_speechd(cache, accept=False):
        assert speechd.speechd_stuck(0.05, env={"HOME": str(short_dir)}) is not None
