"""Read-aloud on Qt's silent ``mock`` engine: 50 ms a word at rate 1, 150 ms at -1.

Nothing here sleeps: tests wait on signals, and "nothing more happened" is
checked against a second mock speaker, whose slower sentence is the clock.
An engine that stops answering, as speech-dispatcher does without sound
output, is the mock engine with its confirmations taken away (``unanswering``).
"""

from __future__ import annotations

import gc
import logging
import socket
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
import shiboken6
from PySide6.QtCore import QObject, QThread
from pytestqt.qtbot import QtBot

from kiosk.ui.speech import speaker as speech
from kiosk.ui.speech import speechd
from kiosk.ui.speech.packages import install_hint
from kiosk.ui.speech.speaker import Speaker, StuckEngines

FAST = 1.0  # the mock engine's fastest rate: 50 ms a word
LONG_TEXT = " ".join(f"word{n}" for n in range(40))  # 2 s at FAST: never ends in a test

SpeakerFactory = Callable[..., Speaker]


@pytest.fixture(autouse=True)
def forget_stuck_engines() -> Iterator[None]:
    """Each test starts with no engine known to have stopped answering."""
    speech.stuck_engines.reset()
    yield
    speech.stuck_engines.reset()


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
    caplog.set_level(logging.WARNING, logger="kiosk.ui.speech.speaker")
    return lambda: [r.getMessage() for r in caplog.records if r.name == "kiosk.ui.speech.speaker"]


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


@pytest.mark.text_to_speech
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


@pytest.mark.text_to_speech
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


@pytest.mark.text_to_speech
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


@pytest.mark.text_to_speech
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


@pytest.mark.text_to_speech
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


@pytest.mark.text_to_speech
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
@pytest.mark.text_to_speech
def test_the_voice_matches_the_content_language(make_speaker, language, voice):
    speaker = make_speaker(language)
    assert speaker.available
    assert speaker.language == language
    assert speaker.voice_locale == voice


@pytest.mark.text_to_speech
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


@pytest.mark.text_to_speech
def test_a_language_the_engine_lacks_is_not_read_in_another(make_speaker, speech_log):
    speaker = make_speaker("es")  # the mock speaks English, Norwegian and Finnish
    assert not speaker.available
    assert len(speech_log()) == 1


@pytest.mark.text_to_speech
def test_an_unknown_engine_is_unavailable(make_speaker, speech_log):
    speaker = make_speaker(engine="no-such-engine")
    assert not speaker.available
    assert not speaker.is_speaking()
    speaker.say("Hello")
    [message] = speech_log()
    assert "no text-to-speech engine 'no-such-engine'" in message
    assert "mock" in message  # the engines there are
    assert message.endswith(f"; {install_hint()})")  # and what this system lacks


def test_missing_qt_speech_libraries_are_unavailable(
    qtbot: QtBot, make_speaker, speech_log, monkeypatch
):
    # What a missing libpulse0 looks like: the import itself fails, and
    # only that package is missing from the system.
    monkeypatch.setitem(sys.modules, "PySide6.QtTextToSpeech", None)
    monkeypatch.setattr(
        speech, "install_hint", lambda: "on Debian or Ubuntu: apt install libpulse0"
    )
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
    assert message.startswith("read-aloud is off: Qt's text-to-speech module cannot be loaded (")
    assert message.endswith("); on Debian or Ubuntu: apt install libpulse0")


@pytest.mark.text_to_speech
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


@pytest.mark.text_to_speech
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


@pytest.mark.text_to_speech
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


@pytest.mark.text_to_speech
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


@pytest.mark.text_to_speech
def test_deleting_the_parent_of_a_speaking_speaker(qtbot: QtBot, make_speaker):
    owner = QObject()
    speaker = make_speaker(parent=owner)
    with qtbot.waitSignal(speaker.word_spoken):
        speaker.say(LONG_TEXT)
    del owner  # Python owns it: deleted here, with the speaker and its engine
    assert not shiboken6.isValid(speaker)
    let_time_pass(qtbot, make_speaker)
    assert not speaker.is_speaking()


@pytest.mark.text_to_speech
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


# -- an engine that stops answering ------------------------------------------------
@pytest.fixture
def unanswering(monkeypatch: pytest.MonkeyPatch) -> type[Any]:
    """The engine class the next Speakers get: the mock engine, minus confirmations.

    What speech-dispatcher does without a sound output: told to stop, it
    stops, but never reports "ready". With ``starts = False`` (on the class,
    or on one engine) it does not even start: say() is recorded, nothing else.
    Every engine made is in ``made``; each records its say() and stop() in
    ``calls``.
    """
    from PySide6.QtTextToSpeech import QTextToSpeech  # noqa: PLC0415  (as the Speaker does)

    class Unanswering(QTextToSpeech):
        made: ClassVar[list[Unanswering]] = []
        starts = True

        def __init__(self, _engine: str, parameters: dict[str, Any], parent: QObject) -> None:
            super().__init__("mock", parameters, parent)
            self.calls: list[tuple[str, ...]] = []
            Unanswering.made.append(self)

        def say(self, text: str) -> None:
            self.calls.append(("say", text))
            if self.starts:
                super().say(text)

        def stop(self, hint: Any = QTextToSpeech.BoundaryHint.Default) -> None:
            self.calls.append(("stop",))
            self.blockSignals(True)  # it stops; its "ready" is lost
            try:
                super().stop(hint)
            finally:
                self.blockSignals(False)

    monkeypatch.setattr(speech, "load_text_to_speech", lambda: Unanswering)
    return Unanswering


@pytest.mark.text_to_speech
def test_an_engine_that_never_confirms_a_stop_is_never_called_again(
    qtbot: QtBot, make_speaker, speech_log, unanswering
):
    stuck = StuckEngines()
    speaker = make_speaker(stop_answer_ms=50, stuck=stuck)
    [engine] = unanswering.made
    changes, _ = record(speaker)
    went: list[bool] = []
    speaker.available_changed.connect(went.append)
    speaker.say(LONG_TEXT)
    speaker.stop()
    assert engine.calls == [("say", LONG_TEXT), ("stop",)]
    assert speaker.available  # the confirmation may still come

    with qtbot.waitSignal(speaker.available_changed, timeout=5000):
        # While the engine stops, say() queues the text: it is "speaking" at once.
        speaker.say("Are you still reading?")
        assert speaker.is_speaking()
        speaker.stop()
        speaker.say("Are you still reading?")
    assert went == [False]
    assert not speaker.available
    assert not speaker.is_speaking()
    assert changes == [True, False, True, False, True, False]  # the queued text ended too
    assert engine.calls == [("say", LONG_TEXT), ("stop",)]  # nothing more reached it

    speaker.say("Hello")
    speaker.stop()
    assert engine.calls == [("say", LONG_TEXT), ("stop",)]
    [message] = speech_log()
    assert message.startswith("read-aloud is off: the text-to-speech engine 'mock' stopped")
    assert "did not confirm a stop within 50 ms" in message
    assert "restart the kiosk" in message
    assert speaker.unavailable_reason in message
    # Parked, not deleted: a stuck speech-dispatcher engine's destructor hangs.
    assert stuck.reason("mock") == speaker.unavailable_reason
    assert stuck.parked == (engine,)
    assert isinstance(engine.parent(), QThread)
    assert engine.signalsBlocked()


@pytest.mark.text_to_speech
def test_a_parked_engine_outlives_its_speaker(qtbot: QtBot, make_speaker, unanswering):
    speaker = make_speaker(stop_answer_ms=50, stuck=StuckEngines())
    [engine] = unanswering.made
    speaker.say(LONG_TEXT)
    with qtbot.waitSignal(speaker.available_changed, timeout=5000):
        speaker.stop()
    with qtbot.waitSignal(speaker.destroyed):
        speaker.deleteLater()
    assert shiboken6.isValid(engine)
    assert engine.calls == [("say", LONG_TEXT), ("stop",)]


@pytest.mark.text_to_speech
def test_an_engine_left_stopping_by_its_speaker_is_deleted_once_it_confirms(
    qtbot: QtBot, make_speaker, unanswering
):
    # What the kiosk does when the pack's language changes: stop, then delete.
    from PySide6.QtTextToSpeech import QTextToSpeech  # noqa: PLC0415  (as the Speaker does)

    speaker = make_speaker(stuck=StuckEngines())
    [engine] = unanswering.made
    speaker.say(LONG_TEXT)
    speaker.stop()
    with qtbot.waitSignal(speaker.destroyed):
        speaker.deleteLater()
    assert shiboken6.isValid(engine)  # not deleted with it: the stop is not confirmed
    with qtbot.waitSignal(engine.destroyed):
        engine.stateChanged.emit(QTextToSpeech.State.Ready)  # confirmed, late
    assert engine.calls == [("say", LONG_TEXT), ("stop",)]


@pytest.mark.text_to_speech
def test_text_said_while_the_engine_stops_is_spoken_once_it_confirms(
    qtbot: QtBot, make_speaker, unanswering
):
    # speechd confirms a stop later, from its own events: played by hand here.
    from PySide6.QtTextToSpeech import QTextToSpeech  # noqa: PLC0415  (as the Speaker does)

    speaker = make_speaker(stuck=StuckEngines())
    [engine] = unanswering.made
    changes, words = record(speaker)
    speaker.say(LONG_TEXT)
    speaker.say("First reply")  # replaces it: a stop, and this text queued
    speaker.say("Are you still reading?")  # replaces the queued text
    assert engine.calls == [("say", LONG_TEXT), ("stop",)]
    assert speaker.is_speaking()

    engine.stateChanged.emit(QTextToSpeech.State.Ready)  # the stop is confirmed
    assert engine.calls[-1] == ("say", "Are you still reading?")
    wait_until_done(qtbot, speaker)
    assert said("Are you still reading?", words) == ["Are", "you", "still", "reading"]
    assert changes == [True, False, True, False, True, False]
    assert speaker.available


@pytest.mark.text_to_speech
def test_a_stop_before_the_engine_reports_speaking_is_sent_when_it_does(
    qtbot: QtBot, make_speaker, unanswering
):
    # speechd reports "speaking" later; a stop before that could not be
    # confirmed (it would report "ready" while already ready, which Qt drops).
    from PySide6.QtTextToSpeech import QTextToSpeech  # noqa: PLC0415  (as the Speaker does)

    unanswering.starts = False
    speaker = make_speaker(stuck=StuckEngines())
    [engine] = unanswering.made
    changes, words = record(speaker)
    speaker.say("one two three")
    speaker.stop()
    assert changes == [True, False]  # stopped for the caller at once
    assert engine.calls == [("say", "one two three")]
    speaker.say("four five")  # queued behind the stop to come

    engine.stateChanged.emit(QTextToSpeech.State.Speaking)  # it started after all
    assert engine.calls[-1] == ("stop",)
    engine.starts = True
    engine.stateChanged.emit(QTextToSpeech.State.Ready)  # and confirms the stop
    assert engine.calls[-1] == ("say", "four five")
    wait_until_done(qtbot, speaker)
    assert said("four five", words) == ["four", "five"]
    assert changes == [True, False, True, False]


@pytest.mark.text_to_speech
def test_an_engine_that_never_starts_speaking_is_given_up_without_a_stop(
    qtbot: QtBot, make_speaker, speech_log, unanswering
):
    unanswering.starts = False
    stuck = StuckEngines()
    speaker = make_speaker(start_answer_ms=50, stuck=stuck)
    [engine] = unanswering.made
    changes, _ = record(speaker)
    with qtbot.waitSignal(speaker.available_changed, timeout=5000):
        speaker.say("Hello there")
    assert changes == [True, False]
    speaker.stop()
    assert engine.calls == [("say", "Hello there")]
    [message] = speech_log()
    assert "did not report that it started speaking within 50 ms" in message
    assert stuck.parked == (engine,)


@pytest.mark.text_to_speech
def test_speech_that_never_ends_is_stopped_by_the_same_rule(
    qtbot: QtBot, make_speaker, speech_log, unanswering, monkeypatch
):
    monkeypatch.setattr(speech, "SPEECH_DEADLINE_BASE_MS", 0)
    monkeypatch.setattr(speech, "SPEECH_DEADLINE_PER_WORD_MS", 1)
    stuck = StuckEngines()
    speaker = make_speaker(stop_answer_ms=50, stuck=stuck)
    [engine] = unanswering.made
    changes, _ = record(speaker)
    with qtbot.waitSignal(speaker.available_changed, timeout=5000):
        speaker.say(LONG_TEXT)  # 40 words: a 40 ms deadline
    assert changes == [True, False]
    assert engine.calls == [("say", LONG_TEXT), ("stop",)]  # the deadline's stop

    qtbot.waitUntil(lambda: stuck.parked == (engine,), timeout=5000)  # never confirmed
    speaker.say("Hello")
    speaker.stop()
    assert engine.calls == [("say", LONG_TEXT), ("stop",)]
    deadline, dead = speech_log()
    assert "did not finish speaking in time" in deadline
    assert "did not confirm a stop within 50 ms" in dead
    assert speaker.unavailable_reason in dead


@pytest.mark.text_to_speech
def test_a_later_speaker_for_an_engine_that_stopped_answering_is_off_at_once(
    qtbot: QtBot, make_speaker, speech_log, unanswering
):
    first = make_speaker(stop_answer_ms=50)  # the process's own list: speech.stuck_engines
    first.say(LONG_TEXT)
    with qtbot.waitSignal(first.available_changed, timeout=5000):
        first.stop()

    second = make_speaker()
    assert not second.available
    assert len(unanswering.made) == 1  # no engine made for it
    stopped = speech.stuck_engines.reason("mock")
    assert stopped is not None
    assert second.unavailable_reason == f"earlier in this run, {stopped}"
    assert len(speech_log()) == 2

    speech.stuck_engines.reset()  # as the fixture does between tests
    assert make_speaker().available
    assert len(unanswering.made) == 2


# -- a stuck speech-dispatcher ---------------------------------------------------
needs_unix_sockets = pytest.mark.skipif(
    not hasattr(socket, "AF_UNIX"), reason="speech-dispatcher listens on a Unix socket"
)


@pytest.mark.text_to_speech
def test_a_stuck_speech_dispatcher_leaves_read_aloud_off_without_waiting_for_it(
    make_speaker, speech_log, monkeypatch
):
    from PySide6.QtTextToSpeech import QTextToSpeech  # noqa: PLC0415  (as the Speaker does)

    if "speechd" not in QTextToSpeech.availableEngines():
        pytest.skip("no speech-dispatcher engine in this Qt")
    monkeypatch.setattr(speechd, "speechd_stuck", lambda: "speech-dispatcher is stuck")
    speaker = make_speaker(engine="speechd")
    assert not speaker.available
    assert speaker.findChild(QTextToSpeech) is None  # Qt's engine would wait for ever
    assert speech_log() == ["read-aloud is off: speech-dispatcher is stuck"]


@pytest.mark.text_to_speech
@needs_unix_sockets
def test_a_speaker_is_not_made_on_a_speech_dispatcher_that_cannot_list_voices(
    fake_speechd, short_dir: Path, make_speaker, speech_log, monkeypatch
):
    from PySide6.QtTextToSpeech import QTextToSpeech  # noqa: PLC0415  (as the Speaker does)

    if "speechd" not in QTextToSpeech.availableEngines():
        pytest.skip("no speech-dispatcher engine in this Qt")
    socket_path = short_dir / "speechd.sock"
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{socket_path}")
    monkeypatch.setattr(speechd, "SPEECHD_ANSWER_S", 0.05)
    with fake_speechd(socket_path, hang_on="LIST SYNTHESIS_VOICES"):
        speaker = make_speaker(engine="speechd")
    assert not speaker.available
    assert speaker.findChild(QTextToSpeech) is None
    [message] = speech_log()
    assert "voices of its output module 'espeak-ng'" in message
