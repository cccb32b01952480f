"""The patient screens in the patient's language: after a switch, no word
the kiosk has a translation for is left in English, on screen or for a
screen reader, on any patient screen (shown or hidden); staff screens stay
in English."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QTextEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import Pack
from kiosk.i18n.catalog import patient_words
from kiosk.i18n.words import KioskWords
from kiosk.ui.style.text_size import TextSize
from kiosk.ui.widgets.text import WrappedText
from kiosk.ui.window import KioskWindow

TOPIC = "negative-effects-of-tms"  # a topic with a source line


def english_patterns() -> list[re.Pattern[str]]:
    """Each patient word as a pattern of what it shows: "Answer: %1" is
    "Answer: " and anything, "%n seconds" also "1 second"."""
    patterns = []
    for word in patient_words():
        pattern = re.escape(word).replace("%1", ".*").replace("%n", r"\d+")
        patterns.append(re.compile(pattern.replace("seconds", "seconds?")))
    return patterns


def texts(widget: QWidget) -> list[str]:
    """Every text of ``widget`` and its children, hidden ones too: what it
    shows, and the names and descriptions a screen reader says."""
    found: list[str] = []
    for each in [widget, *widget.findChildren(QWidget)]:
        found += [each.accessibleName(), each.accessibleDescription()]
        if isinstance(each, WrappedText | QAbstractButton):
            found.append(each.text())
        if isinstance(each, QTextEdit):
            found += each.document().toPlainText().splitlines()
    return [text for text in found if text]


def patient_texts(window: KioskWindow) -> list[str]:
    screens = (
        window.home,
        window.answer,
        window.languages_screen,
        window.unavailable,
        window.overlay,
    )
    return [window.windowTitle(), *(text for screen in screens for text in texts(screen))]


def in_english(found: list[str]) -> list[str]:
    patterns = english_patterns()
    return [text for text in found if any(p.fullmatch(text) for p in patterns)]


@pytest.fixture
def reading(open_window, bundled_pack: Pack) -> KioskWindow:
    """A window on an answer with a source, the idle warning's words set."""
    window: KioskWindow = open_window(bundled_pack, size=(1280, 800))
    window.show_topic(TOPIC)
    window.overlay.set_seconds_left(30)
    return window


@pytest.mark.parametrize("language", ["es", "ar"])
def test_no_english_word_is_left_after_a_switch(
    reading: KioskWindow, words: KioskWords, language: str
) -> None:
    assert len(in_english(patient_texts(reading))) > 30  # the check can see English
    words.use(language)
    assert in_english(patient_texts(reading)) == []


def test_the_spanish_words_are_in_place(reading: KioskWindow, words: KioskWords) -> None:
    window = reading
    words.use("es")
    answer = window.answer
    assert answer.home_button.text() == "Inicio"
    assert answer.accessibleName() == "Pantalla de respuesta"
    assert answer.view.accessibleName() == f"Respuesta: {answer.topic.question}"  # type: ignore[union-attr]
    assert answer.text_size_buttons[TextSize.LARGER].accessibleName() == "A+, letra grande"
    assert answer.text_size_buttons[TextSize.LARGER].text() == "A+"  # the label stays
    assert answer.contrast_button.accessibleName() == "Alto contraste"
    lines = answer.view.document().toPlainText().splitlines()
    assert any(line.startswith("Fuente: ") for line in lines)
    assert window.home.tiles[0].accessibleDescription() == "Abre la respuesta"
    assert window.overlay.message.text() == "Si no, esta pantalla vuelve al inicio en 30 segundos."
    assert window.overlay.announcement() == (
        "¿Sigue leyendo? Si no, esta pantalla vuelve al inicio en 30 segundos. "
        "Toque la pantalla para seguir leyendo."
    )
    assert window.unavailable.heading.text() == "Estamos actualizando la pantalla de información"


def test_listen_and_stop_follow_the_language(reading: KioskWindow, words: KioskWords) -> None:
    listen = reading.answer.listen_button
    words.use("es")
    assert (listen.text(), listen.accessibleName()) == ("Escuchar", "Escuchar")
    reading.answer.set_speaking(True)
    assert (listen.text(), listen.accessibleName()) == ("Parar", "Parar la lectura en voz alta")
    words.use("ar")
    assert (listen.text(), listen.accessibleDescription()) == ("إيقاف", "يوقف الصوت")
    reading.answer.set_speaking(False)
    assert listen.text() == "استماع"


def test_english_comes_back_word_for_word(reading: KioskWindow, words: KioskWords) -> None:
    english = patient_texts(reading)
    words.use("ar")
    words.use("en")
    assert patient_texts(reading) == english
    assert reading.overlay.message.text() == (
        "If not, this screen goes back to the start in 30 seconds."
    )
    reading.overlay.set_seconds_left(1)
    one = "If not, this screen goes back to the start in 1 second."
    assert reading.overlay.message.text() == one


def test_staff_screens_stay_in_english(reading: KioskWindow, words: KioskWords) -> None:
    staff = (reading.pin_pad, reading.staff_menu, reading.status_screen, reading.usage_screen)
    english = [texts(screen) for screen in staff]
    words.use("es")
    assert [texts(screen) for screen in staff] == english


def test_the_page_without_content_and_its_window_title(
    open_window, words: KioskWords, qtbot: QtBot
) -> None:
    window: KioskWindow = open_window(None)
    assert window.current_screen == "unavailable"
    words.use("ar")
    assert window.windowTitle() == "معلومات"
    assert window.unavailable.accessibleName() == "يجري تحديث شاشة المعلومات"
    assert in_english(patient_texts(window)) == []


@pytest.mark.parametrize("language", ["es", "ar"])
def test_the_controls_are_placed_again_for_their_new_words(
    open_window, bundled_pack: Pack, words: KioskWords, language: str
) -> None:
    window: KioskWindow = open_window(bundled_pack, size=(1024, 600))
    window.show_topic(TOPIC)
    window.set_text_size(TextSize.LARGEST)
    window.answer.set_listen_available(True)
    words.use(language)
    buttons = [b for b in window.answer.controls.findChildren(QAbstractButton) if b.isVisible()]
    # Home, A, A+, A++, Contrast, Listen, and on this short screen one
    # Language button for the pack's three languages.
    assert len(buttons) == 7
    assert all(button.fits() for button in buttons)  # type: ignore[attr-defined]
    screen = window.answer.rect()
    assert all(screen.contains(b.geometry().translated(b.parentWidget().pos())) for b in buttons)


def test_taps_still_count_after_a_switch(
    open_window, bundled_pack: Pack, words: KioskWords
) -> None:
    # The input filters step aside while the words change, and come back.
    clock = iter(range(1, 1_000_000))
    window: KioskWindow = open_window(bundled_pack, monotonic=lambda: float(next(clock)))
    window.show_topic(TOPIC)
    words.use("ar")
    before = window.idle.last_active_at
    # A real tap, through the window, as a finger's on the screen.
    where = window.answer.view.mapTo(window, window.answer.view.rect().center())
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=where)
    assert window.idle.last_active_at > before  # seen by the idle clock
    assert window.answer.home_button.text() == "الرئيسية"
