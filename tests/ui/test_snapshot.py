"""kiosk snapshot: each screen's exact pixels, the same files every time, only those asked for."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter

from kiosk.content import Pack, load_pack
from kiosk.content.generated import write_sectioned_pack
from kiosk.settings import Settings
from kiosk.ui import snapshot
from kiosk.ui.snapshot import encode_png, render_snapshots, screen_names

ALL_FILES = [
    "home.png",
    "idle-warning.png",
    "topics/first.png",
    "topics/home.png",
    "topics/second.png",
    "usage.png",
]


@pytest.fixture
def pack(make_pack: Callable[..., Pack]) -> Pack:
    # A topic may be called "home": `--only topics/home` names it.
    return make_pack(
        {"first": ("First?", "One."), "home": ("Home care?", "Two."), "second": ("Second?", "3.")}
    )


def render(qapp: object, pack: Pack, out: Path, **options: object) -> list[str]:
    written = render_snapshots(
        qapp,  # type: ignore[arg-type]
        pack,
        Settings(content=pack.folder),
        out,
        (640, 400),
        **options,  # type: ignore[arg-type]
    )
    return [path.relative_to(out).as_posix() for path in written]


def files_in(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*.png"))
    }


def drawn_image(width: int, height: int, image_format: QImage.Format) -> QImage:
    """Every shade of red, green and blue in steps, text and an antialiased line."""
    image = QImage(width, height, image_format)
    image.fill(QColor("#fdfbf7"))
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, width, height)
    gradient.setColorAt(0, QColor(255, 0, 0))
    gradient.setColorAt(0.5, QColor(0, 255, 0))
    gradient.setColorAt(1, QColor(0, 0, 255))
    painter.fillRect(0, 0, width, height // 2, gradient)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(20, 20, 20))
    painter.drawText(QPoint(5, height - 10), "Scalp discomfort")
    painter.drawLine(0, height - 1, width - 1, height // 2)
    painter.end()
    return image


@pytest.mark.parametrize(
    ("width", "height"),
    [(1920, 1080), (241, 37), (1, 1), (1366, 768)],  # 241 and 1366: padded rows
)
@pytest.mark.parametrize(
    "image_format",
    [QImage.Format.Format_RGB32, QImage.Format.Format_ARGB32_Premultiplied],
    ids=["rgb32", "argb32"],
)
def test_a_picture_decodes_to_the_same_pixels(
    qapp: object, width: int, height: int, image_format: QImage.Format
) -> None:
    image = drawn_image(width, height, image_format)
    decoded = QImage.fromData(encode_png(image), "PNG")
    assert not decoded.isNull()
    assert (decoded.width(), decoded.height()) == (width, height)
    expected = image.convertToFormat(QImage.Format.Format_RGB32)
    assert decoded.convertToFormat(QImage.Format.Format_RGB32) == expected


def test_every_file_holds_the_pixels_of_its_screen(
    qapp: object, pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    grabbed: dict[Path, QImage] = {}
    write = snapshot._write_png

    def keep(path: Path, image: QImage) -> None:
        grabbed[path] = image.copy()
        write(path, image)

    monkeypatch.setattr(snapshot, "_write_png", keep)
    assert render(qapp, pack, tmp_path) == [
        "home.png",
        "topics/first.png",
        "topics/home.png",
        "topics/second.png",
        "idle-warning.png",
        "usage.png",
    ]
    assert len(grabbed) == 6
    for path, image in grabbed.items():
        assert QImage(str(path)).convertToFormat(
            QImage.Format.Format_RGB32
        ) == image.convertToFormat(QImage.Format.Format_RGB32), path


def test_snapshots_are_the_same_files_every_time_with_any_number_of_threads(
    qapp: object, pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    render(qapp, pack, tmp_path / "first")
    monkeypatch.setattr(snapshot, "_threads", lambda: 1)
    render(qapp, pack, tmp_path / "one-thread")
    monkeypatch.setattr(snapshot, "_threads", lambda: 4)
    render(qapp, pack, tmp_path / "four-threads")
    first = files_in(tmp_path / "first")
    assert list(first) == ALL_FILES
    assert files_in(tmp_path / "one-thread") == first
    assert files_in(tmp_path / "four-threads") == first


@pytest.mark.parametrize(
    ("only", "expected"),
    [
        (["home"], ["home.png"]),
        (["idle-warning"], ["idle-warning.png"]),
        (["usage"], ["usage.png"]),
        (["second", "first"], ["topics/first.png", "topics/second.png"]),  # in screen order
        (["topics/home"], ["topics/home.png"]),
        (["topics/first", "home", "home"], ["home.png", "topics/first.png"]),
    ],
)
def test_only_the_named_screens_are_rendered(
    qapp: object, pack: Pack, tmp_path: Path, only: list[str], expected: list[str]
) -> None:
    assert render(qapp, pack, tmp_path, only=only) == expected
    assert list(files_in(tmp_path)) == sorted(expected)


def test_a_screen_rendered_alone_is_the_same_picture(
    qapp: object, pack: Pack, tmp_path: Path
) -> None:
    render(qapp, pack, tmp_path / "all")
    render(qapp, pack, tmp_path / "some", only=["second", "idle-warning"])
    every = files_in(tmp_path / "all")
    assert files_in(tmp_path / "some") == {
        name: every[name] for name in ("idle-warning.png", "topics/second.png")
    }


def test_names_that_are_no_screen_are_refused_before_anything_is_written(
    qapp: object, pack: Pack, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match=r"^no such screens: topics/nope, third$"):
        render(qapp, pack, tmp_path, only=["home", "topics/nope", "third"])
    assert not tmp_path.joinpath("home.png").exists()
    assert screen_names(pack) == ["home", "first", "home", "second", "idle-warning", "usage"]


def test_a_picture_that_cannot_be_written_fails_the_snapshot(
    qapp: object, pack: Pack, tmp_path: Path
) -> None:
    (tmp_path / "topics" / "home.png").mkdir(parents=True)  # a folder where a file must go
    with pytest.raises(IsADirectoryError):
        render(qapp, pack, tmp_path)


def test_the_window_is_gone_after_a_snapshot(qapp: object, pack: Pack, tmp_path: Path) -> None:
    render(qapp, pack, tmp_path, only=["home"])
    qapp.sendPostedEvents(None, 0)  # type: ignore[attr-defined]  # runs the deleteLater
    assert not any(
        widget.isVisible() and widget.windowType() == Qt.WindowType.Window
        for widget in qapp.topLevelWidgets()  # type: ignore[attr-defined]
    )


def test_the_screens_show_the_kiosks_words_in_the_packs_language(
    qapp: object, pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace  # noqa: PLC0415

    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415

    from kiosk.ui.window import KioskWindow  # noqa: PLC0415

    shown: list[tuple[str, str]] = []
    grab = KioskWindow.grab

    def grab_and_note(window: KioskWindow) -> object:
        shown.append((window.answer.home_button.text(), window.overlay.button.text()))
        return grab(window)

    monkeypatch.setattr(KioskWindow, "grab", grab_and_note)
    render(qapp, replace(pack, language="es-MX"), tmp_path, only=["topics/first", "idle-warning"])
    assert shown == [("Inicio", "Seguir leyendo")] * 2
    german = replace(pack, language="de", words={"de": {"Keep reading": "Weiterlesen"}})
    render(qapp, german, tmp_path, only=["idle-warning"])
    assert shown[-1] == ("Home", "Weiterlesen")
    # Gone with the window: the next screens are in English again.
    assert QCoreApplication.translate("AnswerScreen", "Home") == "Home"


def test_the_screens_in_a_language_of_the_pack(
    qapp: object, multilingual_pack: Callable[..., Pack], tmp_path: Path
) -> None:
    """The pictures are the screens a patient who chose the language sees:
    with --only too, and different from the main language's."""
    pack = multilingual_pack()
    written = render(qapp, pack, tmp_path / "ar", language="ar", only=["home", "what-is-tms"])
    assert written == ["home.png", "topics/what-is-tms.png"]
    render(qapp, pack, tmp_path / "en", only=["home", "what-is-tms"])
    render(qapp, pack, tmp_path / "main", language="en", only=["home", "what-is-tms"])
    arabic, english = files_in(tmp_path / "ar"), files_in(tmp_path / "en")
    assert all(arabic[name] != english[name] for name in english)
    assert files_in(tmp_path / "main") == english  # the main language is the default


def test_a_language_the_pack_does_not_have_is_refused_before_anything_is_written(
    qapp: object, multilingual_pack: Callable[..., Pack], tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match=r"^no language 'fr' in the pack; it has en, es, ar$"):
        render(qapp, multilingual_pack(), tmp_path, language="fr", only=["home"])
    assert not tmp_path.joinpath("home.png").exists()


def test_a_pack_in_sections_has_a_picture_of_each_section(qapp: object, tmp_path: Path) -> None:
    pack = load_pack(write_sectioned_pack(tmp_path / "pack", topics=6, sections=3, arabic=False))
    names = screen_names(pack)
    assert names[:4] == ["home", "sections/about-tms", "sections/safety", "sections/brain"]
    written = render(qapp, pack, tmp_path / "out", only=["home", "sections/safety", "topic-005"])
    assert written == ["home.png", "sections/safety.png", "topics/topic-005.png"]
    shots = files_in(tmp_path / "out")
    # The section's picture is its own screen, not the home screen again.
    assert shots["sections/safety.png"] != shots["home.png"]
    with pytest.raises(ValueError, match=r"^no such screens: sections/parking$"):
        render(qapp, pack, tmp_path / "none", only=["sections/parking"])
