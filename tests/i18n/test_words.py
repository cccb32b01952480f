"""KioskWords: the kiosk's words in the language asked for, from the shipped
translations and from a pack's words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from kiosk.i18n.words import KioskWords, words_language

SECONDS = "If not, this screen goes back to the start in %n seconds."


def home() -> str:
    return QCoreApplication.translate("AnswerScreen", "Home")


def listen() -> str:
    return QCoreApplication.translate("AnswerScreen", "Listen")


@pytest.mark.parametrize(
    ("language", "word", "tag"),
    [
        ("es", "Inicio", "es"),
        ("es-MX", "Inicio", "es"),
        ("es-419", "Inicio", "es"),
        ("ar", "الرئيسية", "ar"),
        ("ar-EG", "الرئيسية", "ar"),
        ("en", "Home", "en"),
        ("en-GB", "Home", "en"),
        ("de", "Home", "en"),  # no words shipped in German: English
        ("zz", "Home", "en"),  # no such language
    ],
)
def test_a_language_is_served_by_its_shipped_words(
    words: KioskWords, language: str, word: str, tag: str
) -> None:
    words.use(language)
    assert home() == word
    assert words_language().split("-")[0] == tag
    assert words.language == language


def test_without_kiosk_words_the_words_are_english(qapp: QApplication) -> None:
    assert home() == "Home"
    assert words_language() == "en"


def test_pack_words_fill_a_language_the_kiosk_lacks(words: KioskWords) -> None:
    words.use("de", {"Home": "Start", SECONDS: "Sonst beginnt alles neu in %n Sekunden."})
    assert home() == "Start"
    assert listen() == "Listen"  # not given: English
    assert QCoreApplication.translate("IdleOverlay", SECONDS, "", 7) == (
        "Sonst beginnt alles neu in 7 Sekunden."
    )
    assert words_language() == "de"


def test_pack_words_come_before_the_shipped_words(words: KioskWords) -> None:
    words.use("es", {"Home": "Portada"})
    assert home() == "Portada"
    assert listen() == "Escuchar"  # the shipped word where the pack gives none


def test_a_blank_pack_word_leaves_the_shipped_one(words: KioskWords) -> None:
    words.use("es", {"Home": "  "})
    assert home() == "Inicio"


def test_pack_words_for_english_reword_the_kiosk(words: KioskWords) -> None:
    words.use("en-GB", {"Home": "Start page"})
    assert home() == "Start page"
    assert words_language() == "en-GB"


def test_the_next_language_forgets_the_last_ones_pack_words(words: KioskWords) -> None:
    words.use("de", {"Home": "Start"})
    words.use("fr")
    assert home() == "Home"
    words.use("es")
    assert home() == "Inicio"
    words.use("en")
    assert home() == "Home"
    assert words_language() == "en"


def test_pack_words_reach_only_the_patient_screens_words(
    words: KioskWords, qapp: QApplication
) -> None:
    # Not Qt's own messages: a pack cannot turn the screens right to left by a word.
    words.use("de", {"QT_LAYOUT_DIRECTION": "RTL", "Exit kiosk": "Beenden"})
    assert QCoreApplication.translate("StaffMenu", "Exit kiosk") == "Exit kiosk"
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight


@pytest.mark.parametrize(
    ("count", "form"),
    [
        (0, "وإلا ستعود هذه الشاشة إلى البداية بعد 0 ثانية."),
        (1, "وإلا ستعود هذه الشاشة إلى البداية بعد ثانية واحدة."),
        (2, "وإلا ستعود هذه الشاشة إلى البداية بعد ثانيتين."),
        (5, "وإلا ستعود هذه الشاشة إلى البداية بعد 5 ثوانٍ."),
        (10, "وإلا ستعود هذه الشاشة إلى البداية بعد 10 ثوانٍ."),
        (11, "وإلا ستعود هذه الشاشة إلى البداية بعد 11 ثانية."),
        (99, "وإلا ستعود هذه الشاشة إلى البداية بعد 99 ثانية."),
        (102, "وإلا ستعود هذه الشاشة إلى البداية بعد 102 ثانية."),
    ],
)
def test_arabic_counts_take_their_plural_forms(words: KioskWords, count: int, form: str) -> None:
    words.use("ar")
    assert QCoreApplication.translate("IdleOverlay", SECONDS, "", count) == form


@pytest.mark.parametrize(
    ("count", "form"),
    [
        (1, "Si no, esta pantalla vuelve al inicio en 1 segundo."),
        (2, "Si no, esta pantalla vuelve al inicio en 2 segundos."),
    ],
)
def test_spanish_counts_take_their_plural_forms(words: KioskWords, count: int, form: str) -> None:
    words.use("es")
    assert QCoreApplication.translate("IdleOverlay", SECONDS, "", count) == form


class LanguageChanges(QObject):
    """Counts the LanguageChange events ``target`` receives."""

    def __init__(self, target: QObject) -> None:
        super().__init__()
        self.count = 0
        self.target = target
        # On the application, a filter sees every object's events: only its own count.
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.target and event.type() == QEvent.Type.LanguageChange:
            self.count += 1
        return False


def test_a_switch_is_one_language_change_delivered_at_once(
    words: KioskWords, qapp: QApplication
) -> None:
    changes = LanguageChanges(qapp)
    words.use("es", {"Home": "Portada"})
    assert changes.count == 1
    words.use("es", {"Home": "Portada"})  # nothing new: nothing to redo
    words.use("es-MX", {"Home": "Portada"})  # the same shipped words, another tag
    assert changes.count == 2
    words.use("de")
    words.use("fr")  # English, as for German: the screens need no new words
    assert changes.count == 3
    qapp.removeEventFilter(changes)
