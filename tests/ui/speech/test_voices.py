"""Which of an engine's locales and voices reads a pack's language."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from kiosk.ui.speech.voices import choose_locale, choose_voice


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
        voice = choose_voice([Voice(n) for n in names], QLocale(locale))  # type: ignore[misc]
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
    assert choose_voice([], QLocale("en_GB")) is None
