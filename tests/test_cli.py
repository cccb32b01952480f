"""The kiosk command: check, snapshot, usage errors and the missing display."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from kiosk.cli import NO_DISPLAY, main


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
        ["--no-such-option"],
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


def test_python_m_kiosk_works():
    result = _run_module("check", env=dict(os.environ))
    assert (result.returncode, result.stdout) == (0, "OK: 10 topics\n")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland only")
def test_without_a_display_it_says_so_in_one_sentence(tmp_path: Path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    result = _run_module("--windowed", env=env)
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
