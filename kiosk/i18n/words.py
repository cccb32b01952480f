"""Serves the kiosk's own words to Qt's translation system, in one language
at a time: the shipped translation (``kiosk_<lang>.qm``) and the words a
pack supplies (``words:`` in ``kiosk.<lang>.yaml``).

A pack's words come first: they fill a language the kiosk ships no words
for, and override a shipped word the clinic wants said its own way. Any
word neither gives stays in English.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, QTranslator
from PySide6.QtWidgets import QWidget

from kiosk.content.languages import base_language
from kiosk.i18n.catalog import (
    FOLDER,
    LANGUAGE_CONTEXT,
    LANGUAGE_SOURCE,
    PREFIX,
    patient_contexts,
)

_NO_WORDS: Mapping[str, str] = MappingProxyType({})


def words_language() -> str:
    """The BCP 47 tag of the language the kiosk's words are in now ("en"
    when they are in English): a voice reads them only in that language."""
    return QCoreApplication.translate(
        "KioskWords", "en", "The BCP 47 tag of this language: the language of these words"
    )


class _WordsTranslator(QTranslator):
    """The one translator the kiosk installs: it answers from the pack's
    words, then from the shipped file. Swapping what it holds, rather than
    removing and installing translators, makes a language switch one
    LanguageChange round (Qt sends one per installed or removed translator)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.tag = "en"  # the language asked for
        self.shipped: QTranslator | None = None
        self.pack_words: Mapping[str, str] = _NO_WORDS

    # Qt's own signature; None (a null string to Qt) means "not mine, ask the next".
    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if context == LANGUAGE_CONTEXT and source == LANGUAGE_SOURCE:
            return self.tag
        if self.pack_words and context in patient_contexts():
            word = self.pack_words.get(source)
            if word is not None:
                return word
        if self.shipped is not None:
            return self.shipped.translate(context, source, disambiguation, n) or None
        return None


class KioskWords(QObject):
    """The kiosk's words in one language at a time; :meth:`use` switches."""

    def __init__(self, app: QCoreApplication, parent: QObject | None = None) -> None:
        """Serves words to ``app`` while it lives (it and its translator are
        children of ``parent``, else of ``app``)."""
        super().__init__(parent or app)
        self._app = app
        self._translator = _WordsTranslator(self)
        self._shipped: dict[str, QTranslator | None] = {}  # loaded once per language
        self._requested = "en"
        # Installed once, for good: it holds no words yet, so Qt sends no
        # LanguageChange for it.
        app.installTranslator(self._translator)

    @property
    def language(self) -> str:
        """The language asked for last (a BCP 47 tag)."""
        return self._requested

    def use(self, language: str, pack_words: Mapping[str, str] = _NO_WORDS) -> None:
        """Show the kiosk's words in ``language`` (a BCP 47 tag; "es-MX" is
        served by the shipped "es"), with ``pack_words`` (English wording ->
        this language's) before the shipped ones. Every widget has its new
        words when this returns."""
        translator = self._translator
        shipped = self._shipped_for(language)
        words = MappingProxyType({w: t for w, t in pack_words.items() if t.strip()})
        # Without words for it the language is served in English, as "en".
        tag = language if shipped is not None or words else "en"
        self._requested = language
        if (translator.tag, translator.shipped, translator.pack_words) == (tag, shipped, words):
            return
        translator.tag, translator.shipped, translator.pack_words = tag, shipped, words
        QCoreApplication.sendEvent(self._app, QEvent(QEvent.Type.LanguageChange))
        # QApplication posts the change on to each window; delivered now, so
        # that the next paint already shows the new words.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)

    def uninstall(self) -> None:
        """Serve no more words: the application is back to the words as written."""
        self._app.removeTranslator(self._translator)

    def serve(self, window: QWidget) -> None:
        """Serve ``window`` for as long as it lives, then go, a turn of the
        event loop later. Not as the window's child: a translator removed
        while the window's widgets are being destroyed would send them a
        language change half-way through (and crash the process)."""
        window.destroyed.connect(self.deleteLater)

    def _shipped_for(self, language: str) -> QTranslator | None:
        if base_language(language) == "en":
            return None  # the words are written in English
        if language not in self._shipped:
            translator = QTranslator(self)
            # Qt tries the locale's UI languages in turn: kiosk_es_MX, kiosk_es.
            found = translator.load(QLocale(language), PREFIX.rstrip("_"), "_", str(FOLDER))
            self._shipped[language] = translator if found else None
        return self._shipped[language]
