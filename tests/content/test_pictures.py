"""A topic's picture: what is read, and every way a picture file is refused,
each with the message an admin sees at the 'image' value of the topic file."""

from __future__ import annotations

import base64
import io
import os
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from kiosk.content import ContentError, load_pack
from kiosk.content import pictures as pictures_module
from kiosk.content.pictures import picture_files, sniff

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>'
)
KIOSK = "schema: 1\ntitle: Clinic\n"


def png(width: int = 4, height: int = 3) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(out, "PNG")
    return out.getvalue()


def jpeg(width: int = 4, height: int = 3) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(out, "JPEG")
    return out.getvalue()


def noise_png() -> bytes:
    """A PNG of about 600 KiB: random pixels do not compress."""
    out = io.BytesIO()
    Image.frombytes("RGB", (450, 450), os.urandom(450 * 450 * 3)).save(out, "PNG")
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header says it is ``width`` x ``height`` pixels (an image bomb)."""
    data = bytearray(png(1, 1))
    # The IHDR chunk: length (4), type (4), then width and height, then the CRC.
    ihdr = data[12:29]
    patched = ihdr[:4] + struct.pack(">II", width, height) + ihdr[12:]
    data[12:29] = patched
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(patched)))
    return bytes(data)


def pack(
    folder: Path, image: str, files: dict[str, bytes] | None = None, *, alt: str = "A coil"
) -> Path:
    (folder / "topics").mkdir(parents=True)
    (folder / "kiosk.yaml").write_text(KIOSK, encoding="utf-8")
    (folder / "topics" / "a.yaml").write_text(
        f"question: A?\nanswer: A.\nimage: {image}\nimage_alt: {alt}\n", encoding="utf-8"
    )
    for name, data in (files or {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    return [str(p).replace(str(folder), "{pack}") for p in info.value.problems]


def at(message: str) -> list[str]:
    """The problem at the 'image' value of topics/a.yaml (line 3, column 8)."""
    return [f"{{pack}}/topics/a.yaml:3:8: error: {message}"]


def test_a_picture_is_read_with_its_bytes_and_format(tmp_path: Path) -> None:
    folder = pack(tmp_path / "pack", "pictures/coil.png", {"pictures/coil.png": png()})
    kept: dict[str, bytes] = {}
    loaded = load_pack(folder, files=kept)
    image = loaded.topic("a").image
    assert image is not None
    assert (image.file, image.format, image.data, image.alt) == (
        "pictures/coil.png",
        "png",
        png(),
        "A coil",
    )
    assert kept["pictures/coil.png"] == png()
    assert picture_files(loaded) == ("pictures/coil.png",)


@pytest.mark.parametrize(
    ("name", "data", "file_format"),
    [
        ("a.jpg", jpeg(), "jpeg"),
        ("a.JPEG", jpeg(), "jpeg"),
        ("a.svg", SVG, "svg"),
        ("a.svg", b"\xef\xbb\xbf<?xml version='1.0'?>\n" + SVG, "svg"),
        # An embedded picture and links within the drawing are its own.
        (
            "a.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            b'<defs><rect id="r" width="2" height="2"/></defs><use xlink:href="#r"/>'
            b'<image href="data:image/png;base64,' + base64.b64encode(png()) + b'"/>'
            b'<rect fill="url(#r)" width="1" height="1"/></svg>',
            "svg",
        ),
        # A plain 'href' to an element of its own, and copies of copies a
        # few levels deep, as drawing programs write them.
        (
            "a.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><defs><g id="a"><rect width="1" '
            b'height="1"/></g><g id="b"><use href="#a"/><use href="#a" x="2"/></g></defs>'
            b'<use href="#b"/><use href="#b" y="2"/></svg>',
            "svg",
        ),
    ],
)
def test_each_format_is_read(tmp_path: Path, name: str, data: bytes, file_format: str) -> None:
    folder = pack(tmp_path / "pack", f"pictures/{name}", {f"pictures/{name}": data})
    image = load_pack(folder).topic("a").image
    assert image is not None and image.format == file_format


OUTSIDE = (
    "copy the picture into the pack and write it relative to the pack, such as pictures/walking.svg"
)
REDRAW = "save it again without it (in Inkscape: Save As, Plain SVG)"

# (the 'image' value, the files to make, the message)
TOO_MUCH = (
    "too much to draw without freezing the screen; save a PNG of it instead (at most 4096 "
    "pixels a side), or a simpler drawing"
)


def copies_of_copies(levels: int, copies: int) -> bytes:
    """An SVG whose each level draws ``copies`` of the level below: ``copies``
    to the power ``levels`` circles from a few hundred bytes."""
    parts = [
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        b'viewBox="0 0 100 100"><defs><g id="l0"><circle cx="50" cy="50" r="40"/></g>'
    ]
    for level in range(1, levels + 1):
        use = b'<use xlink:href="#l%d"/>' % (level - 1)
        parts.append(b'<g id="l%d">' % level + use * copies + b"</g>")
    parts.append(b'</defs><use xlink:href="#l%d"/></svg>' % levels)
    return b"".join(parts)


REFUSED: list[tuple[str, dict[str, bytes], str]] = [
    (
        "/etc/coil.png",
        {},
        "'image' must be a path inside the pack's folder, not an absolute path "
        f"('/etc/coil.png'); {OUTSIDE}",
    ),
    (
        "C:\\Pictures\\coil.png",
        {},
        "'image' must be a path inside the pack's folder, not an absolute path "
        f"('C:\\Pictures\\coil.png'); {OUTSIDE}",
    ),
    (
        "\\\\server\\share\\coil.png",
        {},
        "'image' must be a path inside the pack's folder, not an absolute path "
        f"('\\\\server\\share\\coil.png'); {OUTSIDE}",
    ),
    (
        "pictures/../../coil.png",
        {},
        "'image' may not use '..' ('pictures/../../coil.png'): a picture must be inside "
        "the pack's folder; copy it into the pack, such as pictures/walking.svg",
    ),
    (
        "pictures/coil.gif",
        {"pictures/coil.gif": b"GIF89a"},
        "'image' must be a PNG, JPEG or SVG file ending in .png, .jpg, .jpeg or .svg, "
        "not 'coil.gif'; save the picture in one of these formats",
    ),
    (
        "pictures/walkng.svg",
        {"pictures/walking.svg": SVG, "pictures/other.png": png()},
        "'image' file not found: pictures/walkng.svg; did you mean pictures/walking.svg?",
    ),
    (
        "pictures/coil.svg",
        {"pictures/zzz.png": png()},
        "'image' file not found: pictures/coil.svg; check the file's name",
    ),
    (
        "images/coil.svg",
        {},
        "'image' file not found: images/coil.svg (the pack has no folder images); check the path",
    ),
    (
        "pictures/coil.png",
        {"pictures/coil.png": b"Please put the picture here later.\n"},
        "'image' pictures/coil.png is named as a PNG picture but holds text; save the "
        "picture again as a PNG file",
    ),
    (
        "pictures/coil.png",
        {"pictures/coil.png": jpeg()},
        "'image' pictures/coil.png is named as a PNG picture but holds a JPEG picture; "
        "rename the file to pictures/coil.jpg and write that name here",
    ),
    (
        "pictures/coil.jpg",
        {"pictures/coil.jpg": SVG},
        "'image' pictures/coil.jpg is named as a JPEG picture but holds an SVG picture; "
        "rename the file to pictures/coil.svg and write that name here",
    ),
    (
        "pictures/coil.svg",
        {"pictures/coil.svg": b"A picture of the coil goes here.\n"},
        "'image' pictures/coil.svg is named as an SVG picture but holds text with no SVG "
        "drawing in it (no <svg> element); save the picture again as an SVG file",
    ),
    (
        "pictures/coil.svg",
        {"pictures/coil.svg": b"GIF89a\x01\x00\x01\x00"},
        "'image' pictures/coil.svg is named as an SVG picture but holds a GIF picture; "
        "save the picture again as an SVG file",
    ),
    (
        "pictures/coil.png",
        {"pictures/coil.png": b"\x00\x01\x02\x03\xfe\xff" * 10},
        "'image' pictures/coil.png is named as a PNG picture but holds something that is "
        "not a picture; save the picture again as a PNG file",
    ),
    (
        "pictures/coil.png",
        {"pictures/coil.png": png(64, 64)[:60]},
        "'image' pictures/coil.png is a PNG file that is damaged (image file is truncated); save "
        "the picture again",
    ),
    (
        "pictures/coil.jpg",
        {"pictures/coil.jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 40},
        "'image' pictures/coil.jpg is a JPEG file that is damaged (its header is damaged); save "
        "the picture again",
    ),
    (
        "pictures/bomb.png",
        {"pictures/bomb.png": png_claiming(100_000, 100_000)},
        "'image' pictures/bomb.png is 100000x100000 pixels; a picture may be at most "
        "4096x4096: save it smaller",
    ),
    (
        "pictures/big.png",
        {"pictures/big.png": png_claiming(10_000, 10_000)},
        "'image' pictures/big.png is 10000x10000 pixels; a picture may be at most "
        "4096x4096: save it smaller",
    ),
    (
        "pictures/wide.png",
        {"pictures/wide.png": png_claiming(4097, 10)},
        "'image' pictures/wide.png is 4097x10 pixels; a picture may be at most "
        "4096x4096: save it smaller",
    ),
    (
        "pictures/coil.svg",
        {"pictures/coil.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>'},
        "'image' pictures/coil.svg is not a well-formed SVG file (mismatched tag: line 1, "
        "column 48); save the picture again",
    ),
    (
        "pictures/coil.svg",
        {"pictures/coil.svg": b"<?xml version='1.0'?><html><svg/></html>"},
        "'image' pictures/coil.svg is XML but not an SVG picture (its first element is "
        "<html>, not <svg>); save the picture as SVG",
    ),
    (
        "pictures/lol.svg",
        {
            "pictures/lol.svg": b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><svg>&b;</svg>'
        },
        "'image' pictures/lol.svg declares a document type or entities (which can make it "
        f"expand without end); a picture must be drawn by the SVG alone: {REDRAW}",
    ),
    (
        "pictures/coil.svg",
        {
            "pictures/coil.svg": b'<svg xmlns="http://www.w3.org/2000/svg">'
            b'<image href="file:///etc/passwd"/></svg>'
        },
        "'image' pictures/coil.svg refers to another file or address ('file:///etc/passwd'); "
        f"a picture must be drawn by the SVG alone: {REDRAW}",
    ),
    (
        "pictures/coil.svg",
        {
            "pictures/coil.svg": b'<svg xmlns="http://www.w3.org/2000/svg" '
            b'xmlns:xlink="http://www.w3.org/1999/xlink">'
            b'<image xlink:href="https://tracker.example/p.png"/></svg>'
        },
        "'image' pictures/coil.svg refers to another file or address "
        "('https://tracker.example/p.png'); a picture must be drawn by the SVG alone: "
        f"{REDRAW}",
    ),
    # Qt reads 'xlink:href' by its written name, whatever 'xlink' is bound to.
    (
        "pictures/coil.svg",
        {
            "pictures/coil.svg": b'<svg xmlns="http://www.w3.org/2000/svg" '
            b'xmlns:xlink="urn:not-xlink"><image xlink:href="/etc/coil.png"/></svg>'
        },
        "'image' pictures/coil.svg binds the prefix 'xlink' to 'urn:not-xlink' instead of "
        "http://www.w3.org/1999/xlink, which hides its links from the check; a picture must "
        f"be drawn by the SVG alone: {REDRAW}",
    ),
    (
        "pictures/coil.svg",
        {
            "pictures/coil.svg": b'<svg xmlns="http://www.w3.org/2000/svg" '
            b'xmlns:other="urn:other"><image other:href="//server/share/p.png"/></svg>'
        },
        "'image' pictures/coil.svg refers to another file or address ('//server/share/p.png'); "
        f"a picture must be drawn by the SVG alone: {REDRAW}",
    ),
    (
        "pictures/coil.svg",
        {"pictures/coil.svg": copies_of_copies(7, 10)},
        "'image' pictures/coil.svg draws more than 20,000 shapes once its '<use>' copies are "
        f"counted, {TOO_MUCH}",
    ),
    (
        "pictures/coil.svg",
        {"pictures/coil.svg": copies_of_copies(9, 1)},
        "'image' pictures/coil.svg nests references ('<use>' of '<use>' ...) more than 8 deep, "
        f"{TOO_MUCH}",
    ),
    (
        "pictures/coil.svg",
        {
            "pictures/coil.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><g id="a">'
            b'<rect fill="url(#b)"/></g><pattern id="b"><use href="#a"/></pattern></svg>'
        },
        "'image' pictures/coil.svg has a '<use>' or url(#...) that leads back to itself (at id "
        "'a'), which would draw for ever; save the picture again without that loop",
    ),
    (
        "pictures/coil.svg",
        {
            "pictures/coil.svg": b'<svg xmlns="http://www.w3.org/2000/svg">'
            + b"<rect/>" * 20_000
            + b"</svg>"
        },
        f"'image' pictures/coil.svg has more than 20,000 elements, {TOO_MUCH}",
    ),
    (
        "pictures/coil.svg",
        {
            "pictures/coil.svg": b'<svg xmlns="http://www.w3.org/2000/svg">'
            + b"<g>" * 64
            + b"</g>" * 64
            + b"</svg>"
        },
        f"'image' pictures/coil.svg nests its elements more than 64 deep, {TOO_MUCH}",
    ),
    (
        "pictures/coil.svg",
        {
            "pictures/coil.svg": b'<svg xmlns="http://www.w3.org/2000/svg">'
            b'<rect fill="url(https://tracker.example/p)"/></svg>'
        },
        "'image' pictures/coil.svg refers to another file or address in 'fill'; a picture "
        f"must be drawn by the SVG alone: {REDRAW}",
    ),
    (
        "pictures/coil.svg",
        {
            "pictures/coil.svg": b'<svg xmlns="http://www.w3.org/2000/svg">'
            b"<style>@import 'https://x.example/a.css';</style></svg>"
        },
        "'image' pictures/coil.svg has a style that refers to another file or address; "
        f"a picture must be drawn by the SVG alone: {REDRAW}",
    ),
    (
        "pictures/coil.svg",
        {
            "pictures/coil.svg": b'<svg xmlns="http://www.w3.org/2000/svg">'
            b"<script>alert(1)</script></svg>"
        },
        f"'image' pictures/coil.svg contains a script; a picture must be drawn by the SVG "
        f"alone: {REDRAW}",
    ),
    (
        "pictures/coil.svg",
        {
            "pictures/coil.svg": b'<svg xmlns="http://www.w3.org/2000/svg">'
            b"<foreignObject><p>Hi</p></foreignObject></svg>"
        },
        "'image' pictures/coil.svg contains a <foreignObject>; a picture must be drawn by "
        f"the SVG alone: {REDRAW}",
    ),
    (
        "pictures/coil.svg",
        {
            "pictures/coil.svg": b'<svg xmlns="http://www.w3.org/2000/svg">'
            b'<image href="data:image/svg+xml;base64,PHN2Zy8+"/></svg>'
        },
        "'image' pictures/coil.svg embeds something that is not a PNG or JPEG picture; a "
        f"picture must be drawn by the SVG alone: {REDRAW}",
    ),
    (
        "pictures/coil.svg",
        {
            "pictures/coil.svg": b'<svg xmlns="http://www.w3.org/2000/svg">'
            b'<image href="data:image/png;base64,'
            + base64.b64encode(png_claiming(50_000, 50_000))
            + b'"/></svg>'
        },
        "'image' pictures/coil.svg (the picture embedded in it) is 50000x50000 pixels; a "
        "picture may be at most 4096x4096: save it smaller",
    ),
]


@pytest.mark.parametrize(("image", "files", "message"), REFUSED)
def test_a_bad_picture_is_refused_at_its_image_value(
    tmp_path: Path, image: str, files: dict[str, bytes], message: str
) -> None:
    folder = pack(tmp_path / "pack", image, files)
    assert problems_of(folder) == at(message)


def test_a_link_leading_outside_the_pack_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "elsewhere" / "secret.png"
    secret.parent.mkdir()
    secret.write_bytes(png())
    folder = pack(tmp_path / "pack", "pictures/coil.png")
    (folder / "pictures").mkdir()
    (folder / "pictures" / "coil.png").symlink_to(secret)
    assert problems_of(folder) == at(
        f"'image' pictures/coil.png is a link that leads outside the pack's folder (to "
        f"{secret}); copy the picture itself into the pack"
    )


def test_a_path_on_another_drive_leads_outside() -> None:
    """commonpath raises for paths it cannot compare (another drive on
    Windows; here an absolute and a relative path): outside, not a crash."""
    assert pictures_module.leads_outside("/srv/pack", "pictures/coil.png")
    assert pictures_module.leads_outside("/srv/pack", "/srv/other/coil.png")
    assert not pictures_module.leads_outside("/srv/pack", "/srv/pack/pictures/coil.png")


def test_a_link_to_another_drive_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = pack(tmp_path / "pack", "pictures/coil.png", {"pictures/coil.png": png()})

    def other_drive(paths: list[str]) -> str:
        raise ValueError("Paths don't have the same drive")

    monkeypatch.setattr(pictures_module.os.path, "commonpath", other_drive)
    assert problems_of(folder) == at(
        "'image' pictures/coil.png is a link that leads outside the pack's folder (to "
        "{pack}/pictures/coil.png); copy the picture itself into the pack"
    )


def _swap_before_open(monkeypatch: pytest.MonkeyPatch, swap: Callable[[str], None]) -> None:
    """Calls ``swap`` with the path about to be opened, just before it is."""
    real_open = os.open

    def swapping_open(path: str, *args: int) -> int:
        swap(path)
        return real_open(path, *args)

    monkeypatch.setattr(pictures_module.os, "open", swapping_open)


REPLACED = (
    "'image' pictures/coil.png was replaced while it was being read (by another file or a "
    "link); check the pack again once copying into it has finished"
)


def test_a_link_put_in_place_after_the_check_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(png(9, 9))
    folder = pack(tmp_path / "pack", "pictures/coil.png", {"pictures/coil.png": png()})

    def to_link(path: str) -> None:
        Path(path).unlink()
        Path(path).symlink_to(secret)

    _swap_before_open(monkeypatch, to_link)
    assert problems_of(folder) == at(REPLACED)


def test_a_file_put_in_place_after_the_check_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = pack(tmp_path / "pack", "pictures/coil.png", {"pictures/coil.png": png()})

    def to_other_file(path: str) -> None:
        Path(path + ".new").write_bytes(png(9, 9))
        Path(path + ".new").replace(path)

    _swap_before_open(monkeypatch, to_other_file)
    assert problems_of(folder) == at(REPLACED)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_pipe_put_in_place_after_the_check_is_not_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = pack(tmp_path / "pack", "pictures/coil.png", {"pictures/coil.png": png()})

    def to_pipe(path: str) -> None:
        Path(path).unlink()
        os.mkfifo(path)

    _swap_before_open(monkeypatch, to_pipe)
    assert problems_of(folder) == at(
        "'image' pictures/coil.png is not a regular file (a pipe or a device); put a "
        "picture file there"
    )


def test_the_bundled_pictograms_draw_far_less_than_the_limit() -> None:
    for file in sorted((Path(__file__).parents[2] / "content" / "pictures").glob("*.svg")):
        drawn = pictures_module.svg_drawn(file.read_bytes())
        assert drawn <= pictures_module.MAX_SVG_DRAWN // 100, (file.name, drawn)


def test_a_link_inside_the_pack_is_followed(tmp_path: Path) -> None:
    folder = pack(tmp_path / "pack", "pictures/coil.png", {"art/coil.png": png()})
    (folder / "pictures").mkdir()
    (folder / "pictures" / "coil.png").symlink_to(folder / "art" / "coil.png")
    image = load_pack(folder).topic("a").image
    assert image is not None and image.data == png()


def test_a_link_loop_is_refused(tmp_path: Path) -> None:
    folder = pack(tmp_path / "pack", "pictures/coil.png")
    (folder / "pictures").mkdir()
    (folder / "pictures" / "coil.png").symlink_to("coil.png")
    assert problems_of(folder) == at(
        "'image' pictures/coil.png is a link that leads back to itself; put a picture file there"
    )


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = pack(tmp_path / "pack", "pictures/coil.png")
    (folder / "pictures" / "coil.png").mkdir(parents=True)
    assert problems_of(folder) == at(
        "'image' pictures/coil.png is a folder, not a picture file; write the file's name, "
        "such as pictures/walking.svg"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    folder = pack(tmp_path / "pack", "pictures/coil.png")
    (folder / "pictures").mkdir()
    os.mkfifo(folder / "pictures" / "coil.png")
    # Opening the pipe to read would wait for ever: the load returns.
    assert problems_of(folder) == at(
        "'image' pictures/coil.png is not a regular file (a pipe or a device); put a "
        "picture file there"
    )


def test_a_50_mb_picture_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = pack(tmp_path / "pack", "pictures/photo.jpg")
    (folder / "pictures").mkdir()
    with (folder / "pictures" / "photo.jpg").open("wb") as stream:
        stream.write(jpeg())
        stream.truncate(50 * 1024 * 1024)  # sparse: takes no room on disk
    opened: list[str] = []
    real_open = os.open
    monkeypatch.setattr(
        pictures_module.os, "open", lambda path, *a: opened.append(path) or real_open(path, *a)
    )
    assert problems_of(folder) == at(
        "'image' pictures/photo.jpg is 50.0 MiB; a picture may be at most 2 MiB: save it "
        "smaller (at most 4096 pixels a side is plenty; an SVG or PNG drawing is usually "
        "far smaller than a photo)"
    )
    assert opened == []


def test_a_file_grown_after_its_size_was_read_is_read_no_further(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that grows between the check of its size and the reading (a copy
    still going on) is read to 2 MiB and one byte, never whole."""
    folder = pack(tmp_path / "pack", "pictures/photo.jpg")
    (folder / "pictures").mkdir()
    (folder / "pictures" / "photo.jpg").write_bytes(jpeg() + b"\x00" * (3 * 1024 * 1024))
    monkeypatch.setattr(pictures_module, "_check_kind", lambda *args: None)
    assert problems_of(folder) == at(
        "'image' pictures/photo.jpg is over 2 MiB; a picture may be at most 2 MiB: save it "
        "smaller (at most 4096 pixels a side is plenty; an SVG or PNG drawing is usually "
        "far smaller than a photo)"
    )


def test_a_picture_shown_by_several_topics_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = pack(tmp_path / "pack", "pictures/coil.svg", {"pictures/coil.svg": SVG})
    (folder / "topics" / "b.yaml").write_text(
        "question: B?\nanswer: B.\nimage: pictures/coil.svg\nimage_alt: The same coil\n",
        encoding="utf-8",
    )
    reads: list[object] = []
    real = pictures_module._read_inside
    monkeypatch.setattr(
        pictures_module, "_read_inside", lambda *args: reads.append(args) or real(*args)
    )
    loaded = load_pack(folder)
    assert len(reads) == 1
    a, b = loaded.topic("a").image, loaded.topic("b").image
    assert a is not None and b is not None
    assert a.data is b.data
    assert (a.alt, b.alt) == ("A coil", "The same coil")


def test_a_bad_picture_shown_by_two_topics_is_reported_at_each(tmp_path: Path) -> None:
    folder = pack(tmp_path / "pack", "pictures/coil.png", {"pictures/coil.png": b"text"})
    (folder / "topics" / "b.yaml").write_text(
        "question: B?\nanswer: B.\nimage: pictures/coil.png\nimage_alt: B\n", encoding="utf-8"
    )
    message = (
        "error: 'image' pictures/coil.png is named as a PNG picture but holds text; "
        "save the picture again as a PNG file"
    )
    assert problems_of(folder) == [
        f"{{pack}}/topics/a.yaml:3:8: {message}",
        f"{{pack}}/topics/b.yaml:3:8: {message}",
    ]


def test_the_pack_s_pictures_together_have_a_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pictures_module, "MAX_PACK_PICTURE_BYTES", 1024 * 1024)
    folder = pack(tmp_path / "pack", "pictures/a.png", {"pictures/a.png": noise_png()})
    (folder / "pictures" / "b.png").write_bytes(noise_png())
    (folder / "topics" / "b.yaml").write_text(
        "question: B?\nanswer: B.\nimage: pictures/b.png\nimage_alt: B\n", encoding="utf-8"
    )
    assert problems_of(folder) == [
        "{pack}/topics/b.yaml:3:8: error: 'image' pictures/b.png: the pack's pictures "
        "together would be more than 1 MiB; save them smaller or use fewer different pictures"
    ]


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (png(), "png"),
        (jpeg(), "jpeg"),
        (SVG, "svg"),
        (b"<?xml version='1.0'?><note/>", "an XML file that is not an SVG picture"),
        (b"<!DOCTYPE html><html></html>", "a web page (HTML)"),
        (b"%PDF-1.7", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive (perhaps a Word or LibreOffice document)"),
        ("Texto en español, cortado en ñ".encode()[:-1], "text"),
        (b"\x00\x00\x00\x18ftypheic", None),
    ],
)
def test_what_a_file_really_is(data: bytes, what: str | None) -> None:
    assert sniff(data) == what


def test_every_topic_of_the_bundled_pack_has_a_pictogram_described_in_each_language() -> None:
    bundled = load_pack(Path(__file__).parents[2] / "content")
    assert picture_files(bundled) == tuple(sorted(f"pictures/{t.id}.svg" for t in bundled.topics))
    english = {t.id: t.image.alt for t in bundled.topics if t.image is not None}
    assert len(english) == len(bundled.topics)
    for language in ("es", "ar"):
        view = bundled.in_language(language)
        for topic in view.topics:
            assert topic.image is not None and topic.image.format == "svg"
            assert topic.image.alt and topic.image.alt != english[topic.id], (language, topic.id)
