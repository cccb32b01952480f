"""The visit's language: choosing it, what follows it, and right-to-left screens."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QPoint, QRect, Qt, QTranslator
from PySide6.QtGui import QAccessible, QTextCursor
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import Pack
from kiosk.i18n.words import KioskWords
from kiosk.ui.languages import native_name, native_names, text_direction
from kiosk.ui.style import theme
from kiosk.ui.widgets.button import TouchButton
from kiosk.ui.window import KioskWindow

WindowFactory = Callable[..., KioskWindow]
MultilingualPack = Callable[..., Pack]
RTL = Qt.LayoutDirection.RightToLeft
LTR = Qt.LayoutDirection.LeftToRight


def on_window(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def mirrored_x(rect: QRect, window: QWidget) -> int:
    """Where ``rect`` starts once mirrored in ``window``."""
    return window.width() - rect.x() - rect.width()


def settle(qtbot: QtBot) -> None:
    """Deliver posted layout events; two rounds let nested height-for-width
    layouts converge (as kiosk.ui.snapshot does)."""
    for _ in range(2):
        QApplication.processEvents()


@pytest.fixture
def window(open_window: WindowFactory, multilingual_pack: MultilingualPack) -> KioskWindow:
    return open_window(multilingual_pack(), size=(1280, 800))


# -- names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "name"),
    [("en", "English"), ("es", "Español"), ("ar", "العربية"), ("fr", "Français"), ("zz", "zz")],
)
def test_each_language_goes_by_its_own_name(tag: str, name: str) -> None:
    assert native_name(tag) == name


def test_a_region_is_named_only_where_two_share_a_language() -> None:
    assert native_names(["en-GB", "es"]) == {"en-GB": "English", "es": "Español"}
    assert native_names(["pt-BR", "pt-PT"]) == {
        "pt-BR": "Português (Brasil)",
        "pt-PT": "Português (Portugal)",
    }


def test_the_kiosks_own_words_go_the_way_their_first_letter_does() -> None:
    assert text_direction("Home") == LTR
    assert text_direction("«الرئيسية»") == RTL
    assert text_direction("123") == LTR


# -- the visit's language -----------------------------------------------------------------


def test_the_visit_starts_in_the_main_language(window: KioskWindow) -> None:
    assert window.language == "en"
    assert window.layoutDirection() == LTR
    assert [tile.text() for tile in window.home.tiles] == [
        "What is TMS?",
        "What are the side effects?",
        "Where do I park?",
    ]


def test_choosing_a_language_on_home_changes_every_text_there(
    qtbot: QtBot, window: KioskWindow
) -> None:
    with qtbot.waitSignal(window.language_changed) as changed:
        window.home.languages.buttons["es"].click()
    assert changed.args == ["es"]
    assert window.language == "es"
    home = window.home
    assert home.title.text() == "Recuperación del ictus y EMT"
    assert home.welcome.text() == "Toque una pregunta para leer la respuesta."
    assert [tile.text() for tile in home.tiles] == [
        "¿Qué es la EMT?",
        "¿Cuáles son los efectos secundarios?",
        "Where do I park?",  # not translated: in English
    ]
    # Each text in its own language: for hyphenation, direction and a screen reader.
    assert [tile.language() for tile in home.tiles] == ["es", "es", "en"]
    assert [tile.locale().language() for tile in home.tiles] == [
        QLocale.Language.Spanish,
        QLocale.Language.Spanish,
        QLocale.Language.English,
    ]
    assert home.title.language() == "es"
    assert window.windowTitle() == "Recuperación del ictus y EMT"
    assert home.languages.buttons["es"].isChecked()
    assert not home.languages.buttons["en"].isChecked()


def test_the_open_answer_stays_open_in_the_new_language_from_its_top(
    qtbot: QtBot, window: KioskWindow
) -> None:
    window.set_text_size(window.text_size.LARGEST)
    window.show_topic("side-effects")
    view = window.answer.view
    settle(qtbot)
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    window.answer.languages.buttons["ar"].click()
    assert window.current_screen == "answer"
    assert window.answer.topic is not None
    assert window.answer.topic.question == "ما هي الآثار الجانبية؟"
    assert view.document().toPlainText().startswith("ما هي الآثار الجانبية؟")
    assert bar.value() == 0
    assert window.answer.footer.text() == "معلومات عامة فقط. يرجى سؤال موظفينا."
    assert window.answer.languages.buttons["ar"].isChecked()
    window.show_home()
    assert window.home.tiles[0].text() == "ما هو التحفيز المغناطيسي للدماغ؟"


def test_language_changed_is_emitted_on_every_change_and_only_then(
    qtbot: QtBot, window: KioskWindow
) -> None:
    seen: list[str] = []
    window.language_changed.connect(seen.append)
    for language in ("es", "es", "ar", "en", "zz"):
        window.set_language(language)
    assert seen == ["es", "ar", "en"]  # the same again is no change; zz is not the pack's


def test_the_idle_return_home_goes_back_to_the_main_language(
    qtbot: QtBot, window: KioskWindow
) -> None:
    window.set_language("ar")
    window.show_topic("what-is-tms")
    with qtbot.waitSignal(window.language_changed) as changed:
        window.return_home_after_idle()
    assert changed.args == ["en"]
    assert window.current_screen == "home"
    assert window.layoutDirection() == LTR
    assert window.home.tiles[0].text() == "What is TMS?"
    assert window.home.languages.buttons["en"].isChecked()


def test_a_new_pack_keeps_the_visits_language_if_it_has_it(
    window: KioskWindow, multilingual_pack: MultilingualPack
) -> None:
    window.set_language("es")
    window.set_pack(multilingual_pack(("en", "es")))
    assert window.language == "es"
    assert window.home.tiles[0].text() == "¿Qué es la EMT?"
    assert list(window.home.languages.buttons) == ["en", "es"]
    window.set_language("es")
    window.set_pack(multilingual_pack(("en", "ar")))
    assert window.language == "en"
    assert window.home.tiles[0].text() == "What is TMS?"


def test_a_one_language_pack_has_no_language_control(
    open_window: WindowFactory, make_pack: Callable[..., Pack]
) -> None:
    window = open_window(make_pack())
    assert not window.home.languages.buttons
    assert not any(button.isVisible() for button in window.home.languages.widgets())
    window.show_topic(window.home.tiles[0].objectName().removeprefix("tile-"))
    assert not any(button.isVisible() for button in window.answer.languages.widgets())


# -- the note for an answer not in the visit's language -------------------------------------


class SpanishNote(QTranslator):
    """The note's sentence in Spanish, as the kiosk's words would give it."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if source == "This answer is only in %1.":
            return "Esta respuesta solo está en %1."
        if (context, source) == ("KioskWords", "en"):
            return "es"  # the language these words are in, as every .ts file says
        return ""


@pytest.fixture
def spanish_words(qapp: QCoreApplication) -> Iterator[None]:
    translator = SpanishNote()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_an_untranslated_answer_shows_in_the_main_language_with_a_note(
    window: KioskWindow, spanish_words: None
) -> None:
    window.set_language("es")
    window.show_topic("parking")
    text = window.answer.view.document().toPlainText()
    question, note, answer = text.split("\n")[:3]
    assert question == "Where do I park?"
    assert note == "Esta respuesta solo está en inglés."
    assert answer == "Park in the visitors' car park at the front of the clinic."
    # Listen reads the answer, in its language; the note is not read.
    assert "Esta respuesta" not in window.answer.spoken_text()
    assert "Park in the visitors" in window.answer.spoken_text()
    assert window.voice_language == "en"


def test_the_note_is_in_english_until_the_kiosks_words_are_translated(
    window: KioskWindow,
) -> None:
    window.set_language("ar")
    window.show_topic("parking")
    document = window.answer.view.document()
    note = document.begin().next()
    assert note.text() == "This answer is only in English."
    assert note.blockFormat().layoutDirection() == LTR  # English, in an Arabic visit


def test_a_translated_answer_has_no_note(window: KioskWindow) -> None:
    window.set_language("es")
    window.show_topic("what-is-tms")
    assert "only in" not in window.answer.view.document().toPlainText()
    assert window.voice_language == "es"


# -- right to left ----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 800), (1080, 1920), (1024, 600)])
def test_the_home_screen_mirrors_right_to_left(
    qtbot: QtBot,
    open_window: WindowFactory,
    multilingual_pack: MultilingualPack,
    size: tuple[int, int],
) -> None:
    window = open_window(multilingual_pack(), size=size)
    settle(qtbot)
    ltr_tiles = [on_window(tile, window) for tile in window.home.tiles]
    ltr_buttons = [on_window(b, window) for b in window.home.languages.buttons.values()]
    window.set_language("ar")
    settle(qtbot)
    assert window.layoutDirection() == RTL
    for before, tile in zip(ltr_tiles, window.home.tiles, strict=True):
        after = on_window(tile, window)
        # (Its height and row may differ: the Arabic title takes more lines.)
        assert abs(after.x() - mirrored_x(before, window)) <= 1, tile.text()
        assert after.width() == before.width()
    for before, button in zip(ltr_buttons, window.home.languages.buttons.values(), strict=True):
        assert abs(on_window(button, window).x() - mirrored_x(before, window)) <= 1
    title = window.home.title
    assert title.text_direction() == RTL


def test_the_scroll_bars_are_on_the_left_right_to_left(
    qtbot: QtBot, open_window: WindowFactory, multilingual_pack: MultilingualPack
) -> None:
    window = open_window(multilingual_pack(), size=(1024, 600))
    window.set_text_size(window.text_size.LARGEST)
    window.set_language("ar")
    settle(qtbot)
    home_bar = window.home.scroll_area.verticalScrollBar()
    assert home_bar.isVisible()
    assert on_window(home_bar, window).right() < window.width() // 4
    window.show_topic("what-is-tms")
    settle(qtbot)
    answer_bar = window.answer.view.verticalScrollBar()
    assert answer_bar.isVisible()
    view = on_window(window.answer.view.viewport(), window)
    assert on_window(answer_bar, window).right() < view.left()


def test_the_answer_controls_mirror_right_to_left(
    qtbot: QtBot, open_window: WindowFactory, multilingual_pack: MultilingualPack
) -> None:
    window = open_window(multilingual_pack(), size=(1920, 1080))
    window.answer.set_listen_available(True)
    window.show_topic("what-is-tms")
    settle(qtbot)
    answer = window.answer
    controls = [answer.home_button, *answer.text_size_buttons.values(), answer.contrast_button]
    before = [on_window(button, window) for button in controls]
    window.set_language("ar")
    settle(qtbot)
    # Arabic words are no wider than English ones here: the row keeps its shape.
    for rect, button in zip(before, controls, strict=True):
        assert abs(on_window(button, window).x() - mirrored_x(rect, window)) <= 1, button.text()
    home = on_window(answer.home_button, window)
    assert home.right() > window.width() * 3 // 4  # Home starts the row, at the right


def test_arabic_answer_text_runs_right_to_left_from_the_right(
    qtbot: QtBot, window: KioskWindow
) -> None:
    window.set_language("ar")
    window.show_topic("what-is-tms")
    settle(qtbot)
    view = window.answer.view
    document = view.document()
    block = document.begin().next()
    assert block.text().startswith("TMS هو علاج")  # a first strong letter that is Latin
    fmt = block.blockFormat()
    assert fmt.layoutDirection() == RTL
    assert block.textDirection() == RTL
    # Its line ends at the right end of the column ("TMS", read first, is
    # there, at the line's right), as does the question's.
    layout = document.documentLayout()
    column_right = view.viewport().width() - document.rootFrame().frameFormat().rightMargin()
    for paragraph in (document.begin(), block):
        line = paragraph.layout().lineAt(0).naturalTextRect()
        right = layout.blockBoundingRect(paragraph).x() + line.right()
        assert abs(right - column_right) <= 2, paragraph.text()
    tms = view.cursorRect(QTextCursor(block))  # before its "T"
    assert tms.x() > view.viewport().width() // 2
    # The question's first letter, Arabic, at the line's right end.
    first = view.cursorRect(QTextCursor(document.begin()))
    assert abs(first.x() - column_right) <= 3


def test_bullets_hang_at_the_right_in_arabic(qtbot: QtBot, window: KioskWindow) -> None:
    window.set_language("ar")
    window.show_topic("side-effects")
    settle(qtbot)
    view = window.answer.view
    block = view.document().begin()
    while block.isValid() and not block.text().startswith("\u2022"):
        block = block.next()
    topic = window.answer.topic
    assert topic is not None and topic.language == "ar"
    assert block.text() == "\u2022\u00a0" + topic.answer[1].items[0]  # type: ignore[union-attr]
    mark = view.cursorRect(QTextCursor(block))
    paragraph = view.cursorRect(QTextCursor(view.document().begin().next()))
    assert mark.x() <= paragraph.x()  # the mark is at the start (right), text after it
    assert block.blockFormat().rightMargin() > 0 == block.blockFormat().leftMargin()


def test_an_english_answer_in_an_arabic_visit_keeps_left_to_right(
    qtbot: QtBot, window: KioskWindow
) -> None:
    window.set_language("ar")
    window.show_topic("parking")
    settle(qtbot)
    document = window.answer.view.document()
    heading = document.begin()
    assert heading.blockFormat().layoutDirection() == LTR
    assert heading.textDirection() == LTR
    parking = window.home.tiles[2]
    assert parking.text_direction() == LTR
    assert window.home.tiles[0].text_direction() == RTL


def test_staff_screens_stay_left_to_right(window: KioskWindow) -> None:
    window.set_language("ar")
    assert window.staff_menu.layoutDirection() == LTR
    assert window.pin_pad.layoutDirection() == LTR
    assert window.home.layoutDirection() == RTL


# -- the language control, as a screen reader and a finger meet it -----------------------------


def test_the_language_buttons_are_a_radio_choice_read_in_their_languages(
    qtbot: QtBot, window: KioskWindow
) -> None:
    metrics = window.metrics
    buttons = window.home.languages.buttons
    assert [b.text() for b in buttons.values()] == ["English", "Español", "العربية"]
    for tag, button in buttons.items():
        interface = QAccessible.queryAccessibleInterface(button)
        assert interface.role() == QAccessible.Role.RadioButton
        assert interface.text(QAccessible.Text.Name) == button.text()
        assert interface.state().checkable
        assert interface.state().checked == (tag == "en")
        assert button.locale().name() == QLocale(tag).name()
        short = min(button.width(), button.height())
        assert metrics.mm(short) >= theme.MIN_TARGET_MM, (tag, short)
    # A screen reader's toggle chooses, as a tap does.
    actions = QAccessible.queryAccessibleInterface(buttons["ar"]).actionInterface()
    assert "Toggle" in actions.actionNames()
    actions.doAction("Toggle")
    assert window.language == "ar"
    assert buttons["ar"].isChecked() and not buttons["en"].isChecked()


def test_the_language_buttons_do_not_unchoose_the_text_size(window: KioskWindow) -> None:
    window.show_topic("what-is-tms")
    window.answer.languages.buttons["es"].click()
    assert window.answer.text_size_buttons[window.text_size].isChecked()
    assert window.answer.languages.buttons["es"].isChecked()


FIVE = ("en", "es", "ar", "fr", "he")


def test_with_four_or_more_languages_one_button_opens_the_chooser(
    open_window: WindowFactory, multilingual_pack: MultilingualPack
) -> None:
    window = open_window(multilingual_pack(FIVE), size=(1080, 1920))
    languages = window.home.languages
    assert not languages.buttons
    chooser = languages.chooser_button
    assert chooser.isVisible() and chooser.text() == "Language"
    chooser.click()
    assert window.current_screen == "languages"
    screen = window.languages_screen
    assert [tile.text() for tile in screen.tiles.values()] == [
        "English",
        "Español",
        "العربية",
        "Français",
        "עברית",
    ]
    metrics = window.metrics
    for tile in screen.tiles.values():
        assert metrics.mm(min(tile.width(), tile.height())) >= theme.MIN_TARGET_MM
    assert screen.tiles["en"].isChecked()
    # Within reach of one hand: Home and Back at the bottom, the tiles above.
    assert on_window(screen.back_button, window).top() > window.height() * 3 // 4
    screen.tiles["he"].click()
    assert window.current_screen == "home"
    assert window.language == "he"
    assert window.layoutDirection() == RTL


def test_the_chooser_goes_back_to_the_answer_in_the_new_language(
    open_window: WindowFactory, multilingual_pack: MultilingualPack
) -> None:
    window = open_window(multilingual_pack(FIVE))
    window.show_topic("what-is-tms")
    window.answer.languages.chooser_button.click()
    assert window.current_screen == "languages"
    window.languages_screen.back_button.click()
    assert window.current_screen == "answer"
    assert window.language == "en"
    window.answer.languages.chooser_button.click()
    window.languages_screen.tiles["es"].click()
    assert window.current_screen == "answer"
    assert window.answer.topic is not None
    assert window.answer.topic.question == "¿Qué es la EMT?"
    window.answer.languages.chooser_button.click()
    window.languages_screen.home_button.click()
    assert window.current_screen == "home"
    assert window.home.tiles[0].text() == "¿Qué es la EMT?"


def test_a_new_pack_waits_while_the_chooser_is_open_over_an_answer(
    open_window: WindowFactory, multilingual_pack: MultilingualPack
) -> None:
    window = open_window(multilingual_pack(FIVE))
    window.show_topic("what-is-tms")
    window.show_languages()
    window.set_pack(multilingual_pack())
    assert window.waiting_pack is not None
    window.languages_screen.back_button.click()
    assert window.current_screen == "answer"


def test_a_short_screen_gives_its_language_buttons_up_for_the_chooser_first(
    open_window: WindowFactory, multilingual_pack: MultilingualPack
) -> None:
    window = open_window(multilingual_pack(), size=(1024, 600))
    window.answer.set_listen_available(True)
    window.set_text_size(window.text_size.LARGEST)
    window.show_topic("what-is-tms")
    arrangement = window.answer.arrangement
    assert arrangement.languages_in_chooser
    chooser = window.answer.languages.chooser_button
    assert chooser.isVisible()
    assert not any(b.isVisible() for b in window.answer.languages.buttons.values())
    window.set_text_size(window.text_size.NORMAL)
    assert not window.answer.arrangement.languages_in_chooser
    assert all(b.isVisible() for b in window.answer.languages.buttons.values())


def test_every_language_button_is_a_touch_button_with_its_language() -> None:
    button = TouchButton("العربية")
    button.set_language("ar")
    assert button.text_direction() == RTL
    button.set_text_in("English", "en")
    assert button.text_direction() == LTR
    assert button.accessibleName() == "English"


# -- the idle clock, with a language chosen -----------------------------------------------


@pytest.fixture
def quick_window(open_window: WindowFactory, multilingual_pack: MultilingualPack) -> KioskWindow:
    """Five languages (the chooser), an idle clock of 40 ms and answers read at once."""
    return open_window(
        multilingual_pack(FIVE),
        size=(1280, 800),
        idle_timeout_ms=40,
        idle_warning_ms=3_600_000,
        reading_words_per_minute=10**6,
    )


def test_the_chooser_opened_over_an_answer_warns_before_the_answer_is_lost(
    qtbot: QtBot, quick_window: KioskWindow
) -> None:
    quick_window.show_topic("what-is-tms")
    quick_window.show_languages()
    with qtbot.waitSignal(quick_window.idle.warning_started, timeout=5000):
        pass
    assert quick_window.current_screen == "languages"  # still there, warned


def test_the_chooser_keeps_the_answers_reading_time(
    open_window: WindowFactory, multilingual_pack: MultilingualPack
) -> None:
    window = open_window(multilingual_pack(FIVE), idle_timeout_ms=1_000)
    window.show_topic("what-is-tms")
    reading = window.idle.timeout_ms
    assert reading > 1_000  # the answer's reading time, at 100 words a minute
    window.show_languages()
    assert window.idle.timeout_ms == reading
    window.languages_screen.back_button.click()
    assert window.idle.timeout_ms == reading


def test_a_home_screen_in_a_chosen_language_warns_before_going_back(
    qtbot: QtBot, quick_window: KioskWindow
) -> None:
    quick_window.set_language("ar")
    with qtbot.waitSignal(quick_window.idle.warning_started, timeout=5000):
        pass
    assert quick_window.language == "ar"  # not yet forgotten


def test_a_home_screen_in_the_main_language_goes_back_without_a_word(
    qtbot: QtBot, quick_window: KioskWindow
) -> None:
    warned: list[bool] = []
    quick_window.idle.warning_started.connect(lambda: warned.append(True))
    with qtbot.waitSignal(quick_window.idle.expired, timeout=5000):
        pass
    assert warned == []


def test_a_new_main_language_is_followed_by_a_kiosk_nobody_chose_a_language_on(
    window: KioskWindow, multilingual_pack: MultilingualPack
) -> None:
    spanish_first = dataclasses.replace(multilingual_pack(("en", "es")), languages=("es", "en"))
    window.set_pack(spanish_first)
    assert window.language == "es"


def test_the_next_patient_meets_the_waiting_pack_in_its_main_language(
    window: KioskWindow, multilingual_pack: MultilingualPack
) -> None:
    window.set_language("es")
    window.show_topic("what-is-tms")
    spanish_first = dataclasses.replace(multilingual_pack(("en", "es")), languages=("es", "en"))
    window.set_pack(spanish_first)  # waits: a patient is reading
    assert window.waiting_pack is spanish_first
    window.return_home_after_idle()
    assert (window.pack, window.language) == (spanish_first, "es")


def test_the_kiosks_words_carry_the_language_they_are_in(
    window: KioskWindow, words: KioskWords
) -> None:
    # A screen reader takes a text's language from its widget: Home and the
    # other controls have none of their own but the window's.
    window.language_changed.connect(words.use)
    window.show_topic("what-is-tms")
    home = window.answer.home_button
    window.set_language("ar")
    assert (home.text(), home.locale().language()) == ("الرئيسية", QLocale.Language.Arabic)
    assert window.status_screen.locale().language() == QLocale.Language.English
    window.set_language("en")
    assert home.locale().language() == QLocale.Language.English


def test_new_words_leave_the_language_buttons_where_the_patient_tapped(
    open_window: WindowFactory, multilingual_pack: MultilingualPack, words: KioskWords
) -> None:
    window = open_window(multilingual_pack(), size=(1920, 1080))
    window.answer.set_listen_available(True)
    window.show_topic("what-is-tms")
    assert not window.answer.arrangement.languages_in_chooser  # one row, buttons and all
    controls, choice = window.answer.controls, window.answer.languages

    def rows(*, collapsed: bool) -> int:
        choice.set_collapsed(collapsed)
        try:
            return controls.rows_for(controls.width(), spacing=controls.spacing)
        finally:
            choice.set_collapsed(window.answer.arrangement.languages_in_chooser)

    # Longer and longer words for Contrast, as a pack might give for a
    # language, until the language buttons need a row of their own.
    for length in range(8, 200, 8):
        words.use("de", {"Contrast": "Kontrast" + "e" * length})
        if rows(collapsed=False) > rows(collapsed=True):
            break
    assert (rows(collapsed=False), rows(collapsed=True)) == (2, 1)
    # Yet they stay: a tap on a language must not take away the button the
    # patient just used. (A screen arranged afresh would take them away.)
    assert not window.answer.arrangement.languages_in_chooser
