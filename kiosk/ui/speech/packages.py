"""Which of read-aloud's system packages are missing, for a log line that names only those.

No Qt here. On Debian and Ubuntu read-aloud needs four packages, and each
missing one fails differently: without ``libpulse0`` Qt's speech module does
not load at all; without ``libspeechd2`` Qt has no ``speechd`` engine;
without ``speech-dispatcher`` or without a voice module for it
(``speech-dispatcher-espeak-ng``, which ``apt install --no-install-recommends
speech-dispatcher`` leaves out) the engine cannot connect. Naming all four
every time sends an admin to install what is already there; this names what
is not.

Found by their files, not by asking dpkg: the kiosk may run where dpkg is
absent or slow, and a file is what the libraries actually need.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

# Where Debian and Ubuntu put shared libraries (multiarch and not) and
# speech-dispatcher's output modules; ``*`` is the architecture triplet.
_LIBRARY_DIRS = ("usr/lib/*", "lib/*", "usr/lib", "lib")
_SPEECHD_MODULE_DIRS = ("usr/lib/speech-dispatcher-modules", "usr/lib/*/speech-dispatcher-modules")
_PROGRAM_DIRS = ("usr/bin", "bin", "usr/local/bin")


@dataclass(frozen=True, slots=True)
class SpeechPackage:
    """A Debian package read-aloud needs, and the file that shows it is installed."""

    name: str
    what: str  # what it is for, in a few words
    file: str  # a file name the package installs
    folders: tuple[str, ...]  # where to look for it, relative to the root


SPEECH_PACKAGES = (
    SpeechPackage("libpulse0", "needed by Qt's speech module", "libpulse.so.0", _LIBRARY_DIRS),
    SpeechPackage("libspeechd2", "Qt's speech-dispatcher engine", "libspeechd.so.2", _LIBRARY_DIRS),
    SpeechPackage("speech-dispatcher", "the speech service", "speech-dispatcher", _PROGRAM_DIRS),
    SpeechPackage(
        "speech-dispatcher-espeak-ng", "the voices", "sd_espeak-ng", _SPEECHD_MODULE_DIRS
    ),
)

SOUND_CHECK = "check that 'spd-say hello' is heard"


def _installed(package: SpeechPackage, root: Path) -> bool:
    return any(
        (folder / package.file).exists()
        for pattern in package.folders
        for folder in (root.glob(pattern) if "*" in pattern else [root / pattern])
    )


def missing_speech_packages(root: Path = Path("/")) -> list[str]:
    """The read-aloud packages whose files are not under ``root``, in install order."""
    return [package.name for package in SPEECH_PACKAGES if not _installed(package, root)]


def install_hint(root: Path = Path("/"), platform: str = sys.platform) -> str:
    """What to do about read-aloud that does not work, naming only what is missing.

    On Debian and Ubuntu: ``apt install`` with the missing packages, or, with
    all of them there, the sound check. Elsewhere on Linux the same parts by
    what they are; on other systems, the system's own voices.
    """
    if not platform.startswith("linux"):
        return "check the system's text-to-speech voices and sound output"
    missing = missing_speech_packages(root)
    if not missing:
        return f"all its packages are installed; {SOUND_CHECK}"
    if (root / "etc" / "debian_version").exists():
        return f"on Debian or Ubuntu: apt install {' '.join(missing)}"
    parts = [f"{p.what} ({p.name} on Debian)" for p in SPEECH_PACKAGES if p.name in missing]
    return "install " + ", ".join(parts)
