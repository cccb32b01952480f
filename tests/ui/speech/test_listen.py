"""Listen on the answer screen, on Qt's silent mock speech engine."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.content import Pack
from kiosk.ui.speech.speaker import Speaker
from kiosk.ui.window import KioskWindow

FAST = 1.0  # the mock engine's fastest rate: 50 ms a word


@pytest.fixture
def speaker(qapp: object) -> Iterator[Speaker]:
    voice = Speaker("en", engine="mock", rate=FAST)
    assert voice.available
    yield voice
    voice.stop()
    voice.deleteLater()


@pytest.fixture
def listening_window(open_window, bundled_pack: Pack, speaker: Speaker) -> KioskWindow:
    window = open_window(bundled_pack, speaker=speaker)
    window.show_topic(bundled_pack.topics[0].id)
    return window


@pytest.mark.text_to_speech
def test_listen_reads_the_question_and_answer_and_marks_each_word(
    qtbot: QtBot, listening_window: KioskWindow, bundled_pack: Pack, speaker: Speaker
):
    window = listening_window
    topic = bundled_pack.topics[0]
    listen = window.answer.listen_button
    assert listen.isVisible()
    assert listen.accessibleName() == "Listen"
    spoken: list[tuple[int, int]] = []
    speaker.word_spoken.connect(lambda start, length: spoken.append((start, length)))

    listen.click()
    assert listen.text() == "Stop"
    assert listen.accessibleName() == "Stop reading aloud"
    text = window.answer.spoken_text()
    assert text.startswith(topic.question)
    assert not text.rstrip().endswith(topic.source or "never")  # the source is not read

    def marked_the_second_word() -> None:
        assert len(spoken) >= 2
        start, length = spoken[1]
        (selection,) = window.answer.view.extraSelections()
        assert selection.cursor.selectedText() == text[start : start + length]

    qtbot.waitUntil(marked_the_second_word)
    assert text[spoken[0][0] : sum(spoken[0])] == topic.question.split()[0]
    assert window.idle.held  # nobody taps while they listen


@pytest.mark.text_to_speech
def test_a_second_tap_stops_the_voice_and_frees_the_idle_timer(
    qtbot: QtBot, listening_window: KioskWindow, speaker: Speaker
):
    window = listening_window
    window.answer.listen_button.click()
    assert speaker.is_speaking()
    with qtbot.waitSignal(speaker.speaking_changed) as changed:
        window.answer.listen_button.click()
    assert changed.args == [False]
    assert not speaker.is_speaking()
    assert window.answer.listen_button.text() == "Listen"
    assert window.answer.view.extraSelections() == []
    assert not window.idle.held


@pytest.mark.text_to_speech
def test_leaving_the_answer_stops_the_voice(listening_window: KioskWindow, speaker: Speaker):
    window = listening_window
    window.answer.listen_button.click()
    assert speaker.is_speaking()
    window.answer.home_button.click()
    assert window.current_screen == "home"
    assert not speaker.is_speaking()
    assert not window.idle.held


@pytest.mark.text_to_speech
def test_reading_to_the_end_turns_listen_off_and_restarts_the_idle_clock(
    qtbot: QtBot, open_window, make_pack, speaker: Speaker
):
    window = open_window(make_pack({"short": ("Short?", "Yes, it is.")}), speaker=speaker)
    window.show_topic("short")
    window.answer.listen_button.click()
    with qtbot.waitSignal(speaker.speaking_changed, timeout=5000) as changed:
        pass
    assert changed.args == [False]
    assert window.answer.listen_button.text() == "Listen"
    assert not window.idle.held
    assert window.idle.timeout_ms > 0 and not window.idle.warning


@pytest.mark.text_to_speech
def test_after_listening_the_idle_warning_is_spoken_too_and_the_visit_forgotten(
    qtbot: QtBot, open_window, make_pack, speaker: Speaker, monkeypatch
):
    window = open_window(
        make_pack({"short": ("Short?", "Yes.")}),
        speaker=speaker,
        idle_timeout_ms=40,
        idle_warning_ms=300,
    )
    said: list[str] = []
    monkeypatch.setattr(speaker, "say", said.append)  # what would be spoken, silently
    window.show_topic("short")
    window.answer.listen_button.click()
    assert said == [window.answer.spoken_text()]
    window.answer.listen_button.click()  # stopped: the idle clock runs again

    with qtbot.waitSignal(window.idle.warning_started, timeout=5000):
        pass
    assert said[-1] == window.overlay.announcement()
    assert said[-1] == (
        "Are you still reading? If not, this screen goes back to the start in 1 second. "
        "Tap the screen to keep reading."
    )
    with qtbot.waitSignal(window.idle.expired, timeout=5000):
        pass

    # The next patient never pressed Listen: their warning is not spoken.
    said.clear()
    window.show_topic("short")
    with qtbot.waitSignal(window.idle.warning_started, timeout=5000):
        pass
    assert said == []


def test_without_a_working_voice_listen_is_not_shown(
    qtbot: QtBot, open_window, bundled_pack: Pack, qapp: object
):
    no_voice = Speaker("zz", engine="mock")  # a language the engine has no voice for
    assert not no_voice.available
    window = open_window(bundled_pack, speaker=no_voice)
    window.show_topic(bundled_pack.topics[0].id)
    assert not window.answer.listen_button.isVisible()
    window.set_listening(True)  # even if asked, nothing happens
    assert not window.idle.held
    no_voice.deleteLater()


@pytest.mark.text_to_speech
def test_words_are_marked_exactly_after_emoji_and_the_source_is_never_read(
    qtbot: QtBot, open_window, make_pack, speaker: Speaker
):
    # An emoji is one character in Python and two in Qt's document.
    answer = "Rest \U0001f6cc and drink \U0001f964 water \U0001f4a7 every day. Walk a little."
    pack = make_pack({"emoji": ("Tips \U0001f44d?", answer)})
    window = open_window(pack, speaker=speaker)
    window.show_topic("emoji")
    text = window.answer.spoken_text()
    assert text == f"Tips \U0001f44d?\n{answer}"
    marked: list[tuple[str, str]] = []

    def check(start: int, length: int) -> None:
        (selection,) = window.answer.view.extraSelections()
        marked.append((text[start : start + length], selection.cursor.selectedText()))

    speaker.word_spoken.connect(check)
    window.answer.listen_button.click()
    qtbot.waitUntil(lambda: any(word == "little" for word, _ in marked), timeout=5000)
    assert all(word == shown for word, shown in marked), marked


@pytest.mark.text_to_speech
def test_listen_pressed_during_a_spoken_warning_keeps_the_clock_held(
    qtbot: QtBot, open_window, make_pack, speaker: Speaker
):
    window = open_window(
        make_pack({"short": ("Short?", "Yes.")}), speaker=speaker, idle_timeout_ms=30
    )
    window.show_topic("short")
    window.answer.listen_button.click()
    window.answer.listen_button.click()  # heard once: the warning will be spoken
    with qtbot.waitSignal(window.idle.warning_started, timeout=5000):
        pass
    assert speaker.is_speaking()  # the warning
    # A screen reader's "press" reaches Listen under the warning.
    window.set_listening(True)
    assert not window.idle.warning
    assert window.idle.held
    assert speaker.is_speaking()
    assert window.answer.listen_button.text() == "Stop"


@pytest.mark.text_to_speech
def test_the_english_warning_is_not_read_in_another_languages_voice(
    qtbot: QtBot, open_window, write_pack, monkeypatch
):
    from kiosk.content import load_pack  # noqa: PLC0415

    folder = write_pack({"kort": ("Kort?", "Ja.")})
    (folder / "kiosk.yaml").write_text(
        (folder / "kiosk.yaml").read_text(encoding="utf-8") + "language: fi\n", encoding="utf-8"
    )
    finnish = Speaker("fi", engine="mock")
    assert finnish.available
    window = open_window(load_pack(folder), speaker=finnish, idle_timeout_ms=30)
    said: list[str] = []
    monkeypatch.setattr(finnish, "say", said.append)
    window.show_topic("kort")
    window.answer.listen_button.click()
    window.answer.listen_button.click()
    assert said == [window.answer.spoken_text()]
    with qtbot.waitSignal(window.idle.warning_started, timeout=5000):
        pass
    assert said == [window.answer.spoken_text()]
    finnish.deleteLater()


FINNISH_WARNING = {
    "Are you still reading?": "Luetko vielä?",
    "If not, this screen goes back to the start in %n seconds.": (
        "Muuten näyttö palaa alkuun %n sekunnin kuluttua."
    ),
    "Tap the screen to keep reading.": "Kosketa näyttöä jatkaaksesi lukemista.",
}


@pytest.mark.text_to_speech
def test_the_warning_is_read_in_the_voice_of_its_words(
    qtbot: QtBot, open_window, write_pack, words
):
    # A Finnish pack whose words the pack gives: the voice that reads its
    # answers reads the warning too. (The English words in a Finnish voice:
    # the test above.)
    from kiosk.content import load_pack  # noqa: PLC0415

    folder = write_pack({"lyhyt": ("Lyhyt?", "Kyllä.")})
    with (folder / "kiosk.yaml").open("a", encoding="utf-8") as file:
        file.write("language: fi\n")
    speaker = Speaker("fi", engine="mock")
    assert speaker.available
    window = open_window(
        load_pack(folder), speaker=speaker, idle_timeout_ms=40, idle_warning_ms=300
    )
    words.use("fi", FINNISH_WARNING)  # the kiosk's words in Finnish, as a pack gives them
    said: list[str] = []
    speaker.say = said.append  # type: ignore[method-assign]  # a speaker made for this test
    window.show_topic("lyhyt")
    window.answer.listen_button.click()
    window.answer.listen_button.click()
    with qtbot.waitSignal(window.idle.warning_started, timeout=5000):
        pass
    assert said[1:] == [
        "Luetko vielä? Muuten näyttö palaa alkuun 1 sekunnin kuluttua. "
        "Kosketa näyttöä jatkaaksesi lukemista."
    ]
    speaker.deleteLater()


@pytest.mark.text_to_speech
def test_a_language_tap_stops_the_reading_so_no_word_is_marked_in_the_new_text(
    qtbot: QtBot, open_window, make_pack, speaker: Speaker
):
    import dataclasses  # noqa: PLC0415

    from kiosk.content.model import Translation  # noqa: PLC0415

    english = make_pack({"long": ("Long?", " ".join(["Word."] * 100)), "b": ("B?", "B.")})
    spanish_b = dataclasses.replace(english.topic("b"), question="¿B?", language="es")
    pack = dataclasses.replace(
        english, languages=("en", "es"), translations={"es": Translation(topics={"b": spanish_b})}
    )
    window = open_window(pack, speaker=speaker)
    window.show_topic("long")  # not translated: read in English in either language
    spoken: list[tuple[int, int]] = []
    speaker.word_spoken.connect(lambda start, length: spoken.append((start, length)))
    window.answer.listen_button.click()
    qtbot.waitUntil(lambda: len(spoken) >= 2)

    with qtbot.waitSignal(speaker.speaking_changed) as changed:
        window.set_language("es")
    assert changed.args == [False]
    assert window.speaker is speaker  # the same voice would read this answer
    assert not speaker.is_speaking()
    assert window.answer.listen_button.text() == "Listen"
    assert window.answer.view.extraSelections() == []
    assert not window.idle.held
