"""Load a content pack folder into a validated :class:`Pack`, or say why not.

Every problem in the pack is collected in one pass, so an admin sees the
whole list at once instead of fixing one error per run.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType

from kiosk.content.answer_text import parse_answer
from kiosk.content.languages import (
    closest_language,
    is_known_language,
    language_list,
    meant_pack_text_name,
    pack_text_name,
    split_translation_stem,
)
from kiosk.content.model import (
    DEFAULT_LANGUAGE,
    DEFAULT_REVIEW_MONTHS,
    Pack,
    Place,
    Section,
    Topic,
    Translation,
)
from kiosk.content.pictures import PictureReader
from kiosk.content.problems import ContentError, Problem, Severity, closest
from kiosk.content.schema import (
    MAIN_ONLY_KEYS,
    PACK_KEYS,
    PACK_TEXT_KEYS,
    TOPIC_KEYS,
    TRANSLATION_KEYS,
    Key,
    MappingChecker,
    Value,
    language_tag,
)
from kiosk.content.sections import (
    SectionList,
    check_topic_sections,
    check_translated_sections,
    missing_section_titles,
    read_sections,
)
from kiosk.content.textfile import decode_utf8, read_capped
from kiosk.content.words import check_known_words, read_words
from kiosk.content.yamlreader import Mapping, Node, describe, read_yaml

PACK_FILE = "kiosk.yaml"
TOPICS_DIR = "topics"
TOPIC_SUFFIXES = (".yaml", ".yml")
TOPIC_ID = re.compile(r"[a-z0-9-]{1,64}")

# Files that editors and sync tools leave behind while they work. They are
# skipped without a word; any other non-YAML file gets a warning, since an
# admin who saved "hours.YAML" or "hours.txt" wants to know why it is missing.
SCRATCH_PATTERNS = ("*~", "*.tmp", "*.part", "*.swp", "~$*", "*.sync-conflict-*")


# Reading a pipe or a device would hang or never end.
NOT_REGULAR = "not a regular file (a broken link, a pipe or a device)"
# `ln -s a.yaml a.yaml`, or two links naming each other: every attempt to
# open or even stat it fails with ELOOP.
LINK_LOOP = "a symbolic link that leads back to itself (a link loop)"
# What Windows says for the same; it has no ELOOP of its own.
_WINDOWS_CANT_RESOLVE_FILENAME = 1921


def is_link_loop(exc: OSError) -> bool:
    """Whether ``exc`` says that a path's symbolic links go round in a loop."""
    return exc.errno == errno.ELOOP or (
        getattr(exc, "winerror", None) == _WINDOWS_CANT_RESOLVE_FILENAME
    )


def link_loops(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` cannot be followed because its links go round in a loop."""
    try:
        Path(path).stat()
    except OSError as exc:
        return is_link_loop(exc)
    return False


def is_scratch_file(name: str) -> bool:
    return name.startswith(".") or any(fnmatch.fnmatchcase(name, p) for p in SCRATCH_PATTERNS)


def suggest_id(stem: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:64].strip("-")
    return slug or "my-topic"


PACK_TEXTS = ("title", "welcome", "footer")


@dataclass(frozen=True, slots=True)
class _Irregular:
    """What a warning says of an entry that is not a file, after 'ignored: '."""

    loop: str  # after LINK_LOOP: what to do
    folder: str


TOPIC_IRREGULAR = _Irregular(
    "point it at a topic file or remove it", "folders inside topics/ are not read"
)
PACK_TEXT_IRREGULAR = _Irregular(
    "point it at the pack's texts in this language or remove it",
    "a folder, not a file; the pack's texts in a language are a file of this name",
)


@dataclass(frozen=True, slots=True)
class _Languages:
    """The languages kiosk.yaml names, as far as they are known."""

    main: str
    named: tuple[str, ...] | None  # from 'languages'; None when it is not given
    # False when kiosk.yaml or its 'languages' is broken: no file is then
    # checked against the pack's languages, which are not known.
    known: bool = True

    def others(self) -> tuple[str, ...]:
        return self.named[1:] if self.named else ()


@dataclass
class _PackTexts:
    """What one kiosk.<lang>.yaml gives."""

    shown: str
    texts: dict[str, str] = field(default_factory=dict)
    words: dict[str, str] | None = None
    link: str | None = None
    sections: SectionList = field(default_factory=SectionList)


@dataclass
class _PackReader:
    folder: Path
    shown: str  # the folder as the admin gave it, for messages
    problems: list[Problem] = field(default_factory=list)
    # The bytes of every file read, by name relative to the pack ("kiosk.yaml",
    # "topics/x.yaml"), when the caller wants to keep exactly what was checked.
    files: dict[str, bytes] | None = None
    # The kiosk's own words a kiosk.<lang>.yaml may translate; None: any.
    known_words: Collection[str] | None = None
    # A 'reviewed' date after this day is a problem of this severity.
    today: date | None = None
    future_reviews: Severity = Severity.ERROR
    # Where each value of kiosk.yaml is written.
    pack_nodes: dict[str, Node] = field(default_factory=dict)
    # kiosk.yaml's 'languages', when given and valid.
    named_languages: tuple[str, ...] | None = None
    # Translation files found among the topics: (id, tag, file, shown path).
    translation_files: list[tuple[str, str, Path, str]] = field(default_factory=list)
    # The file of each main-language topic id, valid or not.
    main_files: dict[str, str] = field(default_factory=dict)
    # kiosk.yaml's 'sections', when given.
    sections: SectionList = field(default_factory=SectionList)
    # A translation's 'image_alt' by (topic id, language): the picture is the main file's.
    translated_alts: dict[tuple[str, str], str] = field(default_factory=dict)
    # Reads each picture file once, however many topics show it.
    pictures: PictureReader = field(init=False)

    def __post_init__(self) -> None:
        self.pictures = PictureReader(self.folder, self.files)

    def show(self, *parts: str) -> str:
        return os.path.join(self.shown, *parts)

    def problem(self, path: str, message: str, severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(path, message, severity=severity))

    def read_mapping(self, file: Path, shown: str, example: str) -> Mapping | None:
        """The file's top-level mapping, or ``None`` with the problems recorded."""
        text = self._read_text(file, shown)
        if text is None:
            return None
        root, problems = read_yaml(shown, text)
        self.problems.extend(problems)
        if problems and root is None:
            return None
        if not isinstance(root, Mapping):
            line, column = (root.line, root.column) if root else (1, 1)
            self.problems.append(
                Problem(
                    shown,
                    f"expected keys such as '{example}', found {describe(root)}",
                    line,
                    column,
                )
            )
            return None
        return root

    def _read_text(self, file: Path, shown: str) -> str | None:
        try:
            data = read_capped(file)
        except FileNotFoundError:
            self.problem(shown, "file not found")
            return None
        except OSError as exc:
            self.problem(shown, f"cannot read the file: {exc.strerror or exc}")
            return None
        if data is None:
            self.problem(
                shown,
                "file is larger than 1 MiB, the limit for a content file; is this the right file?",
            )
            return None
        if self.files is not None:
            self.files[file.relative_to(self.folder).as_posix()] = data
        text = decode_utf8(data, shown)
        if isinstance(text, Problem):
            self.problems.append(text)
            return None
        return text

    def read_pack_values(self) -> dict[str, Value] | None:
        shown = self.show(PACK_FILE)
        file = self.folder / PACK_FILE
        if not file.is_file():
            if link_loops(file):
                self.problem(shown, f"{LINK_LOOP}; point it at the pack's real kiosk.yaml")
            elif file.is_dir():
                self.problem(shown, "is a folder; kiosk.yaml must be a file")
            elif os.path.lexists(file):
                self.problem(shown, NOT_REGULAR)
            else:
                hint = "every pack needs a kiosk.yaml with 'schema: 1' and a 'title'"
                if (self.folder / "kiosk.yml").is_file():
                    hint = "rename kiosk.yml to kiosk.yaml"
                self.problem(shown, f"file not found; {hint}")
            return None
        root = self.read_mapping(file, shown, example="title: Our clinic")
        if root is None:
            return None
        checker = MappingChecker(shown, PACK_KEYS, self.problems)
        values = checker.check(root)
        self.pack_nodes = checker.nodes
        self.named_languages = checker.tag_lists.get("languages")
        sections = checker.nodes.get("sections")
        if isinstance(sections, Mapping):
            self.sections = read_sections(shown, sections, self.problems)
        elif sections is not None:
            self.sections = SectionList(given=True)  # not a mapping: said so already
        return values

    def pack_languages(self, values: dict[str, Value] | None) -> _Languages:
        """The main language and the languages named, with a problem if both keys are given."""
        language = str(values.get("language", DEFAULT_LANGUAGE)) if values else DEFAULT_LANGUAGE
        named = self.named_languages
        if "language" in self.pack_nodes and "languages" in self.pack_nodes:
            node = self.pack_nodes["language"]
            self.problems.append(
                Problem(
                    self.show(PACK_FILE),
                    "'language' and 'languages' are both given; keep 'languages' (its first "
                    "language is the main one) and remove 'language'",
                    node.line,
                    node.column,
                )
            )
        if named is not None:
            return _Languages(named[0], named)
        known = values is not None and "languages" not in self.pack_nodes
        return _Languages(language, None, known)

    def topic_files(self) -> list[tuple[str, Path, str]] | None:
        """(id, file, shown path) of each candidate topic file, sorted by name.

        ``None`` when the topics folder itself cannot be read.
        """
        shown_dir = self.show(TOPICS_DIR)
        try:
            entries = sorted(os.scandir(self.folder / TOPICS_DIR), key=lambda e: e.name)
        except FileNotFoundError:
            self.problem(
                shown_dir,
                "folder not found; create it and add one file per topic, "
                "such as topics/opening-hours.yaml",
            )
            return None
        except OSError as exc:
            if is_link_loop(exc):
                self.problem(shown_dir, f"{LINK_LOOP}; point it at the pack's real topics folder")
            else:
                self.problem(shown_dir, f"cannot read the folder: {exc.strerror or exc}")
            return None
        files = []
        for entry in entries:
            if is_scratch_file(entry.name):
                continue
            shown = self.show(TOPICS_DIR, entry.name)
            if self._is_regular_file(entry, shown, TOPIC_IRREGULAR) and self._is_yaml(shown):
                files.append((os.path.splitext(entry.name)[0], Path(entry.path), shown))
        if not files:
            self.problem(
                shown_dir, "no topics; add at least one file such as topics/opening-hours.yaml"
            )
        return files

    def _is_regular_file(self, entry: os.DirEntry[str], shown: str, said: _Irregular) -> bool:
        """Whether ``entry`` is a file that can be read; if not, a warning says why
        it is ignored (an error if it cannot even be looked at)."""
        try:
            # Both follow links, so both can fail: a link loop, or a link
            # into a folder the kiosk may not enter.
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError as exc:
            if is_link_loop(exc):
                self.problem(shown, f"ignored: {LINK_LOOP}; {said.loop}", Severity.WARNING)
            else:
                self.problem(shown, f"cannot read the file: {exc.strerror or exc}")
            return False
        if is_dir:
            self.problem(shown, f"ignored: {said.folder}", Severity.WARNING)
        elif not is_file:
            self.problem(shown, f"ignored: {NOT_REGULAR}", Severity.WARNING)
        return is_file

    def _is_yaml(self, shown: str) -> bool:
        if os.path.splitext(shown)[1] in TOPIC_SUFFIXES:
            return True
        self.problem(shown, "ignored: topic files must end in .yaml or .yml", Severity.WARNING)
        return False

    def read_topics(self, language: str) -> list[Topic]:
        """The main language's topics; translations are set aside for later."""
        topics: list[Topic] = []
        first_file: dict[str, str] = {}
        for topic_id, file, shown in self.topic_files() or ():
            translation = split_translation_stem(topic_id)
            if translation is not None:
                self.translation_files.append((*translation, file, shown))
                continue
            if not TOPIC_ID.fullmatch(topic_id):
                self.problem(
                    shown,
                    f"'{topic_id}' is not a valid topic id: name the file with a-z, 0-9 "
                    f"and '-' only, at most 64 characters, such as "
                    f"'{suggest_id(topic_id)}.yaml'",
                )
            elif topic_id in first_file:
                self.problem(
                    shown,
                    f"duplicate topic id '{topic_id}', also in {first_file[topic_id]}; "
                    "keep only one of the two files",
                )
            first_file.setdefault(topic_id, shown)
            topic = self.read_topic(topic_id, file, shown, language)
            if topic is not None:
                topics.append(topic)
        self.main_files = {i: f for i, f in first_file.items() if TOPIC_ID.fullmatch(i)}
        return topics

    def read_topic(
        self, topic_id: str, file: Path, shown: str, language: str, *, translation: bool = False
    ) -> Topic | None:
        root = self.read_mapping(file, shown, example="question: ...")
        if root is None:
            return None
        keys: tuple[Key, ...] = TOPIC_KEYS
        if translation:
            keys = TRANSLATION_KEYS
            root = self._without_main_only_keys(root, shown)
        checker = MappingChecker(
            shown, keys, self.problems, today=self.today, future_dates=self.future_reviews
        )
        values = checker.check(root)
        if "question" not in values or "answer" not in values:
            return None
        image = None
        if "image" in values:
            alt = values.get("image_alt")
            if alt is None:
                if "image_alt" not in checker.nodes:
                    checker.add(
                        checker.nodes["image"],
                        "'image' needs an 'image_alt': a short text saying what the picture "
                        "shows, for patients who cannot see it; add 'image_alt: ...'",
                    )
                return None
            image = self.pictures.read(
                str(values["image"]),
                str(alt),
                shown=shown,
                node=checker.nodes["image"],
                problems=self.problems,
            )
            if image is None:
                return None
        elif translation and "image_alt" in values:
            self.translated_alts[topic_id, language] = str(values["image_alt"])
        elif "image_alt" in values and "image" not in checker.nodes:
            # (An 'image' written but refused has its own error.)
            checker.add(
                checker.nodes["image_alt"],
                "'image_alt' without an 'image'; add the picture's file as 'image: ...' "
                "or remove this line",
                Severity.WARNING,
            )
        answer = parse_answer(str(values["answer"]))
        if not answer:
            # Only bullet dashes: nothing a patient could read.
            checker.add(checker.nodes["answer"], "'answer' has no words; write the answer text")
            return None
        order = values.get("order")
        answer_node = checker.nodes["answer"]
        return Topic(
            id=topic_id,
            question=str(values["question"]),
            answer=answer,
            order=order if isinstance(order, int) else None,
            source=_text(values.get("source")),
            answer_place=Place(shown, answer_node.line, answer_node.column),
            language=language,
            image=image,
            link=_text(values.get("link")),
            section=_text(values.get("section")),
            reviewed=date.fromisoformat(str(values["reviewed"])) if "reviewed" in values else None,
            places=MappingProxyType(
                {name: Place(shown, node.line, node.column) for name, node in checker.nodes.items()}
            ),
        )

    def _without_main_only_keys(self, root: Mapping, shown: str) -> Mapping:
        """The translation's keys but those only the main language's file may give."""
        kept = []
        for key, value in root.items:
            reason = MAIN_ONLY_KEYS.get(key.text)
            if reason is not None:
                self.problems.append(
                    Problem(
                        shown,
                        f"'{key.text}' is not allowed in a translation: {reason}; remove this line",
                        key.line,
                        key.column,
                    )
                )
            else:
                kept.append((key, value))
        return Mapping(tuple(kept), root.line, root.column)

    def read_translations(
        self, languages: _Languages, main_topics: dict[str, Topic]
    ) -> dict[str, dict[str, Topic]]:
        """The translated topics by language, then id; every problem recorded."""
        found: dict[str, dict[str, Topic]] = {}
        first_file: dict[tuple[str, str], str] = {}
        for topic_id, tag, file, shown in self.translation_files:
            named = self._translation_named(topic_id, tag, shown, languages)
            if named and (topic_id, tag) in first_file:
                self.problem(
                    shown,
                    f"duplicate translation of '{topic_id}' into '{tag}', also in "
                    f"{first_file[topic_id, tag]}; keep only one of the two files",
                )
                named = False
            first_file.setdefault((topic_id, tag), shown)
            topic = self.read_topic(topic_id, file, shown, tag, translation=True)
            main = main_topics.get(topic_id)
            if named and topic is not None and main is not None:
                alt = self.translated_alts.get((topic_id, tag))
                self._check_translated_alt(main, topic, tag)
                found.setdefault(tag, {})[topic_id] = _translated(main, topic, alt)
        return found

    def _check_translated_alt(self, main: Topic, translation: Topic, tag: str) -> None:
        """Warns where a translation's description of the picture is missing
        (a screen reader would say the main language's) or has no picture."""
        if main.image is not None and "image_alt" not in translation.places:
            place = translation.places["question"]  # a topic read has one
            self.problems.append(
                Problem(
                    place.path,
                    f"no 'image_alt' in {tag}: screen readers describe the picture in "
                    f"{main.language}; add 'image_alt: ...' saying in {tag} what it shows",
                    place.line,
                    place.column,
                    Severity.WARNING,
                )
            )
        elif main.image is None and "image_alt" in translation.places:
            place = translation.places["image_alt"]
            self.problems.append(
                Problem(
                    place.path,
                    f"'image_alt' without a picture: {self.main_files.get(main.id, main.id)} "
                    "has no 'image'; add the picture there as 'image: ...' or remove this line",
                    place.line,
                    place.column,
                    Severity.WARNING,
                )
            )

    def _translation_named(
        self, topic_id: str, tag: str, shown: str, languages: _Languages
    ) -> bool:
        """Whether the file's name is a translation the pack can use; if not, says why."""
        message = None
        if self._copy_not_language(tag, languages):
            # side-effects.old.yaml: a backup copy, which would be read
            # as a topic under any other name.
            message = (
                f"'{tag}' is not a known language, so this file is not a translation; move "
                f"a backup copy out of {TOPICS_DIR}/ (every file there is read), or name a "
                f"topic of its own such as '{suggest_id(f'{topic_id}-{tag}')}.yaml'"
            )
        elif not TOPIC_ID.fullmatch(topic_id):
            message = (
                f"'{topic_id}' is not a valid topic id: name the file with a-z, 0-9 and '-' "
                f"only, at most 64 characters, then the language, such as "
                f"'{suggest_id(topic_id)}.{tag}.yaml'"
            )
        elif tag == languages.main:
            message = (
                f"'{tag}' is the pack's main language, whose text belongs in "
                f"{TOPICS_DIR}/{topic_id}.yaml; name this file for another language or remove it"
            )
        elif languages.known and languages.named is None:
            message = (
                f"a translation into '{tag}', but kiosk.yaml names no languages; write "
                f"'languages: {language_list((languages.main, tag))}' in kiosk.yaml "
                "(the main language first), or rename or remove this file"
            )
        elif languages.known and tag not in (languages.named or ()):
            message = self._not_a_pack_language(tag, f"{topic_id}.{{}}.yaml", languages)
        elif topic_id not in self.main_files:
            meant = closest(topic_id, self.main_files)
            hint = (
                f"did you mean '{meant}'? Name the file {meant}.{tag}.yaml"
                if meant is not None
                else f"add {TOPICS_DIR}/{topic_id}.yaml in the main language "
                f"({languages.main}), or remove this file"
            )
            message = f"a translation of topic '{topic_id}', which does not exist; {hint}"
        if message is not None:
            self.problem(shown, message)
        return message is None and languages.known

    def _copy_not_language(self, tag: str, languages: _Languages) -> bool:
        """Whether ``tag``, in a file's name, is no language at all (``old``,
        ``bak``) rather than one the pack lacks or a misspelt one (``esp``)."""
        return (
            tag not in (languages.named or (languages.main,))
            and not is_known_language(tag)
            and closest_language(tag, languages.others()) is None
        )

    def _not_a_pack_language(self, tag: str, name: str, languages: _Languages) -> str:
        others = languages.others()
        if others:
            message = f"'{tag}' is not one of this pack's languages {language_list(others)}"
        else:
            message = f"'{tag}' is not a language of this pack, which is in {languages.main} only"
        meant = closest_language(tag, others)
        if meant is not None:
            return f"{message}; did you mean '{meant}'? Name the file {name.format(meant)}"
        return f"{message}; add it to 'languages' in kiosk.yaml, or rename or remove this file"

    def read_pack_texts(self, languages: _Languages) -> dict[str, _PackTexts]:
        """What each kiosk.<lang>.yaml gives, by language; every problem recorded."""
        try:
            entries = sorted(os.scandir(self.folder), key=lambda e: e.name)
        except OSError:
            # kiosk.yaml could be read, so the folder is there: a folder one
            # may enter but not list has no pack text files to be seen.
            return {}
        found: dict[str, _PackTexts] = {}
        first_file: dict[str, str] = {}
        for entry in entries:
            tag = self._pack_text_tag(entry, languages)
            if tag is None:
                continue
            shown = self.show(entry.name)
            if tag in first_file:
                self.problem(
                    shown,
                    f"duplicate texts for '{tag}', also in {first_file[tag]}; "
                    "keep only one of the two files",
                )
                continue
            first_file[tag] = shown
            if languages.known and tag not in (languages.named or (languages.main,)):
                self.problem(shown, self._not_a_pack_language(tag, "kiosk.{}.yaml", languages))
            texts = self._read_pack_text(Path(entry.path), shown, tag == languages.main)
            if texts is not None:
                found[tag] = texts
        return found

    def _pack_text_tag(self, entry: os.DirEntry[str], languages: _Languages) -> str | None:
        """The language of a kiosk.<lang>.yaml file to read; ``None`` for any
        other entry, with a warning where the admin may have meant one."""
        name = entry.name
        if is_scratch_file(name):
            return None
        shown = self.show(name)
        meant = meant_pack_text_name(name)
        if meant is not None:
            self.problem(shown, f"ignored: name it {meant}", Severity.WARNING)
            return None
        parsed = pack_text_name(name)
        if parsed is None or not self._is_regular_file(entry, shown, PACK_TEXT_IRREGULAR):
            return None
        tag = language_tag(parsed[0])
        if tag is None or self._copy_not_language(tag, languages):
            # Not a language: most likely a copy of kiosk.yaml, which the
            # pack's folder may hold as it may hold any file but these.
            example = languages.others()[0] if languages.others() else "es"
            self.problem(
                shown,
                f"ignored: '{parsed[0]}' is not a known language, so this file is not the "
                f"pack's texts in one; such a file is named for its language, such as "
                f"kiosk.{example}.yaml",
                Severity.WARNING,
            )
            return None
        if tag != languages.main and languages.known and languages.named is None:
            # Before 'languages' such files were not read at all: a pack
            # holding a copy such as kiosk.fr.yaml still loads.
            self.problem(
                shown,
                "ignored: kiosk.yaml names no languages; to give the pack's texts in "
                f"another language, list them in kiosk.yaml, such as 'languages: "
                f"{language_list((languages.main, tag))}'",
                Severity.WARNING,
            )
            return None
        return tag

    def _read_pack_text(self, file: Path, shown: str, main: bool) -> _PackTexts | None:
        root = self.read_mapping(file, shown, example="title: ...")
        if root is None:
            return None
        checker = MappingChecker(shown, PACK_TEXT_KEYS, self.problems)
        values = checker.check(root)
        texts = _PackTexts(shown, {k: str(v) for k, v in values.items() if k in PACK_TEXTS})
        texts.link = _text(values.get("link"))
        sections = checker.nodes.get("sections")
        if isinstance(sections, Mapping):
            texts.sections = read_sections(shown, sections, self.problems)
            if main:
                checker.add(
                    sections,
                    "'sections' in the main language belongs in kiosk.yaml; only 'words' "
                    "may be given here",
                )
            else:
                check_translated_sections(self.sections, texts.sections, self.problems)
        if main:
            for key in PACK_TEXTS:
                if key in checker.nodes:
                    checker.add(
                        checker.nodes[key],
                        f"'{key}' in the main language belongs in kiosk.yaml; only 'words' "
                        "may be given here",
                    )
        words = checker.nodes.get("words")
        if isinstance(words, Mapping):
            texts.words = read_words(shown, words, self.problems)
            if self.known_words is not None:
                keys = (english for english, _ in words.items)
                check_known_words(shown, keys, self.known_words, self.problems)
        return texts

    def missing_translations(
        self,
        languages: _Languages,
        topics: list[Topic],
        translated: dict[str, dict[str, Topic]],
        texts: dict[str, _PackTexts],
        pack_values: dict[str, Value],
    ) -> None:
        """A warning for each topic and pack text a language lacks."""
        main = languages.main
        for language in languages.others():
            have = translated.get(language, {})
            for topic in topics:
                if topic.id not in have and topic.answer_place is not None:
                    self.problem(
                        topic.answer_place.path,
                        f"not translated into {language}: patients who choose {language} "
                        f"read this topic in {main}; add {TOPICS_DIR}/{topic.id}.{language}.yaml",
                        Severity.WARNING,
                    )
            given = texts.get(language)
            done = given.texts if given is not None else {}
            lacking = [k for k in PACK_TEXTS if k in pack_values and k not in done]
            if not lacking:
                continue
            named = _and(lacking)
            if given is None:
                self.problem(
                    self.show(f"kiosk.{language}.yaml"),
                    f"file not found: the pack's {named} show in {main} to patients who "
                    f"choose {language}; create this file with their {language} text",
                    Severity.WARNING,
                )
            else:
                self.problem(
                    given.shown,
                    f"no {named} in {language}: patients who choose {language} see the "
                    f"{main} text; add {'it' if len(lacking) == 1 else 'them'} here",
                    Severity.WARNING,
                )

    def missing_section_titles(
        self, languages: _Languages, sections: tuple[Section, ...], texts: dict[str, _PackTexts]
    ) -> None:
        """A warning for each language that lacks a shown section's title."""
        for language in languages.others():
            given = texts.get(language)
            path = given.shown if given is not None else self.show(f"kiosk.{language}.yaml")
            warning = missing_section_titles(
                path,
                language,
                languages.main,
                sections,
                given.sections if given is not None else None,
            )
            if warning is not None:
                self.problems.append(warning)


def _text(value: object) -> str | None:
    return str(value) if value is not None else None


def _translated(main: Topic, translation: Topic, alt: str | None) -> Topic:
    """A translated topic with what only the main language's file gives.

    The picture is the main one, described in the translation's words where
    it gives them (``alt``); a translation's own link points at a page in its
    language.
    """
    image = main.image
    if image is not None and alt is not None:
        image = replace(image, alt=alt)
    return replace(
        translation,
        order=main.order,
        image=image,
        link=translation.link or main.link,
        section=main.section,
        reviewed=main.reviewed,
    )


def _and(keys: list[str]) -> str:
    """'title', 'welcome' and 'footer'."""
    quoted = [f"'{k}'" for k in keys]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def display_order(topic: Topic) -> tuple[bool, int, str]:
    """Tiles sort by ``order``, then id; topics without an order come last."""
    return (topic.order is None, topic.order or 0, topic.id)


def load_pack(
    folder: str | os.PathLike[str],
    *,
    files: dict[str, bytes] | None = None,
    known_words: Collection[str] | None = None,
    today: date | None = None,
    future_reviews: Severity = Severity.ERROR,
) -> Pack:
    """Load and validate the pack in ``folder``.

    Raises :class:`ContentError` with every problem found when the pack has
    any error. Warnings never block: they are kept on ``Pack.warnings``.
    With ``files``, the bytes of every file read are put in it, keyed by
    their name in the pack (``kiosk.yaml``, ``topics/x.yaml``): exactly what
    was checked, for a copy that must hold nothing else. With
    ``known_words``, the kiosk's own English wording, a ``words`` entry of a
    ``kiosk.<lang>.yaml`` that is none of them is an error. A topic's
    ``reviewed`` date after ``today`` is a problem of ``future_reviews``'
    severity: an error for `kiosk check` and `kiosk proof`, a warning for the
    running kiosk, which shows the pack all the same (its clock may be
    wrong; the dates are for admins). With ``today`` None, no date is
    compared with any day.
    """
    shown = os.fspath(folder)
    reader = _PackReader(
        Path(folder),
        shown,
        files=files,
        known_words=known_words,
        today=today,
        future_reviews=future_reviews,
    )
    if not reader.folder.is_dir():
        what = "not a folder" if reader.folder.exists() else "folder not found"
        if link_loops(reader.folder):
            what = LINK_LOOP
        raise ContentError([Problem(shown, f"{what}; give the folder that holds kiosk.yaml")])
    pack_values = reader.read_pack_values()
    languages = reader.pack_languages(pack_values)
    topics = reader.read_topics(languages.main)
    translated = reader.read_translations(languages, {t.id: t for t in topics})
    texts = reader.read_pack_texts(languages)
    sections = check_topic_sections(
        reader.show(PACK_FILE), reader.sections, topics, reader.problems
    )
    if pack_values is not None and not any(p.is_error for p in reader.problems):
        reader.missing_translations(languages, topics, translated, texts, pack_values)
        reader.missing_section_titles(languages, sections, texts)
    problems = sorted(reader.problems, key=lambda p: (p.path, p.line or 0, p.column or 0))
    if pack_values is None or any(p.is_error for p in problems):
        raise ContentError(problems)
    welcome = pack_values.get("welcome")
    footer = pack_values.get("footer")
    ordered = tuple(sorted(topics, key=display_order))
    return Pack(
        title=str(pack_values["title"]),
        topics=ordered,
        welcome=str(welcome) if welcome is not None else None,
        footer=str(footer) if footer is not None else None,
        folder=reader.folder,
        warnings=tuple(problems),
        language=languages.main,
        languages=languages.named or (),
        translations=MappingProxyType(
            {
                language: _translation(ordered, translated.get(language, {}), texts.get(language))
                for language in languages.others()
            }
        ),
        words=MappingProxyType(
            {
                language: MappingProxyType(given.words)
                for language, given in texts.items()
                if given.words is not None
            }
        ),
        text_files=MappingProxyType({language: given.shown for language, given in texts.items()}),
        link=_text(pack_values.get("link")),
        sections=sections,
        review_every=int(pack_values.get("review_every", DEFAULT_REVIEW_MONTHS)),
    )


def _translation(
    ordered: tuple[Topic, ...], topics: dict[str, Topic], texts: _PackTexts | None
) -> Translation:
    """One language's texts and topics, the topics in tile order."""
    given = texts.texts if texts is not None else {}
    return Translation(
        title=given.get("title"),
        welcome=given.get("welcome"),
        footer=given.get("footer"),
        link=texts.link if texts is not None else None,
        sections=MappingProxyType(
            {s.id: s.title for s in texts.sections.sections} if texts is not None else {}
        ),
        topics=MappingProxyType({t.id: topics[t.id] for t in ordered if t.id in topics}),
    )
