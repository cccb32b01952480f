"""Regenerates the kiosk's translation files after its words change:

    python -m kiosk.i18n.update

runs Qt's ``lupdate`` over the files whose words patients see (new words
appear unfinished in every ``kiosk_<lang>.ts``; words no longer used are
dropped), then ``lrelease`` to compile each into the ``kiosk_<lang>.qm``
the kiosk loads. Translate the unfinished words in between, with Qt
Linguist (``pyside6-linguist kiosk/i18n/kiosk_es.ts``) or any editor, and
run it again. ``python -m kiosk.i18n.update xx`` adds a language.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from kiosk.content.schema import language_tag
from kiosk.i18n.catalog import FOLDER, PATIENT_SOURCES, PREFIX, ts_files

PACKAGE = FOLDER.parent


def tool(name: str) -> str:
    """The path of a Qt tool that PySide6 installs (``pyside6-lupdate``)."""
    # The one beside this Python first: it matches the PySide6 in use.
    beside_python = Path(sys.executable).parent / name
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found; it comes with PySide6 (pip install PySide6)")
    return found


def lupdate(ts_file: Path, language: str) -> None:
    """Brings ``ts_file`` up to date with the words in the patient-facing sources."""
    sources = [str(PACKAGE / source) for source in PATIENT_SOURCES]
    subprocess.run(
        [
            *(tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none"),
            *("-target-language", language, *sources, "-ts", str(ts_file)),
        ],
        check=True,
    )


def lrelease(ts_file: Path, qm_file: Path) -> None:
    """Compiles ``ts_file`` into ``qm_file``, leaving unfinished words out."""
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)], check=True
    )


def _tag(text: str) -> str:
    tag = language_tag(text)
    if tag is None:
        raise argparse.ArgumentTypeError(f"not a language tag such as es or pt-BR: {text!r}")
    return tag


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kiosk.i18n.update",
        description="Bring every kiosk_<lang>.ts up to date with the kiosk's words, "
        "then compile each into its .qm.",
    )
    parser.add_argument("languages", nargs="*", type=_tag, help="languages to add, such as fr")
    files = ts_files()
    for language in parser.parse_args(argv).languages:
        files.setdefault(language, FOLDER / f"{PREFIX}{language.replace('-', '_')}.ts")
    for language, ts_file in files.items():
        lupdate(ts_file, language.replace("-", "_"))
        lrelease(ts_file, ts_file.with_suffix(".qm"))
        print(f"{ts_file.name} -> {ts_file.with_suffix('.qm').name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
