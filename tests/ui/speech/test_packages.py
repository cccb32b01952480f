"""The read-aloud install hint names only the packages that are missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.ui.speech.packages import install_hint, missing_speech_packages

# Where each package puts the file that shows it is there, on Debian 12 (amd64).
DEBIAN_FILES = {
    "libpulse0": "usr/lib/x86_64-linux-gnu/libpulse.so.0",
    "libspeechd2": "usr/lib/x86_64-linux-gnu/libspeechd.so.2",
    "speech-dispatcher": "usr/bin/speech-dispatcher",
    "speech-dispatcher-espeak-ng": "usr/lib/speech-dispatcher-modules/sd_espeak-ng",
}


def debian_root(tmp_path: Path, *installed: str) -> Path:
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    (root / "etc" / "debian_version").write_text("12.8\n")
    for package in installed:
        file = root / DEBIAN_FILES[package]
        file.parent.mkdir(parents=True, exist_ok=True)
        file.touch()
    return root


@pytest.mark.parametrize(
    ("installed", "hint"),
    [
        (
            (),
            "on Debian or Ubuntu: apt install libpulse0 libspeechd2 speech-dispatcher "
            "speech-dispatcher-espeak-ng",
        ),
        # The README's apt line before it listed the voices: only those are missing.
        (
            ("libpulse0", "libspeechd2", "speech-dispatcher"),
            "on Debian or Ubuntu: apt install speech-dispatcher-espeak-ng",
        ),
        (
            ("libspeechd2", "speech-dispatcher", "speech-dispatcher-espeak-ng"),
            "on Debian or Ubuntu: apt install libpulse0",
        ),
        (
            tuple(DEBIAN_FILES),
            "all its packages are installed; check that 'spd-say hello' is heard",
        ),
    ],
)
def test_the_hint_names_only_what_is_missing(tmp_path: Path, installed, hint):
    assert install_hint(debian_root(tmp_path, *installed), platform="linux") == hint


def test_a_library_outside_the_multiarch_folder_counts(tmp_path: Path):
    root = debian_root(tmp_path)
    (root / "lib").mkdir()
    (root / "lib" / "libpulse.so.0").touch()
    assert "libpulse0" not in missing_speech_packages(root)


def test_a_module_in_an_architecture_folder_counts(tmp_path: Path):
    root = debian_root(tmp_path)
    modules = root / "usr" / "lib" / "aarch64-linux-gnu" / "speech-dispatcher-modules"
    modules.mkdir(parents=True)
    (modules / "sd_espeak-ng").touch()
    assert "speech-dispatcher-espeak-ng" not in missing_speech_packages(root)


def test_other_linux_systems_are_told_what_each_part_is(tmp_path: Path):
    root = tmp_path / "root"
    root.mkdir()
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "speech-dispatcher").touch()
    assert install_hint(root, platform="linux") == (
        "install needed by Qt's speech module (libpulse0 on Debian), "
        "Qt's speech-dispatcher engine (libspeechd2 on Debian), "
        "the voices (speech-dispatcher-espeak-ng on Debian)"
    )


def test_windows_is_pointed_at_its_own_voices(tmp_path: Path):
    assert install_hint(tmp_path, platform="win32") == (
        "check the system's text-to-speech voices and sound output"
    )
