"""The kiosk command: check, snapshot, run's wiring, usage errors and the missing display."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

import kiosk.app
import kiosk.cli
from kiosk.cli import NO_DISPLAY, main
from kiosk.content import yamlparsers
from kiosk.paths import bundled_content
from kiosk.settings import Settings


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[Settings]:
    """The settings `kiosk run` starts the kiosk with; no window opens."""
    runs: list[Settings] = []

    def run(settings: Settings) -> int:
        runs.append(settings)
        return 0

    monkeypatch.setattr(kiosk.cli, "display_available", lambda: True)
    monkeypatch.setattr(kiosk.app, "run", run)
    return runs


def bundled_review_note() -> str:
    """The one warning about the bundled pack: no clinic has reviewed it yet."""
    return (
        f"{bundled_content()}/kiosk.yaml: warning: no topic says when a clinician last "
        f"reviewed it; add 'reviewed: {dt.date.today()}' (the day of the review) to each "
        "topic file once it is checked, and `kiosk check --review` lists what is due\n"
    )


def test_check_accepts_the_bundled_pack(capsys):
    assert main(["check"]) == 0
    # Every answer is easy to read, and fully translated; no review dates yet.
    assert capsys.readouterr() == (
        "OK: 10 topics\nes: 10 of 10 topics\nar: 10 of 10 topics\n",
        bundled_review_note(),
    )


# Reading grades (Flesch-Kincaid, textstat 0.7.8) of the answers below.
WAITING = "Come in and sit down. We will call your name soon."  # 11 words, grade -1.6
TMS = "Transcranial magnetic stimulation is a non-invasive neuromodulatory intervention."  # 27.4
WHO = (  # 13 words, grade 13.1
    "Patients with a psychotic disorder, such as schizoaffective disorder, should not "
    "receive stimulation."
)
BRING = "Bring your medicines. Bring a list of your questions."  # 9 words, grade 1.9
HARD_TO_READ = (
    "warning: 'answer' reads at grade {grade}, above the target of grade 8; "
    "write shorter sentences and use everyday words"
)


def _graded_pack(write_pack):
    # Written in this order: tiles (and the table) follow `order`, not file names.
    return write_pack(
        {
            "waiting": ("How long will I wait?", WAITING),
            "what-is-transcranial-magnetic-stimulation": ("What is TMS?", TMS),
            "who": ("Who should not get TMS?", WHO),
            "bring": ("What should I bring?", BRING),
        }
    )


def test_check_warns_about_answers_above_grade_8_and_still_passes(capsys, write_pack):
    pack = _graded_pack(write_pack)
    assert main(["check", str(pack)]) == 0
    out, err = capsys.readouterr()
    assert out == "OK: 4 topics\n"
    assert err.splitlines() == [
        f"{pack}/topics/what-is-transcranial-magnetic-stimulation.yaml:3:9: "
        + HARD_TO_READ.format(grade="27.4"),
        f"{pack}/topics/who.yaml:3:9: " + HARD_TO_READ.format(grade="13.1"),
    ]


def test_check_readability_prints_a_table_in_display_order(capsys, write_pack):
    pack = _graded_pack(write_pack)
    assert main(["check", "--readability", str(pack)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "OK: 4 topics",
        "topic                                      words  grade",
        "waiting                                       11   -1.6",
        "what-is-transcranial-magnetic-stimulation      8   27.4",
        "who                                           13   13.1",
        "bring                                          9    1.9",
        "2 of 4 answers above the target grade of 8; the highest is 27.4 "
        "(what-is-transcranial-magnetic-stimulation).",
    ]
    assert len(err.splitlines()) == 2  # the same two warnings as without --readability


def test_check_readability_of_an_easy_pack(capsys, write_pack):
    pack = write_pack({"bring": ("What should I bring?", BRING)})
    assert main(["check", str(pack), "--readability"]) == 0
    assert capsys.readouterr() == (
        "OK: 1 topic\n"
        "topic  words  grade\n"
        "bring      9    1.9\n"
        "0 of 1 answer above the target grade of 8; the highest is 1.9 (bring).\n",
        "",
    )


def test_check_computes_no_grades_for_other_languages(capsys, write_pack):
    pack = write_pack({"wer": ("Wer sollte keine TMS bekommen?", TMS)})
    with (pack / "kiosk.yaml").open("a", encoding="utf-8") as file:
        file.write("language: de\n")
    # The one warning: the kiosk ships no words in German (tests/i18n has its wording).
    no_words = f"{pack}/kiosk.yaml:5:11: warning: the kiosk has no words in 'de'"
    assert main(["check", str(pack)]) == 0
    out, err = capsys.readouterr()
    assert (out, err.startswith(no_words), err.count("\n")) == ("OK: 1 topic\n", True, 1)
    assert main(["check", "--readability", str(pack)]) == 0
    out, err = capsys.readouterr()
    assert out == (
        "OK: 1 topic\n"
        "Reading grades are not computed: the formulas are for English and Spanish only, "
        "and this pack's language is 'de'.\n"
    )
    assert (err.startswith(no_words), err.count("\n")) == (True, 1)


# INFLESZ scores (Szigriszt-Pazos, textstat 0.7.8) of the Spanish answers below.
ES_BRING = "Traiga sus medicinas. Traiga una lista de sus preguntas."  # 9 words, 84.7
ES_TMS = (  # 18 words, -8.4
    "La estimulación magnética transcraneal es una intervención neuromoduladora no invasiva "
    "que modifica la excitabilidad cortical mediante campos electromagnéticos."
)
HARD_SPANISH = (
    "warning: 'answer' scores {score} on the INFLESZ scale, below the target of 55; "
    "write shorter sentences and use everyday words"
)


def test_check_scores_a_spanish_pack_on_the_inflesz_scale(capsys, write_pack):
    pack = write_pack({"traiga": ("¿Qué traigo?", ES_BRING), "emt": ("¿Qué es la EMT?", ES_TMS)})
    with (pack / "kiosk.yaml").open("a", encoding="utf-8") as file:
        file.write("language: es\n")
    assert main(["check", "--readability", str(pack)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "OK: 2 topics",
        "topic   words  INFLESZ",
        "traiga      9     84.7",
        "emt        18     -8.4",
        "1 of 2 answers below the target of 55 on the INFLESZ scale; the lowest is -8.4 (emt).",
    ]
    assert err.splitlines() == [f"{pack}/topics/emt.yaml:3:9: " + HARD_SPANISH.format(score="-8.4")]


def _multilingual_pack(write_pack):
    """English, Spanish all translated, Arabic half: tiles waiting, who, bring."""
    pack = write_pack(
        {
            "waiting": ("How long will I wait?", WAITING),
            "who": ("Who should not get TMS?", WHO),
            "bring": ("What should I bring?", BRING),
        }
    )
    with (pack / "kiosk.yaml").open("a", encoding="utf-8") as file:
        file.write("languages: [en, es, ar]\n")
    texts = "title: Clínica\nwelcome: Toque una pregunta.\nfooter: Pregunte al personal.\n"
    (pack / "kiosk.es.yaml").write_text(texts, encoding="utf-8")
    (pack / "kiosk.ar.yaml").write_text("title: العيادة\n", encoding="utf-8")
    topics = pack / "topics"
    for topic_id, answer in (("waiting", ES_BRING), ("who", ES_TMS), ("bring", ES_BRING)):
        (topics / f"{topic_id}.es.yaml").write_text(
            f"question: ¿Pregunta?\nanswer: {answer}\n", encoding="utf-8"
        )
    (topics / "waiting.ar.yaml").write_text("question: كم؟\nanswer: قليلا.\n", encoding="utf-8")
    return pack


def test_check_says_how_much_of_each_language_is_translated(capsys, write_pack):
    pack = _multilingual_pack(write_pack)
    assert main(["check", str(pack)]) == 0
    out, err = capsys.readouterr()
    # The summary on stdout, in the pack's order and the tiles' order; each
    # missing file a located warning on stderr, with the other warnings.
    assert out.splitlines() == [
        "OK: 3 topics",
        "es: 3 of 3 topics",
        "ar: 1 of 3 topics; missing: who, bring",
    ]
    assert err.splitlines() == [
        f"{pack}/kiosk.ar.yaml: warning: no 'welcome' and 'footer' in ar: patients who "
        "choose ar see the en text; add them here",
        f"{pack}/topics/bring.yaml: warning: not translated into ar: patients who choose ar "
        "read this topic in en; add topics/bring.ar.yaml",
        f"{pack}/topics/who.yaml: warning: not translated into ar: patients who choose ar "
        "read this topic in en; add topics/who.ar.yaml",
        f"{pack}/topics/who.yaml:3:9: " + HARD_TO_READ.format(grade="13.1"),
        f"{pack}/topics/who.es.yaml:2:9: " + HARD_SPANISH.format(score="-8.4"),
    ]


def test_check_readability_of_every_language(capsys, write_pack):
    pack = _multilingual_pack(write_pack)
    assert main(["check", "--readability", str(pack)]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines() == [
        "OK: 3 topics",
        "es: 3 of 3 topics",
        "ar: 1 of 3 topics; missing: who, bring",
        "en, Flesch-Kincaid grade:",
        "topic    words  grade",
        "waiting     11   -1.6",
        "who         13   13.1",
        "bring        9    1.9",
        "1 of 3 answers above the target grade of 8; the highest is 13.1 (who).",
        "es, INFLESZ score (Szigriszt-Pazos):",
        "topic    words  INFLESZ",
        "waiting      9     84.7",
        "who         18     -8.4",
        "bring        9     84.7",
        "1 of 3 answers below the target of 55 on the INFLESZ scale; the lowest is -8.4 (who).",
        "ar: reading scores are not computed: the formulas are for English and Spanish only.",
    ]


def test_check_of_a_pack_in_one_listed_language_prints_no_coverage(capsys, write_pack):
    pack = write_pack({"bring": ("What should I bring?", BRING)})
    with (pack / "kiosk.yaml").open("a", encoding="utf-8") as file:
        file.write("languages: [en]\n")
    assert main(["check", str(pack)]) == 0
    assert capsys.readouterr() == ("OK: 1 topic\n", "")


def test_check_warns_where_a_pack_gives_a_word_the_kiosk_does_not_have(capsys, write_pack):
    pack = write_pack({"bring": ("What should I bring?", BRING)})
    with (pack / "kiosk.yaml").open("a", encoding="utf-8") as file:
        file.write("languages: [en]\n")
    (pack / "kiosk.en.yaml").write_text("words:\n  Hom: Start here\n", "utf-8")
    assert main(["check", str(pack)]) == 0
    assert capsys.readouterr() == (
        "OK: 1 topic\n",
        f"{pack}/kiosk.en.yaml:2:3: warning: 'Hom' is not one of the kiosk's words; "
        "did you mean 'Home'?\n",
    )


def test_check_of_an_invalid_pack_prints_no_grades(capsys, write_pack):
    pack = _graded_pack(write_pack)
    (pack / "kiosk.yaml").write_text("schema: 1\ntitle: Clinic\nlanguage: English\n", "utf-8")
    assert main(["check", "--readability", str(pack)]) == 1
    assert capsys.readouterr() == (
        f"{pack}/kiosk.yaml:3:11: error: 'language' must be a language tag such as en, en-GB, "
        "es or pt-BR, not 'English'\n"
        "1 error; the pack cannot be shown until they are fixed.\n",
        "",
    )


def test_check_lists_located_errors_and_fails(capsys, write_pack):
    pack = write_pack({"a": ("Q?", "A.")})
    (pack / "topics" / "a.yaml").write_text("question: No\nanwser: A.\n", encoding="utf-8")
    (pack / "topics" / "b.yaml").write_text("answer: B.\n", encoding="utf-8")
    assert main(["check", str(pack)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{pack}/topics/a.yaml:1:11: error: 'question' must be text, but No reads as the "
        'yes/no value false; put it in quotes: question: "No"',
        f"{pack}/topics/a.yaml:2:1: error: unknown key 'anwser'; did you mean 'answer'?",
        f"{pack}/topics/b.yaml:1:1: error: missing required key 'question'",
        "3 errors; the pack cannot be shown until they are fixed.",
    ]


def test_check_reports_link_loops_instead_of_a_traceback(capsys, write_pack):
    pack = write_pack({"a": ("Q?", "A.")})
    (pack / "topics" / "loop.yaml").symlink_to("loop.yaml")
    assert main(["check", str(pack)]) == 0
    loop = "a symbolic link that leads back to itself (a link loop)"
    assert capsys.readouterr() == (
        "OK: 1 topic\n",
        f"{pack}/topics/loop.yaml: warning: ignored: {loop}; point it at a topic file or "
        "remove it\n",
    )
    (pack / "kiosk.yaml").unlink()
    (pack / "kiosk.yaml").symlink_to("kiosk.yaml")
    assert main(["check", str(pack)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{pack}/kiosk.yaml: error: {loop}; point it at the pack's real kiosk.yaml",
        f"{pack}/topics/loop.yaml: warning: ignored: {loop}; point it at a topic file or remove it",
        "1 error; the pack cannot be shown until they are fixed.",
    ]


def test_check_of_a_missing_folder_fails_with_one_line(capsys, tmp_path):
    missing = tmp_path / "nope"
    assert main(["check", str(missing)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{missing}: error: folder not found; give the folder that holds kiosk.yaml"


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "a", "b"],
        ["snapshot"],
        ["snapshot", "--out", "x", "--size", "1920"],
        ["snapshot", "--out", "x", "--size", "10x10"],
        ["--idle-timeout", "soon"],
        ["--idle-timeout", "5"],
        ["--idle-warning", "10"],  # WCAG 2.2.1: at least 20 seconds
        ["config", "--idle-warning", "601"],
        ["--no-such-option"],
        ["--config"],
        ["config", "--out", "x"],
        ["set-pin", "--windowed"],
        ["snapshot", "--out", "x", "--windowed"],
        ["snapshot", "--out", "x", "--only"],
    ],
)
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "usage: kiosk" in capsys.readouterr().err


def test_snapshot_renders_every_screen_at_the_exact_size(qapp, tmp_path, write_pack, capsys):
    pack = write_pack({"first": ("First?", "One."), "second": ("Second?", "Two.")})
    out = tmp_path / "shots"
    assert main(["snapshot", "--content", str(pack), "--out", str(out), "--size", "1280x800"]) == 0
    expected = [
        "home.png",
        "idle-warning.png",
        "topics/first.png",
        "topics/second.png",
        "usage.png",
    ]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.png")) == expected
    for name in expected:
        image = QImage(str(out / name))
        assert (image.width(), image.height()) == (1280, 800), name
    assert capsys.readouterr().out == f"wrote 5 images to {out}\n"


@pytest.mark.parametrize("language", ["ar", "en-GB", "English", ""])
def test_snapshot_refuses_a_language_the_pack_does_not_have(
    qapp, tmp_path, write_pack, capsys, language
):
    pack = write_pack({"a": ("Q?", "A.")})
    out = tmp_path / "shots"
    argv = ["snapshot", "--content", str(pack), "--out", str(out), "--language", language]
    with pytest.raises(SystemExit) as exit_info:
        main([*argv, "--only", "home"])
    assert exit_info.value.code == 2
    error = capsys.readouterr().err.splitlines()[-1]
    assert error == (
        f"kiosk snapshot: error: argument --language: the pack has no language {language!r}; "
        "its languages are en"
    )
    assert not out.exists()


def test_snapshot_in_the_main_language_by_name(qapp, tmp_path, write_pack, capsys):
    pack = write_pack({"a": ("Q?", "A.")})
    out = tmp_path / "shots"
    argv = ["snapshot", "--content", str(pack), "--out", str(out), "--language", "en"]
    assert main([*argv, "--only", "home", "a"]) == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.png")) == [
        "home.png",
        "topics/a.png",
    ]


@pytest.mark.parametrize(
    "given_and_tag", [("ES-mx", "es-MX"), ("es-mx", "es-MX"), ("EN", "en"), ("en", "en")]
)
def test_snapshot_language_is_matched_as_the_loader_reads_tags(
    qapp, tmp_path, write_pack, monkeypatch, given_and_tag
):
    given, tag = given_and_tag
    import kiosk.ui.snapshot  # noqa: PLC0415

    chosen: list[object] = []

    def render(app, loaded, settings, out, size, **options):
        chosen.append(options["language"])
        return []

    monkeypatch.setattr(kiosk.ui.snapshot, "render_snapshots", render)
    pack = write_pack({"a": ("Q?", "A.")})
    with (pack / "kiosk.yaml").open("a", encoding="utf-8") as file:
        file.write("languages: [en, es-MX]\n")
    argv = ["snapshot", "--content", str(pack), "--out", str(tmp_path / "shots")]
    assert main([*argv, "--language", given]) == 0
    assert chosen == [tag]


def test_snapshot_of_an_invalid_pack_writes_nothing(qapp, tmp_path, write_pack, capsys):
    pack = write_pack({"a": ("Q?", "A.")})
    (pack / "kiosk.yaml").write_text("schema: 1\n", encoding="utf-8")
    out = tmp_path / "shots"
    assert main(["snapshot", "--content", str(pack), "--out", str(out)]) == 1
    assert not out.exists()
    assert "missing required key 'title'" in capsys.readouterr().err


def _run_module(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_python_m_kiosk_works(tmp_path: Path, child_env: dict[str, str]):
    config = tmp_path / "config.yaml"  # given, so the real user's config is never read
    config.write_text("", encoding="utf-8")
    result = _run_module("check", "--config", str(config), env=child_env)
    assert (result.returncode, result.stdout) == (
        0,
        f"OK: config file {config}\nOK: 10 topics\nes: 10 of 10 topics\nar: 10 of 10 topics\n",
    )


def test_check_says_when_pyyaml_has_no_libyaml(capsys, monkeypatch):
    monkeypatch.setattr(yamlparsers, "HAS_LIBYAML", False)
    assert main(["check"]) == 0
    out, err = capsys.readouterr()
    assert (out.splitlines()[0], err) == (
        "OK: 10 topics",
        f"warning: {yamlparsers.LIBYAML_MISSING}\n" + bundled_review_note(),
    )


# Runs the kiosk command with PyYAML unable to load libyaml, as where it was
# built without it.
WITHOUT_LIBYAML = (
    "import sys; sys.modules['yaml._yaml'] = None; from kiosk.cli import main; "
    "sys.exit(main(sys.argv[1:]))"
)


def test_without_libyaml_check_reads_the_pack_alike_and_says_so(
    tmp_path: Path, child_env: dict[str, str]
):
    config = tmp_path / "config.yaml"
    config.write_text("", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_LIBYAML, "check", "--config", str(config)],
        capture_output=True,
        env=child_env,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout) == (
        0,
        f"OK: config file {config}\nOK: 10 topics\nes: 10 of 10 topics\nar: 10 of 10 topics\n",
    )
    # The child runs the kiosk as installed, whose bundled pack may be elsewhere
    # than this process's (a wheel's copy in site-packages).
    libyaml, review = result.stderr.splitlines(keepends=True)
    assert libyaml == f"warning: {yamlparsers.LIBYAML_MISSING}\n"
    assert review.endswith(bundled_review_note().removeprefix(str(bundled_content())))


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs Unix sockets")
def test_without_libyaml_the_kiosk_starts_and_logs_why_it_is_slower(
    tmp_path, write_pack, child_env
):
    # Up as systemd starts it (READY=1 says the first screen is up), then stopped.
    notify = tmp_path / "notify.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(str(notify))
    server.settimeout(60)  # a wait on a condition: the datagram
    config = tmp_path / "config.yaml"
    config.write_text(
        f"content: {write_pack({'a': ('A?', 'A.')})}\nlog_dir: {tmp_path / 'logs'}\n",
        encoding="utf-8",
    )
    env = dict(child_env, QT_QPA_PLATFORM="offscreen", NOTIFY_SOCKET=str(notify))
    kiosk = subprocess.Popen(
        [sys.executable, "-c", WITHOUT_LIBYAML, "--watchdog", "--config", str(config)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert server.recv(4096) == b"READY=1"
    finally:
        kiosk.kill()
        kiosk.wait(timeout=60)
        server.close()
    log_text = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert f"WARNING kiosk.app: {yamlparsers.LIBYAML_MISSING}" in log_text
    assert f"content loaded: 1 topic from {tmp_path}" in log_text


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland only")
def test_without_a_display_it_says_so_in_one_sentence(tmp_path: Path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    config = tmp_path / "config.yaml"
    config.write_text("", encoding="utf-8")
    result = _run_module("--windowed", "--config", str(config), env=env)
    assert result.returncode == 1
    assert result.stderr.strip().endswith(NO_DISPLAY)
    assert "qt.qpa" not in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland only")
def test_no_display_is_said_before_missing_x11_libraries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    # Over ssh on a server without X: the X11 libraries are beside the point.
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(kiosk.cli, "xcb_problem", lambda env: "kiosk: install libxcb-cursor0")
    config = tmp_path / "config.yaml"
    config.write_text("", encoding="utf-8")
    assert main(["run", "--windowed", "--config", str(config)]) == 1
    assert capsys.readouterr().err.strip() == NO_DISPLAY


def test_snapshot_to_a_path_that_is_a_file_fails_in_one_line(qapp, tmp_path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    assert main(["snapshot", "--out", str(blocker)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"kiosk snapshot: cannot write the images to {blocker}: ")


def test_check_takes_the_folder_with_content_too(capsys, write_pack):
    pack = write_pack({"only": ("Only?", "Yes.")})
    assert main(["check", "--content", str(pack)]) == 0
    assert capsys.readouterr().out == "OK: 1 topic\n"
    assert main(["check", "--content", str(pack), str(pack)]) == 2


def test_run_starts_with_the_resolved_settings(tmp_path, started, platform_dirs):
    config = tmp_path / "config.yaml"
    config.write_text("idle_timeout: 120\nidle_warning: 30\nhide_cursor: false\n", encoding="utf-8")
    assert main(["--config", str(config), "--idle-warning", "40", "--watchdog"]) == 0
    assert started == [
        Settings(
            content=started[0].content,
            idle_timeout_s=120,
            idle_warning_s=40,
            hide_cursor=False,
            log_dir=platform_dirs / "log" / "kiosk",
            config_file=config,
            watchdog=True,
        )
    ]
    assert (started[0].content / "kiosk.yaml").is_file()  # the bundled pack


def test_run_leaves_an_invalid_pack_to_the_kiosk(tmp_path, started, capsys):
    # The kiosk shows a calm "being updated" page and recovers by itself:
    # a broken pack must not stop the program from starting.
    (tmp_path / "topics").mkdir()
    assert main(["--content", str(tmp_path), "--windowed"]) == 0
    assert [(s.content, s.windowed, s.hide_cursor) for s in started] == [(tmp_path, True, False)]
    assert capsys.readouterr().err == ""


def test_run_with_a_bad_config_opens_no_window(tmp_path, started, capsys):
    config = tmp_path / "config.yaml"
    config.write_text("idle_warning: 10\n", encoding="utf-8")
    assert main(["run", "--config", str(config)]) == 2
    assert started == []
    assert capsys.readouterr().err.splitlines() == [
        f"{config}:1:15: error: 'idle_warning' is 10; it must be between 20 and 600 seconds",
        "1 error; the config file cannot be used until they are fixed.",
    ]


def test_snapshot_takes_its_settings_from_the_config(qapp, tmp_path, write_pack, monkeypatch):
    import kiosk.ui.snapshot  # noqa: PLC0415

    pack = write_pack({"only": ("Only?", "Yes.")})
    config = tmp_path / "config.yaml"
    config.write_text(f"content: {pack}\nidle_warning: 45\n", encoding="utf-8")
    rendered: list[tuple[str, Settings]] = []

    def render(app, loaded, settings, out, size, **options):
        rendered.append((loaded.title, settings))
        return []

    monkeypatch.setattr(kiosk.ui.snapshot, "render_snapshots", render)
    assert main(["snapshot", "--config", str(config), "--out", str(tmp_path / "out")]) == 0
    assert [(title, s.content, s.idle_warning_ms) for title, s in rendered] == [
        ("Test clinic", pack, 45_000)
    ]


def test_snapshot_renders_the_chosen_text_size_and_theme(qapp, tmp_path, monkeypatch):
    import kiosk.ui.snapshot  # noqa: PLC0415
    from kiosk.ui.style.text_size import TextSize  # noqa: PLC0415

    chosen: list[dict[str, object]] = []

    def render(app, loaded, settings, out, size, **options):
        chosen.append(options)
        return []

    monkeypatch.setattr(kiosk.ui.snapshot, "render_snapshots", render)
    out = str(tmp_path / "out")
    assert main(["snapshot", "--out", out]) == 0
    assert (
        main(["snapshot", "--out", out, "--text-size", "largest", "--theme", "high-contrast"]) == 0
    )
    assert main(["snapshot", "--out", out, "--language", "en", "--only", "home"]) == 0
    default = {"only": None, "language": None}
    assert chosen == [
        {"text_size": TextSize.NORMAL, "high_contrast": False, **default},
        {"text_size": TextSize.LARGEST, "high_contrast": True, **default},
        {"text_size": TextSize.NORMAL, "high_contrast": False, "only": ["home"], "language": "en"},
    ]


def test_snapshot_only_renders_the_named_screens(qapp, tmp_path, write_pack, capsys):
    pack = write_pack({"first": ("First?", "One."), "second": ("Second?", "Two.")})
    out = tmp_path / "shots"
    argv = ["snapshot", "--content", str(pack), "--out", str(out), "--size", "640x400"]
    assert main([*argv, "--only", "second", "home"]) == 0
    assert capsys.readouterr().out == f"wrote 2 images to {out}\n"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.png")) == [
        "home.png",
        "topics/second.png",
    ]


def test_snapshot_only_with_an_unknown_name_is_a_usage_error(tmp_path, write_pack, capsys):
    pack = write_pack({"first": ("First?", "One."), "second": ("Second?", "Two.")})
    out = tmp_path / "shots"
    with pytest.raises(SystemExit) as exit_info:
        main(["snapshot", "--content", str(pack), "--out", str(out), "--only", "home", "thrid"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: kiosk snapshot ")
    assert err.splitlines()[-1] == (
        "kiosk snapshot: error: argument --only: no screen named 'thrid'; the screens are "
        "home, idle-warning, usage and the topics first, second"
    )
    assert not out.exists()


def test_snapshot_of_an_invalid_pack_named_by_the_config(tmp_path, write_pack, capsys):
    pack = write_pack({"a": ("Q?", "A.")})
    (pack / "topics" / "a.yaml").write_text("question: Q?\n", encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text(f"content: {pack}\n", encoding="utf-8")
    out = tmp_path / "shots"
    assert main(["snapshot", "--config", str(config), "--out", str(out)]) == 1
    assert not out.exists()
    assert capsys.readouterr().err.splitlines() == [
        f"{pack}/topics/a.yaml:1:1: error: missing required key 'answer'",
        "1 error; the pack cannot be shown until they are fixed.",
    ]


def test_check_warns_of_a_language_the_kiosk_has_no_words_in(capsys, write_pack):
    pack = write_pack({"frage": ("Wer darf keine TMS bekommen?", "Ja.")})
    with (pack / "kiosk.yaml").open("a", encoding="utf-8") as file:
        file.write("language: de\n")
    assert main(["check", str(pack)]) == 0  # a warning: the pack still shows
    out, err = capsys.readouterr()
    assert out == "OK: 1 topic\n"
    assert err.startswith(
        f"{pack / 'kiosk.yaml'}:5:11: warning: the kiosk has no words in 'de'; patients will see "
        "Home, Keep reading, Listen, ... in English; add them under 'words:' in kiosk.de.yaml "
        "(missing 52: '%n questions', 'A++, largest text', 'A+, larger text', "
    )
    assert err.count("\n") == 1
