"""Which characters no font can draw, as Qt's font database says."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kiosk.content import load_pack
from kiosk.content.texts import PackText, characters_to_check, pack_texts
from kiosk.i18n.catalog import read_ts, ts_files
from kiosk.paths import bundled_content
from kiosk.ui.style.coverage import font_access, platform_arguments, undrawable


def test_the_bundled_fonts_draw_latin_and_arabic(qapp):
    text = "Clinic é ü ñ — “quoted” … \u0645\u0631\u062d\u0628\u0627 \u060c \u0661\u0662"
    assert undrawable(set(text) - {" "}, system_fonts=False) == set()


def test_what_the_bundled_fonts_lack_is_undrawable_without_system_fonts(qapp):
    assert undrawable({"a", "\u4e2d", "\ue000"}, system_fonts=False) == {"\u4e2d", "\ue000"}


def test_a_private_use_character_no_font_has_is_undrawable(qapp):
    assert undrawable({"\ue000", "\u0627"}) == {"\ue000"}


def test_without_an_application_one_is_made_offscreen_and_shut_down():
    # In a child process: this one has the tests' application. No display,
    # no QT_QPA_PLATFORM: `kiosk check` runs on a server's shell too.
    script = (
        "from PySide6.QtCore import QCoreApplication\n"
        "from kiosk.ui.style.coverage import font_access, undrawable\n"
        "with font_access():\n"
        "    print(sorted(undrawable({'\\ue000', 'a'})))\n"
        "print(QCoreApplication.instance())\n"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "['\\ue000']\nNone\n", "")


def test_an_existing_application_is_used_and_kept(qapp):
    with font_access():
        assert undrawable({"\ue000"}) == {"\ue000"}
    assert qapp.instance() is qapp


@pytest.mark.parametrize(
    ("platform", "arguments"),
    [("linux", ["-platform", "offscreen"]), ("darwin", ["-platform", "offscreen"]), ("win32", [])],
)
def test_the_platform_is_the_one_whose_fonts_are_the_systems(platform, arguments):
    assert platform_arguments(platform) == arguments


def test_the_bundled_fonts_draw_every_character_of_the_bundled_pack(qapp):
    # English, Spanish and Arabic: no system font may be needed for any of it.
    characters = characters_to_check(pack_texts(load_pack(bundled_content())))
    assert "\u0627" in characters  # the Arabic is checked, not skipped
    assert undrawable(characters, system_fonts=False) == set()


def test_the_bundled_fonts_draw_every_shipped_translation_of_the_kiosks_words(qapp):
    translated = "".join(
        text
        for path in ts_files().values()
        for message in read_ts(path)[1]
        for text in message.translations
    )
    characters = characters_to_check([PackText("kiosk/i18n", ("words",), translated)])
    assert "\u0627" in characters  # the Arabic words are among them
    assert undrawable(characters, system_fonts=False) == set()
