"""The kiosk command: check, snapshot, run's wiring, usage errors and the missing display."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

import kiosk.app
from kiosk.cli import NO_DISPLAY, main
from kiosk.settings import Settings


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[Settings]:
    """The settings `kiosk run` starts the kiosk with; no window opens."""
    runs: list[Settings] = []

    def run(settings: Settings) -> int:
        runs.append(settings)
        return 0

    monkeypatch.setattr(kiosk.app, "display_available", lambda: True)
    monkeypatch.setattr(kiosk.app, "run", run)
    return runs


def test_check_accepts_the_bundled_pack(capsys):
    assert main(["check"]) == 0
    assert capsys.readouterr().out == "OK: 10 topics\n"


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
    expected = ["home.png", "idle-warning.png", "topics/first.png", "topics/second.png"]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.png")) == expected
    for name in expected:
        image = QImage(str(out / name))
        assert (image.width(), image.height()) == (1280, 800), name
    assert capsys.readouterr().out == f"wrote 4 images to {out}\n"


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


def test_python_m_kiosk_works(tmp_path: Path):
    config = tmp_path / "config.yaml"  # given, so the real user's config is never read
    config.write_text("", encoding="utf-8")
    result = _run_module("check", "--config", str(config), env=dict(os.environ))
    assert (result.returncode, result.stdout) == (0, f"OK: config file {config}\nOK: 10 topics\n")


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

    def render(app, loaded, settings, out, size):
        rendered.append((loaded.title, settings))
        return []

    monkeypatch.setattr(kiosk.ui.snapshot, "render_snapshots", render)
    assert main(["snapshot", "--config", str(config), "--out", str(tmp_path / "out")]) == 0
    assert [(title, s.content, s.idle_warning_ms) for title, s in rendered] == [
        ("Test clinic", pack, 45_000)
    ]


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
