"""Read-aloud: the answer screen's Listen button, on Qt's text-to-speech engines.

:class:`Speaker` wraps ``QTextToSpeech`` so that nothing about speech can
break the kiosk. When read-aloud cannot work (Qt's speech module does not
load, no engine is installed, the engine fails or stops answering, or it has
no voice for the content's language) ``available`` is False, the reason is
logged once for staff, and every method does nothing.

What the engines do, as seen on Linux with Qt 6.11:

- ``mock`` (always installed, silent) changes state synchronously inside
  ``say()`` and ``stop()`` and reports every word.
- ``speechd`` (speech-dispatcher) reports no words, and changes state later,
  from speech-dispatcher's own events. Its ``say()`` and ``stop()`` wait for
  speech-dispatcher's answer, on the calling (GUI) thread, with no time
  limit. Without a working sound output it reports "speaking" and never
  finishes; asked to stop, it answers but never confirms ("ready"), and from
  then on speech-dispatcher is stuck: the next stop (including the one in
  ``say()``, and in the engine's destructor, while it is not "ready") never
  returns, and neither does the voice listing of a new engine.

So the Speaker talks to its engine one step at a time (see :class:`Speaker`):
after ``stop()`` it waits for the engine to confirm before asking anything
else, and an engine that does not confirm in time is never called again,
nor deleted (:class:`StuckEngines`). :data:`SPEECH_DEADLINE_BASE_MS` ends
speech that never finishes, and :func:`kiosk.ui.speech.speechd.speechd_stuck` checks
speech-dispatcher, with a time limit, before Qt's engine connects to it.
Creating a Speaker takes a second or two (speech-dispatcher lists every
voice): create one once, not per answer.
"""

from __future__ import annotations

import enum
import functools
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QLocale, QObject, QThread, QTimer, Signal

from kiosk.ui.speech import speechd
from kiosk.ui.speech.packages import install_hint
from kiosk.ui.speech.voices import (
    choose_locale,
    choose_voice,
    is_language,
    locale_tag,
    names_region,
)

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)

# The mock engine speaks silently: a kiosk must never pick it by itself.
MOCK_ENGINE = "mock"

# Speech that has not finished after this long is taken to be stuck (a
# speech-dispatcher with no sound output never reports the end): Listen
# turns off, so the Stop button and the held idle timer are released. Far
# above the slowest voice (Qt rate -1 is about 80 words a minute).
SPEECH_DEADLINE_BASE_MS = 15_000
SPEECH_DEADLINE_PER_WORD_MS = 1_000

# An engine asked to stop must confirm it (state "ready") within this long,
# and one asked to speak must report "speaking" within START_ANSWER_MS;
# otherwise it has stopped answering, and is never called again. A healthy
# speech-dispatcher takes milliseconds for both; the start limit is longer
# because some engines (Windows' winrt) synthesize the whole text first.
STOP_ANSWER_MS = 2_000
START_ANSWER_MS = 10_000

SPEECHD_ENGINE = "speechd"


# How many of an engine's languages a log line lists before "...".
LISTED_LOCALES = 12


def load_text_to_speech() -> type[QTextToSpeech]:
    """Qt's ``QTextToSpeech`` class; raises ImportError when its libraries are missing.

    QtTextToSpeech links QtMultimedia, which needs libpulse0 on Linux: without
    it the import fails even though the speech engines would not use it.
    """
    from PySide6.QtTextToSpeech import QTextToSpeech  # noqa: PLC0415  (optional, may fail)

    return QTextToSpeech


def speech_deadline_ms(text: str) -> int:
    """How long speaking ``text`` may take before it counts as stuck."""
    return SPEECH_DEADLINE_BASE_MS + SPEECH_DEADLINE_PER_WORD_MS * len(text.split())


class StuckEngines:
    """The engines that stopped answering in this process, and their parked Qt objects.

    A Speaker whose engine does not confirm a stop (or a start) in time adds
    it here; a later Speaker for an engine named here is unavailable at once,
    without creating it (a new speech-dispatcher engine would hang listing
    voices). The engine objects are parked, never deleted: see :func:`_park`.

    The kiosk uses one for the whole process, :data:`stuck_engines`; tests
    pass their own to ``Speaker``, or call ``stuck_engines.reset()``.
    """

    def __init__(self) -> None:
        self._reasons: dict[str, str] = {}
        self._parked: list[QObject] = []

    def reason(self, engine: str) -> str | None:
        """Why ``engine`` is not used any more in this process; None if it still is."""
        return self._reasons.get(engine)

    def add(self, engine: str, reason: str, qt_engine: QObject | None = None) -> None:
        """Never use ``engine`` again in this process; park its Qt object, if given."""
        self._reasons.setdefault(engine, reason)
        if qt_engine is not None and shiboken6.isValid(qt_engine):
            qt_engine.blockSignals(True)  # nothing it reports matters any more
            _park(qt_engine)
            self._parked.append(qt_engine)

    @property
    def parked(self) -> tuple[QObject, ...]:
        """The Qt engine objects kept alive, unused, for the rest of the process."""
        return tuple(self._parked)

    def reset(self) -> None:
        """Forget every engine (for tests): later Speakers try them again.

        The parked objects stay parked: deleting them is what must not happen.
        """
        self._reasons.clear()
        self._parked.clear()


stuck_engines = StuckEngines()


def _park(engine: QObject) -> None:
    """Take ``engine`` from its owner, so that deleting the owner does not delete it.

    Its new parent is the QThread object of its thread, which Qt does not
    delete while the process runs, nor at exit (checked with Qt 6.11). A
    speech-dispatcher engine that has not confirmed a stop must not be
    deleted: its destructor asks speech-dispatcher to stop again, and waits.
    """
    engine.setParent(engine.thread())


class _Phase(enum.Enum):
    """Where the engine is in the one step it was asked to take."""

    IDLE = "idle"  # ready (confirmed): it may be asked to speak
    STARTING = "starting"  # asked to speak; "speaking" not reported yet
    SPEAKING = "speaking"  # reported "speaking"; may be asked to stop
    STOPPING = "stopping"  # asked to stop; "ready" not reported yet
    DEAD = "dead"  # did not answer in time: parked, never called again


class Speaker(QObject):
    """Reads text aloud in the content's language, or explains once why it cannot.

    - ``language``: the content pack's BCP 47 tag ("en", "en-GB", "pt-BR").
      The engine's locale is the tag's language and region if it has them,
      else the same language in another region; never another language.
    - ``engine``: a Qt engine name ("speechd", "sapi", "winrt", "mock"), or
      None for Qt's preferred engine on this system (never ``mock``).
    - ``rate``: -1 (slowest) to 1; slightly slow by default, for patients.
    - ``engine_parameters``: passed to the engine (see Qt's engine docs).
    - ``stop_answer_ms``, ``start_answer_ms``: how long the engine may take
      to confirm a stop, and to report that it started speaking (see below).
    - ``stuck``: the engines known to have stopped answering; by default the
      process's :data:`stuck_engines`.

    The engine is asked one thing at a time. After ``stop()`` the Speaker
    waits for the engine to confirm (state Ready or Error) before asking it
    anything else: a ``say()`` meanwhile is queued (only the latest text),
    reported as speaking at once, and given to the engine when the stop is
    confirmed. A ``stop()`` before the engine has reported that it started
    is passed on when it does (a stop before that could not be confirmed).
    An engine that does not confirm a stop within ``stop_answer_ms``, or
    does not start within ``start_answer_ms``, is never called again, nor
    deleted: read-aloud turns off (``available_changed(False)``, one log
    warning) and any queued or current text ends (``speaking_changed(False)``).

    Signals:

    - ``speaking_changed(bool)``: True when ``say()`` starts speech (or
      queues it, see above); False when it ends by itself, is stopped or
      replaced, fails, or could not start (then queued, so a caller may mark
      itself busy right after ``say()`` and still hear the False).
    - ``word_spoken(start, length)``: the word being spoken, as a slice of
      the text given to ``say()`` (Python string indices), on engines with
      ``words_supported``.
    - ``available_changed(bool)``: read-aloud started or stopped working
      after construction (an engine that starts late, fails, or stops
      answering).
    """

    speaking_changed = Signal(bool)
    word_spoken = Signal(int, int)
    available_changed = Signal(bool)

    def __init__(
        self,
        language: str,
        engine: str | None = None,
        rate: float = -0.2,
        parent: QObject | None = None,
        *,
        engine_parameters: Mapping[str, object] | None = None,
        stop_answer_ms: int = STOP_ANSWER_MS,
        start_answer_ms: int = START_ANSWER_MS,
        stuck: StuckEngines | None = None,
    ) -> None:
        super().__init__(parent)
        self._language = language
        self._rate = max(-1.0, min(1.0, rate))
        self._stuck = stuck_engines if stuck is None else stuck
        self._stop_answer_ms = stop_answer_ms
        self._start_answer_ms = start_answer_ms
        self._tts: QTextToSpeech | None = None
        self._qtts: type[QTextToSpeech] | None = None
        self._available = False
        self._reason = ""  # why not available; "" while available or starting
        self._words = False
        self._engine_name = ""
        self._voice_locale = ""
        self._voice_name = ""
        self._phase = _Phase.IDLE
        self._stopping_now = False  # inside the engine's stop(), which may confirm at once
        # What the patient hears, or is about to: from say() until it ends or stops.
        self._speaking = False
        # The text the engine was given and is still wanted (None when idle),
        # with its UTF-16 offset map; and text waiting for a stop to be confirmed.
        self._text: str | None = None
        self._utf16: list[int] | None = None
        self._queued: str | None = None
        self._deadline = QTimer(self, singleShot=True)
        self._deadline.timeout.connect(self._on_deadline)
        self._answer = QTimer(self, singleShot=True)  # for the step the engine is taking
        self._answer.timeout.connect(self._on_no_answer)
        self._open_engine(engine, dict(engine_parameters or {}))

    # -- public -----------------------------------------------------------------
    @property
    def available(self) -> bool:
        """Whether ``say()`` will speak; see ``unavailable_reason`` if not."""
        return self._available and shiboken6.isValid(self)

    @property
    def unavailable_reason(self) -> str:
        """Why read-aloud is off, for staff ("" when it works or is starting)."""
        return self._reason

    @property
    def words_supported(self) -> bool:
        """Whether ``word_spoken`` will be emitted while speaking."""
        return self.available and self._words

    @property
    def language(self) -> str:
        """The content's language tag, as given."""
        return self._language

    @property
    def engine_name(self) -> str:
        return self._engine_name

    @property
    def voice_locale(self) -> str:
        """The BCP 47 tag of the voice's locale ("en-GB"); "" when unavailable."""
        return self._voice_locale if self.available else ""

    def is_speaking(self) -> bool:
        """True from ``say()`` until the speech ends, is stopped, or fails."""
        return self._speaking and shiboken6.isValid(self)

    def say(self, text: str) -> None:
        """Speak ``text``, replacing whatever is being spoken.

        Never waits for the engine: while it has not confirmed a stop, the
        text is queued (see the class's description).
        """
        if not shiboken6.isValid(self):  # deleted by Qt (its parent went): silent
            return
        if self._speaking:
            self.stop()
        if self._live_engine() is None or not self._available or not text.strip():
            # The caller may already show "speaking": tell it, after it returns.
            QTimer.singleShot(0, self, self._report_not_speaking)
            return
        self._speaking = True
        self._queued = text
        self.speaking_changed.emit(True)
        # A slot of speaking_changed may have stopped it, or said something else.
        self._speak_queued()

    def stop(self) -> None:
        """Stop speaking at once; harmless when nothing is being spoken.

        Never waits for the engine: the engine is asked to stop (now, or as
        soon as it reports that it started), and its confirmation comes later.
        """
        if not self._speaking or not shiboken6.isValid(self):
            return
        self._finish()
        if self._phase is _Phase.SPEAKING:
            self._stop_engine()
        # STARTING: stopped when the engine reports "speaking" (_on_state).
        # STOPPING: a stop is on its way; the queued text was dropped.
        self.speaking_changed.emit(False)

    # -- engine set-up ----------------------------------------------------------
    def _open_engine(self, engine: str | None, parameters: dict[str, object]) -> None:
        try:
            qtts = load_text_to_speech()
        except ImportError as error:
            self._disable(
                f"Qt's text-to-speech module cannot be loaded ({error}); {install_hint()}"
            )
            return
        self._qtts = qtts
        engines = qtts.availableEngines()
        if engine is None:
            real = [name for name in engines if name != MOCK_ENGINE]
            if not real:
                self._disable(f"no text-to-speech engine is installed ({install_hint()})")
                return
            name = ""  # Qt's preferred engine for this system
        elif engine not in engines:
            self._disable(
                f"there is no text-to-speech engine {engine!r} here "
                f"(installed: {', '.join(engines) or 'none'}; {install_hint()})"
            )
            return
        else:
            name = engine
        # Qt prefers speech-dispatcher where it is installed.
        expected = name or (SPEECHD_ENGINE if SPEECHD_ENGINE in engines else "")
        if expected and self._stopped_answering_before(expected):
            return
        if expected == SPEECHD_ENGINE:
            stuck = speechd.speechd_stuck()
            if stuck:
                self._engine_name = SPEECHD_ENGINE
                self._disable(stuck)
                return
        tts = qtts(name, parameters, self)
        self._tts = tts
        self._engine_name = tts.engine() or name or "default"
        if self._engine_name != expected and self._stopped_answering_before(self._engine_name):
            return
        if engine is None and self._engine_name == MOCK_ENGINE:
            self._disable(f"only the silent test engine is installed ({install_hint()})")
            return
        tts.stateChanged.connect(self._on_state)
        tts.errorOccurred.connect(self._on_error)
        tts.sayingWord.connect(self._on_word)
        # After the Speaker has gone, an engine it left stopping (parked, see
        # _stop_engine) is deleted once it confirms.
        tts.stateChanged.connect(functools.partial(_delete_if_abandoned, tts))
        state = tts.state()
        if state == qtts.State.Ready:
            self._configure()
        elif state == qtts.State.Error and tts.errorReason() != qtts.ErrorReason.NoError:
            self._engine_failed()
        # else the engine is still starting: _on_state configures it once Ready.

    def _stopped_answering_before(self, engine: str) -> bool:
        """Unavailable at once if ``engine`` stopped answering earlier in this process."""
        reason = self._stuck.reason(engine)
        if reason is None:
            return False
        self._engine_name = engine
        self._disable(f"earlier in this run, {reason}")
        return True

    def _configure(self) -> None:
        """Choose the voice for the content's language; the engine is Ready."""
        tts = self._live_engine()
        qtts = self._qtts
        if tts is None or qtts is None:
            return
        locales = tts.availableLocales()
        chosen = choose_locale(self._language, locales, tts.locale())
        if chosen is None:
            names = sorted({locale_tag(locale) for locale in locales if is_language(locale)})
            listed = ", ".join(names[:LISTED_LOCALES])
            if len(names) > LISTED_LOCALES:
                listed += ", ..."
            self._disable(
                f"the text-to-speech engine {self._engine_name!r} has no voice for the "
                f"content's language {self._language!r} (it has: {listed or 'none'}); "
                "install a voice for that language, or check 'language' in kiosk.yaml"
            )
            return
        tts.setLocale(chosen)
        if tts.state() == qtts.State.Error:  # speechd: "Locale not available"
            self._engine_failed()
            return
        if tts.locale().name() != chosen.name() or not tts.availableVoices():
            self._disable(
                f"the text-to-speech engine {self._engine_name!r} lists {locale_tag(chosen)} "
                "but has no voice for it"
            )
            return
        # An accent for the region the content names, else the locale's.
        region = QLocale(self._language) if names_region(self._language) else chosen
        voice = choose_voice(tts.availableVoices(), region)
        if voice is not None and voice.name() != tts.voice().name():
            tts.setVoice(voice)
            if tts.state() == qtts.State.Error:
                self._engine_failed()
                return
        tts.setRate(self._rate)
        self._words = bool(tts.engineCapabilities() & qtts.Capability.WordByWordProgress)
        self._voice_locale = locale_tag(chosen)
        self._voice_name = tts.voice().name()
        self._available = True
        self._reason = ""
        log.info(
            "read-aloud ready: engine %r, voice %r (%s) for content in %r%s",
            self._engine_name,
            self._voice_name,
            self._voice_locale,
            self._language,
            "" if self._words else "; the engine does not report words",
        )

    def _disable(self, reason: str) -> None:
        """Read-aloud is off for good; log why, once."""
        was_available = self._available
        self._available = False
        if self._reason:
            return
        self._reason = reason
        log.warning("read-aloud is off: %s", reason)
        if was_available:
            self.available_changed.emit(False)

    def _engine_failed(self, message: str = "") -> None:
        tts = self._live_engine()
        detail = message or (tts.errorString() if tts is not None else "")
        self._disable(
            f"the text-to-speech engine {self._engine_name!r} failed: "
            f"{detail or 'no reason given'}; restart the kiosk after fixing it "
            f"({install_hint()})"
        )

    # -- engine events ----------------------------------------------------------
    def _on_state(self, state: object) -> None:
        qtts = self._qtts
        if qtts is None or self._phase is _Phase.DEAD or not shiboken6.isValid(self):
            return
        if state == qtts.State.Speaking:
            # Only the text just given counts; any other "speaking" is late.
            if self._phase is _Phase.STARTING:
                self._answer.stop()
                self._phase = _Phase.SPEAKING
                if self._text is None:  # stopped (or replaced) before it started
                    self._stop_engine()
        elif state == qtts.State.Ready:
            if not self._available and not self._reason:
                self._configure()  # an engine that started asynchronously
                if self._available:
                    self.available_changed.emit(True)
            elif self._phase is _Phase.STOPPING:
                self._stop_confirmed()
            # The end of the text being spoken. A "ready" before this text
            # started is not: it is the late end of the text it replaced, or
            # another engine's (speechd reports every event to all engines).
            elif self._phase is _Phase.SPEAKING:
                self._phase = _Phase.IDLE
                if self._speaking:
                    self._finish()
                    self.speaking_changed.emit(False)
        elif state == qtts.State.Error:
            self._on_error()

    def _on_error(self, _reason: object = None, message: str = "") -> None:
        if self._phase is _Phase.DEAD or not shiboken6.isValid(self):
            return
        speaking = self._speaking
        self._finish()
        # It answered, with an error: read-aloud is off, and the engine is
        # never asked anything again; deleting it is safe (it is not speaking).
        self._answer.stop()
        if self._phase is _Phase.STOPPING:
            self._unpark()
        self._phase = _Phase.IDLE
        self._engine_failed(message)
        if speaking:
            self.speaking_changed.emit(False)

    def _on_word(self, word: str, _utterance: int, start: int, length: int) -> None:
        text = self._text
        if text is None or not self._speaking or not shiboken6.isValid(self):
            return
        span = _python_span(self._utf16, start, length, len(text))
        # A word of text said before (an engine reporting late) does not fit.
        if span is None or text[span[0] : span[0] + span[1]] != word:
            log.debug("ignored a spoken word that is not in the current text: %r", word)
            return
        self.word_spoken.emit(*span)

    def _on_deadline(self) -> None:
        if not self._speaking:
            return
        self.stop()  # the engine must still confirm it (_on_no_answer if it does not)
        self._disable(
            f"the text-to-speech engine {self._engine_name!r} did not finish speaking in "
            "time, as happens when it has no working sound output (Linux: check that "
            "'spd-say hello' is heard); restart the kiosk after fixing it"
        )

    def _on_no_answer(self) -> None:
        if self._phase is _Phase.STARTING:
            what = f"did not report that it started speaking within {self._start_answer_ms} ms"
        elif self._phase is _Phase.STOPPING:
            what = f"did not confirm a stop within {self._stop_answer_ms} ms"
        else:
            return
        self._engine_dead(what)

    # -- the engine's steps -----------------------------------------------------
    def _speak_queued(self) -> None:
        """Give the queued text to the engine, if it is ready for it."""
        text = self._queued
        if text is None or self._phase is not _Phase.IDLE:
            return
        self._queued = None
        tts = self._live_engine()
        if tts is None or not self._available:
            self._finish()
            self.speaking_changed.emit(False)
            return
        self._text = text
        self._utf16 = _utf16_index_map(text)
        self._phase = _Phase.STARTING
        self._answer.start(self._start_answer_ms)
        self._deadline.start(speech_deadline_ms(text))
        tts.say(text)

    def _stop_engine(self) -> None:
        """Ask the engine to stop; it is STOPPING until it confirms."""
        tts = self._live_engine()
        qtts = self._qtts
        if tts is None or qtts is None:
            self._phase = _Phase.IDLE
            return
        self._phase = _Phase.STOPPING
        self._answer.start(self._stop_answer_ms)
        _park(tts)  # deleting the Speaker now must not delete it (_delete_if_abandoned)
        self._stopping_now = True
        try:
            tts.stop(qtts.BoundaryHint.Immediate)
        finally:
            self._stopping_now = False
        if self._phase is _Phase.IDLE:  # confirmed inside stop() (the mock engine)
            self._speak_queued()

    def _stop_confirmed(self) -> None:
        self._answer.stop()
        self._phase = _Phase.IDLE
        self._unpark()
        if not self._stopping_now:  # else _stop_engine goes on once stop() returns
            self._speak_queued()

    def _unpark(self) -> None:
        tts = self._live_engine()
        if tts is not None:
            tts.setParent(self)

    def _engine_dead(self, what: str) -> None:
        """The engine stopped answering: never call it again, never delete it."""
        speaking = self._speaking
        self._finish()
        self._phase = _Phase.DEAD
        tts, self._tts = self._live_engine(), None
        if self._engine_name == SPEECHD_ENGINE:
            reason = (
                f"speech-dispatcher stopped answering (Qt's {SPEECHD_ENGINE!r} engine {what}),"
                " as happens when it has no working sound output; read-aloud stays off until"
                f" the kiosk restarts: {speechd.SPEECHD_FIX}"
            )
        else:
            reason = (
                f"the text-to-speech engine {self._engine_name!r} stopped answering (it "
                f"{what}); read-aloud stays off until the kiosk restarts: check the engine "
                "and the sound output, then restart the kiosk"
            )
        self._stuck.add(self._engine_name, reason, tts)
        was_available = self._available
        self._available = False
        self._reason = reason  # replaces an earlier one (the deadline's): this says more
        log.warning("read-aloud is off: %s", reason)
        if was_available:
            self.available_changed.emit(False)
        if speaking:
            self.speaking_changed.emit(False)

    # -- helpers ----------------------------------------------------------------
    def _finish(self) -> None:
        """Nothing is to be spoken any more (the engine may still be stopping)."""
        self._speaking = False
        self._text = None
        self._utf16 = None
        self._queued = None
        self._deadline.stop()

    def _report_not_speaking(self) -> None:
        if not self._speaking:
            self.speaking_changed.emit(False)

    def _live_engine(self) -> QTextToSpeech | None:
        """The engine, unless it was never made, is parked for good, or Qt deleted it."""
        tts = self._tts
        return tts if tts is not None and shiboken6.isValid(tts) else None


def _delete_if_abandoned(engine: QTextToSpeech, state: object) -> None:
    """Delete an engine that its Speaker left while it was stopping, once it confirms.

    Connected to the engine's ``stateChanged`` after the Speaker's own slot:
    while the Speaker lives, that slot takes the engine back first.
    """
    if not shiboken6.isValid(engine) or not isinstance(engine.parent(), QThread):
        return
    if state in (engine.State.Ready, engine.State.Error):
        engine.deleteLater()


def _utf16_index_map(text: str) -> list[int] | None:
    """For each UTF-16 offset in ``text`` (and its end), the Python index there.

    None when the two agree (no character beyond U+FFFF), the usual case.
    Qt reports words in UTF-16 offsets; Python strings count characters.
    """
    if len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):
        return None
    indexes: list[int] = []
    for index, char in enumerate(text):
        indexes.append(index)
        if ord(char) > 0xFFFF:
            indexes.append(index)  # the second half of a surrogate pair
    indexes.append(len(text))
    return indexes


def _python_span(
    utf16: list[int] | None, start: int, length: int, size: int
) -> tuple[int, int] | None:
    """A word's (start, length) in Python indexes, or None if it is not in the text."""
    end = start + length
    if start < 0 or length < 0:
        return None
    if utf16 is None:
        return (start, length) if end <= size else None
    if end >= len(utf16):
        return None
    return utf16[start], utf16[end] - utf16[start]
