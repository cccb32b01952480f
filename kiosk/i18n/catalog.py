"""Which of the kiosk's own words patients see, and in which languages the
kiosk ships them: read from the Qt Linguist sources (``kiosk_<lang>.ts``)
with the standard library only, so that ``kiosk check`` needs no Qt.
"""

from __future__ import annotations

import functools
import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.languages import base_language
from kiosk.content.loader import PACK_FILE
from kiosk.content.model import Pack
from kiosk.content.problems import Problem, Severity
from kiosk.content.texts import value_place

FOLDER = Path(__file__).parent
PREFIX = "kiosk_"
# The files whose words patients see, relative to the kiosk package. Staff
# screens are left out on purpose: staff read English.
PATIENT_SOURCES = (
    "i18n/words.py",
    "ui/screens/answer.py",
    "ui/screens/answer_view.py",
    "ui/screens/home.py",
    "ui/screens/idle_warning.py",
    "ui/screens/languages.py",
    "ui/screens/section.py",
    "ui/screens/take_home.py",
    "ui/screens/unavailable.py",
    "ui/widgets/language_choice.py",
    "ui/window.py",
)
# The one message that is not a word on screen: the tag of the language the
# words are in ("en" in English), so the kiosk can tell which voice may read
# them. A pack's words need not give it.
LANGUAGE_CONTEXT = "KioskWords"
LANGUAGE_SOURCE = "en"


@dataclass(frozen=True, slots=True)
class Message:
    context: str
    source: str
    plural: bool
    translations: tuple[str, ...]  # one, or one per plural form
    finished: bool  # neither unfinished nor obsolete, and no form left empty


def read_ts(path: Path) -> tuple[str, tuple[Message, ...]]:
    """The target language and every message of a ``.ts`` file."""
    root = ET.parse(path).getroot()
    messages = []
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = "" if translation is None else translation.get("type", "")
            if translation is None:
                texts: tuple[str, ...] = ("",)
            elif message.get("numerus") == "yes":
                texts = tuple(form.text or "" for form in translation.iter("numerusform"))
            else:
                texts = (translation.text or "",)
            messages.append(
                Message(
                    context=name,
                    source=message.findtext("source", ""),
                    plural=message.get("numerus") == "yes",
                    translations=texts,
                    finished=kind == "" and all(t.strip() for t in texts),
                )
            )
    return root.get("language", ""), tuple(messages)


def ts_files() -> dict[str, Path]:
    """The shipped ``.ts`` files, by language tag."""
    return {
        path.stem.removeprefix(PREFIX).replace("_", "-"): path
        for path in sorted(FOLDER.glob(f"{PREFIX}*.ts"))
    }


@functools.cache
def shipped_languages() -> frozenset[str]:
    """The languages the kiosk shows its own words in: English (the words as
    written) and each language it ships a translation for."""
    return frozenset({"en", *ts_files()})


@functools.cache
def _patient_messages() -> tuple[Message, ...]:
    """Every message of the shipped files but the language's tag."""
    return tuple(
        message
        for path in ts_files().values()
        for message in read_ts(path)[1]
        if message.context != LANGUAGE_CONTEXT
    )


@functools.cache
def patient_words() -> frozenset[str]:
    """The English wording of every word the kiosk shows patients."""
    return frozenset(message.source for message in _patient_messages())


@functools.cache
def patient_contexts() -> frozenset[str]:
    """The translation contexts (classes) of the words patients see."""
    return frozenset(message.context for message in _patient_messages())


def has_shipped_words(tag: str) -> bool:
    """Whether the kiosk ships its words for ``tag`` ("es-MX" is served by "es")."""
    return base_language(tag) in {base_language(lang) for lang in shipped_languages()}


def words_warnings(pack: Pack) -> tuple[Problem, ...]:
    """A warning for each of the pack's languages that patients would see
    the kiosk's words for in English. (A word the kiosk does not have is
    warned about where it is written, by the loader.)

    It points at the pack's words for the language, in the file they were
    read from; else at that file, if there is one; else at the language in
    kiosk.yaml.
    """
    main = pack.main_pack or pack
    folder = str(main.folder) if main.folder is not None else ""
    problems: list[Problem] = []
    for language in main.all_languages:
        if has_shipped_words(language):
            continue
        given = main.words.get(language, {})
        missing = sorted(patient_words() - {w for w, t in given.items() if t.strip()})
        if not missing:
            continue
        words_file = main.text_files.get(language)
        if words_file is not None:
            place = value_place(words_file, ("words",))
        else:
            key = "languages" if main.languages else "language"
            place = value_place(os.path.join(folder, PACK_FILE), (key,))
        name = Path(words_file).name if words_file else f"kiosk.{language}.yaml"
        problems.append(
            Problem(
                place.path,
                _missing_message(language, missing, name),
                place.line,
                place.column,
                Severity.WARNING,
            )
        )
    return tuple(problems)


def _missing_message(language: str, missing: list[str], file_name: str) -> str:
    quoted = ", ".join(f"'{word}'" for word in missing)
    shown = ", ".join(w for w in ("Home", "Keep reading", "Listen") if w in missing)
    return (
        f"the kiosk has no words in '{language}'; patients will see "
        f"{shown or missing[0]}, ... in English; add them under 'words:' in "
        f"{file_name} (missing {len(missing)}: {quoted})"
    )
