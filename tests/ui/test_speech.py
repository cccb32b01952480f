"""Read-aloud on Qt's silent ``mock`` engine: 50 ms a word at rate 1, 150 ms at -1.

Nothing here sleeps: tests wait on signals, and "nothing more happened" is
checked against a second mock speaker, whose slower sentence is the clock.
"""

from __future__ import annotations

import gc
import logging
import socket
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QLocale, QObject
from pytestqt.qtbot import QtBot

from kiosk.ui import speech
from kiosk.ui.speech import Speaker, choose_locale

FAST = 1.0  # the mock engine's fastest rate: 50 ms a word
LONG_TEXT = " ".join(f"word{n}" for n in range(40))  # 2 s at FAST: never ends in a test

SpeakerFactory = Callable[..., Speaker]


@pytest.fixture
def make_speaker(qapp: object) -> Iterator[SpeakerFactory]:
    """Speakers on the mock engine, stopped after the test."""
    made: list[Speaker] = []

    def make(language: str = "en", **kwargs: object) -> Speaker:
        kwargs.setdefault("engine", "mock")
        kwargs.setdefault("rate", FAST)
        speaker = Speaker(language, **kwargs)  # type: ignore[arg-type]
        made.append(speaker)
        return speaker

    yield make
    for speaker in made:
        speaker.stop()


@pytest.fixture
def speech_log(caplog: pytest.LogCaptureFixture) -> Callable[[], list[str]]:
    """The read-aloud module's log messages, warnings and worse."""
    caplog.set_level(logging.WARNING, logger="kiosk.ui.speech")
    return lambda: [r.getMessage() for r in caplog.records if r.name == "kiosk.ui.speech"]


def record(speaker: Speaker) -> tuple[list[bool], list[tuple[int, int]]]:
    changes: list[bool] = []
    words: list[tuple[int, int]] = []
    speaker.speaking_changed.connect(changes.append)
    speaker.word_spoken.connect(lambda start, length: words.append((start, length)))
    return changes, words


def said(text: str, words: list[tuple[int, int]]) -> list[str]:
    return [text[start : start + length] for start, length in words]


def wait_until_done(qtbot: QtBot, speaker: Speaker, timeout: int = 5000) -> None:
    with qtbot.waitSignal(
        speaker.speaking_changed, timeout=timeout, check_params_cb=lambda on: not on
    ):
        pass


def let_time_pass(qtbot: QtBot, make_speaker: SpeakerFactory) -> None:
    """About 0.3 s of event loop (six fast words): a slow speaker says two."""
    clock = make_speaker(rate=-1.0)
    clock.say("one two")
    wait_until_done(qtbot, clock)


def test_words_are_reported_as_slices_of_the_text(qtbot: QtBot, make_speaker):
    speaker = make_speaker()
    assert speaker.available
    assert speaker.words_supported
    changes, words = record(speaker)
    text = "Hello there, friend. TMS is safe."

    speaker.say(text)
    assert speaker.is_speaking()
    wait_until_done(qtbot, speaker)

    assert said(text, words) == ["Hello", "there", "friend", "TMS", "is", "safe"]
    assert changes == [True, False]
    assert not speaker.is_speaking()


def test_offsets_count_python_characters_beyond_the_basic_plane(qtbot: QtBot, make_speaker):
    # Qt counts UTF-16 units: the emoji is two of them, but one Python character.
    speaker = make_speaker()
    _, words = record(speaker)
    text = "Rest 😀 then walk 𝄞 slowly"

    speaker.say(text)
    wait_until_done(qtbot, speaker)

    assert said(text, words) == ["Rest", "then", "walk", "slowly"]


def test_a_lone_surrogate_in_the_text_does_not_raise(qtbot: QtBot, make_speaker):
    # PyYAML reads the escape "\ud800" as one; Qt cannot speak it.
    speaker = make_speaker()
    speaker.say("bad \ud800 text")
    wait_until_done(qtbot, speaker)


def test_stop_ends_speech_at_once(qtbot: QtBot, make_speaker):
    speaker = make_speaker()
    changes, words = record(speaker)
    with qtbot.waitSignal(speaker.word_spoken):
        speaker.say(LONG_TEXT)

    with qtbot.waitSignal(speaker.speaking_changed) as stopped:
        speaker.stop()
    assert stopped.args == [False]
    assert not speaker.is_speaking()
    spoken = len(words)
    let_time_pass(qtbot, make_speaker)
    assert len(words) == spoken  # no word after the stop
    assert changes == [True, False]


def test_stop_when_idle_is_harmless(qtbot: QtBot, make_speaker):
    speaker = make_speaker()
    with qtbot.assertNotEmitted(speaker.speaking_changed):
        speaker.stop()
        speaker.stop()
    assert not speaker.is_speaking()


def test_new_text_replaces_the_text_being_spoken(qtbot: QtBot, make_speaker):
    speaker = make_speaker()
    changes, words = record(speaker)
    with qtbot.waitSignal(speaker.word_spoken):
        speaker.say(LONG_TEXT)

    words.clear()
    replacement = "Are you still reading?"
    speaker.say(replacement)
    wait_until_done(qtbot, speaker)

    assert said(replacement, words) == ["Are", "you", "still", "reading"]
    assert changes == [True, False, True, False]


def test_a_late_end_of_the_replaced_text_does_not_end_the_new_one(qtbot: QtBot, make_speaker):
    # speechd reports state changes later, from its own events: after a stop
    # and a new say(), the old text's "cancelled" (Ready) comes first, then
    # the new text's "speaking". Played here on the mock engine's signals.
    from PySide6.QtTextToSpeech import QTextToSpeech  # noqa: PLC0415  (as the Speaker does)

    speaker = make_speaker()
    engine = speaker.findChild(QTextToSpeech)
    assert engine is not None
    changes, words = record(speaker)
    text = "one two three"
    engine.blockSignals(True)  # the engine's "speaking" is still on its way
    speaker.say(text)
    engine.blockSignals(False)

    engine.stateChanged.emit(QTextToSpeech.State.Ready)  # the old text's late end
    assert speaker.is_speaking()
    engine.stateChanged.emit(QTextToSpeech.State.Speaking)  # the new text's start
    wait_until_done(qtbot, speaker)
    assert changes == [True, False]
    assert said(text, words) == ["one", "two", "three"]


def test_the_same_text_again_starts_from_the_beginning(qtbot: QtBot, make_speaker):
    speaker = make_speaker()
    _, words = record(speaker)
    text = "one two three four"
    with qtbot.waitSignal(speaker.word_spoken):
        speaker.say(text)
    words.clear()
    speaker.say(text)
    wait_until_done(qtbot, speaker)
    assert said(text, words) == ["one", "two", "three", "four"]


def test_blank_text_says_nothing_and_reports_not_speaking(qtbot: QtBot, make_speaker):
    speaker = make_speaker()
    with qtbot.waitSignal(speaker.speaking_changed) as reported:
        speaker.say("  \n ")
    assert reported.args == [False]
    assert not speaker.is_speaking()


@pytest.mark.parametrize(
    ("language", "voice"),
    [
        ("en-US", "en-US"),  # the region asked for
        ("en-GB", "en-GB"),
        ("en", "en-GB"),  # no region: the engine's current English (the mock's default)
        ("en-AU", "en-GB"),  # no Australian voice: same language
        ("fi", "fi-FI"),
        ("nb-NO", "nb-NO"),
    ],
)
def test_the_voice_matches_the_content_language(make_speaker, language, voice):
    speaker = make_speaker(language)
    assert speaker.available
    assert speaker.language == language
    assert speaker.voice_locale == voice


def test_choose_locale_prefers_region_then_current_then_main_region():
    gb, us, pt, br = QLocale("en_GB"), QLocale("en_US"), QLocale("pt_PT"), QLocale("pt_BR")
    none = QLocale.c()
    assert choose_locale("en-US", [gb, us], current=gb) == us
    assert choose_locale("en", [gb, us], current=gb) == gb
    assert choose_locale("en", [gb, us], current=none) == us  # "en" is likeliest en-US
    assert choose_locale("pt", [pt, br], current=none) == br
    assert choose_locale("pt-PT", [br, pt], current=br) == pt
    assert choose_locale("en-u-nu-latn", [gb, us], current=gb) == gb  # "nu" is no region
    assert choose_locale("es", [gb, us], current=gb) is None
    assert choose_locale("zz", [none, gb], current=none) is None  # never the "C" voice


class Voice:
    """A stand-in for QVoice, whose name Python cannot set."""

    def __init__(self, name: str) -> None:
        self._name = name

    def name(self) -> str:
        return self._name


def test_choose_voice_prefers_the_accent_of_the_region():
    # What speech-dispatcher with espeak-ng lists under one locale, in its order.
    us = ["English (Caribbean)", "English (Caribbean)+Adam", "English (America)+Adam"]
    us += ["English (America)", "English (America, New York City)"]
    pt = ["Portuguese (Portugal)", "Portuguese (Brazil)+croak", "Portuguese (Brazil)"]

    def chosen(names: list[str], locale: str) -> str:
        voice = speech.choose_voice([Voice(n) for n in names], QLocale(locale))  # type: ignore[misc]
        assert voice is not None
        return voice.name()

    assert chosen(us, "en_US") == "English (America)"
    assert chosen(pt, "pt_BR") == "Portuguese (Brazil)"
    assert chosen(pt, "pt_PT") == "Portuguese (Portugal)"
    assert chosen(["Spanish (Spain)", "Spanish (Latin America)"], "es_419") == (
        "Spanish (Latin America)"
    )
    assert chosen(["Bob", "Anne"], "en_GB") == "Bob"  # no region named: the engine's first
    assert chosen(["German+Max", "German"], "de_DE") == "German"  # a plain voice first
    assert speech.choose_voice([], QLocale("en_GB")) is None


def test_no_voice_for_the_language_is_unavailable_and_logged_once(
    qtbot: QtBot, make_speaker, speech_log
):
    speaker = make_speaker("zz")
    assert not speaker.available
    assert not speaker.available  # asked twice
    assert not speaker.words_supported
    assert speaker.voice_locale == ""
    with qtbot.waitSignal(speaker.speaking_changed) as reported:
        speaker.say("Hello")  # harmless, and tells a caller that showed "speaking"
    assert reported.args == [False]
    speaker.say("Hello")
    speaker.stop()
    assert not speaker.is_speaking()

    [message] = speech_log()
    assert "no voice for the content's language 'zz'" in message
    assert "en-GB" in message  # what it does have
    assert speaker.unavailable_reason in message


def test_a_language_the_engine_lacks_is_not_read_in_another(make_speaker, speech_log):
    speaker = make_speaker("es")  # the mock speaks English, Norwegian and Finnish
    assert not speaker.available
    assert len(speech_log()) == 1


def test_an_unknown_engine_is_unavailable(make_speaker, speech_log):
    speaker = make_speaker(engine="no-such-engine")
    assert not speaker.available
    assert not speaker.is_speaking()
    speaker.say("Hello")
    [message] = speech_log()
    assert "no text-to-speech engine 'no-such-engine'" in message
    assert "mock" in message  # the engines there are
    assert "speech-dispatcher" in message


def test_missing_qt_speech_libraries_are_unavailable(
    qtbot: QtBot, make_speaker, speech_log, monkeypatch
):
    # What a missing libpulse0 looks like: the import itself fails.
    monkeypatch.setitem(sys.modules, "PySide6.QtTextToSpeech", None)
    with pytest.raises(ImportError):
        speech.load_text_to_speech()

    speaker = make_speaker()
    assert not speaker.available
    assert not speaker.words_supported
    with qtbot.waitSignal(speaker.speaking_changed):
        speaker.say("Hello")
    speaker.stop()
    assert not speaker.is_speaking()
    [message] = speech_log()
    assert "cannot be loaded" in message
    assert "libpulse0" in message


def test_an_engine_that_starts_late_becomes_available(qtbot: QtBot, make_speaker):
    speaker = make_speaker(engine_parameters={"delayedInitialization": True})
    assert not speaker.available
    assert speaker.unavailable_reason == ""  # starting, not failed
    with qtbot.waitSignal(speaker.available_changed) as became:
        pass
    assert became.args == [True]
    assert speaker.voice_locale == "en-GB"
    _, words = record(speaker)
    speaker.say("It works")
    wait_until_done(qtbot, speaker)
    assert said("It works", words) == ["It", "works"]


def test_an_engine_error_ends_speech_and_read_aloud(qtbot: QtBot, make_speaker, speech_log):
    from PySide6.QtTextToSpeech import QTextToSpeech  # noqa: PLC0415  (as the Speaker does)

    speaker = make_speaker()
    changes, _ = record(speaker)
    engine = speaker.findChild(QTextToSpeech)
    assert engine is not None
    with qtbot.waitSignal(speaker.word_spoken):
        speaker.say(LONG_TEXT)

    with qtbot.waitSignal(speaker.available_changed) as went:
        engine.errorOccurred.emit(QTextToSpeech.ErrorReason.Playback, "audio device gone")
    assert went.args == [False]
    assert changes == [True, False]
    assert not speaker.available
    [message] = speech_log()
    assert "audio device gone" in message


def test_speech_that_never_ends_turns_read_aloud_off(
    qtbot: QtBot, make_speaker, speech_log, monkeypatch
):
    # A speech-dispatcher without sound output says "speaking" for ever.
    monkeypatch.setattr(speech, "SPEECH_DEADLINE_BASE_MS", 0)
    monkeypatch.setattr(speech, "SPEECH_DEADLINE_PER_WORD_MS", 1)
    speaker = make_speaker()
    changes, _ = record(speaker)

    with qtbot.waitSignal(speaker.available_changed):
        speaker.say(LONG_TEXT)
    assert changes == [True, False]
    assert not speaker.is_speaking()
    [message] = speech_log()
    assert "did not finish speaking" in message


def test_deleting_a_speaker_while_it_speaks(qtbot: QtBot, make_speaker):
    speaker = make_speaker()
    with qtbot.waitSignal(speaker.word_spoken):
        speaker.say(LONG_TEXT)
    with qtbot.waitSignal(speaker.destroyed):
        speaker.deleteLater()
    assert not shiboken6.isValid(speaker)
    let_time_pass(qtbot, make_speaker)  # the engine's word timer would have fired
    assert not speaker.is_speaking()
    assert not speaker.available
    speaker.say("Hello")  # a caller holding on to it gets silence, not an error
    speaker.stop()


def test_deleting_the_parent_of_a_speaking_speaker(qtbot: QtBot, make_speaker):
    owner = QObject()
    speaker = make_speaker(parent=owner)
    with qtbot.waitSignal(speaker.word_spoken):
        speaker.say(LONG_TEXT)
    del owner  # Python owns it: deleted here, with the speaker and its engine
    assert not shiboken6.isValid(speaker)
    let_time_pass(qtbot, make_speaker)
    assert not speaker.is_speaking()


def test_dropping_the_last_reference_while_speaking(qtbot: QtBot, make_speaker):
    speaker = Speaker("en", engine="mock", rate=FAST)
    destroyed: list[bool] = []
    speaker.destroyed.connect(lambda: destroyed.append(True))
    with qtbot.waitSignal(speaker.word_spoken) as first_word:
        speaker.say(LONG_TEXT)
    del speaker, first_word
    gc.collect()
    assert destroyed
    let_time_pass(qtbot, make_speaker)


# -- a stuck speech-dispatcher ---------------------------------------------------
needs_unix_sockets = pytest.mark.skipif(
    not hasattr(socket, "AF_UNIX"), reason="speech-dispatcher listens on a Unix socket"
)


@pytest.fixture
def short_dir() -> Iterator[Path]:
    """A folder with a short path: a Unix socket's path has at most 107 bytes."""
    with tempfile.TemporaryDirectory(prefix="sd") as folder:
        yield Path(folder)


@contextmanager
def fake_speechd(path: Path, *, answer: bool) -> Iterator[None]:
    """A speech-dispatcher socket that answers a client's first line, or never does."""
    path.parent.mkdir(parents=True, exist_ok=True)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen()
    # Never accepted, a connection still completes (the kernel queues it) and
    # then waits for an answer: what a stuck speech-dispatcher does. The timer
    # only ends a wait that a broken time limit would make endless.
    backstop = threading.Timer(10, listener.close)
    backstop.start()
    server = None
    if answer:

        def serve() -> None:
            connection, _ = listener.accept()
            with connection:
                connection.recv(1024)
                connection.sendall(b"208 OK CLIENT NAME SET\r\n")
                connection.recv(1024)  # QUIT

        server = threading.Thread(target=serve, daemon=True)
        server.start()
    try:
        yield
    finally:
        backstop.cancel()
        if server is not None:
            server.join(timeout=10)
        listener.close()


@needs_unix_sockets
def test_a_stuck_speech_dispatcher_is_found_within_the_time_limit(short_dir: Path):
    runtime = short_dir / "run"
    with fake_speechd(runtime / "speech-dispatcher" / "speechd.sock", answer=False):
        reason = speech.speechd_stuck(0.05, env={"XDG_RUNTIME_DIR": str(runtime)})
    assert reason is not None
    assert "does not answer" in reason
    assert str(runtime / "speech-dispatcher" / "speechd.sock") in reason


@needs_unix_sockets
def test_a_speech_dispatcher_that_answers_is_not_stuck(short_dir: Path):
    socket_path = short_dir / "speechd.sock"
    env = {"SPEECHD_ADDRESS": f"unix_socket:{socket_path}"}
    with fake_speechd(socket_path, answer=True):
        assert speech.speechd_stuck(5, env=env) is None


@needs_unix_sockets
def test_no_speech_dispatcher_running_is_not_stuck(short_dir: Path):
    # libspeechd's places: $XDG_RUNTIME_DIR, else $XDG_CACHE_HOME, else ~/.cache.
    assert speech.speechd_stuck(5, env={"XDG_RUNTIME_DIR": str(short_dir)}) is None
    assert speech.speechd_stuck(5, env={"XDG_CACHE_HOME": str(short_dir)}) is None
    assert speech.speechd_stuck(5, env={"HOME": str(short_dir)}) is None
    cache = short_dir / ".cache" / "speech-dispatcher" / "speechd.sock"
    with fake_speechd(cache, answer=False):
        assert speech.speechd_stuck(0.05, env={"HOME": str(short_dir)}) is not None


def test_a_stuck_speech_dispatcher_leaves_read_aloud_off_without_waiting_for_it(
    make_speaker, speech_log, monkeypatch
):
    from PySide6.QtTextToSpeech import QTextToSpeech  # noqa: PLC0415  (as the Speaker does)

    if "speechd" not in QTextToSpeech.availableEngines():
        pytest.skip("no speech-dispatcher engine in this Qt")
    monkeypatch.setattr(speech, "speechd_stuck", lambda: "speech-dispatcher is stuck")
    speaker = make_speaker(engine="speechd")
    assert not speaker.available
    assert speaker.findChild(QTextToSpeech) is None  # Qt's engine would wait for ever
    assert speech_log() == ["read-aloud is off: speech-dispatcher is stuck"]
