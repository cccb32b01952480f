"""The shipped translation files are up to date with the code, complete,
and compiled: a wording changed in the code without running
``python -m kiosk.i18n.update`` fails here, naming the words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.i18n import catalog, update
from kiosk.i18n.catalog import read_ts, ts_files

SHIPPED = sorted(ts_files().items())
# Qt's plural forms per language (Linguist's numerus forms).
PLURAL_FORMS = {"es": 2, "ar": 6}


def messages(path: Path) -> set[tuple[str, str, bool]]:
    return {(m.context, m.source, m.plural) for m in read_ts(path)[1]}


@pytest.fixture(scope="module")
def fresh_ts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What lupdate extracts from the code now (its tools come with PySide6)."""
    try:
        update.tool("pyside6-lupdate")
    except FileNotFoundError as error:
        pytest.skip(str(error))
    path = tmp_path_factory.mktemp("lupdate") / "kiosk_xx.ts"
    update.lupdate(path, "xx")
    return path


def test_the_code_has_patient_words(fresh_ts: Path) -> None:
    assert ("AnswerScreen", "Home", False) in messages(fresh_ts)
    assert ("IdleOverlay", "Keep reading", False) in messages(fresh_ts)


@pytest.mark.parametrize(("language", "path"), SHIPPED, ids=[lang for lang, _ in SHIPPED])
def test_each_ts_file_has_exactly_the_words_in_the_code(
    fresh_ts: Path, language: str, path: Path
) -> None:
    # Either list not empty: run python -m kiosk.i18n.update, then translate.
    in_code, in_file = messages(fresh_ts), messages(path)
    assert sorted(in_code - in_file) == [], f"new words, not in {path.name}"
    assert sorted(in_file - in_code) == [], f"words gone from the code, still in {path.name}"


@pytest.mark.parametrize(("language", "path"), SHIPPED, ids=[lang for lang, _ in SHIPPED])
def test_every_word_is_translated(language: str, path: Path) -> None:
    target, found = read_ts(path)
    assert target == language
    unfinished = [m.source for m in found if not m.finished]
    assert unfinished == []


# A button's visible word and the longer name a screen reader gives it
# (set_label(word, name)): the name holds the word, so that a patient who
# says what they see, to voice control, names the button (WCAG 2.5.3).
LABELS_IN_NAMES = [("Contrast", "High contrast"), ("Stop", "Stop reading aloud")]


@pytest.mark.parametrize(("language", "path"), SHIPPED, ids=[lang for lang, _ in SHIPPED])
def test_a_buttons_name_holds_its_visible_word(language: str, path: Path) -> None:
    translated = {m.source: m.translations[0] for m in read_ts(path)[1]}
    for label, name in LABELS_IN_NAMES:
        assert translated[label].casefold() in translated[name].casefold(), (label, name)


@pytest.mark.parametrize(("language", "path"), SHIPPED, ids=[lang for lang, _ in SHIPPED])
def test_plurals_have_every_form_of_the_language(language: str, path: Path) -> None:
    plurals = [m for m in read_ts(path)[1] if m.plural]
    assert plurals
    for message in plurals:
        assert len(message.translations) == PLURAL_FORMS[language]
        assert all(form.strip() for form in message.translations)


@pytest.mark.parametrize(("language", "path"), SHIPPED, ids=[lang for lang, _ in SHIPPED])
def test_translations_keep_the_placeholders(language: str, path: Path) -> None:
    for message in read_ts(path)[1]:
        wanted = set(re.findall(r"%1", message.source))
        for form in message.translations:
            assert set(re.findall(r"%1", form)) == wanted, (message.source, form)
        if message.plural:
            # Some forms may spell the number out ("ثانيتين": two seconds); most show it.
            assert any("%n" in form for form in message.translations)


def test_each_language_tag_message_names_its_language() -> None:
    for language, path in SHIPPED:
        (tag,) = [m for m in read_ts(path)[1] if m.context == catalog.LANGUAGE_CONTEXT]
        assert tag.translations == (language,)


@pytest.mark.parametrize(("language", "path"), SHIPPED, ids=[lang for lang, _ in SHIPPED])
def test_each_qm_file_is_its_ts_file_compiled(language: str, path: Path, tmp_path: Path) -> None:
    try:
        update.tool("pyside6-lrelease")
    except FileNotFoundError as error:
        pytest.skip(str(error))
    compiled = tmp_path / "fresh.qm"
    update.lrelease(path, compiled)
    assert compiled.read_bytes() == path.with_suffix(".qm").read_bytes(), (
        f"{path.with_suffix('.qm').name} is out of date: run python -m kiosk.i18n.update"
    )


def test_no_translation_file_without_its_compiled_file() -> None:
    folder = catalog.FOLDER
    assert {p.stem for p in folder.glob("*.qm")} == {p.stem for p in folder.glob("*.ts")}


def test_lupdate_ships_with_pyside6() -> None:
    # The tests above skip without it; it comes with PySide6-Essentials, so a
    # skip means a broken install, not a missing extra.
    assert Path(update.tool("pyside6-lupdate")).exists()
    assert Path(update.tool("pyside6-lrelease")).exists()
