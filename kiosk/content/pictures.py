"""A topic's ``image``: a picture file inside the pack, read and checked once per load.

Everything a picture could do to the kiosk is settled here, while the pack
loads (on the content watcher's thread, or in ``kiosk check``), so the
screens only ever draw bytes that are known to be a small, sane picture:

- the path stays inside the pack (no absolute path, no ``..``, no link
  leading outside), and names a regular file: a pipe is never opened (it
  would wait for a writer for ever), a device never read, and the file
  read is the one checked (opened without following a link, then compared);
- at most ``MAX_PICTURE_BYTES`` are read, whatever the file's size;
- the content is what the name says (PNG, JPEG or SVG, from its first
  bytes), a raster is at most ``MAX_SIDE`` pixels a side by its header
  before anything is decoded (an image bomb: a small file of huge size),
  then decoded whole to find a damaged file;
- an SVG is well-formed XML with an ``<svg>`` root, declares no entities
  (billion laughs) and refers to nothing outside itself (no scripts, no
  links to other files or addresses: only ``#fragment`` and small embedded
  ``data:`` pictures, checked like a raster file), and draws a bounded
  number of elements once each ``<use>`` is followed to what it copies (a
  few hundred bytes of copies of copies would hold the screen for minutes).

No Qt here; see ``kiosk.ui.widgets.picture`` for drawing.
"""

from __future__ import annotations

import base64
import binascii
import errno
import io
import math
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

import defusedxml.ElementTree
from defusedxml import DefusedXmlException
from PIL.JpegImagePlugin import JpegImageFile
from PIL.PngImagePlugin import PngImageFile

from kiosk.content.model import Pack, Picture
from kiosk.content.problems import Problem, closest
from kiosk.content.yamlreader import Node

MAX_PICTURE_BYTES = 2 * 1024 * 1024
# All the pictures of one pack together: the kiosk keeps them in memory.
MAX_PACK_PICTURE_BYTES = 64 * 1024 * 1024
# Width and height, in pixels, of a PNG or JPEG (and of a picture inside an SVG).
MAX_SIDE = 4096

_FORMATS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".svg": "svg"}
PICTURE_SUFFIXES = frozenset(_FORMATS)
_FORMAT_NAMES = {"png": "PNG", "jpeg": "JPEG", "svg": "SVG"}
_WITH_ARTICLE = {"png": "a PNG", "jpeg": "a JPEG", "svg": "an SVG"}
_EXTENSIONS = {"png": ".png", "jpeg": ".jpg", "svg": ".svg"}
_RASTER_READERS = {"png": PngImageFile, "jpeg": JpegImageFile}

_SVG_NAMESPACE = "http://www.w3.org/2000/svg"
_XLINK_NAMESPACE = "http://www.w3.org/1999/xlink"
# What an SVG may ask the GUI thread to draw: the bundled pictograms use
# under a hundred elements; a detailed drawing a few thousand. The nesting
# and reference depth also bound the check's own recursion (64 x 9 calls).
MAX_SVG_ELEMENTS = 20_000
MAX_SVG_NESTING = 64
# Elements drawn once each '<use>' and url(#...) is followed to what it names.
MAX_SVG_DRAWN = 20_000
MAX_SVG_REFERENCE_DEPTH = 8
# Elements that run code or embed another document: no picture needs them.
_REFUSED_ELEMENTS = {"script": "a script", "foreignObject": "a <foreignObject>"}
_EXTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
_INTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*#([^'\")\s]+)", re.IGNORECASE)
_DATA_PICTURE = re.compile(r"data:image/(png|jpeg|jpg);base64,(.*)", re.IGNORECASE | re.DOTALL)
# A Windows drive (C:\, C:/) or a share (\\server\share): absolute too.
_WINDOWS_ABSOLUTE = re.compile(r"^(?:[A-Za-z]:|[\\/]{2})")

# The first bytes of formats an admin might save by mistake, to say what a
# file really is.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "a GIF picture"),
    (b"GIF89a", "a GIF picture"),
    (b"BM", "a BMP picture"),
    (b"II*\x00", "a TIFF picture"),
    (b"MM\x00*", "a TIFF picture"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (perhaps a Word or LibreOffice document)"),
    (b"\x00\x00\x01\x00", "an icon file"),
)


class PictureError(ValueError):
    """What is wrong with a picture file, said for an admin."""


def picture_files(pack: Pack) -> tuple[str, ...]:
    """The picture files the pack's topics show, relative to its folder, sorted.

    Every language shows the main language's picture, so the main topics
    name them all.
    """
    main = pack.main_pack or pack
    return tuple(sorted({t.image.file for t in main.topics if t.image is not None}))


@dataclass
class PictureReader:
    """Reads the pictures of one pack load: each file once, however many
    topics show it, and no more than ``MAX_PACK_PICTURE_BYTES`` in all."""

    folder: Path
    files: dict[str, bytes] | None = None
    # By relative path: the format and bytes, or the message of its problem.
    _read: dict[str, tuple[str, bytes] | str] = field(default_factory=dict)
    _total: int = 0

    def read(
        self, written: str, alt: str, *, shown: str, node: Node, problems: list[Problem]
    ) -> Picture | None:
        """The picture ``written`` (relative to the pack's folder), or ``None``
        with the problem recorded at ``node`` of the topic file ``shown``."""
        try:
            relative = _relative_path(written)
            key = relative.as_posix()
            found = self._read.get(key)
            if found is None:
                try:
                    found = self._read_file(relative)
                except PictureError as error:
                    found = str(error)
                self._read[key] = found
        except PictureError as error:
            found = str(error)
        if isinstance(found, str):
            problems.append(Problem(shown, found, node.line, node.column))
            return None
        file_format, data = found
        return Picture(key, file_format, data, alt)

    def _read_file(self, relative: PurePosixPath) -> tuple[str, bytes]:
        named = _FORMATS[relative.suffix.lower()]
        data = _read_inside(self.folder, relative)
        if self._total + len(data) > MAX_PACK_PICTURE_BYTES:
            raise PictureError(
                f"'image' {relative}: the pack's pictures together would be more than "
                f"{MAX_PACK_PICTURE_BYTES // (1024 * 1024)} MiB; save them smaller "
                "or use fewer different pictures"
            )
        check_picture(data, named, str(relative))
        self._total += len(data)
        if self.files is not None:
            self.files[relative.as_posix()] = data
        return named, data


def _relative_path(written: str) -> PurePosixPath:
    """``written`` as a path inside the pack; refuses what could lead outside it."""
    if written.startswith(("/", "\\")) or _WINDOWS_ABSOLUTE.match(written):
        raise PictureError(
            f"'image' must be a path inside the pack's folder, not an absolute path "
            f"('{written}'); copy the picture into the pack and write it relative to "
            "the pack, such as pictures/walking.svg"
        )
    relative = PurePosixPath(written.replace("\\", "/"))
    if ".." in relative.parts:
        raise PictureError(
            f"'image' may not use '..' ('{written}'): a picture must be inside the pack's "
            "folder; copy it into the pack, such as pictures/walking.svg"
        )
    if relative.suffix.lower() not in _FORMATS:
        raise PictureError(
            f"'image' must be a PNG, JPEG or SVG file ending in .png, .jpg, .jpeg or "
            f".svg, not '{relative.name}'; save the picture in one of these formats"
        )
    return relative


def _read_inside(folder: Path, relative: PurePosixPath) -> bytes:
    """At most ``MAX_PICTURE_BYTES`` + 1 bytes of a regular file inside ``folder``."""
    path = folder.joinpath(*relative.parts)
    real = os.path.realpath(path)
    if leads_outside(os.path.realpath(folder), real):
        raise PictureError(
            f"'image' {relative} is a link that leads outside the pack's folder (to {real}); "
            "copy the picture itself into the pack"
        )
    try:
        found = Path(real).stat()
    except FileNotFoundError:
        raise PictureError(_not_found(folder, relative)) from None
    except OSError as exc:
        raise PictureError(_cannot_read(relative, exc)) from None
    _check_kind(relative, found.st_mode, found.st_size)
    # The real path is opened without following a link (a link put there
    # since the check could lead anywhere) and without blocking (a pipe put
    # there would wait for a writer); the file opened must then be the one
    # checked. Windows has no O_NOFOLLOW: the comparison still holds there.
    try:
        handle = os.open(real, os.O_RDONLY | _O_NONBLOCK | _O_NOFOLLOW | _O_BINARY)
    except OSError as exc:
        if _O_NOFOLLOW and exc.errno in (errno.ELOOP, errno.EMLINK):
            raise PictureError(_changed(relative)) from None
        raise PictureError(_cannot_read(relative, exc)) from None
    with os.fdopen(handle, "rb") as stream:
        opened = os.fstat(stream.fileno())
        _check_kind(relative, opened.st_mode, opened.st_size)
        if (opened.st_dev, opened.st_ino) != (found.st_dev, found.st_ino):
            raise PictureError(_changed(relative))
        data = stream.read(MAX_PICTURE_BYTES + 1)
    if len(data) > MAX_PICTURE_BYTES:  # it grew since the stat: a copy going on
        raise PictureError(_too_big(relative, None))
    return data


def leads_outside(inside: str, real: str) -> bool:
    """Whether the real path ``real`` is outside the real folder ``inside``."""
    try:
        return os.path.commonpath([inside, real]) != inside
    except ValueError:  # on another drive (Windows), or not comparable at all
        return True


def _changed(relative: PurePosixPath) -> str:
    return (
        f"'image' {relative} was replaced while it was being read (by another file or a "
        "link); check the pack again once copying into it has finished"
    )


_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # not on Windows
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def _check_kind(relative: PurePosixPath, mode: int, size: int) -> None:
    if stat.S_ISDIR(mode):
        raise PictureError(
            f"'image' {relative} is a folder, not a picture file; write the file's "
            "name, such as pictures/walking.svg"
        )
    if not stat.S_ISREG(mode):
        raise PictureError(
            f"'image' {relative} is not a regular file (a pipe or a device); "
            "put a picture file there"
        )
    if size > MAX_PICTURE_BYTES:
        raise PictureError(_too_big(relative, size))


def _too_big(relative: PurePosixPath, size: int | None) -> str:
    # Rounded up: a file of 2.01 MiB must not read as "2.0 MiB".
    shown = f"{math.ceil(size * 10 / (1024 * 1024)) / 10} MiB" if size else "over 2 MiB"
    return (
        f"'image' {relative} is {shown}; a picture may be at most 2 MiB: save it "
        f"smaller (at most {MAX_SIDE} pixels a side is plenty; an SVG or PNG drawing "
        "is usually far smaller than a photo)"
    )


def _not_found(folder: Path, relative: PurePosixPath) -> str:
    message = f"'image' file not found: {relative}"
    parent = folder.joinpath(*relative.parent.parts)
    try:
        names = [entry.name for entry in os.scandir(parent) if not entry.name.startswith(".")]
    except OSError:
        if relative.parent != PurePosixPath("."):
            return f"{message} (the pack has no folder {relative.parent}); check the path"
        return f"{message}; check the file's name"
    meant = closest(relative.name, names)
    if meant is not None:
        return f"{message}; did you mean {(relative.parent / meant).as_posix()}?"
    return f"{message}; check the file's name"


def _cannot_read(relative: PurePosixPath, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return f"'image' {relative} is a link that leads back to itself; put a picture file there"
    return f"cannot read the 'image' file {relative}: {exc.strerror or exc}; check its permissions"


def sniff(data: bytes) -> str | None:
    """ "png", "jpeg" or "svg" from the first bytes; another format's
    description ("a GIF picture", "text"); ``None`` when unknown."""
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            return what
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.lower().startswith((b"<!doctype html", b"<html")):
        return "a web page (HTML)"
    if head.startswith((b"<?xml", b"<svg", b"<!--", b"<!DOCTYPE")):
        return "svg" if b"<svg" in data[:65536] else "an XML file that is not an SVG picture"
    chunk = data[:4096]
    try:
        text = chunk.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(chunk) - 3:
            return None  # not a character cut short at the chunk's end: binary
        text = chunk[: exc.start].decode("utf-8")
    return "text" if text and "\x00" not in text else None


def check_picture(data: bytes, named: str, shown: str) -> None:
    """Raises ``PictureError`` unless ``data`` is a sane picture of format ``named``."""
    really = sniff(data)
    if really != named:
        raise PictureError(_not_what_it_says(shown, named, really))
    if named == "svg":
        _check_svg(data, shown)
    else:
        _check_raster(data, named, shown)


def _not_what_it_says(shown: str, named: str, really: str | None) -> str:
    name = _WITH_ARTICLE[named]
    start = f"'image' {shown} is named as {name} picture but"
    if really in _WITH_ARTICLE:
        better = PurePosixPath(shown).with_suffix(_EXTENSIONS[really]).as_posix()
        return (
            f"{start} holds {_WITH_ARTICLE[really]} picture; rename the file to "
            f"{better} and write that name here"
        )
    what = really or "something that is not a picture"
    if named == "svg" and really == "text":
        # An SVG file is text too: say what is missing from it.
        what = "text with no SVG drawing in it (no <svg> element)"
    return f"{start} holds {what}; save the picture again as {name} file"


def _check_raster(data: bytes, file_format: str, shown: str) -> None:
    name = _WITH_ARTICLE[file_format]
    try:
        # The format's own reader reads the header only: the size is known
        # before any decoding. (Image.open would also do Pillow's own bomb
        # check, a warning or an error depending on the size, before the
        # kiosk's stricter one could say what the size is.)
        with _RASTER_READERS[file_format](io.BytesIO(data)) as image:
            width, height = image.size
            if width > MAX_SIDE or height > MAX_SIDE:
                raise PictureError(
                    f"'image' {shown} is {width}x{height} pixels; a picture may be at most "
                    f"{MAX_SIDE}x{MAX_SIDE}: save it smaller"
                )
            if width < 1 or height < 1:
                raise PictureError(f"'image' {shown} has no pixels; save the picture again")
            image.load()  # a damaged or cut-short file fails here
    except PictureError:
        raise
    except (OSError, SyntaxError, ValueError) as exc:
        # Pillow's readers raise SyntaxError for a header they cannot read.
        damaged = isinstance(exc, SyntaxError) or not str(exc)
        reason = "its header is damaged" if damaged else str(exc).rstrip(".")
        raise PictureError(
            f"'image' {shown} is {name} file that is damaged ({reason}); save the picture again"
        ) from None


def _check_svg(data: bytes, shown: str) -> None:
    def refuse(what: str) -> PictureError:
        return PictureError(
            f"'image' {shown} {what}; a picture must be drawn by the SVG alone: "
            "save it again without it (in Inkscape: Save As, Plain SVG)"
        )

    root = _parse_svg(data, shown, refuse)
    if _local(root.tag) != "svg" or _namespace(root.tag) not in ("", _SVG_NAMESPACE):
        raise PictureError(
            f"'image' {shown} is XML but not an SVG picture (its first element is "
            f"<{_local(root.tag)}>, not <svg>); save the picture as SVG"
        )
    for element in root.iter():
        refused = _REFUSED_ELEMENTS.get(_local(element.tag))
        if refused is not None:
            raise refuse(f"contains {refused}")
        for attribute, value in element.attrib.items():
            # Every 'href', in whatever namespace: Qt reads 'xlink:href' by
            # its written name, whatever the prefix stands for.
            if _local(attribute) == "href":
                _check_reference(value, shown, refuse)
            elif _EXTERNAL_URL.search(value):
                raise refuse(f"refers to another file or address in '{_local(attribute)}'")
        style = element.text if _local(element.tag) == "style" else None
        if style and ("@import" in style or _EXTERNAL_URL.search(style)):
            raise refuse("has a style that refers to another file or address")
    try:
        _check_drawn(root, shown)
    except RecursionError:  # not reached within the limits below; never a crash
        raise _too_complex(shown, "nests its elements and references too deep") from None


def _parse_svg(
    data: bytes, shown: str, refuse: Callable[[str], PictureError]
) -> ElementTree.Element:
    """The document's root; refuses entities, a misbound 'xlink' prefix and a
    document too large or too deeply nested to draw quickly."""
    root: ElementTree.Element | None = None
    elements = depth = 0
    try:
        events = defusedxml.ElementTree.iterparse(
            io.BytesIO(data), events=("start", "end", "start-ns"), forbid_dtd=True
        )
        for event, item in events:
            if event == "start-ns":
                prefix, uri = item
                if prefix == "xlink" and uri != _XLINK_NAMESPACE:
                    raise refuse(
                        f"binds the prefix 'xlink' to '{uri[:60]}' instead of "
                        f"{_XLINK_NAMESPACE}, which hides its links from the check"
                    )
            elif event == "start":
                root = item if root is None else root
                elements += 1
                depth += 1
                if elements > MAX_SVG_ELEMENTS:
                    raise _too_complex(shown, f"has more than {MAX_SVG_ELEMENTS:,} elements")
                if depth > MAX_SVG_NESTING:
                    raise _too_complex(
                        shown,
                        f"nests its elements more than {MAX_SVG_NESTING} deep",
                    )
            else:
                depth -= 1
    except DefusedXmlException:
        raise refuse(
            "declares a document type or entities (which can make it expand without end)"
        ) from None
    except (SyntaxError, ValueError) as exc:  # ParseError is a SyntaxError
        if isinstance(exc, PictureError):
            raise
        raise PictureError(
            f"'image' {shown} is not a well-formed SVG file ({exc}); save the picture again"
        ) from None
    assert root is not None  # a well-formed document has a root
    return root


def _check_drawn(root: ElementTree.Element, shown: str) -> int:
    """Refuses a document that draws too much once its references are
    followed: ten ``<use>`` of ten ``<use>`` of ... is a few hundred bytes
    that would hold the screen for minutes."""
    by_id = {element.get("id"): element for element in root.iter() if element.get("id")}
    # Per element: what it draws, references followed, and how deep they go.
    done: dict[int, tuple[int, int]] = {}
    started: set[int] = set()

    def drawn(element: ElementTree.Element, depth: int) -> tuple[int, int]:
        key = id(element)
        if key in done:
            count, deepest = done[key]
        else:
            if key in started:
                raise PictureError(
                    f"'image' {shown} has a '<use>' or url(#...) that leads back to itself "
                    f"(at id '{element.get('id')}'), which would draw for ever; "
                    "save the picture again without that loop"
                )
            started.add(key)
            count, deepest = 1, 0
            for target in _references(element, by_id):
                if depth + 1 > MAX_SVG_REFERENCE_DEPTH:
                    raise _too_complex(
                        shown,
                        f"nests references ('<use>' of '<use>' ...) more than "
                        f"{MAX_SVG_REFERENCE_DEPTH} deep",
                    )
                inner, inner_depth = drawn(target, depth + 1)
                count, deepest = count + inner, max(deepest, inner_depth + 1)
            for child in element:
                inner, inner_depth = drawn(child, depth)
                count, deepest = count + inner, max(deepest, inner_depth)
            started.discard(key)
            done[key] = count, deepest
        if count > MAX_SVG_DRAWN:
            raise _too_complex(
                shown,
                f"draws more than {MAX_SVG_DRAWN:,} shapes once its '<use>' copies are counted",
            )
        if depth + deepest > MAX_SVG_REFERENCE_DEPTH:
            raise _too_complex(
                shown,
                f"nests references ('<use>' of '<use>' ...) more than "
                f"{MAX_SVG_REFERENCE_DEPTH} deep",
            )
        return count, deepest

    return drawn(root, 0)[0]


def svg_drawn(data: bytes) -> int:
    """How many elements an SVG draws once its references are followed (see
    ``MAX_SVG_DRAWN``); raises ``PictureError`` where the check would."""
    return _check_drawn(_parse_svg(data, "svg", PictureError), "svg")


def _references(
    element: ElementTree.Element, by_id: dict[str | None, ElementTree.Element]
) -> list[ElementTree.Element]:
    """The elements of the document that ``element`` draws by reference: a
    '#id' link, or a paint, clip, mask or marker given as url(#id)."""
    found = []
    for attribute, value in element.attrib.items():
        if _local(attribute) == "href":
            names = [value.strip()[1:]] if value.strip().startswith("#") else []
        else:
            names = _INTERNAL_URL.findall(value)
        found += [by_id[name] for name in names if name in by_id]
    return found


def _too_complex(shown: str, what: str) -> PictureError:
    return PictureError(
        f"'image' {shown} {what}, too much to draw without freezing the screen; "
        "save a PNG of it instead (at most 4096 pixels a side), or a simpler drawing"
    )


def _check_reference(value: str, shown: str, refuse: Callable[[str], PictureError]) -> None:
    value = value.strip()
    if value.startswith("#"):
        return
    embedded = _DATA_PICTURE.fullmatch(value)
    if embedded is None:
        if value.lower().startswith("data:"):
            raise refuse("embeds something that is not a PNG or JPEG picture")
        raise refuse(f"refers to another file or address ('{value[:60]}')")
    try:
        data = base64.b64decode(re.sub(r"\s+", "", embedded.group(2)), validate=True)
    except (binascii.Error, ValueError):
        raise refuse("embeds a picture that is not valid base64") from None
    file_format = "jpeg" if embedded.group(1).lower() in ("jpeg", "jpg") else "png"
    check_picture(data, file_format, f"{shown} (the picture embedded in it)")


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _namespace(tag: str) -> str:
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""
