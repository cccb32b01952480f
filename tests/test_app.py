"""Wiring: settings reach the window; the display check runs before Qt would abort."""

from __future__ import annotations

import ast
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.app import ExceptionGuard, Kiosk, lock_down
from kiosk.content import Pack, load_pack
from kiosk.settings import Settings
from kiosk.staff.pin import hash_pin

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def start_kiosk(qapp, qtbot):
    """A Kiosk on ``folder`` with millisecond content polling."""

    def start(
        folder: Path, *, kiosk_options: dict | None = None, **settings_options: object
    ) -> Kiosk:
        settings = Settings(content=folder, **settings_options)  # type: ignore[arg-type]
        kiosk = Kiosk(qapp, settings, poll_ms=30, settle_ms=10, **(kiosk_options or {}))
        qtbot.addWidget(kiosk.window, before_close_func=lambda w: setattr(w, "locked", False))
        kiosk.window.resize(1280, 800)
        kiosk.window.show()
        return kiosk

    return start


def test_settings_reach_the_window(start_kiosk):
    kiosk = start_kiosk(REPO / "content", idle_timeout_s=30, idle_warning_s=25)
    window = kiosk.window
    assert window.idle.base_timeout_ms == 30_000
    assert window.idle.warning_ms == 25_000
    assert window.locked  # fullscreen kiosks are locked unless windowed
    assert window.current_screen == "home"
    assert kiosk.status.topic_count == 10


@pytest.mark.text_to_speech
def test_the_voice_follows_the_packs_language(qtbot, start_kiosk, write_pack):
    from kiosk.ui.speech.speaker import Speaker  # noqa: PLC0415

    made: list[str] = []

    def mock_voice(language: str) -> Speaker:
        made.append(language)
        return Speaker(language, engine="mock")

    folder = write_pack({"a": ("A?", "A.")})
    kiosk = start_kiosk(
        folder, kiosk_options={"speaker_factory": mock_voice, "speaker_delay_ms": 0}
    )
    window = kiosk.window
    assert window.speaker is None  # made after the first screen is up, not before
    qtbot.waitUntil(lambda: window.speaker is not None and window.speaker.available)
    assert made == ["en"]
    assert kiosk.status.read_aloud == "on: en (engine 'mock', voice en-GB)"
    window.show_topic("a")
    assert window.answer.listen_button.isVisible()
    window.answer.home_button.click()

    # A pack in a language the engine has no voice for: Listen goes away.
    pack_file = folder / "kiosk.yaml"
    pack_file.write_text(pack_file.read_text(encoding="utf-8") + "language: zz\n", "utf-8")
    qtbot.waitUntil(lambda: made == ["en", "zz"], timeout=5000)
    window.show_topic("a")
    assert not window.answer.listen_button.isVisible()
    assert kiosk.status.read_aloud.startswith("off: zz (the text-to-speech engine 'mock' has ")
    assert "'zz'" in kiosk.status.read_aloud


@pytest.mark.text_to_speech
def test_a_waiting_pack_does_not_change_the_voice_under_a_listener(qtbot, start_kiosk, write_pack):
    from kiosk.ui.speech.speaker import Speaker  # noqa: PLC0415

    made: list[str] = []

    def mock_voice(language: str) -> Speaker:
        made.append(language)
        return Speaker(language, engine="mock", rate=-1.0)

    folder = write_pack({"a": ("A?", " ".join(["Word."] * 200))})
    kiosk = start_kiosk(
        folder, kiosk_options={"speaker_factory": mock_voice, "speaker_delay_ms": 0}
    )
    window = kiosk.window
    qtbot.waitUntil(lambda: window.speaker is not None)
    window.show_topic("a")
    window.answer.listen_button.click()
    speaker = window.speaker
    assert speaker is not None and speaker.is_speaking()

    pack_file = folder / "kiosk.yaml"
    pack_file.write_text(pack_file.read_text(encoding="utf-8") + "language: fi\n", "utf-8")
    qtbot.waitUntil(lambda: window.waiting_pack is not None, timeout=5000)
    assert window.speaker is speaker and speaker.is_speaking()  # still reading, in English
    assert made == ["en"]
    window.answer.home_button.click()  # the new pack goes on screen, then its voice
    qtbot.waitUntil(lambda: made == ["en", "fi"], timeout=5000)


def test_windowed_mode_is_not_locked(start_kiosk):
    assert not start_kiosk(REPO / "content", windowed=True).window.locked


def test_an_invalid_pack_at_start_shows_the_calm_page_and_recovers(
    qtbot, start_kiosk, write_pack, tmp_path
):
    folder = write_pack({"a": ("A?", "A.")})
    (folder / "kiosk.yaml").write_text("schema: 1\n", encoding="utf-8")  # no title
    kiosk = start_kiosk(folder)
    assert kiosk.window.current_screen == "unavailable"
    assert "missing required key 'title'" in "\n".join(map(str, kiosk.status.last_problems))
    (folder / "kiosk.yaml").write_text("schema: 1\ntitle: Back again\n", encoding="utf-8")
    qtbot.waitUntil(lambda: kiosk.window.current_screen == "home", timeout=5000)
    assert kiosk.window.home.title.text() == "Back again"


def test_a_pack_broken_mid_visit_keeps_the_last_good_one(qtbot, start_kiosk, write_pack):
    folder = write_pack({"a": ("A?", "A."), "b": ("B?", "B.")})
    kiosk = start_kiosk(folder)
    kiosk.window.show_topic("a")
    (folder / "topics" / "b.yaml").write_text("question: [broken\n", encoding="utf-8")
    qtbot.waitUntil(lambda: kiosk.status.last_result.startswith("1 error"), timeout=5000)
    assert kiosk.window.current_screen == "answer"
    kiosk.window.show_home()
    assert [t.text() for t in kiosk.window.home.tiles] == ["A?", "B?"]
    assert "the last good content is still shown" in kiosk.status.last_result


def test_a_failed_load_logs_its_count_of_errors_in_words(start_kiosk, write_pack, caplog):
    folder = write_pack({"a": ("A?", "A.")})
    (folder / "topics" / "b.yaml").write_text("question: [broken\n", encoding="utf-8")
    start_kiosk(folder)
    assert "content not loaded (nothing to show yet): 1 error" in caplog.text
    assert "1 problems" not in caplog.text


def test_the_content_folder_deleted_while_running(qtbot, start_kiosk, write_pack):
    folder = write_pack({"a": ("A?", "A.")})
    kiosk = start_kiosk(folder)
    shutil.rmtree(folder)
    qtbot.waitUntil(lambda: kiosk.status.unavailable_reason is not None, timeout=5000)
    assert kiosk.window.current_screen == "home"
    assert [t.text() for t in kiosk.window.home.tiles] == ["A?"]


def test_staff_reload_now_reports_in_the_menu(qtbot, start_kiosk, write_pack):
    folder = write_pack({"a": ("A?", "A.")})
    kiosk = start_kiosk(folder)
    kiosk.watcher.stop()  # only the staff's reload may pick the change up
    kiosk.window.open_staff()
    menu = kiosk.window.staff_menu
    assert re.fullmatch(r"Content: OK, 1 topic\. Checked at \d\d:\d\d:\d\d\.", menu.note.text())
    (folder / "topics" / "b.yaml").write_text("question: B?\nanswer: B.\n", encoding="utf-8")
    menu.reload_button.click()
    qtbot.waitUntil(lambda: menu.note.text().startswith("Content: OK, 2 topics. Checked at "))
    assert menu.reload_button.isEnabled()  # ready for the next reload
    kiosk.window.staff_menu.back_button.click()
    assert [t.text() for t in kiosk.window.home.tiles] == ["A?", "B?"]


def test_the_pin_set_by_kiosk_set_pin_opens_the_staff_menu(qtbot, start_kiosk):
    kiosk = start_kiosk(REPO / "content", staff_pin_hash=hash_pin("482913"))
    window = kiosk.window
    window.open_staff()
    for digit in "482913":
        window.pin_pad.keys[digit].click()
    window.pin_pad.keys["OK"].click()
    assert window.pin_pad.checking  # half a second of scrypt, off the GUI thread
    qtbot.waitUntil(lambda: window.current_screen == "staff", timeout=10_000)


def test_lock_down_hides_the_cursor_and_guards_errors(qapp, start_kiosk):
    kiosk = start_kiosk(REPO / "content", hide_cursor=True)
    previous = sys.excepthook
    links = lock_down(qapp, kiosk.window, kiosk_settings(hide_cursor=True))
    try:
        assert isinstance(sys.excepthook, ExceptionGuard)
        cursor = QApplication.overrideCursor()
        assert cursor is not None
        assert cursor.shape() == Qt.CursorShape.BlankCursor
    finally:
        links.uninstall()
        sys.excepthook = previous
        while QApplication.overrideCursor() is not None:
            QApplication.restoreOverrideCursor()


def kiosk_settings(**options: object) -> Settings:
    return Settings(content=REPO / "content", **options)  # type: ignore[arg-type]


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs Unix sockets")
def test_the_kiosk_starts_and_feeds_the_systemd_watchdog(tmp_path, write_pack):
    # The whole program, as systemd starts it: up, READY=1, then pings.
    notify = tmp_path / "notify.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(str(notify))
    server.settimeout(60)  # a wait on a condition: the next datagram
    config = tmp_path / "config.yaml"
    config.write_text(
        f"content: {write_pack({'a': ('A?', 'A.')})}\nlog_dir: {tmp_path / 'logs'}\n",
        encoding="utf-8",
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NOTIFY_SOCKET=str(notify))
    env["WATCHDOG_USEC"] = "100000"  # a ping every 50 ms
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--watchdog", "--config", str(config)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert server.recv(4096) == b"READY=1"
        assert server.recv(4096) == b"WATCHDOG=1"
        assert server.recv(4096) == b"WATCHDOG=1"
    finally:
        kiosk.kill()
        kiosk.wait(timeout=60)
        server.close()
    log_text = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert f"content loaded: 1 topic from {tmp_path}" in log_text


# Run in a fresh process: the kiosk as started by systemd, up to the moment
# Qt is about to start; what would a child process started from there inherit?
_ENVIRONMENT_WHEN_QT_STARTS = """
import subprocess, sys
import kiosk.app

def application(argv=None):
    child = "import os; print(sorted(os.environ))"
    print(subprocess.run([sys.executable, "-c", child], capture_output=True, text=True).stdout)
    raise SystemExit(0)

kiosk.app.application = application
from kiosk.cli import main
main(sys.argv[1:])
"""


@pytest.mark.skipif(sys.platform == "win32", reason="systemd is Linux only")
def test_no_child_of_the_kiosk_can_notify_systemd(tmp_path, write_pack):
    config = tmp_path / "config.yaml"
    config.write_text(f"log_dir: {tmp_path / 'logs'}\n", encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NOTIFY_SOCKET=str(tmp_path / "notify"))
    env.update(WATCHDOG_USEC="30000000", WATCHDOG_PID="1")
    result = subprocess.run(
        [sys.executable, "-c", _ENVIRONMENT_WHEN_QT_STARTS, "--watchdog", "--config", str(config)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    inherited = set(ast.literal_eval(result.stdout.strip()))
    assert "PATH" in inherited
    assert not {"NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"} & inherited


def test_a_content_folder_that_does_not_exist_yet(qtbot, start_kiosk, write_pack, tmp_path):
    # A share not mounted yet when the kiosk starts: calm page, then content.
    missing = tmp_path / "share" / "pack"
    kiosk = start_kiosk(missing)
    assert kiosk.window.current_screen == "unavailable"
    assert kiosk.status.last_result != "OK"
    shutil.copytree(write_pack({"a": ("A?", "A.")}), missing)
    qtbot.waitUntil(lambda: kiosk.window.current_screen == "home", timeout=5000)


def test_without_a_pin_every_start_warns(qapp, start_kiosk, caplog):
    kiosk = start_kiosk(REPO / "content")
    previous = sys.excepthook
    try:
        links = lock_down(qapp, kiosk.window, kiosk_settings())
        links.uninstall()
    finally:
        sys.excepthook = previous
    assert "no staff PIN is set" in caplog.text


def test_the_kiosks_words_follow_the_pack_on_screen(qapp, start_kiosk, write_pack):
    from dataclasses import replace  # noqa: PLC0415

    from kiosk.content import load_pack  # noqa: PLC0415

    folder = write_pack({"quien": ("¿Quién?", "Nadie.")})
    with (folder / "kiosk.yaml").open("a", encoding="utf-8") as file:
        file.write("language: es-MX\n")
    kiosk = start_kiosk(folder)
    window = kiosk.window
    assert window.answer.home_button.text() == "Inicio"
    english = load_pack(write_pack({"who": ("Who?", "Nobody.")}))
    # A language the kiosk has no words in, with the pack's own for it.
    window.set_pack(replace(english, language="de", words={"de": {"Home": "Start"}}))
    assert window.answer.home_button.text() == "Start"
    assert window.answer.listen_button.text() == "Listen"
    window.set_pack(english)
    assert window.answer.home_button.text() == "Home"
    window.set_pack(replace(english, language="de", words={"de": {"Home": "Start"}}))
    window.locked = False
    window.close()  # the kiosk stops: its words leave the application
    assert qapp.translate("AnswerScreen", "Home") == "Home"


def test_the_kiosks_words_can_follow_a_visits_language(start_kiosk, write_pack):
    from dataclasses import replace  # noqa: PLC0415

    from kiosk.content import load_pack  # noqa: PLC0415

    kiosk = start_kiosk(write_pack({"who": ("Who?", "Nobody.")}))
    pack = load_pack(write_pack({"who": ("Who?", "Nobody.")}))
    kiosk.window.set_pack(replace(pack, words={"fr": {"Home": "Accueil"}}))
    kiosk.show_words_in("ar")
    assert kiosk.window.answer.home_button.text() == "الرئيسية"
    kiosk.show_words_in("fr")  # the pack's words for it
    assert kiosk.window.answer.home_button.text() == "Accueil"
    kiosk.show_words_in("en")
    assert kiosk.window.answer.home_button.text() == "Home"


def _in_english_and(language: str, folder: Path) -> Pack:
    """The pack in ``folder`` (topics a and b), with topic a translated into ``language``."""
    import dataclasses  # noqa: PLC0415

    from kiosk.content.model import Translation  # noqa: PLC0415

    pack = load_pack(folder)
    a = dataclasses.replace(pack.topic("a"), question=f"{language}: A?", language=language)
    return dataclasses.replace(
        pack, languages=("en", language), translations={language: Translation(topics={"a": a})}
    )


@pytest.mark.text_to_speech
def test_listen_reads_in_the_voice_of_the_answers_language(qtbot, start_kiosk, write_pack):
    from kiosk.ui.speech.speaker import Speaker  # noqa: PLC0415

    made: list[str] = []

    def mock_voice(language: str) -> Speaker:
        made.append(language)
        return Speaker(language, engine="mock")

    folder = write_pack({"a": ("A?", "A."), "b": ("B?", "B.")})
    kiosk = start_kiosk(
        folder, kiosk_options={"speaker_factory": mock_voice, "speaker_delay_ms": 0}
    )
    window = kiosk.window
    window.set_pack(_in_english_and("fi", folder))  # Qt's mock engine speaks Finnish too
    qtbot.waitUntil(lambda: sorted(made) == ["en", "fi"])  # a voice for each language, once
    english = window.speaker
    window.set_language("fi")
    window.show_topic("a")
    assert window.speaker is not None and window.speaker.language == "fi"
    assert window.answer.listen_button.isVisible()
    window.show_home()
    window.show_topic("b")  # not translated: read in English
    assert window.speaker is english
    assert window.answer.listen_button.isVisible()
    assert sorted(made) == ["en", "fi"]


@pytest.mark.text_to_speech
def test_listen_is_hidden_where_there_is_no_voice_for_the_answers_language(
    qtbot, start_kiosk, write_pack
):
    from kiosk.ui.speech.speaker import Speaker  # noqa: PLC0415

    folder = write_pack({"a": ("A?", "A."), "b": ("B?", "B.")})
    kiosk = start_kiosk(
        folder,
        kiosk_options={
            "speaker_factory": lambda language: Speaker(language, engine="mock"),
            "speaker_delay_ms": 0,
        },
    )
    window = kiosk.window
    window.set_pack(_in_english_and("es", folder))  # no Spanish voice in the mock engine
    qtbot.waitUntil(lambda: window.speaker is not None and window.speaker.available)
    window.set_language("es")
    window.show_topic("a")
    assert not window.answer.listen_button.isVisible()
    window.show_home()
    window.show_topic("b")  # in English
    assert window.answer.listen_button.isVisible()


def _in_three_languages(folder: Path) -> Pack:
    """The pack in ``folder`` (topics a and b) in English, Finnish and Spanish,
    topic a translated into both; Qt's mock engine has no Spanish voice."""
    import dataclasses  # noqa: PLC0415

    from kiosk.content.model import Translation  # noqa: PLC0415

    pack = load_pack(folder)
    translations = {
        tag: Translation(
            topics={"a": dataclasses.replace(pack.topic("a"), question=f"{tag}: A?", language=tag)}
        )
        for tag in ("fi", "es")
    }
    return dataclasses.replace(pack, languages=("en", "fi", "es"), translations=translations)


@pytest.fixture
def voices(qapp):
    """A speaker factory on the mock engine that records what it made, and when:
    "turn" marks each pass of the event loop after a voice was made."""
    from PySide6.QtCore import QTimer  # noqa: PLC0415

    from kiosk.ui.speech.speaker import Speaker  # noqa: PLC0415

    made: dict[str, Speaker] = {}
    events: list[str] = []

    def make(language: str) -> Speaker:
        events.append(language)
        QTimer.singleShot(0, qapp, lambda: events.append("turn"))
        speaker = made[language] = Speaker(language, engine="mock")
        return speaker

    make.made = made  # type: ignore[attr-defined]
    make.events = events  # type: ignore[attr-defined]
    return make


@pytest.mark.text_to_speech
def test_voices_are_made_one_at_a_time_after_the_first_screen(
    qtbot, start_kiosk, write_pack, voices
):
    folder = write_pack({"a": ("A?", "A."), "b": ("B?", "B.")})
    (folder / "kiosk.yaml").write_text(
        (folder / "kiosk.yaml").read_text(encoding="utf-8") + "languages: [en, fi, es]\n",
        encoding="utf-8",
    )
    kiosk = start_kiosk(folder, kiosk_options={"speaker_factory": voices, "speaker_delay_ms": 0})
    assert voices.events == []  # none before the first screen is up
    assert kiosk.status.read_aloud == "starting: en, fi, es"
    qtbot.waitUntil(lambda: voices.events.count("turn") == 3)
    # The visit's language first; the event loop runs between two voices.
    assert voices.events == ["en", "turn", "fi", "turn", "es", "turn"]
    assert kiosk.status.read_aloud.startswith(
        "on: en, fi (engine 'mock', voices en-GB, fi-FI); off: es (the text-to-speech engine "
        "'mock' has no voice for the content's language 'es' (it has: "
    )
    kiosk.window.show_status()
    assert f"Read-aloud: {kiosk.status.read_aloud}" in kiosk.window.status_screen.text.toPlainText()


@pytest.mark.text_to_speech
def test_a_language_tap_makes_no_voice_listen_comes_when_its_voice_is_made(
    qtbot, start_kiosk, write_pack, voices
):
    folder = write_pack({"a": ("A?", "A."), "b": ("B?", "B.")})
    kiosk = start_kiosk(folder, kiosk_options={"speaker_factory": voices, "speaker_delay_ms": 0})
    window = kiosk.window
    qtbot.waitUntil(lambda: window.speaker is not None and window.speaker.available)

    window.set_pack(_in_three_languages(folder))  # a new pack: its voices come later
    assert list(voices.made) == ["en"]
    assert kiosk.status.read_aloud == "on: en (engine 'mock', voice en-GB); starting: fi, es"
    window.set_language("fi")  # the patient's tap: the voice wanted is made first
    window.show_topic("a")
    assert list(voices.made) == ["en"]
    assert not window.answer.listen_button.isVisible()  # the English voice cannot read it
    qtbot.waitUntil(window.answer.listen_button.isVisible)
    assert window.speaker is voices.made["fi"]
    assert list(voices.made)[:2] == ["en", "fi"]
    qtbot.waitUntil(lambda: "es" in voices.made)  # the pack's other language, later
    assert window.speaker is voices.made["fi"]


@pytest.mark.text_to_speech
def test_voices_of_languages_the_pack_dropped_are_let_go_once_silent(
    qtbot, start_kiosk, write_pack, voices
):
    import shiboken6  # noqa: PLC0415
    from PySide6.QtCore import QCoreApplication, QEvent  # noqa: PLC0415

    folder = write_pack({"a": ("A?", "A."), "b": ("B?", "B.")})
    kiosk = start_kiosk(folder, kiosk_options={"speaker_factory": voices, "speaker_delay_ms": 0})
    window = kiosk.window
    window.set_pack(_in_three_languages(folder))
    qtbot.waitUntil(lambda: len(voices.made) == 3)
    finnish, spanish = voices.made["fi"], voices.made["es"]
    finnish.say(" ".join(["Sana."] * 200))  # speaking, though not for the window
    assert finnish.is_speaking()

    window.set_pack(load_pack(folder))  # English only
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(spanish)
    assert shiboken6.isValid(finnish) and finnish.is_speaking()  # not while it speaks
    assert kiosk.status.read_aloud == "on: en (engine 'mock', voice en-GB)"
    with qtbot.waitSignal(finnish.destroyed):
        finnish.stop()
    assert window.speaker is voices.made["en"]


@pytest.mark.text_to_speech
def test_the_voice_of_a_dropped_language_in_use_goes_when_the_window_leaves_it(
    qtbot, start_kiosk, write_pack, voices
):
    folder = write_pack({"a": ("A?", " ".join(["Word."] * 200)), "b": ("B?", "B.")})
    kiosk = start_kiosk(folder, kiosk_options={"speaker_factory": voices, "speaker_delay_ms": 0})
    window = kiosk.window
    window.set_pack(_in_three_languages(folder))
    qtbot.waitUntil(lambda: len(voices.made) == 3)
    finnish = voices.made["fi"]
    window.set_language("fi")
    window.show_topic("a")
    window.answer.listen_button.click()
    assert window.speaker is finnish and finnish.is_speaking()

    window.set_pack(load_pack(folder))  # English only: waits for the reader
    assert window.waiting_pack is not None
    window.answer.home_button.click()
    assert not finnish.is_speaking()
    with qtbot.waitSignal(finnish.destroyed):
        window.show_topic("a")  # in English now
    assert window.speaker is voices.made["en"]
    assert window.answer.listen_button.isVisible()
    assert kiosk.status.read_aloud == "on: en (engine 'mock', voice en-GB)"
