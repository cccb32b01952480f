"""The accessibility audit: every screen, every size, both themes, all text sizes.

One kiosk window per case (window size x theme x text size: 24 cases) walks
every screen a patient or a member of staff can see: the "being updated"
page; home and each answer of the bundled pack; the idle warning; the PIN
pad (after a wrong PIN, with eight digits typed, then locked), the staff
menu and Status; then home and each answer of a pack at its limits (a
160-character question; a very long answer with bullets, a 45-letter word
and URL-like strings; the longest title, welcome and footer allowed) with
the Listen button a voice brings (also as Stop, while reading aloud), and
the idle warning again. The patient's screens (home, answers, the language
chooser, the idle warning) are walked again in each of AUDIT_LANGUAGES of a
pack in several languages, a right-to-left one among them, and those of a
pack of 500 topics in 12 sections (the section tiles, two sections' screens,
an answer opened from one, with Back) in English and Arabic. It collects
every finding on every screen, and the case fails once, listing them all:

- text that does not fit its widget (``fits()``), or that the window cuts
  off: nothing may be clipped or elided;
- any horizontal scrolling, and any line of a document wider than its page;
- a tap target (a visible, enabled button) whose short side is under
  MIN_TARGET_MM, two targets closer than MIN_TARGET_GAP_MM, a target partly
  off the screen;
- capital letters under MIN_CAP_HEIGHT_MM, in any font on screen;
- a word broken where no hyphen may go (the last resort for a word too wide
  for its line, with no hyphenation point that helps), naming the word;
- an answer's heading smaller than its body text, and an answer whose first
  view has room for fewer than ANSWER_LINES lines of the answer below a
  question of up to two lines (a longer question takes room of its own);
- an enabled control, or anything that takes focus, without an accessible
  name;
- in the accessible tree a screen reader walks: a container (an unnamed
  "filler" or "panel") or a scroll bar without a name;
- on the pixels of ``window.grab()``: a background or card that is not the
  palette's colour (a theme that never reached the screen), and text that
  does not stand out 7:1 from what it is painted on.

Besides: each palette's colour pairs meet their ratios (7:1 text, 3:1 the
rest), and the answer's text grows with each text size.

Findings name the screen, the case, the widget and the number. The
``test_checker_catches_*`` tests break one thing each and show that the
checks fail on it: the audit has teeth.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleInterface,
    QFont,
    QFontMetricsF,
    QImage,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QScrollArea,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.content import Pack, Problem, load_pack
from kiosk.i18n.words import KioskWords
from kiosk.stats.sample import write_sample
from kiosk.status import ContentStatus
from kiosk.ui.screens import answer_layout
from kiosk.ui.screens.answer_view import AnswerView
from kiosk.ui.style import theme
from kiosk.ui.style.text_size import TextSize
from kiosk.ui.widgets import qr_code
from kiosk.ui.widgets.button import TouchButton
from kiosk.ui.widgets.qr_code import QrCode
from kiosk.ui.widgets.text import WrappedText, words_broken_anywhere
from kiosk.ui.window import KioskWindow
from tests.ui.conftest import CLINIC_LINK, LONGEST_LINK

W = TypeVar("W", bound=QWidget)
WindowFactory = Callable[..., KioskWindow]

SIZES = [(1920, 1080), (1080, 1920), (1280, 800), (1024, 600)]
SIZE_IDS = [f"{width}x{height}" for width, height in SIZES]
THEMES = {"standard": False, "high-contrast": True}
TEXT_SIZES = {size.name.lower(): size for size in TextSize}

ANSWER_LINES = 5  # lines of the answer the first view has room for, at least
LINE_HEIGHT = 1.5  # in font sizes (WCAG 1.4.12): what one line of the answer takes

TEXT_RATIO = 7.0  # the kiosk's rule for every text (WCAG 1.4.6, AAA)
NON_TEXT_RATIO = 3.0  # a control's edge or state against its neighbour (WCAG 1.4.11)

LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis"
URL_LIKE = (
    "https://www.example-stroke-clinic.org/patients/information/"
    "transcranial-magnetic-stimulation/frequently-asked-questions?section=side-effects&lang=en"
)


def at_length(text: str, length: int, end: str = ".") -> str:
    """``text`` repeated and cut to exactly ``length`` characters, ``end`` last."""
    body = (text * (length // len(text) + 1))[: length - len(end)]
    return body[:-1] + "s" + end if body.endswith(" ") else body + end


# At the limits `kiosk check` allows.
LONG_TITLE = at_length("Stroke recovery, rehabilitation and brain stimulation at the clinic ", 80)
LONG_WELCOME = at_length("Tap a question to read the answer. Ask our staff if you need help. ", 200)
LONG_FOOTER = at_length(
    "General information only, not medical advice for your own care. "
    "Please ask our staff or your doctor about your own treatment. ",
    300,
)
LONG_QUESTION = at_length(
    "What should I do if I feel dizzy, have a headache, or notice tingling in my face "
    "and hands during or after a session of magnetic stimulation at the clinic today ",
    160,
    "?",
)


def long_answer() -> str:
    paragraphs = []
    for n in range(1, 9):
        paragraphs.append(
            f"Paragraph {n}. Most people feel well after a session, and any discomfort "
            "usually passes within an hour. Tell the person giving the treatment at once "
            "if something feels wrong, and they will stop."
        )
        paragraphs.append(
            "\n".join(
                [
                    "- Headache, which usually goes away with rest and water",
                    f"- A very long word, {LONG_WORD}, written as one word",
                    f"- More about it: {URL_LIKE}",
                    "- Tingling or twitching of the muscles in the face",
                ]
            )
        )
    paragraphs.append(f"{LONG_WORD * 3} and {URL_LIKE}{URL_LIKE}")
    return "\n\n".join(paragraphs)


@pytest.fixture
def long_pack(write_pack: Callable[..., Path]) -> Pack:
    folder = write_pack(
        {
            "long-question": (LONG_QUESTION, "A short answer."),
            "long-answer": ("What should I know about the side effects?", long_answer()),
        },
        title=LONG_TITLE,
        welcome=LONG_WELCOME,
        footer=LONG_FOOTER,
    )
    # Take-home codes: the densest a topic may ask for, and the clinic's page.
    with (folder / "topics" / "long-question.yaml").open("a", encoding="utf-8") as file:
        file.write(f"link: {LONGEST_LINK}\n")
    with (folder / "kiosk.yaml").open("a", encoding="utf-8") as file:
        file.write(f"link: {CLINIC_LINK}\n")
    pack = load_pack(folder)
    assert len(pack.topic("long-question").question) == 160
    assert (len(pack.title), len(pack.welcome or ""), len(pack.footer or "")) == (80, 200, 300)
    return pack


@pytest.fixture
def staff_status() -> ContentStatus:
    """A Status screen with a long folder, a long problem and a log file."""
    folder = Path("/srv/kiosk/packs/stroke-recovery-and-tms-2026-12-winter-edition/current")
    now = dt.datetime(2026, 12, 1, 9, 30)
    return ContentStatus(
        folder=folder,
        started_at=now - dt.timedelta(days=3, hours=4),
        loaded_at=now,
        topic_count=12,
        last_attempt_at=now,
        last_problems=(
            Problem(
                str(folder / "topics" / "what-happens-during-a-session-of-stimulation.yaml"),
                "unknown key 'anwser'; did you mean 'answer'? " + LONG_WORD,
                line=3,
                column=1,
            ),
        ),
        log_file=Path("/var/log/kiosk/kiosk.log"),
    )


# -- naming and geometry ----------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where the audit is; every finding starts with it."""

    screen: str  # "home", "answer 'side-effects'", "idle warning over ...", ...
    case: str  # "1280x800 high-contrast largest"

    def __str__(self) -> str:
        return f"{self.screen} at {self.case}"


def describe(widget: QWidget) -> str:
    """``Class#objectName`` or ``Class Owner.attribute``, and the start of its text."""
    name = type(widget).__name__
    name += f"#{widget.objectName()}" if widget.objectName() else _attribute_path(widget)
    text = _text_of(widget)
    if text:
        name += f" {(text if len(text) <= 30 else text[:27] + '...')!r}"
    return name


def _attribute_path(widget: QWidget) -> str:
    owner = widget.parentWidget()
    while owner is not None:
        for attribute, value in vars(owner).items():
            if value is widget:
                return f" {type(owner).__name__}.{attribute}"
            if isinstance(value, dict):
                for key, item in value.items():
                    if item is widget:
                        return f" {type(owner).__name__}.{attribute}[{key!r}]"
        owner = owner.parentWidget()
    return ""


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, (WrappedText, QAbstractButton, QLabel)):
        return widget.text()
    return ""


def on_window(widget: QWidget, window: QWidget) -> QRect:
    """The widget's whole rectangle, in window coordinates."""
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def shown_part(widget: QWidget, window: QWidget) -> QRect:
    """The part of the widget that its ancestors (the window too) do not cut off."""
    shown = on_window(widget, window)
    parent = widget.parentWidget()
    while parent is not None:
        shown = shown.intersected(on_window(parent, window))
        if parent is window:
            break
        parent = parent.parentWidget()
    return shown


def scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    """The scroll area whose scrolled content holds ``widget``, if any."""
    parent = widget.parentWidget()
    while parent is not None:
        grandparent = parent.parentWidget()
        if isinstance(grandparent, QAbstractScrollArea) and grandparent.viewport() is parent:
            return grandparent
        parent = grandparent
    return None


def edge_distance(a: QRect, b: QRect) -> float:
    """Pixels between the nearest edges of two rectangles; 0 if they touch or overlap."""
    dx = max(0, b.x() - (a.x() + a.width()), a.x() - (b.x() + b.width()))
    dy = max(0, b.y() - (a.y() + a.height()), a.y() - (b.y() + b.height()))
    return math.hypot(dx, dy)


def shown_widgets(root: QWidget, kind: type[W] | tuple[type[W], ...]) -> list[W]:
    """Widgets of ``kind`` under ``root`` (``root`` included) that are on show."""
    found = [root, *root.findChildren(QWidget)]
    return [
        widget
        for widget in found
        if isinstance(widget, kind) and widget.isVisible() and not widget.size().isEmpty()
    ]


def text_runs(document: QTextDocument) -> Iterator[tuple[str, QTextCharFormat]]:
    """(the start of the text, its format) for every run of text in a document."""
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.isValid() and fragment.text().strip():
                yield fragment.text()[:30], fragment.charFormat()
            fragments += 1
        block = block.next()


# -- the checks: each returns findings, never raises ------------------------------------


def tap_targets(roots: Iterable[QWidget]) -> list[QAbstractButton]:
    """What a finger can press: every visible, enabled button."""
    return [
        button
        for root in roots
        for button in shown_widgets(root, QAbstractButton)
        if button.isEnabled()
    ]


def check_targets(
    window: QWidget, metrics: theme.Metrics, roots: Iterable[QWidget], place: Place
) -> list[str]:
    """Tap targets: big enough, apart from each other, and wholly on screen.

    Every visible, enabled button is a target. Targets inside a scroll
    area's content (the home tiles) are all laid out, so their sizes and the
    gaps between them count whether or not they are scrolled into view:
    scrolling moves them together and never changes a gap. Against a target
    outside that scroll area, only the part inside the viewport can be
    touched, so that part is measured.
    """
    findings = []
    measured = []
    for button in tap_targets(roots):
        whole, shown = on_window(button, window), shown_part(button, window)
        area = scroll_area_of(button)
        measured.append((button, whole, shown, area))
        short = min(whole.width(), whole.height())
        if metrics.mm(short) < theme.MIN_TARGET_MM:
            side = "wide" if whole.width() < whole.height() else "tall"
            findings.append(
                f"{place}: {describe(button)} is {metrics.mm(short):.1f} mm {side} "
                f"({short} px), needs {theme.MIN_TARGET_MM:.1f} mm"
            )
        if area is None and shown != whole:
            off = 1 - shown.width() * shown.height() / (whole.width() * whole.height())
            findings.append(
                f"{place}: {describe(button)} is {off:.0%} off the screen "
                f"({whole.width()}x{whole.height()} px at {whole.x()},{whole.y()} "
                f"in a {window.width()}x{window.height()} window)"
            )
    for index, (a, a_whole, a_shown, a_area) in enumerate(measured):
        for b, b_whole, b_shown, b_area in measured[index + 1 :]:
            if a_area is b_area:
                gap = edge_distance(a_whole, b_whole)
            elif a_shown.isEmpty() or b_shown.isEmpty():
                continue
            else:
                gap = edge_distance(a_shown, b_shown)
            if metrics.mm(gap) < theme.MIN_TARGET_GAP_MM:
                findings.append(
                    f"{place}: {describe(a)} and {describe(b)} are {metrics.mm(gap):.1f} mm "
                    f"apart ({gap:.0f} px), need {theme.MIN_TARGET_GAP_MM:.1f} mm"
                )
    return findings


def check_text_fits(window: QWidget, roots: Iterable[QWidget], place: Place) -> list[str]:
    """Every text widget shows all of its text: nothing clipped or elided, and
    nothing cut off by the edge of the window or of a parent."""
    findings = []
    for root in roots:
        for widget in shown_widgets(root, (WrappedText, TouchButton, QLabel)):
            if isinstance(widget, TouchButton) and not widget.fits():
                findings.append(_button_clipped(widget, place))
            elif isinstance(widget, WrappedText) and not widget.fits():
                findings.append(
                    f"{place}: {describe(widget)} text needs "
                    f"{widget.heightForWidth(widget.width())} px of height, has "
                    f"{widget.height()} px: clipped"
                )
            elif isinstance(widget, QLabel):
                findings += _label_fits(widget, place)
            findings += _in_view(widget, window, place)
    return findings


def _in_view(widget: QWidget, window: QWidget, place: Place) -> list[str]:
    """Outside a scroll area, all of the widget is on screen; inside one, the
    viewport can show all of it at once (else no scroll position shows it whole)."""
    area = scroll_area_of(widget)
    if area is None:
        whole, shown = on_window(widget, window), shown_part(widget, window)
        if shown != whole:
            return [
                f"{place}: {describe(widget)} is cut off: {shown.width()}x{shown.height()} "
                f"px of its {whole.width()}x{whole.height()} px show"
            ]
        return []
    view = area.viewport().size()
    if widget.height() > view.height() or widget.width() > view.width():
        return [
            f"{place}: {describe(widget)} is {widget.width()}x{widget.height()} px, but "
            f"{describe(area)} shows only {view.width()}x{view.height()} px: "
            "it is never seen whole"
        ]
    return []


def _button_clipped(button: TouchButton, place: Place) -> str:
    # The label's own need, apart from the button's minimum height (fits()
    # counts both), from TouchButton's internals: the message says which of
    # the two is short.
    label = button._layout.height_for(button._text_width(button.width()))
    label_px = math.ceil(label) + 2 * button._padding
    needed = button.heightForWidth(button.width())
    if label_px <= button.height():
        return (
            f"{place}: {describe(button)} is {button.height()} px tall, squeezed under its "
            f"own minimum of {needed} px (fits() is False; the label itself needs "
            f"{label_px} px)"
        )
    return (
        f"{place}: {describe(button)} label needs {label_px} px of height, has "
        f"{button.height()} px: clipped"
    )


def _label_fits(label: QLabel, place: Place) -> list[str]:
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height():
            return [f"{place}: {describe(label)} needs {needed} px of height, has {label.height()}"]
        return []
    hint = label.sizeHint()
    if hint.width() > label.width() or hint.height() > label.height():
        return [
            f"{place}: {describe(label)} needs {hint.width()}x{hint.height()} px, "
            f"has {label.width()}x{label.height()}: clipped or elided"
        ]
    return []


def widest_line(document: QTextDocument) -> float:
    """Where the widest laid-out line of a document ends, overflow included."""
    widest = 0.0
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        origin = layout.position().x()
        for index in range(layout.lineCount()):
            line = layout.lineAt(index)
            widest = max(widest, origin + line.x() + line.naturalTextWidth())
        block = block.next()
    return widest


def check_no_horizontal_scrolling(roots: Iterable[QWidget], place: Place) -> list[str]:
    """No scroll area scrolls sideways; no content is wider than its viewport."""
    findings = []
    for root in roots:
        for area in shown_widgets(root, QAbstractScrollArea):
            viewport = area.viewport().width()
            sideways = area.horizontalScrollBar().maximum()
            if sideways > 0:
                findings.append(f"{place}: {describe(area)} scrolls sideways by {sideways} px")
            content = area.widget() if isinstance(area, QScrollArea) else None
            if isinstance(area, QTextEdit):
                findings += _document_fits(area, place)
            elif content is not None:
                if content.width() > viewport:
                    findings.append(
                        f"{place}: {describe(area)} content is {content.width()} px wide, "
                        f"its viewport {viewport} px"
                    )
                for child in content.children():
                    if isinstance(child, QWidget) and child.isVisible():
                        right = child.x() + child.width()
                        if child.x() < 0 or right > viewport:
                            findings.append(
                                f"{place}: {describe(child)} spans x = {child.x()} to {right} "
                                f"px in a viewport {viewport} px wide"
                            )
    return findings


def _document_fits(edit: QTextEdit, place: Place) -> list[str]:
    findings = []
    document, viewport = edit.document(), edit.viewport().width()
    if document.size().width() > viewport + 0.5:
        findings.append(
            f"{place}: {describe(edit)} document is {document.size().width():.0f} px wide, "
            f"its viewport {viewport} px"
        )
    page = document.textWidth() if document.textWidth() > 0 else viewport  # -1: no wrapping
    room = min(page, viewport) - document.rootFrame().frameFormat().rightMargin()
    line = widest_line(document)
    if line > room + 1:
        findings.append(
            f"{place}: {describe(edit)} has a line reaching x = {line:.0f} px where the "
            f"page ends at {room:.0f} px: it runs off the side"
        )
    return findings


def cap_height_mm(font: QFont, metrics: theme.Metrics) -> float:
    return metrics.mm(QFontMetricsF(font).capHeight())


def check_cap_heights(roots: Iterable[QWidget], metrics: theme.Metrics, place: Place) -> list[str]:
    """Capital letters of every text on screen are at least MIN_CAP_HEIGHT_MM tall."""
    findings = []
    fonts: dict[str, QFont] = {}
    for root in roots:
        for widget in shown_widgets(root, (WrappedText, TouchButton, QLabel)):
            if _text_of(widget).strip():
                fonts[describe(widget)] = widget.font()
        for edit in shown_widgets(root, QTextEdit):
            seen = set()
            for text, fmt in text_runs(edit.document()):
                font = fmt.font()
                if (font.pixelSize(), font.pointSizeF(), font.weight()) not in seen:
                    seen.add((font.pixelSize(), font.pointSizeF(), font.weight()))
                    fonts[f"{describe(edit)} text {text!r}"] = font
    for where, font in fonts.items():
        cap = cap_height_mm(font, metrics)
        if cap < theme.MIN_CAP_HEIGHT_MM:
            findings.append(
                f"{place}: {where} has capitals {cap:.2f} mm tall ({font.pixelSize()} px "
                f"font), needs {theme.MIN_CAP_HEIGHT_MM:.1f} mm"
            )
    return findings


def document_broken_words(edit: QTextEdit) -> list[str]:
    """The words a document breaks where no hyphen may go, as laid out now."""
    broken: list[str] = []
    block = edit.document().begin()
    while block.isValid():
        broken += words_broken_anywhere(block.layout(), block.text())
        block = block.next()
    return list(dict.fromkeys(broken))


def check_whole_words(roots: Iterable[QWidget], place: Place) -> list[str]:
    """No text breaks a word where no hyphen may go (the last resort)."""
    findings = []
    for root in roots:
        for widget in shown_widgets(root, (WrappedText, TouchButton, QTextEdit)):
            if isinstance(widget, QTextEdit):
                words = document_broken_words(widget)
            else:
                assert isinstance(widget, (WrappedText, TouchButton))
                words = widget.broken_words()
            for word in words:
                shown = word if len(word) <= 30 else word[:27] + "..."
                findings.append(
                    f"{place}: {describe(widget)} breaks {shown!r} with no hyphen: "
                    "too wide for its line"
                )
    return findings


def check_answer_first_view(view: AnswerView, metrics: theme.Metrics, place: Place) -> list[str]:
    """The heading is no smaller than the body, and the answer, scrolled to
    its top, has room for ANSWER_LINES lines below a question of up to two."""
    findings = []
    document = view.document()
    heading_block = document.begin()
    heading = next(fmt.font() for _, fmt in text_runs(document))
    body = document.defaultFont()
    if heading.pixelSize() < body.pixelSize():
        findings.append(
            f"{place}: {describe(view)} heading is {heading.pixelSize()} px, smaller than "
            f"its {body.pixelSize()} px body text"
        )
    if view.verticalScrollBar().value() != 0:
        return findings
    layout = document.documentLayout()
    heading_box = layout.blockBoundingRect(heading_block)
    lines = heading_block.layout().lineCount()
    beyond_two = heading_box.height() * max(0, lines - 2) / max(1, lines)
    answer_top = layout.blockBoundingRect(heading_block.next()).top() - beyond_two
    room = (view.viewport().height() - answer_top) / (LINE_HEIGHT * body.pixelSize())
    if room < ANSWER_LINES:
        findings.append(
            f"{place}: {describe(view)} has room for {room:.1f} lines of the answer below "
            f"the question on first view ({view.viewport().height()} px tall), "
            f"needs {ANSWER_LINES}"
        )
    return findings


def check_take_home_codes(
    window: KioskWindow, roots: Iterable[QWidget], metrics: theme.Metrics, place: Place
) -> list[str]:
    """A take-home QR code is at least MIN_WIDTH_MM wide, whole on the screen."""
    findings = []
    for root in roots:
        for code in shown_widgets(root, QrCode):
            width = metrics.mm(code.width())
            if width < qr_code.MIN_WIDTH_MM:
                findings.append(
                    f"{place}: the QR code of {code.link} is {width:.1f} mm wide, "
                    f"needs {qr_code.MIN_WIDTH_MM:g}"
                )
            if not window.rect().contains(on_window(code, window)):
                findings.append(f"{place}: the QR code of {code.link} is not whole on screen")
    return findings


def check_accessible_names(roots: Iterable[QWidget], place: Place) -> list[str]:
    """Every enabled control, and everything that can take focus, has a name."""
    findings = []
    for root in roots:
        for widget in shown_widgets(root, QWidget):
            control = isinstance(widget, QAbstractButton)
            focusable = widget.focusPolicy() != Qt.FocusPolicy.NoFocus
            if widget.isEnabled() and (control or focusable) and not widget.accessibleName():
                why = "is a control" if control else f"takes focus ({widget.focusPolicy().name})"
                findings.append(f"{place}: {describe(widget)} has no accessible name but {why}")
    return findings


# Roles AT-SPI shows as "filler" or "panel": noise to a screen reader unless named.
CONTAINER_ROLES = frozenset(
    {
        QAccessible.Role.NoRole,
        QAccessible.Role.Client,
        QAccessible.Role.Pane,
        QAccessible.Role.Grouping,
        QAccessible.Role.Whitespace,
        QAccessible.Role.ScrollBar,
    }
)


def check_accessible_tree(roots: Iterable[QWidget], place: Place) -> list[str]:
    """Every container and scroll bar a screen reader meets has a name."""
    findings = []

    def walk(node: QAccessibleInterface) -> None:
        if node.state().invisible:
            return
        if node.role() in CONTAINER_ROLES and not node.text(QAccessible.Text.Name):
            widget = node.object()
            what = describe(widget) if isinstance(widget, QWidget) else repr(widget)
            findings.append(f"{place}: {what} is an unnamed {node.role().name} to a screen reader")
        for index in range(node.childCount()):
            child = node.child(index)
            if child is not None:
                walk(child)

    for root in roots:
        interface = QAccessible.queryAccessibleInterface(root)
        if interface is not None:
            walk(interface)
    return findings


def check_palette(palette: theme.Palette) -> list[str]:
    """Every colour pair the palette names meets its contrast ratio."""
    findings = []
    for pairs, needed in (
        (palette.text_pairs(), TEXT_RATIO),
        (palette.non_text_pairs(), NON_TEXT_RATIO),
    ):
        for where, colour, neighbour in pairs:
            ratio = theme.contrast_ratio(colour, neighbour)
            if ratio < needed:
                findings.append(
                    f"palette {palette.name}: {where} {colour} on {neighbour} is "
                    f"{ratio:.2f}:1, needs {needed:.1f}:1"
                )
    return findings


def check_growth(sizes_mm: dict[TextSize, float], what: str, case: str) -> list[str]:
    """``what`` gets bigger with each text size, from at least the minimum."""
    findings = []
    normal = sizes_mm[TextSize.NORMAL]
    if normal < theme.MIN_CAP_HEIGHT_MM:
        findings.append(
            f"{what} at {case} normal has capitals {normal:.2f} mm tall, "
            f"needs {theme.MIN_CAP_HEIGHT_MM:.1f} mm"
        )
    for smaller, larger in itertools.pairwise(TextSize):
        if sizes_mm[larger] <= sizes_mm[smaller]:
            findings.append(
                f"{what} at {case} {larger.name.lower()} has capitals "
                f"{sizes_mm[larger]:.2f} mm tall, no bigger than at "
                f"{smaller.name.lower()} ({sizes_mm[smaller]:.2f} mm)"
            )
    return findings


# -- the painted pixels ------------------------------------------------------------------


def settle() -> None:
    """Deliver posted layout and style events; two rounds let nested
    height-for-width layouts converge (as kiosk.ui.snapshot does)."""
    for _ in range(2):
        QApplication.processEvents()


def grab(window: QWidget) -> QImage:
    return window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def hex_of(argb: int) -> str:
    return f"#{argb & 0xFFFFFF:06X}"


def pixels(image: QImage, rect: QRect, *, step: int = 1, row_step: int = 1) -> memoryview:
    """The colours (0xAARRGGBB) in ``rect`` of ``image``: of every ``step``-th
    column and every ``step * row_step``-th row. A nearest-pixel scale, so
    each colour was really painted."""
    part = image.copy(rect.intersected(image.rect()))
    rows = step * row_step
    if rows > 1 and not part.isNull():
        part = part.scaled(
            max(1, part.width() // step),
            max(1, part.height() // rows),
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.FastTransformation,
        )
    # A copy: the image's own memory goes with it when this function returns.
    return memoryview(bytes(part.constBits()) if not part.isNull() else b"").cast("I")


def page_colour(image: QImage, rect: QRect) -> str | None:
    """The commonest colour in ``rect``: what the text there is painted on."""
    counts = Counter(pixels(image, rect, step=4) or pixels(image, rect))
    return hex_of(counts.most_common(1)[0][0]) if counts else None


def ink_and_paper(image: QImage, rect: QRect) -> tuple[str, str] | None:
    """The background (the commonest colour in ``rect``) and the ink (the
    colour that stands out most from it); None if only one colour shows."""
    paper = page_colour(image, rect)
    # Every other row: the upright strokes of letters cross every row.
    colours = set(pixels(image, rect, row_step=2))
    if paper is None or len(colours) < 2:
        return None
    luminance = {colour: theme.relative_luminance(hex_of(colour)) for colour in colours}
    extremes = [
        min(luminance, key=luminance.__getitem__),
        max(luminance, key=luminance.__getitem__),
    ]
    ink = max((hex_of(c) for c in extremes), key=lambda c: theme.contrast_ratio(c, paper))
    return ink, paper


def check_painted_colour(
    image: QImage, point: QPoint, expected: str, what: str, place: Place
) -> list[str]:
    """The pixel at ``point`` is ``expected``: the theme in use reached the screen."""
    painted = hex_of(image.pixel(point))
    if painted != expected.upper():
        return [f"{place}: {what} is painted {painted}, the palette says {expected.upper()}"]
    return []


def check_painted_text(
    image: QImage, window: QWidget, roots: Iterable[QWidget], place: Place
) -> list[str]:
    """The text each text widget paints stands out 7:1 from what it is painted on.

    The background is the commonest colour in the widget, the text the
    colour that differs most from it. A button is measured inside its
    padding, so its outline does not count as text. In a scroll area only
    what is wholly in view is measured.
    """
    findings = []
    for root in roots:
        for widget in shown_widgets(root, (WrappedText, TouchButton)):
            rect = shown_part(widget, window)
            if not _text_of(widget).strip() or (
                scroll_area_of(widget) is not None and rect != on_window(widget, window)
            ):
                continue
            if isinstance(widget, TouchButton):
                inset = max(1, widget._padding // 2)  # the label sits inside the padding
                rect = rect.adjusted(inset, inset, -inset, -inset)
            found = ink_and_paper(image, rect)
            if found is None:
                findings.append(f"{place}: {describe(widget)} paints no visible text")
                continue
            ink, paper = found
            ratio = theme.contrast_ratio(ink, paper)
            if ratio < TEXT_RATIO:
                findings.append(
                    f"{place}: {describe(widget)} text is painted {ink} on {paper}, "
                    f"{ratio:.2f}:1, needs {TEXT_RATIO:.1f}:1"
                )
    return findings


def check_document_colours(
    image: QImage, window: QWidget, edit: QTextEdit, place: Place
) -> list[str]:
    """Each colour of text in a document, against its page as painted."""
    paper = page_colour(image, shown_part(edit.viewport(), window))
    if paper is None:
        return [f"{place}: {describe(edit)} is not on the screen"]
    default_ink = edit.viewport().palette().text().color().name()
    inks: dict[str, str] = {}
    for text, fmt in text_runs(edit.document()):
        brush = fmt.foreground()
        ink = brush.color().name() if brush.style() != Qt.BrushStyle.NoBrush else default_ink
        inks.setdefault(ink.upper(), text)
    findings = []
    for ink, text in inks.items():
        ratio = theme.contrast_ratio(ink, paper)
        if ratio < TEXT_RATIO:
            findings.append(
                f"{place}: {describe(edit)} text {text!r} is {ink} on a page painted "
                f"{paper}, {ratio:.2f}:1, needs {TEXT_RATIO:.1f}:1"
            )
    return findings


# -- walking the screens -------------------------------------------------------------------


def screen_widget(window: KioskWindow) -> QWidget:
    screens: dict[str, QWidget] = {
        "home": window.home,
        "section": window.section_screen,
        "answer": window.answer,
        "languages": window.languages_screen,
        "unavailable": window.unavailable,
        "pin": window.pin_pad,
        "staff": window.staff_menu,
        "status": window.status_screen,
        "usage": window.usage_screen,
    }
    return screens[window.current_screen]


def audit_screen(window: KioskWindow, place: Place, *, painted: bool = True) -> list[str]:
    """Every check on what the window shows now: the idle warning if it is up
    (it covers the screen and takes every tap), else the current screen.
    With ``painted``, the pixels too (a grab of the window: slower)."""
    settle()
    metrics, palette = window.metrics, window.palette_
    warning = window.overlay.isVisible()
    roots = [window.overlay] if warning else [screen_widget(window)]
    findings = [
        *check_targets(window, metrics, roots, place),
        *check_text_fits(window, roots, place),
        *check_no_horizontal_scrolling(roots, place),
        *check_cap_heights(roots, metrics, place),
        *check_whole_words(roots, place),
        *check_accessible_names(roots, place),
        *check_accessible_tree(roots, place),
    ]
    for view in shown_widgets(roots[0], AnswerView):
        findings += check_answer_first_view(view, metrics, place)
    findings += check_take_home_codes(window, roots, metrics, place)
    if not painted:
        return findings
    image = grab(window)
    if warning:
        card = on_window(window.overlay.card, window)
        inside = QPoint(card.x() + metrics.border + 2, card.center().y())
        findings += check_painted_colour(image, inside, palette.card, "the warning card", place)
    else:
        corner = QPoint(2, 2)
        findings += check_painted_colour(image, corner, palette.background, "the page", place)
    findings += check_painted_text(image, window, roots, place)
    for edit in shown_widgets(roots[0], QTextEdit):
        findings += check_document_colours(image, window, edit, place)
    return findings


def walk_every_screen(
    qtbot: QtBot, window: KioskWindow, bundled: Pack, long_pack: Pack, case: str
) -> list[str]:
    """Every screen, from "being updated" to Status; the window starts with no pack.

    The painted pixels are checked on one screen of each kind: the other
    answers differ only in their words, which the geometry checks cover.
    """
    findings: list[str] = []

    def audit(screen: str, *, painted: bool = True) -> None:
        findings.extend(audit_screen(window, Place(screen, case), painted=painted))

    assert window.current_screen == "unavailable"
    audit("being updated")
    window.set_pack(bundled)
    audit("home")
    for index, topic in enumerate(bundled.topics):
        window.show_topic(topic.id)
        audit(f"answer {topic.id!r}", painted=index == 0)
    window.overlay.set_seconds_left(20)
    window.show_idle_warning()
    audit(f"idle warning over {bundled.topics[-1].id!r}")

    window.show_home()
    window.open_staff()
    window.pin_pad.press_digit("1")
    window.pin_pad.submit()  # a wrong PIN: its message shows
    qtbot.waitUntil(lambda: not window.pin_pad.checking)
    for digit in "12345678":
        window.pin_pad.press_digit(digit)
    assert window.current_screen == "pin"
    audit("PIN pad")
    while not window.pin_pad.locked:  # the longest message; only Cancel works
        window.pin_pad.press_digit("1")
        window.pin_pad.submit()
        qtbot.waitUntil(lambda: not window.pin_pad.checking)
    audit("PIN pad (locked)", painted=False)
    window.show_staff_menu()
    audit("staff menu")
    window.show_status()
    qtbot.waitUntil(lambda: not window.usage.reading)  # today's figures are in
    audit("status")
    window.show_usage()
    qtbot.waitUntil(lambda: not window.usage.reading)
    assert all(view.isVisible() for view in window.usage_screen.views)  # the charts are up
    audit("usage")

    # The pack at its limits, with the Listen button a voice brings.
    window.show_home()
    window.set_pack(long_pack)
    window.answer.set_listen_available(True)
    audit("home (long texts)")
    for topic in long_pack.topics:
        window.show_topic(topic.id)
        audit(f"answer {topic.id!r}")
    window.answer.set_speaking(True)  # Listen turns into Stop, shown as chosen
    audit(f"answer {long_pack.topics[-1].id!r} (reading aloud)", painted=False)
    window.answer.set_speaking(False)
    window.overlay.set_seconds_left(600)
    window.show_idle_warning()
    audit(f"idle warning over {long_pack.topics[-1].id!r}")
    return findings


def walk_patient_screens(window: KioskWindow, pack: Pack, language: str, case: str) -> list[str]:
    """Every screen a patient sees in ``language``: home, each answer (with the
    Listen button a voice brings), the language chooser and the idle warning."""
    findings: list[str] = []

    def audit(screen: str, *, painted: bool = True) -> None:
        findings.extend(
            audit_screen(window, Place(f"{screen} in {language}", case), painted=painted)
        )

    window.set_pack(pack)
    window.set_language(language)
    assert window.language == language
    window.answer.set_listen_available(True)
    audit("home")
    for index, topic in enumerate(pack.topics):
        window.show_topic(topic.id)
        audit(f"answer {topic.id!r}", painted=index == 0)
    window.show_languages()
    audit("language chooser")
    window.show_topic(pack.topics[-1].id)
    window.overlay.set_seconds_left(20)
    window.show_idle_warning()
    audit(f"idle warning over {pack.topics[-1].id!r}")
    return findings


@dataclass(frozen=True)
class Content:
    """What the audit shows: the bundled pack, a pack at its limits, a status, usage."""

    bundled: Pack
    long: Pack
    status: ContentStatus
    stats_db: Path


@pytest.fixture
def content(
    bundled_pack: Pack, long_pack: Pack, staff_status: ContentStatus, tmp_path: Path
) -> Content:
    stats_db = tmp_path / "stats.sqlite3"
    # The long pack's topics, whose questions make the longest chart labels.
    write_sample(stats_db, [t.id for t in long_pack.topics], dt.date.today())
    return Content(bundled_pack, long_pack, staff_status, stats_db)


def open_case(
    open_window: WindowFactory,
    content: Content,
    size: tuple[int, int],
    text_size: TextSize,
    *,
    high_contrast: bool = False,
) -> tuple[KioskWindow, str]:
    """A window with no pack yet (the "being updated" page), in the case's
    theme and text size, and the case's name for findings."""
    window = open_window(
        None,
        size=size,
        verify_pin=lambda _pin: False,
        status=content.status,
        stats_db=content.stats_db,
    )
    window.set_high_contrast(high_contrast)
    window.set_text_size(text_size)
    return window, f"{size[0]}x{size[1]} {window.palette_.name} {text_size.name.lower()}"


# -- the audit -------------------------------------------------------------------------------


@pytest.mark.parametrize("text_size", TEXT_SIZES.values(), ids=TEXT_SIZES.keys())
@pytest.mark.parametrize("high_contrast", THEMES.values(), ids=THEMES.keys())
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_every_screen_passes_the_audit(
    qtbot: QtBot,
    open_window: WindowFactory,
    content: Content,
    *,
    size: tuple[int, int],
    high_contrast: bool,
    text_size: TextSize,
) -> None:
    window, case = open_case(open_window, content, size, text_size, high_contrast=high_contrast)
    findings = walk_every_screen(qtbot, window, content.bundled, content.long, case)
    assert not findings, f"{len(findings)} accessibility findings:\n" + "\n".join(findings)


# The languages the audit walks the patient's screens in: a right-to-left one too.
AUDIT_LANGUAGES = ("en", "es", "ar")


@pytest.fixture
def audit_pack(linked_pack: Pack) -> Pack:
    """The pack the audit walks in each of AUDIT_LANGUAGES: the bundled one,
    with take-home links (a page per language on one topic, the longest link
    allowed on another, the clinic's page on the rest)."""
    assert linked_pack.all_languages == AUDIT_LANGUAGES
    return linked_pack


@pytest.mark.parametrize("language", AUDIT_LANGUAGES)
@pytest.mark.parametrize("text_size", TEXT_SIZES.values(), ids=TEXT_SIZES.keys())
@pytest.mark.parametrize("high_contrast", THEMES.values(), ids=THEMES.keys())
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_every_patient_screen_passes_the_audit_in_every_language(
    open_window: WindowFactory,
    content: Content,
    audit_pack: Pack,
    words: KioskWords,
    *,
    size: tuple[int, int],
    high_contrast: bool,
    text_size: TextSize,
    language: str,
) -> None:
    assert language in audit_pack.all_languages
    window, case = open_case(open_window, content, size, text_size, high_contrast=high_contrast)
    # The kiosk's own words in the visit's language, as the kiosk shows them.
    window.language_changed.connect(lambda tag: words.use(tag, audit_pack.words.get(tag, {})))
    findings = walk_patient_screens(window, audit_pack, language, case)
    if (language, size, text_size) == ("ar", (1024, 600), TextSize.LARGEST):
        # A known limit: Arabic at A++ on a 10-inch panel shows 3.6 to 4.6
        # lines below the question, not five, in the roomiest arrangement
        # (its question's lines are taller than Latin ones). Every other
        # check holds; the day it fits, this fails, to be removed.
        short = [f for f in findings if "on first view" in f]
        assert short, "Arabic at A++ on 1024x600 now shows five lines: remove this exception"
        findings = [f for f in findings if f not in short]
    assert not findings, f"{len(findings)} accessibility findings:\n" + "\n".join(findings)
    # The walk saw the kiosk's words in that language, not English ones.
    assert (window.answer.home_button.text() == "Home") == (language == "en")


def walk_sectioned_screens(window: KioskWindow, pack: Pack, case: str) -> list[str]:
    """A pack of 500 topics in 12 sections, in English then Arabic: the home
    screen's section tiles, the first and the last section's screen (scrolled
    to its end), and an answer opened there, with Back."""
    findings: list[str] = []

    def audit(screen: str, *, painted: bool = True) -> None:
        place = Place(f"{screen} in {window.language}", case)
        findings.extend(audit_screen(window, place, painted=painted))

    window.set_pack(pack)
    window.answer.set_listen_available(True)
    for language in ("en", "ar"):
        window.show_home()
        window.set_language(language)
        audit("home (sections)")
        for section in (pack.sections[0], pack.sections[-1]):
            window.show_section(section.id)
            audit(f"section {section.id!r}")
            bar = window.section_screen.scroll_area.verticalScrollBar()
            bar.setValue(bar.maximum())
            audit(f"section {section.id!r} at its end", painted=False)
        window.show_topic(window.section_screen.tiles[-1].objectName().removeprefix("tile-"))
        assert window.answer.back_button.isVisible()
        audit("answer from a section")
    return findings


@pytest.mark.parametrize("text_size", TEXT_SIZES.values(), ids=TEXT_SIZES.keys())
@pytest.mark.parametrize("high_contrast", THEMES.values(), ids=THEMES.keys())
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_a_pack_in_sections_passes_the_audit(
    open_window: WindowFactory,
    content: Content,
    sectioned_pack: Pack,
    words: KioskWords,
    *,
    size: tuple[int, int],
    high_contrast: bool,
    text_size: TextSize,
) -> None:
    window, case = open_case(open_window, content, size, text_size, high_contrast=high_contrast)
    window.language_changed.connect(lambda tag: words.use(tag, sectioned_pack.words.get(tag, {})))
    findings = walk_sectioned_screens(window, sectioned_pack, case)
    if size == (1024, 600) and text_size == TextSize.LARGEST:
        # A known limit: at A++ on a 10-inch panel, the column of controls
        # beside an answer has no room for Back as well as Home, the three
        # A's, Contrast, Listen and Language, so they stand below it and the
        # first view shows about three lines of the answer, not five (in
        # Arabic already without Back, see above). Every other check holds;
        # the day it fits, this fails, to be removed.
        short = [f for f in findings if "on first view" in f and "answer from a section" in f]
        assert short, "an answer from a section at A++ on 1024x600 fits: remove this exception"
        findings = [f for f in findings if f not in short]
    assert not findings, f"{len(findings)} accessibility findings:\n" + "\n".join(findings)


@pytest.mark.parametrize("palette", theme.PALETTES.values(), ids=theme.PALETTES.keys())
def test_every_colour_pair_meets_its_ratio(palette: theme.Palette) -> None:
    findings = check_palette(palette)
    assert not findings, "\n".join(findings)


def test_the_audit_covers_both_palettes() -> None:
    assert {palette.name for palette in theme.PALETTES.values()} == set(THEMES)


def text_growth(window: KioskWindow, pack: Pack, case: str) -> list[str]:
    """The answer's heading, body and source, and the home tiles, at each
    text size: at least MIN_CAP_HEIGHT_MM at the normal size, and bigger at
    each larger one."""
    topic = next(t for t in pack.topics if t.source)
    measured: dict[str, dict[TextSize, float]] = {}
    for text_size in TextSize:
        window.set_text_size(text_size)
        window.show_topic(topic.id)
        settle()
        document = window.answer.view.document()
        runs = list(text_runs(document))
        source = next(fmt.font() for text, fmt in runs if text.startswith("Source: "))
        parts = {
            "answer body (the document's default font)": document.defaultFont(),
            "answer heading": runs[0][1].font(),
            "answer body (its first paragraph)": runs[1][1].font(),
            "answer source": source,
            "home tile": window.home.tiles[0].font(),
        }
        for what, font in parts.items():
            measured.setdefault(what, {})[text_size] = cap_height_mm(font, window.metrics)
        window.show_home()
    return [f for what, mm in measured.items() for f in check_growth(mm, what, case)]


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_answer_text_grows_with_each_text_size(
    open_window: WindowFactory, bundled_pack: Pack, size: tuple[int, int]
) -> None:
    window = open_window(bundled_pack, size=size)
    findings = text_growth(window, bundled_pack, f"{size[0]}x{size[1]}")
    assert not findings, "\n".join(findings)


@pytest.mark.parametrize("high_contrast", THEMES.values(), ids=THEMES.keys())
def test_the_audit_sees_every_control(
    open_window: WindowFactory, content: Content, high_contrast: bool
) -> None:
    """The walk is not vacuous: each screen's controls are the targets measured."""
    window, _ = open_case(
        open_window, content, (1280, 800), TextSize.NORMAL, high_contrast=high_contrast
    )
    window.set_pack(content.bundled)
    languages = len(content.bundled.all_languages)  # a button each, here
    expected = {"home": len(content.bundled.topics) + languages}
    window.show_topic(content.bundled.topics[0].id)
    # Home, three text sizes, Contrast (no voice, no Listen), the languages.
    expected["answer"] = 5 + languages
    counts = {"answer": len(tap_targets([window.answer]))}
    window.show_idle_warning()
    counts["idle warning"] = len(tap_targets([window.overlay]))
    expected["idle warning"] = 1
    window.show_home()
    counts["home"] = len(tap_targets([window.home]))
    window.open_staff()
    counts["PIN pad"], expected["PIN pad"] = len(tap_targets([window.pin_pad])), 13
    window.show_staff_menu()
    counts["staff menu"], expected["staff menu"] = len(tap_targets([window.staff_menu])), 5
    window.show_status()
    counts["status"], expected["status"] = len(tap_targets([window.status_screen])), 1
    assert counts == expected


# -- the checks have teeth: each breaks one thing and is caught --------------------------


def assert_found(findings: list[str], pattern: str) -> None:
    assert any(re.search(pattern, f) for f in findings), (
        f"no finding matches {pattern!r}; the findings were:\n" + "\n".join(findings)
    )


@pytest.fixture
def answer_window(open_window: WindowFactory, content: Content) -> KioskWindow:
    """1920x1080, standard colours, normal text, on the long answer."""
    window = open_window(content.long)
    window.show_topic("long-answer")
    settle()
    return window


PLACE = Place("answer 'long-answer'", "1920x1080 standard normal")


def test_checker_catches_a_small_target(answer_window: KioskWindow) -> None:
    answer_window.answer.home_button.setFixedSize(40, 40)
    findings = audit_screen(answer_window, PLACE, painted=False)
    assert_found(findings, r"TouchButton#home 'Home' is 11\.0 mm tall \(40 px\), needs 15\.0 mm")


def test_checker_catches_targets_too_close(answer_window: KioskWindow) -> None:
    home, contrast = answer_window.answer.home_button, answer_window.answer.contrast_button
    contrast.move(home.x() + home.width() + 5, home.y())  # 5 px: 1.4 mm
    findings = check_targets(answer_window, answer_window.metrics, [answer_window.answer], PLACE)
    assert_found(findings, r"TouchButton#home 'Home' and TouchButton#contrast .* 1\.4 mm apart")


def test_checker_catches_tiles_too_close(open_window: WindowFactory, bundled_pack: Pack) -> None:
    """Tiles are measured in their scroll area's content, scrolled out of view or not."""
    window = open_window(bundled_pack, size=(1280, 800))
    first, last = window.home.tiles[0], window.home.tiles[-1]
    last.move(first.x(), first.y() + first.height() + 2)  # from the bottom row, under the first
    findings = check_targets(window, window.metrics, [window.home], Place("home", "1280x800"))
    assert_found(
        findings, rf"#{first.objectName()} .* and PictureTile#{last.objectName()} .* 0\.5 mm"
    )


def test_checker_catches_a_target_off_the_screen(answer_window: KioskWindow) -> None:
    home = answer_window.answer.home_button
    half_below = QPoint(0, answer_window.height() - home.height() // 2)
    home.move(home.x(), home.mapFrom(answer_window, half_below).y() + home.y())
    findings = check_targets(answer_window, answer_window.metrics, [answer_window.answer], PLACE)
    assert_found(findings, r"TouchButton#home 'Home' is \d+% off the screen")


def test_checker_catches_clipped_and_cut_off_text(answer_window: KioskWindow) -> None:
    footer = answer_window.answer.footer
    footer.setFixedHeight(10)
    settle()
    findings = audit_screen(answer_window, PLACE, painted=False)
    assert_found(findings, r"WrappedText AnswerScreen\.footer .* has 10 px: clipped")
    five_above_the_bottom = QPoint(0, answer_window.height() - 5)
    footer.move(footer.x(), footer.mapFrom(answer_window, five_above_the_bottom).y() + footer.y())
    findings = check_text_fits(answer_window, [answer_window.answer], PLACE)
    assert_found(findings, r"WrappedText AnswerScreen\.footer .* is cut off: \d+x5 px")


def test_checker_catches_a_clipped_label(answer_window: KioskWindow) -> None:
    """No screen uses a QLabel today; one added later is checked too."""
    label = QLabel("A label that says far more than its little box can hold", answer_window.answer)
    label.setGeometry(10, 10, 120, 20)
    label.show()
    findings = check_text_fits(answer_window, [answer_window.answer], PLACE)
    assert_found(findings, r"QLabel 'A label that .* has 120x20: clipped or elided")
    label.setWordWrap(True)
    findings = check_text_fits(answer_window, [answer_window.answer], PLACE)
    assert_found(findings, r"QLabel 'A label that .* needs \d+ px of height, has 20")


def test_checker_catches_a_clipped_button_label(answer_window: KioskWindow) -> None:
    answer_window.answer.contrast_button.setFixedWidth(120)  # "Contrast" and its icon
    settle()
    findings = audit_screen(answer_window, PLACE, painted=False)
    assert_found(findings, r"TouchButton#contrast 'Contrast' label needs \d+ px .*: clipped")


def test_checker_catches_sideways_scrolling(answer_window: KioskWindow) -> None:
    answer_window.answer.view.setLineWrapMode(QTextEdit.LineWrapMode.NoWrap)
    settle()
    findings = audit_screen(answer_window, PLACE, painted=False)
    assert_found(findings, r"AnswerView AnswerScreen\.view scrolls sideways by \d+ px")
    assert_found(findings, r"AnswerView AnswerScreen\.view has a line reaching x = \d+ px")


def test_checker_catches_tiles_wider_than_their_scroll_area(
    open_window: WindowFactory, bundled_pack: Pack
) -> None:
    window = open_window(bundled_pack)
    area = window.home.scroll_area
    grid = area.widget()
    assert grid is not None
    area.setWidgetResizable(False)
    grid.resize(area.viewport().width() + 300, grid.height())
    settle()
    findings = check_no_horizontal_scrolling([window.home], Place("home", "1920x1080"))
    assert_found(findings, r"QScrollArea HomeScreen\.scroll_area scrolls sideways by \d+ px")
    assert_found(findings, r"QScrollArea HomeScreen\.scroll_area content is \d+ px wide")


def test_checker_catches_a_tile_taller_than_its_scroll_area(
    open_window: WindowFactory, bundled_pack: Pack
) -> None:
    window = open_window(bundled_pack, size=(1280, 800))
    tile = window.home.tiles[0]
    tile.setMinimumHeight(2000)
    tile.parentWidget().resize(window.home.scroll_area.viewport().width(), 4000)  # type: ignore[union-attr]
    settle()
    findings = check_text_fits(window, [window.home], Place("home", "1280x800"))
    assert_found(
        findings, rf"PictureTile#{tile.objectName()} .* is \d+x2000 px, .* never seen whole"
    )


def test_checker_catches_small_capitals(
    open_window: WindowFactory, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer's source and the footer at 12 px: capitals of about 2.2 mm."""
    real = theme.metrics_for

    def small_print(*args: object, **kwargs: object) -> theme.Metrics:
        return dataclasses.replace(real(*args, **kwargs), small_px=12, footer_px=12)  # type: ignore[arg-type]

    monkeypatch.setattr(theme, "metrics_for", small_print)
    window = open_window(content.bundled)
    topic = next(t for t in content.bundled.topics if t.source)
    window.show_topic(topic.id)
    findings = audit_screen(window, Place(f"answer {topic.id!r}", "1920x1080"), painted=False)
    assert_found(findings, r"AnswerView .* text 'Source: .* has capitals 2\.\d+ mm tall \(12 px")
    assert_found(findings, r"WrappedText AnswerScreen\.footer .* has capitals 2\.\d+ mm tall")


def test_checker_catches_text_that_does_not_grow(
    open_window: WindowFactory, bundled_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = theme.metrics_for

    def one_size(*args: object, **kwargs: object) -> theme.Metrics:
        kwargs["text_size"] = TextSize.NORMAL
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(theme, "metrics_for", one_size)
    window = open_window(bundled_pack)
    findings = text_growth(window, bundled_pack, "1920x1080")
    assert_found(findings, r"answer body \(its first paragraph\) at 1920x1080 larger .* no bigger")
    assert check_growth(
        {TextSize.NORMAL: 4.0, TextSize.LARGER: 5.0, TextSize.LARGEST: 6.0},
        "body",
        "test",
    ) == ["body at test normal has capitals 4.00 mm tall, needs 4.8 mm"]


def test_checker_catches_a_control_without_a_name(answer_window: KioskWindow) -> None:
    answer_window.answer.home_button.setAccessibleName("")
    findings = check_accessible_names([answer_window.answer], PLACE)
    assert_found(findings, r"TouchButton#home 'Home' has no accessible name but is a control")


def test_checker_catches_an_unnamed_container(answer_window: KioskWindow) -> None:
    box = QWidget(answer_window.answer)
    box.setObjectName("box")
    box.show()
    findings = check_accessible_tree([answer_window.answer], PLACE)
    assert_found(findings, r"QWidget#box is an unnamed Client to a screen reader")
    box.setAccessibleName("A box")
    assert check_accessible_tree([answer_window.answer], PLACE) == []


def test_checker_catches_an_unnamed_scroll_bar(answer_window: KioskWindow) -> None:
    answer_window.answer.view.verticalScrollBar().setAccessibleName("")
    findings = check_accessible_tree([answer_window.answer], PLACE)
    assert_found(findings, r"QScrollBar .*is an unnamed ScrollBar to a screen reader")


def test_checker_catches_a_weak_colour_pair() -> None:
    palette = dataclasses.replace(theme.Palette(), muted_text="#8A8A8A", tile_border="#C9D3DF")
    findings = check_palette(palette)
    assert_found(findings, r"source and footer #8A8A8A on #F7F5F0 is 3\.\d\d:1, needs 7\.0:1")
    assert_found(findings, r"tile outline #C9D3DF on #F7F5F0 is 1\.\d\d:1, needs 3\.0:1")


def test_checker_catches_a_theme_that_never_reaches_the_screen(
    answer_window: KioskWindow,
) -> None:
    answer_window.high_contrast = True  # the choice is made, but nothing is restyled
    findings = audit_screen(answer_window, PLACE)
    assert_found(findings, r"the page is painted #F7F5F0, the palette says #000000")


def test_checker_catches_faint_painted_text(answer_window: KioskWindow) -> None:
    footer = answer_window.answer.footer
    footer.set_style(footer.font(), "#B0B0B0")
    findings = audit_screen(answer_window, PLACE)
    assert_found(
        findings, r"WrappedText AnswerScreen\.footer .* painted #B0B0B0 on #F7F5F0, 1\.99:1"
    )


def test_checker_catches_faint_text_in_a_document(
    open_window: WindowFactory, content: Content
) -> None:
    faint = dataclasses.replace(theme.Palette(), muted_text="#A0A0A0")
    window = open_window(content.bundled, palette=faint)
    topic = next(t for t in content.bundled.topics if t.source)
    window.show_topic(topic.id)
    findings = audit_screen(window, Place(f"answer {topic.id!r}", "1920x1080"))
    assert_found(findings, r"AnswerView .* text 'Source: .* is #A0A0A0 on a page painted #F7F5F0")


def test_edge_distance() -> None:
    assert edge_distance(QRect(0, 0, 10, 10), QRect(13, 0, 10, 10)) == 3
    assert edge_distance(QRect(0, 0, 10, 10), QRect(0, 14, 10, 10)) == 4
    assert edge_distance(QRect(0, 0, 10, 10), QRect(13, 14, 10, 10)) == 5  # corner to corner
    assert edge_distance(QRect(0, 0, 10, 10), QRect(5, 5, 10, 10)) == 0  # overlapping


def test_checker_catches_a_heading_smaller_than_the_body(
    open_window: WindowFactory, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = theme.metrics_for

    def small_heading(*args: object, **kwargs: object) -> theme.Metrics:
        metrics = real(*args, **kwargs)  # type: ignore[arg-type]
        return dataclasses.replace(metrics, heading_px=metrics.body_px - 4)

    monkeypatch.setattr(theme, "metrics_for", small_heading)
    window = open_window(content.long)
    window.show_topic("long-answer")
    findings = audit_screen(window, PLACE, painted=False)
    assert (
        f"{PLACE}: AnswerView AnswerScreen.view heading is 34 px, smaller than its 38 px body text"
    ) in findings


def test_checker_catches_too_little_of_the_answer_in_its_first_view(
    open_window: WindowFactory, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At A++ on a 10-inch panel, with the control rows (a button for each
    language among them) and footer below the answer as on a big screen, one
    line of the answer shows."""
    monkeypatch.setattr(answer_layout, "ARRANGEMENTS", (answer_layout.Arrangement(),))
    window, case = open_case(open_window, content, (1024, 600), TextSize.LARGEST)
    window.set_pack(content.bundled)
    window.show_topic("side-effects")
    findings = audit_screen(window, Place("answer 'side-effects'", case), painted=False)
    assert findings == [
        "answer 'side-effects' at 1024x600 standard largest: AnswerView AnswerScreen.view "
        "has room for 1.0 lines of the answer below the question on first view "
        "(251 px tall), needs 5"
    ]


def test_checker_catches_a_word_broken_with_no_hyphen(
    open_window: WindowFactory, make_pack: Callable[..., Pack]
) -> None:
    """A number too long for any line, in a language with no hyphenation
    rules: the last resort breaks it, on the tile and in the answer."""
    number = "1234567890" * 15
    pack = dataclasses.replace(make_pack({"number": (f"{number}?", "Yes.")}), language="ja")
    window = open_window(pack, size=(1280, 800))
    findings = check_whole_words([window.home], Place("home", "1280x800"))
    assert findings == [
        "home at 1280x800: PictureTile#tile-number '123456789012345678901234567...' "
        "breaks '123456789012345678901234567...' with no hyphen: too wide for its line"
    ]
    window.show_topic("number")
    findings = check_whole_words([window.answer], Place("answer 'number'", "1280x800"))
    assert findings == [
        "answer 'number' at 1280x800: AnswerView AnswerScreen.view breaks "
        "'123456789012345678901234567...' with no hyphen: too wide for its line"
    ]
