"""Load a content pack folder into a validated :class:`Pack`, or say why not.

Every problem in the pack is collected in one pass, so an admin sees the
whole list at once instead of fixing one error per run.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.answer_text import parse_answer
from kiosk.content.model import DEFAULT_LANGUAGE, Pack, Place, Topic
from kiosk.content.problems import ContentError, Problem, Severity
from kiosk.content.schema import PACK_KEYS, TOPIC_KEYS, MappingChecker, Value
from kiosk.content.textfile import decode_utf8, read_capped
from kiosk.content.yamlreader import Mapping, describe, read_yaml

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


@dataclass
class _PackReader:
    folder: Path
    shown: str  # the folder as the admin gave it, for messages
    problems: list[Problem] = field(default_factory=list)
    # The bytes of every file read, by name relative to the pack ("kiosk.yaml",
    # "topics/x.yaml"), when the caller wants to keep exactly what was checked.
    files: dict[str, bytes] | None = None

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
        return MappingChecker(shown, PACK_KEYS, self.problems).check(root)

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
            if self._is_topic_file(entry, shown):
                files.append((os.path.splitext(entry.name)[0], Path(entry.path), shown))
        if not files:
            self.problem(
                shown_dir, "no topics; add at least one file such as topics/opening-hours.yaml"
            )
        return files

    def _is_topic_file(self, entry: os.DirEntry[str], shown: str) -> bool:
        """Whether ``entry`` is a file to read as a topic; if not, says why, if it matters."""
        try:
            # Both follow links, so both can fail: a link loop, or a link
            # into a folder the kiosk may not enter.
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError as exc:
            if is_link_loop(exc):
                self.problem(
                    shown,
                    f"ignored: {LINK_LOOP}; point it at a topic file or remove it",
                    Severity.WARNING,
                )
            else:
                self.problem(shown, f"cannot read the file: {exc.strerror or exc}")
            return False
        if is_dir:
            self.problem(shown, "ignored: folders inside topics/ are not read", Severity.WARNING)
        elif not is_file:
            self.problem(shown, f"ignored: {NOT_REGULAR}", Severity.WARNING)
        elif os.path.splitext(entry.name)[1] not in TOPIC_SUFFIXES:
            self.problem(shown, "ignored: topic files must end in .yaml or .yml", Severity.WARNING)
        else:
            return True
        return False

    def read_topics(self) -> list[Topic]:
        topics: list[Topic] = []
        first_file: dict[str, str] = {}
        for topic_id, file, shown in self.topic_files() or ():
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
            topic = self.read_topic(topic_id, file, shown)
            if topic is not None:
                topics.append(topic)
        return topics

    def read_topic(self, topic_id: str, file: Path, shown: str) -> Topic | None:
        root = self.read_mapping(file, shown, example="question: ...")
        if root is None:
            return None
        checker = MappingChecker(shown, TOPIC_KEYS, self.problems)
        values = checker.check(root)
        if "question" not in values or "answer" not in values:
            return None
        answer = parse_answer(str(values["answer"]))
        if not answer:
            # Only bullet dashes: nothing a patient could read.
            checker.add(checker.nodes["answer"], "'answer' has no words; write the answer text")
            return None
        order = values.get("order")
        source = values.get("source")
        answer_node = checker.nodes["answer"]
        return Topic(
            id=topic_id,
            question=str(values["question"]),
            answer=answer,
            order=order if isinstance(order, int) else None,
            source=str(source) if source is not None else None,
            answer_place=Place(shown, answer_node.line, answer_node.column),
        )


def display_order(topic: Topic) -> tuple[bool, int, str]:
    """Tiles sort by ``order``, then id; topics without an order come last."""
    return (topic.order is None, topic.order or 0, topic.id)


def load_pack(folder: str | os.PathLike[str], *, files: dict[str, bytes] | None = None) -> Pack:
    """Load and validate the pack in ``folder``.

    Raises :class:`ContentError` with every problem found when the pack has
    any error. Warnings never block: they are kept on ``Pack.warnings``.
    With ``files``, the bytes of every file read are put in it, keyed by
    their name in the pack (``kiosk.yaml``, ``topics/x.yaml``): exactly what
    was checked, for a copy that must hold nothing else.
    """
    shown = os.fspath(folder)
    reader = _PackReader(Path(folder), shown, files=files)
    if not reader.folder.is_dir():
        what = "not a folder" if reader.folder.exists() else "folder not found"
        if link_loops(reader.folder):
            what = LINK_LOOP
        raise ContentError([Problem(shown, f"{what}; give the folder that holds kiosk.yaml")])
    pack_values = reader.read_pack_values()
    topics = reader.read_topics()
    problems = sorted(reader.problems, key=lambda p: (p.path, p.line or 0, p.column or 0))
    if pack_values is None or any(p.is_error for p in problems):
        raise ContentError(problems)
    welcome = pack_values.get("welcome")
    footer = pack_values.get("footer")
    return Pack(
        title=str(pack_values["title"]),
        topics=tuple(sorted(topics, key=display_order)),
        welcome=str(welcome) if welcome is not None else None,
        footer=str(footer) if footer is not None else None,
        folder=reader.folder,
        warnings=tuple(problems),
        language=str(pack_values.get("language", DEFAULT_LANGUAGE)),
    )
