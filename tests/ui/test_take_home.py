"""The take-home QR code on an answer, read back from the screen by an
independent decoder (ZXing's), where the patient's phone would read it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import zxingcpp
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QDesktopServices, QImage
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.content import Pack
from kiosk.i18n.words import KioskWords
from kiosk.ui.style import theme
from kiosk.ui.style.text_size import TextSize
from kiosk.ui.widgets import qr_code
from kiosk.ui.window import KioskWindow
from tests.ui.conftest import CLINIC_LINK, LONGEST_LINK, TOPIC_LINKS

WindowFactory = Callable[..., KioskWindow]
CAPTIONS = {
    "en": "Scan to read this at home",
    "es": "Escanee para leerlo en casa",
    "ar": "امسح الرمز لقراءة هذا في المنزل",
}
CLINIC_CAPTIONS = {
    "en": "Scan for our clinic's web page",
    "es": "Escanee para ver la página web de nuestra clínica",
    "ar": "امسح الرمز لزيارة موقع عيادتنا",
}


def decode(image: QImage) -> list[zxingcpp.Barcode]:
    """The QR codes in ``image``, read as a phone would: dark on light only."""
    return zxingcpp.read_barcodes(
        image.convertToFormat(QImage.Format.Format_Grayscale8),
        formats=zxingcpp.BarcodeFormat.QRCode,
        try_invert=False,
    )


def on_window(window: KioskWindow, rect: QRect, widget: object) -> QRect:
    assert hasattr(widget, "mapTo")
    return QRect(widget.mapTo(window, rect.topLeft()), rect.size())


def open_answer(
    open_window: WindowFactory,
    pack: Pack,
    topic_id: str,
    *,
    size: tuple[int, int] = (1920, 1080),
    language: str = "en",
    high_contrast: bool = False,
    text_size: TextSize = TextSize.NORMAL,
    words: KioskWords | None = None,
    **options: object,
) -> KioskWindow:
    window = open_window(pack, size=size, **options)
    if words is not None:  # the kiosk's own words in the visit's language
        window.language_changed.connect(words.use)
    window.set_high_contrast(high_contrast)
    window.set_text_size(text_size)
    window.set_language(language)
    window.show_topic(topic_id)
    assert window.current_screen == "answer"
    return window


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("high_contrast", [False, True], ids=["standard", "high-contrast"])
@pytest.mark.parametrize("size", [(1920, 1080), (1024, 600)], ids=["1920x1080", "1024x600"])
def test_the_code_on_screen_reads_as_the_topics_link(
    open_window: WindowFactory,
    linked_pack: Pack,
    words: KioskWords,
    *,
    size: tuple[int, int],
    high_contrast: bool,
    language: str,
) -> None:
    window = open_answer(
        open_window,
        linked_pack,
        "side-effects",
        size=size,
        language=language,
        high_contrast=high_contrast,
        words=words,
    )
    take_home = window.answer.take_home
    assert take_home.isVisible()
    assert take_home.caption.text() == CAPTIONS[language]
    found = decode(window.grab().toImage())
    assert [code.text for code in found] == [TOPIC_LINKS["side-effects", language]]
    # It is the code the widget drew, and read the right way round (a
    # mirrored code would read as another or not at all).
    code = found[0]
    drawn = on_window(window, take_home.code.rect(), take_home.code)
    for corner in ("top_left", "top_right", "bottom_left", "bottom_right"):
        point = getattr(code.position, corner)
        assert drawn.adjusted(-1, -1, 1, 1).contains(QPoint(point.x, point.y)), corner
    assert code.orientation == 0
    # A light plate in both themes, dark modules on it.
    plate = window.grab().toImage().pixelColor(drawn.topLeft() + QPoint(1, 1))
    assert plate.name().upper() == qr_code.LIGHT


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_an_answer_without_a_link_offers_the_clinics_page(
    open_window: WindowFactory, linked_pack: Pack, words: KioskWords, language: str
) -> None:
    window = open_answer(
        open_window, linked_pack, "what-is-tms-for-stroke", language=language, words=words
    )
    assert window.answer.take_home.caption.text() == CLINIC_CAPTIONS[language]
    assert [code.text for code in decode(window.grab().toImage())] == [CLINIC_LINK]


def test_no_link_anywhere_no_code(open_window: WindowFactory, bundled_pack: Pack) -> None:
    window = open_answer(open_window, bundled_pack, "side-effects")
    assert not window.answer.take_home.isVisible()
    assert decode(window.grab().toImage()) == []


def test_the_code_follows_the_answer_and_the_language(
    open_window: WindowFactory, linked_pack: Pack
) -> None:
    window = open_answer(open_window, linked_pack, "side-effects")
    window.show_home()
    window.show_topic("who-should-not-get-tms")
    assert [c.text for c in decode(window.grab().toImage())] == [LONGEST_LINK]
    window.show_topic("side-effects")
    window.set_language("es")
    assert [c.text for c in decode(window.grab().toImage())] == [TOPIC_LINKS["side-effects", "es"]]


# Panels the audit's sizes stand for, with their real density (pixels per mm).
PANELS = {
    "24-inch 1920x1080": ((1920, 1080), 1920 / 527),
    "24-inch portrait": ((1080, 1920), 1920 / 527),
    "15.6-inch 1280x800": ((1280, 800), 1280 / 336),
    "10.1-inch 1280x800": ((1280, 800), 1280 / 217),
    "10-inch 1024x600": ((1024, 600), 1024 / 222),
    "offscreen reference": ((1024, 600), theme.REFERENCE_PX_PER_MM),
}


@pytest.mark.parametrize(
    "text_size", [TextSize.NORMAL, TextSize.LARGEST], ids=["normal", "largest"]
)
@pytest.mark.parametrize("topic_id", ["side-effects", "who-should-not-get-tms"])
@pytest.mark.parametrize(("size", "px_per_mm"), PANELS.values(), ids=PANELS.keys())
def test_the_code_is_at_least_25_mm_wide_on_every_panel(
    open_window: WindowFactory,
    linked_pack: Pack,
    *,
    size: tuple[int, int],
    px_per_mm: float,
    topic_id: str,
    text_size: TextSize,
) -> None:
    window = open_answer(
        open_window, linked_pack, topic_id, size=size, px_per_mm=px_per_mm, text_size=text_size
    )
    code = window.answer.take_home.code
    assert code.isVisible()
    assert code.width() == code.height()
    assert code.width() / px_per_mm >= qr_code.MIN_WIDTH_MM
    modules = len(qr_code.modules(code.link or ""))
    assert code.width() % modules == 0  # whole pixels per module
    assert code.width() / modules / px_per_mm >= qr_code.MIN_MODULE_MM
    # Whole on the screen.
    assert window.rect().contains(on_window(window, code.rect(), code))
    assert [c.text for c in decode(window.grab().toImage())] == [code.link]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_right_to_left_mirrors_the_place_not_the_code(
    open_window: WindowFactory, linked_pack: Pack, language: str
) -> None:
    window = open_answer(open_window, linked_pack, "side-effects", language=language)
    view = on_window(window, window.answer.view.rect(), window.answer.view)
    code = window.answer.take_home.code
    drawn = on_window(window, code.rect(), code)
    if language == "ar":  # beside the answer, on its left
        assert drawn.right() < view.left()
    else:
        assert drawn.left() > view.right()
    # The same pixels either way: the code is drawn, never mirrored.
    image = window.grab().toImage().copy(drawn)
    assert image == qr_code.code_image(code.link or "", window.px_per_mm).convertToFormat(
        image.format()
    )


@pytest.mark.parametrize(
    ("size", "text_size", "beside"),
    [
        ((1920, 1080), TextSize.NORMAL, True),
        ((1080, 1920), TextSize.NORMAL, True),
        ((1080, 1920), TextSize.LARGEST, False),  # below the answer: it keeps its measure
        ((1024, 600), TextSize.LARGEST, True),  # below would cost the first view
    ],
)
def test_the_code_goes_beside_the_answer_or_below_it(
    open_window: WindowFactory,
    linked_pack: Pack,
    size: tuple[int, int],
    text_size: TextSize,
    beside: bool,
) -> None:
    window = open_answer(open_window, linked_pack, "side-effects", size=size, text_size=text_size)
    answer = window.answer
    view = on_window(window, answer.view.rect(), answer.view)
    code = on_window(window, answer.take_home.code.rect(), answer.take_home.code)
    controls = on_window(window, answer.controls.rect(), answer.controls)
    assert answer.take_home.beside is beside
    if beside:
        assert code.left() > view.right()
    else:
        assert view.bottom() < code.top() and code.bottom() < controls.top()


def test_tapping_the_code_does_nothing(
    qtbot: QtBot, open_window: WindowFactory, linked_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[object] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)
    window = open_answer(open_window, linked_pack, "side-effects")
    answer = window.answer
    emitted: list[str] = []
    for name in (
        "home_requested",
        "text_size_requested",
        "high_contrast_requested",
        "listen_requested",
    ):
        getattr(answer, name).connect(lambda *_, name=name: emitted.append(name))
    handle = window.windowHandle()
    for widget in (answer.take_home.code, answer.take_home.caption):
        centre = widget.mapTo(window, widget.rect().center())
        QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), centre)
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
    assert (emitted, opened, window.current_screen) == ([], [], "answer")
    assert answer.topic is not None and answer.topic.id == "side-effects"
    # The same tap on Home does go through: the taps above were real taps.
    home = answer.home_button
    centre = home.mapTo(window, home.rect().center())
    with qtbot.waitSignal(answer.home_requested):
        QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), centre)


def test_the_code_takes_no_focus_and_a_screen_reader_hears_what_it_is(
    open_window: WindowFactory, linked_pack: Pack, words: KioskWords
) -> None:
    window = open_answer(open_window, linked_pack, "side-effects", language="es", words=words)
    take_home = window.answer.take_home
    assert take_home.code.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert take_home.caption.focusPolicy() == Qt.FocusPolicy.NoFocus
    seen = set()
    for _ in range(30):  # Tab round every control: it never lands on the code
        window.focusNextChild()
        seen.add(window.focusWidget())
    assert take_home.code not in seen and take_home not in seen
    code = QAccessible.queryAccessibleInterface(take_home.code)
    assert code.role() == QAccessible.Role.Graphic
    assert code.text(QAccessible.Text.Name) == "Código QR"
    assert code.text(QAccessible.Text.Description) == TOPIC_LINKS["side-effects", "es"]
    caption = QAccessible.queryAccessibleInterface(take_home.caption)
    assert caption.role() == QAccessible.Role.StaticText
    assert caption.text(QAccessible.Text.Name) == CAPTIONS["es"]


def test_the_code_is_drawn_once_per_link_and_panel(
    open_window: WindowFactory, linked_pack: Pack
) -> None:
    window = open_answer(open_window, linked_pack, "side-effects")
    qr_code.code_image.cache_clear()
    for topic_id in ("who-should-not-get-tms", "side-effects") * 2:
        window.show_home()
        window.show_topic(topic_id)
    window.set_text_size(TextSize.LARGER)
    window.set_high_contrast(True)
    # Each link drawn once, then taken from the cache.
    info = qr_code.code_image.cache_info()
    assert (info.misses, info.hits) == (2, 2)
