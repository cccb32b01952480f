"""Every text a pack shows patients, where it is written, and the warning for
characters no font can draw (plain Python, no Qt: which fonts draw what is
asked of Qt by kiosk.ui.style.coverage).
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.loader import PACK_FILE, TOPICS_DIR
from kiosk.content.model import BulletList, Pack, Place, Topic
from kiosk.content.problems import Problem, Severity
from kiosk.content.textfile import decode_utf8, read_capped
from kiosk.content.yamlreader import Mapping, Node, position_of, read_yaml
from kiosk.content.yamltabs import LINE_BREAK

# Drawn by every font Qt could fall back to: a pack written in them alone
# needs no font checked.
_EVERY_FONT_HAS = frozenset(chr(code) for code in range(0x21, 0x7F))
# Spaces, line breaks, and the invisible characters that steer text (joiners,
# direction marks, the soft hyphen) or choose a glyph (variation selectors):
# none is drawn as a glyph of its own.
_NOT_DRAWN = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp"})
_VARIATION_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))
# Name prefixes of the scripts that Debian's fonts-noto-cjk covers.
_CJK_NAMES = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO", "IDEOGRAPHIC", "KANGXI")


@dataclass(frozen=True, slots=True)
class PackText:
    """One text value of a pack: the file, the keys that lead to it, the text."""

    path: str  # the file, as messages show it
    keys: tuple[str, ...]  # ("answer",), or ("words", "Home") for a nested one
    text: str

    @property
    def name(self) -> str:
        """The value's name in messages: 'answer', or 'Home' in 'words'."""
        if len(self.keys) == 1:
            return f"'{self.keys[0]}'"
        return f"'{self.keys[-1]}' in '{self.keys[0]}'"


def pack_texts(pack: Pack) -> list[PackText]:
    """Every text of ``pack`` and of its translations, and the file of each.

    The pack's own texts are in kiosk.yaml, those of another language in
    kiosk.<lang>.yaml, the kiosk's words for a language under 'words' there,
    and a topic's in the file its answer was read from.
    """
    main = pack.main_pack or pack
    folder = os.fspath(main.folder) if main.folder is not None else ""

    def pack_file(language: str | None = None) -> str:
        if language is None:
            return os.path.join(folder, PACK_FILE)
        # The file as it was read: its name need not be kiosk.<tag>.yaml exactly.
        return main.text_files.get(language) or os.path.join(folder, f"kiosk.{language}.yaml")

    texts = list(_pack_file_texts(pack_file(), main.title, main.welcome, main.footer))
    texts += (PackText(pack_file(), ("sections", s.id), s.title) for s in main.sections)
    for topic in main.topics:
        texts += _topic_texts(topic, folder)
    for language, translation in main.translations.items():
        texts += _pack_file_texts(
            pack_file(language), translation.title, translation.welcome, translation.footer
        )
        texts += (
            PackText(pack_file(language), ("sections", section_id), title)
            for section_id, title in translation.sections.items()
        )
        for topic in translation.topics.values():
            texts += _topic_texts(topic, folder)
    for language, words in main.words.items():
        path = pack_file(language)
        texts += (PackText(path, ("words", key), word) for key, word in words.items())
    return texts


def _pack_file_texts(
    path: str, title: str | None, welcome: str | None, footer: str | None
) -> Iterator[PackText]:
    for key, text in (("title", title), ("welcome", welcome), ("footer", footer)):
        if text is not None:
            yield PackText(path, (key,), text)


def _topic_texts(topic: Topic, folder: str) -> Iterator[PackText]:
    place = topic.answer_place
    path = place.path if place else os.path.join(folder, TOPICS_DIR, f"{topic.id}.yaml")
    yield PackText(path, ("question",), topic.question)
    answer: list[str] = []
    for block in topic.answer:
        answer += block.items if isinstance(block, BulletList) else (block.text,)
    yield PackText(path, ("answer",), "\n".join(answer))
    if topic.source is not None:
        yield PackText(path, ("source",), topic.source)
    # A screen reader speaks the picture's description; a translation that
    # gives none shows the main file's, checked there.
    alt_place = topic.places.get("image_alt")
    if topic.image is not None and alt_place is not None:
        yield PackText(alt_place.path, ("image_alt",), topic.image.alt)


def needs_glyph(char: str) -> bool:
    """Whether ``char`` is drawn as a glyph (not a space or an invisible mark)."""
    code = ord(char)
    if any(code in selectors for selectors in _VARIATION_SELECTORS):
        return False
    return unicodedata.category(char) not in _NOT_DRAWN


def characters_to_check(texts: Iterable[PackText]) -> set[str]:
    """The distinct characters of ``texts`` that some font might lack."""
    distinct: set[str] = set()
    for text in texts:
        distinct.update(text.text)
    return {char for char in distinct - _EVERY_FONT_HAS if needs_glyph(char)}


def undrawable_warnings(texts: Iterable[PackText], undrawable: Set[str]) -> list[Problem]:
    """A warning for each text with characters in ``undrawable``, at the first one."""
    warnings = []
    for text in texts:
        missing = list(dict.fromkeys(char for char in text.text if char in undrawable))
        if missing:
            warnings.append(undrawable_warning(text, missing))
    return warnings


def undrawable_warning(text: PackText, missing: list[str]) -> Problem:
    """The warning for ``text``, whose characters ``missing`` (in text order) no font has."""
    first = missing[0]
    more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
    place = locate(text, first)
    return Problem(
        place.path,
        f"{text.name} has characters no installed font can draw: "
        f"U+{ord(first):04X} '{first}'{more}; patients would see empty boxes. {font_hint(first)}",
        place.line,
        place.column,
        Severity.WARNING,
    )


def font_hint(char: str) -> str:
    """What to install (on Debian) so that ``char`` can be drawn."""
    if unicodedata.category(char) in ("Co", "Cn"):
        return "It is a private-use or unassigned character that no font package draws; replace it"
    name = unicodedata.name(char, "")
    if name.startswith(_CJK_NAMES):
        package = "fonts-noto-cjk"
    elif unicodedata.category(char) == "So" and ord(char) >= 0x1F000:
        package = "fonts-noto-color-emoji"
    else:
        package = "fonts-noto-core"
    return f"Install a font for this script, e.g. apt install {package}"


def value_place(path: str, keys: tuple[str, ...]) -> Place:
    """Where the value under ``keys`` is written in the file ``path``; the file
    alone when it cannot be read again or has no such value."""
    found = _read_again(path)
    span = _value_span(found[1], keys) if found is not None else None
    if span is None:
        return Place(path)
    return Place(path, span[0].line, span[0].column)


def _read_again(path: str) -> tuple[str, Node | None] | None:
    """The text of the file ``path`` and its YAML; ``None`` if it cannot be read."""
    try:
        data = read_capped(Path(path))
    except OSError:
        return None
    source = decode_utf8(data, path) if data is not None else None
    if not isinstance(source, str):
        return None
    return source, read_yaml(path, source)[0]


def locate(text: PackText, char: str) -> Place:
    """Where the first ``char`` of ``text``'s value is written in its file.

    The file is read again: the value's place comes from its keys, and the
    character is looked for from there to the next key. A character written
    as an escape ("\\u4e2d") is not found: the value's place stands in. A
    file that cannot be read again gives the file alone.
    """
    found = _read_again(text.path)
    span = _value_span(found[1], text.keys) if found is not None else None
    if found is None or span is None:
        return Place(text.path)
    source = found[0]
    value, next_key = span
    start = _index_of(source, value.line, value.column)
    end = _index_of(source, next_key.line, next_key.column) if next_key else len(source)
    index = source.find(char, start, end)
    if index < 0:
        return Place(text.path, value.line, value.column)
    line, column = position_of(source, index)
    return Place(text.path, line, column)


def _value_span(root: Node | None, keys: tuple[str, ...]) -> tuple[Node, Node | None] | None:
    """The value under ``keys``, and the key after it in its mapping (None if last)."""
    node, span = root, None
    for key in keys:
        if not isinstance(node, Mapping):
            return None
        items = node.items
        index = next((i for i, (k, _) in enumerate(items) if k.text == key), None)
        if index is None:
            return None
        after = items[index + 1][0] if index + 1 < len(items) else None
        node = items[index][1]
        span = (node, after or (span[1] if span else None))
    return span


def _index_of(text: str, line: int, column: int) -> int:
    """The index in ``text`` of a 1-based line and column, as YAML counts them."""
    start = 0
    for _ in range(line - 1):
        found = LINE_BREAK.search(text, start)
        if found is None:
            return len(text)
        start = found.end()
    return min(start + column - 1, len(text))
