"""Hyphenation points by the pack's language: only the words asked for, never addresses."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from kiosk.ui.widgets.hyphenation import (
    SOFT_HYPHEN,
    dictionary_name,
    hyphenate,
    without_soft_hyphens,
)


@pytest.mark.parametrize(
    ("language", "dictionary"),
    [
        ("en", "en"),
        ("en-GB", "en_GB"),
        ("en-US", "en_US"),
        ("pt-BR", "pt_BR"),
        ("es-419", "es"),  # Latin American Spanish: Spanish rules
        ("de-CH-1996", "de_CH"),
        ("sr-Latn-RS", "sr_Latn"),
        ("sr", "sr"),
        ("no", "nb"),  # Norwegian: Bokmål, its common written standard
        ("ja", None),
        ("zh-Hant-TW", None),
        (None, None),
    ],
)
def test_each_language_tag_finds_its_dictionary_or_none(
    language: str | None, dictionary: str | None
) -> None:
    assert dictionary_name(language) == dictionary


def test_only_the_words_asked_for_get_hyphenation_points() -> None:
    text = "What is interhemispheric imbalance?"
    hyphenated = hyphenate(text, "en", {"interhemispheric"})
    hyphen = SOFT_HYPHEN
    assert hyphenated == f"What is inter{hyphen}hemi{hyphen}spheric imbalance?"
    assert without_soft_hyphens(hyphenated) == text


def test_a_word_keeps_its_punctuation_and_three_letters_each_side_of_a_break() -> None:
    # English rules would allow "im-bal-ance"; "im" is too short a piece.
    assert hyphenate("(imbalance?)", "en", {"(imbalance?)"}) == f"(imbal{SOFT_HYPHEN}ance?)"


@pytest.mark.parametrize(
    "address",
    [
        "https://www.example-clinic.org/patients/information",
        "staff@example-clinic.org",
        r"C:\Kiosk\content\topics\information.yaml",
        "example-clinic.org",
    ],
)
def test_addresses_stay_whole(address: str) -> None:
    assert hyphenate(f"See {address} today", "en", {address}) == f"See {address} today"


def test_without_a_dictionary_the_text_is_unchanged() -> None:
    text = "What is interhemispheric imbalance?"
    assert hyphenate(text, "ja", {"interhemispheric"}) == text
    assert hyphenate(text, None, {"interhemispheric"}) == text


def test_no_dictionary_is_read_while_every_word_fits() -> None:
    """pyphen (tens of milliseconds to import and read a dictionary) is left
    alone at start and on every answer of the bundled pack at 1080p."""
    program = textwrap.dedent(
        """
        import sys
        from PySide6.QtWidgets import QApplication
        from kiosk.content import load_pack
        from kiosk.paths import bundled_content
        from kiosk.ui.style.fonts import register_fonts
        from kiosk.ui.window import KioskWindow

        app = QApplication([])
        register_fonts()
        pack = load_pack(bundled_content())
        window = KioskWindow(pack, app=app, idle_timeout_ms=10**7, idle_warning_ms=10**7)
        window.setFixedSize(1920, 1080)
        window.show()
        for topic in pack.topics:
            window.show_topic(topic.id)
            app.processEvents()
        print("pyphen" in sys.modules)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=True,
        timeout=60,
    )
    assert done.stdout.strip().splitlines()[-1] == "False"
