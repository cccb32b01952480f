"""Read-aloud: the answer screen's Listen button, on Qt's text-to-speech engines.

:class:`Speaker` wraps ``QTextToSpeech`` so that nothing about speech can
break the kiosk. When read-aloud cannot work (Qt's speech module does not
load, no engine is installed, the engine fails, or it has no voice for the
content's language) ``available`` is False, the reason is logged once for
staff, and every method does nothing.

What the engines do, as seen on Linux with Qt 6.11:

- ``mock`` (always installed, silent) changes state synchronously inside
  ``say()`` and ``stop()`` and reports every word.
- ``speechd`` (speech-dispatcher) reports no words, and changes state later,
  from speech-dispatcher's own events: after ``stop()`` the old text's
  "cancelled" arrives after ``say()`` has already asked for the next one.
  Without a working sound output it reports "speaking" and never finishes;
  :data:`SPEECH_DEADLINE_BASE_MS` catches that. speech-dispatcher is then
  stuck, and any new connection to it waits for ever (Qt's engine would hang
  the kiosk's start): :func:`speechd_stuck` asks it first, with a time limit.
  Creating it takes a second or two (speech-dispatcher lists every voice):
  create a Speaker once, not per answer.
"""

from __future__ import annotations

import logging
import os
import re
import socket
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QLocale, QObject, QTimer, Signal

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

log = logging.getLogger(__name__)

# The mock engine speaks silently: a kiosk must never pick it by itself.
MOCK_ENGINE = "mock"

# Speech that has not finished after this long is taken to be stuck (a
# speech-dispatcher with no sound output never reports the end): Listen
# turns off, so the Stop button and the held idle timer are released. Far
# above the slowest voice (Qt rate -1 is about 80 words a minute).
SPEECH_DEADLINE_BASE_MS = 15_000
SPEECH_DEADLINE_PER_WORD_MS = 1_000

# A speech-dispatcher that has not answered a client's first line in this
# long is stuck (a healthy one answers in milliseconds).
SPEECHD_ANSWER_S = 2.0
SPEECHD_ENGINE = "speechd"

# Voice names say "America" and "Great Britain" where Qt says United States
# and United Kingdom (espeak-ng's, through speech-dispatcher).
_TERRITORY_ALIASES = {
    QLocale.Country.UnitedStates: ("america",),
    QLocale.Country.UnitedKingdom: ("great britain", "britain"),
}

# How many of an engine's languages a log line lists before "...".
LISTED_LOCALES = 12

_INSTALL_HINT = "on Debian or Ubuntu: apt install speech-dispatcher espeak-ng libspeechd2"


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


class Speaker(QObject):
    """Reads text aloud in the content's language, or explains once why it cannot.

    - ``language``: the content pack's BCP 47 tag ("en", "en-GB", "pt-BR").
      The engine's locale is the tag's language and region if it has them,
      else the same language in another region; never another language.
    - ``engine``: a Qt engine name ("speechd", "sapi", "winrt", "mock"), or
      None for Qt's preferred engine on this system (never ``mock``).
    - ``rate``: -1 (slowest) to 1; slightly slow by default, for patients.
    - ``engine_parameters``: passed to the engine (see Qt's engine docs).

    Signals:

    - ``speaking_changed(bool)``: True when ``say()`` starts speech; False
      when it ends by itself, is stopped or replaced, fails, or could not
      start (then queued, so a caller may mark itself busy right after
      ``say()`` and still hear the False).
    - ``word_spoken(start, length)``: the word being spoken, as a slice of
      the text given to ``say()`` (Python string indices), on engines with
      ``words_supported``.
    - ``available_changed(bool)``: read-aloud started or stopped working
      after construction (an engine that starts late, or fails).
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
    ) -> None:
        super().__init__(parent)
        self._language = language
        self._rate = max(-1.0, min(1.0, rate))
        self._tts: QTextToSpeech | None = None
        self._qtts: type[QTextToSpeech] | None = None
        self._available = False
        self._reason = ""  # why not available; "" while available or starting
        self._words = False
        self._engine_name = ""
        self._voice_locale = ""
        self._voice_name = ""
        # The text being spoken (None when idle), with its UTF-16 offset map.
        self._text: str | None = None
        self._utf16: list[int] | None = None
        self._speaking = False  # from say() until speech ends or stops
        self._started = False  # the engine has reported "speaking" for self._text
        self._deadline = QTimer(self, singleShot=True)
        self._deadline.timeout.connect(self._on_deadline)
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
        """Speak ``text``, replacing whatever is being spoken."""
        if not shiboken6.isValid(self):  # deleted by Qt (its parent went): silent
            return
        if self._speaking:
            self.stop()
        tts = self._live_engine()
        if tts is None or not self._available or not text.strip():
            # The caller may already show "speaking": tell it, after it returns.
            QTimer.singleShot(0, self, self._report_not_speaking)
            return
        self._text = text
        self._utf16 = _utf16_index_map(text)
        self._speaking = True
        self._started = False
        self._deadline.start(speech_deadline_ms(text))
        self.speaking_changed.emit(True)
        if self._speaking:  # a slot of speaking_changed may have stopped it already
            tts.say(text)

    def stop(self) -> None:
        """Stop speaking at once; harmless when nothing is being spoken."""
        if not self._speaking or not shiboken6.isValid(self):
            return
        self._finish()
        tts = self._live_engine()
        if tts is not None and self._qtts is not None:
            tts.stop(self._qtts.BoundaryHint.Immediate)
        self.speaking_changed.emit(False)

    # -- engine set-up ----------------------------------------------------------
    def _open_engine(self, engine: str | None, parameters: dict[str, object]) -> None:
        try:
            qtts = load_text_to_speech()
        except ImportError as error:
            self._disable(
                f"Qt's text-to-speech module cannot be loaded ({error}); on Debian or "
                "Ubuntu install libpulse0 (QtMultimedia needs it), and speech-dispatcher, "
                "espeak-ng and libspeechd2 for the voices"
            )
            return
        self._qtts = qtts
        engines = qtts.availableEngines()
        if engine is None:
            real = [name for name in engines if name != MOCK_ENGINE]
            if not real:
                self._disable(f"no text-to-speech engine is installed ({_INSTALL_HINT})")
                return
            name = ""  # Qt's preferred engine for this system
        elif engine not in engines:
            self._disable(
                f"there is no text-to-speech engine {engine!r} here "
                f"(installed: {', '.join(engines) or 'none'}; {_INSTALL_HINT})"
            )
            return
        else:
            name = engine
        if name == SPEECHD_ENGINE or (not name and SPEECHD_ENGINE in engines):
            stuck = speechd_stuck()
            if stuck:
                self._engine_name = SPEECHD_ENGINE
                self._disable(stuck)
                return
        tts = qtts(name, parameters, self)
        self._tts = tts
        self._engine_name = tts.engine() or name or "default"
        if engine is None and self._engine_name == MOCK_ENGINE:
            self._disable(f"only the silent test engine is installed ({_INSTALL_HINT})")
            return
        tts.stateChanged.connect(self._on_state)
        tts.errorOccurred.connect(self._on_error)
        tts.sayingWord.connect(self._on_word)
        state = tts.state()
        if state == qtts.State.Ready:
            self._configure()
        elif state == qtts.State.Error and tts.errorReason() != qtts.ErrorReason.NoError:
            self._engine_failed()
        # else the engine is still starting: _on_state configures it once Ready.

    def _configure(self) -> None:
        """Choose the voice for the content's language; the engine is Ready."""
        tts = self._live_engine()
        qtts = self._qtts
        if tts is None or qtts is None:
            return
        locales = tts.availableLocales()
        chosen = choose_locale(self._language, locales, tts.locale())
        if chosen is None:
            names = sorted({_tag(locale) for locale in locales if _is_language(locale)})
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
                f"the text-to-speech engine {self._engine_name!r} lists {_tag(chosen)} "
                "but has no voice for it"
            )
            return
        # An accent for the region the content names, else the locale's.
        region = QLocale(self._language) if _names_region(self._language) else chosen
        voice = choose_voice(tts.availableVoices(), region)
        if voice is not None and voice.name() != tts.voice().name():
            tts.setVoice(voice)
            if tts.state() == qtts.State.Error:
                self._engine_failed()
                return
        tts.setRate(self._rate)
        self._words = bool(tts.engineCapabilities() & qtts.Capability.WordByWordProgress)
        self._voice_locale = _tag(chosen)
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
            f"({_INSTALL_HINT}; on Linux, check that 'spd-say hello' is heard)"
        )

    # -- engine events ----------------------------------------------------------
    def _on_state(self, state: object) -> None:
        qtts = self._qtts
        if qtts is None:
            return
        if state == qtts.State.Speaking:
            if self._speaking:
                self._started = True
        elif state == qtts.State.Ready:
            if not self._available and not self._reason:
                self._configure()  # an engine that started asynchronously
                if self._available:
                    self.available_changed.emit(True)
            # A "ready" before this text started is the end of the text it
            # replaced (speechd reports the cancel late); only ours counts.
            elif self._speaking and self._started:
                self._finish()
                self.speaking_changed.emit(False)
        elif state == qtts.State.Error:
            self._on_error()

    def _on_error(self, _reason: object = None, message: str = "") -> None:
        speaking = self._speaking
        self._finish()
        self._engine_failed(message)
        if speaking:
            self.speaking_changed.emit(False)

    def _on_word(self, word: str, _utterance: int, start: int, length: int) -> None:
        text = self._text
        if text is None or not self._speaking:
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
        self.stop()
        self._disable(
            f"the text-to-speech engine {self._engine_name!r} did not finish speaking in "
            "time, as happens when it has no working sound output (Linux: check that "
            "'spd-say hello' is heard); restart the kiosk after fixing it"
        )

    # -- helpers ----------------------------------------------------------------
    def _finish(self) -> None:
        self._speaking = False
        self._started = False
        self._text = None
        self._utf16 = None
        self._deadline.stop()

    def _report_not_speaking(self) -> None:
        if not self._speaking:
            self.speaking_changed.emit(False)

    def _live_engine(self) -> QTextToSpeech | None:
        """The engine, unless it was never made or Qt has deleted it."""
        tts = self._tts
        return tts if tts is not None and shiboken6.isValid(tts) else None


def speechd_stuck(
    timeout_s: float | None = None, env: Mapping[str, str] = os.environ
) -> str | None:
    """Why speech-dispatcher cannot be used, if it is running but does not answer.

    None when it answers, or is not running (then it is started when Qt's
    engine connects). Asks the way its clients do (SSIP, one line), on the
    socket libspeechd would use.
    """
    address = _speechd_address(env)
    if address is None:
        return None
    family, target = address
    try:
        with socket.socket(family, socket.SOCK_STREAM) as connection:
            connection.settimeout(SPEECHD_ANSWER_S if timeout_s is None else timeout_s)
            connection.connect(target)
            connection.sendall(b"SET SELF CLIENT_NAME kiosk:probe:main\r\n")
            if connection.recv(1024):
                connection.sendall(b"QUIT\r\n")
    except TimeoutError:
        where = target if isinstance(target, str) else f"{target[0]}:{target[1]}"
        return (
            f"speech-dispatcher is running but does not answer (at {where}): it is stuck, "
            "as happens after it found no working sound output; stop it (it starts again "
            "when needed), check that 'spd-say hello' is heard, and restart the kiosk"
        )
    except OSError:
        return None  # not running: Qt's engine starts it
    return None


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


def choose_locale(language: str, locales: Sequence[QLocale], current: QLocale) -> QLocale | None:
    """The best of an engine's ``locales`` for a BCP 47 ``language`` tag.

    Only locales of the same language qualify. Among them: the tag's region
    if it names one (en-GB), then its script, then the engine's current
    locale (it follows the system's, so "en" on a British PC gets British
    English), then the language's main region (en: en-US), then by name.
    """
    wanted = QLocale(language)
    if not _is_language(wanted):
        return None
    same = [locale for locale in locales if locale.language() == wanted.language()]
    if not same:
        return None
    region_asked = _names_region(language)

    def rank(locale: QLocale) -> tuple[bool, bool, bool, bool, str]:
        region = locale.territory() == wanted.territory()
        return (
            not (region_asked and region),
            locale.script() != wanted.script(),
            locale.name() != current.name() or locale.script() != current.script(),
            not region,
            locale.name(),
        )

    return min(same, key=rank)


def choose_voice(voices: Sequence[QVoice], locale: QLocale) -> QVoice | None:
    """The voice with ``locale``'s accent among an engine's ``voices`` for its language.

    speech-dispatcher files several of espeak-ng's accents under one locale,
    and Qt takes the first: "English (Caribbean)" for en-US, "Portuguese
    (Portugal)" for pt-BR. Prefer a voice whose name (in brackets) names the
    region, then one that names no other region, then a plain voice (not an
    espeak-ng "+variant"); otherwise keep the engine's order.
    """
    own = {QLocale.territoryToString(locale.territory()).lower()}
    own.update(_TERRITORY_ALIASES.get(locale.territory(), ()))
    others = _territory_names() - own

    def rank(item: tuple[int, QVoice]) -> tuple[bool, bool, bool, int]:
        index, voice = item
        where = " ".join(re.findall(r"\(([^)]*)\)", voice.name())).lower()
        return (
            not any(name in where for name in own),
            any(name in where for name in others),
            "+" in voice.name(),
            index,
        )

    return min(enumerate(voices), key=rank)[1] if voices else None


def _territory_names() -> set[str]:
    return {
        QLocale.territoryToString(territory).lower()
        for territory in QLocale.Country
        if territory != QLocale.Country.AnyTerritory
    }


def _is_language(locale: QLocale) -> bool:
    return locale.language() not in (QLocale.Language.C, QLocale.Language.AnyLanguage)


def _names_region(tag: str) -> bool:
    """Whether a BCP 47 tag names a region (GB, 419), before any extension."""
    for subtag in re.split(r"[-_]", tag)[1:]:
        if len(subtag) == 1:  # extensions and private use follow a singleton
            return False
        if (len(subtag) == 2 and subtag.isalpha()) or (len(subtag) == 3 and subtag.isdigit()):
            return True
    return False


def _tag(locale: QLocale) -> str:
    """A locale's full BCP 47 tag: "en-US", where bcp47Name() would say "en"."""
    return locale.name().replace("_", "-")


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
