"""The sign-off proof as a PDF, drawn with Qt's own PDF writer, without a display.

The answer screens are the kiosk's own widgets, drawn onto the PDF's
painter: their words stay text in the file (a reader can search it, and a
test reads it back), and the pictures stay sharp at any zoom. Each screen is
made as tall as its whole answer needs, so the proof shows every word a
patient can scroll to, and drawn at the page's width; a screen taller than
the page goes on over the next pages, cut between lines.
"""

from __future__ import annotations

import html
import math
import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPoint, QRectF, QSizeF
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QRegion,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.content import Pack, Problem
from kiosk.files import replace_file
from kiosk.proof.facts import Cover, Facts, TopicPage, cover, topic_pages
from kiosk.settings import Settings
from kiosk.ui.languages import native_names
from kiosk.ui.snapshot import open_window, settle
from kiosk.ui.style.theme import FONT_FAMILIES
from kiosk.ui.widgets.button import TouchButton
from kiosk.ui.window import KioskWindow

# The panel the screens are drawn for when none is given: the kiosk's usual
# 1080p landscape panel (as `kiosk snapshot`).
DEFAULT_SIZE = (1920, 1080)
# A screen is made at most this tall (offscreen, it is an image in memory:
# 120 MiB at 1920 wide); a longer answer is cut off, and its last page says so.
MAX_SCREEN_HEIGHT = 16_000
# A screen up to a sixth taller than its page is drawn whole, at least at
# this share of the page's width, rather than cut for its last rows.
SHRINK_TO_FIT = 0.85
MARGIN_MM = 15
# Dots per inch of the page's coordinates: fine enough to place text and lines.
RESOLUTION = 300
TEXT_PT = 10
FACTS_PT = 8.5
FOOTER_PT = 7.5
GREY = QColor("#555555")
# Progress is told after this many screens measured, then pages drawn: a
# small pack's proof says nothing until it is written.
PROGRESS_EVERY = 25


class ProofError(Exception):
    """The proof could not be made as it must be; nothing was written."""


def _no_progress(line: str) -> None:
    pass


def write_proof(
    app: QApplication,
    pack: Pack,
    settings: Settings,
    out: Path,
    *,
    today: date,
    warnings: Sequence[Problem],
    version: str,
    size: tuple[int, int] = DEFAULT_SIZE,
    progress: Callable[[str], None] = _no_progress,
) -> int:
    """Write the proof of ``pack`` to ``out`` in one step; return its number of pages.

    ``warnings`` are `kiosk check`'s, listed on the cover. The file is made
    in memory and then replaces ``out`` at once: a failed or interrupted
    run never leaves half a PDF in its place. Raises ``OSError`` when it
    cannot be written, :class:`ProofError` when a screen cannot be drawn
    as it was measured. ``progress`` is told every ``PROGRESS_EVERY``
    screens measured and pages drawn ("100 of 1251 pages"): a pack of 500
    topics takes minutes.
    """
    main = pack.main_pack or pack
    names = native_names(main.all_languages)
    pages = topic_pages(main, today, names)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(f"Sign-off proof: {main.title}")
    writer.setCreator(f"kiosk {version}")
    writer.setResolution(RESOLUTION)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter
    )
    sample = tempfile.TemporaryDirectory(prefix="kiosk-proof-")
    window, words = open_window(
        app, main, settings, Path(sample.name) / "stats.sqlite3", size, fixed=False
    )
    painter = QPainter(writer)
    try:
        sheet = _Sheet(painter, writer, main.title, today)
        # First every screen's parts, for the page count the cover and the
        # footers give; then the same screens again, made the same way (a
        # screen's layout depends on the sizes it went through), drawn.
        parts = []
        for count, page in enumerate(pages, start=1):
            parts.append(sheet.parts(page, _fitted_screen(app, window, page, size)))
            if count % PROGRESS_EVERY == 0:
                progress(f"{count} of {len(pages)} screens measured")
        sheet.total = 1 + sum(map(len, parts))
        sheet.draw_cover(
            cover(main, today, warnings, names, pages=len(pages), version=version), sheet.total
        )
        number = 1
        for page, cuts in zip(pages, parts, strict=True):
            screen = _fitted_screen(app, window, page, size)
            if screen.height() != cuts[-1][1]:
                raise ProofError(
                    f"the answer screen of {page.topic_id} in {page.language_name} came out "
                    f"{cuts[-1][1]} pixels tall when measured and {screen.height()} when "
                    "drawn, so its pages cannot be cut; try another --size, and report "
                    "this with the pack"
                )
            cut_short = screen.answer.view.verticalScrollBar().maximum() > 0
            for part, rows in enumerate(cuts):
                writer.newPage()
                number += 1
                last = part == len(cuts) - 1
                sheet.draw_topic(
                    number,
                    page,
                    screen,
                    rows,
                    part=part,
                    parts=len(cuts),
                    cut_short=cut_short and last,
                )
                if number % PROGRESS_EVERY == 0:
                    progress(f"{number} of {sheet.total} pages")
    finally:
        painter.end()
        words.uninstall()
        window.locked = False
        window.close()
        window.deleteLater()
        sample.cleanup()
    buffer.close()
    replace_file(out, bytes(buffer.data().data()))
    return sheet.total


def _show(
    app: QApplication, window: KioskWindow, page: TopicPage, size: tuple[int, int]
) -> KioskWindow:
    """The window at ``size``, showing ``page``'s answer from its top."""
    window.resize(*size)
    window.set_language(page.language)
    # As a patient opens it (and as `kiosk snapshot` draws it): from its
    # section's screen in a pack with sections, so the answer has Back.
    window.show_home()
    if page.section is not None:
        window.show_section(page.section)
    window.show_topic(page.topic_id)
    settle(app)
    return window


def _fitted_screen(
    app: QApplication, window: KioskWindow, page: TopicPage, size: tuple[int, int]
) -> KioskWindow:
    """The window showing ``page``'s answer, as tall as the whole answer needs."""
    width, height = size
    _show(app, window, page, size)
    view = window.answer.view
    bar = view.verticalScrollBar()
    # Grown by the whole answer's height, the view is at least as tall as the
    # answer, unless the screen is arranged anew on the way (growing by what
    # is left to scroll is not enough: the answer is laid out again at each
    # height, with room to scroll its last line up while it scrolls at all).
    for _ in range(8):
        if bar.maximum() == 0 or window.height() >= MAX_SCREEN_HEIGHT:
            break
        whole = math.ceil(view.document().size().height())
        window.resize(width, min(MAX_SCREEN_HEIGHT, window.height() + whole))
        settle(app)
    # Then give back the room left below the answer.
    spare = view.viewport().height() - math.ceil(view.document().size().height()) - 1
    if bar.maximum() == 0 and spare > 0 and window.height() - spare >= height:
        taller = window.height()
        window.resize(width, taller - spare)
        settle(app)
        if bar.maximum() > 0:
            window.resize(width, taller)
            settle(app)
    return window


def _line_ends(window: KioskWindow) -> list[int]:
    """Where a screen too tall for one page may be cut, in the window's rows:
    after a line of the answer, or above the footer or a row of buttons."""
    view = window.answer.view
    viewport = view.viewport()
    scrolled = view.verticalScrollBar().value()
    ends = []
    block = view.document().begin()
    while block.isValid():
        layout = block.layout()
        top = layout.position().y() - scrolled
        for index in range(layout.lineCount()):
            line = layout.lineAt(index)
            bottom = math.ceil(top + line.y() + line.height())
            ends.append(viewport.mapTo(window, QPoint(0, bottom)).y())
        block = block.next()
    below = [window.answer.footer, *window.answer.controls.findChildren(TouchButton)]
    ends += [w.mapTo(window, QPoint(0, 0)).y() for w in below if w.isVisible()]
    return sorted(set(ends))


class _Sheet:
    """Draws the proof's pages on ``painter``, within the page's margins."""

    def __init__(self, painter: QPainter, writer: QPdfWriter, title: str, today: date) -> None:
        self.painter = painter
        self.writer = writer
        area = writer.pageLayout().paintRectPixels(writer.resolution())
        self.width, self.height = float(area.width()), float(area.height())
        self.title = title
        self.today = today
        self.total = 0  # pages, once every screen is measured
        self.gap = RESOLUTION * 4 / 25.4  # 4 mm

    def _document(self, markup: str, points: float) -> QTextDocument:
        document = QTextDocument()
        # Laid out for the page, not for a screen: point sizes are the page's.
        document.documentLayout().setPaintDevice(self.writer)
        font = QFont()
        font.setFamilies(FONT_FAMILIES)
        font.setPointSizeF(points)
        document.setDefaultFont(font)
        document.setDocumentMargin(0)
        document.setTextWidth(self.width)
        document.setHtml(markup)
        return document

    def _draw(self, document: QTextDocument, top: float) -> float:
        """Draw ``document`` at ``top``; return where it ends."""
        self.painter.save()
        self.painter.translate(0, top)
        document.drawContents(self.painter)
        self.painter.restore()
        return top + document.size().height()

    def _footer_document(self, number: int) -> QTextDocument:
        return self._document(
            f'<p style="color: {GREY.name()}">{_text(self.title)} · sign-off proof of '
            f"{self.today.isoformat()} · page {number} of {self.total}</p>",
            FOOTER_PT,
        )

    def _footer(self, number: int) -> float:
        """The page's footer line; return where it starts."""
        footer = self._footer_document(number)
        top = self.height - footer.size().height()
        self._draw(footer, top)
        return top

    def _header(self, page: TopicPage, part: int, parts: int) -> QTextDocument:
        """The topic's facts on its first page; a line naming it on the next ones."""
        if part == 0:
            return self._document(_facts(page.facts), FACTS_PT)
        return self._document(
            f"<p><b>{_text(page.topic_id)}</b> in {_text(page.language_name)}, "
            f"continued: part {part + 1} of {parts}</p>",
            FACTS_PT,
        )

    def _room(self, header: QTextDocument) -> float:
        """The height left for the screen below ``header``, above the footer."""
        footer = self._footer_document(0).size().height()
        return self.height - header.size().height() - footer - 2 * self.gap

    def parts(self, page: TopicPage, screen: KioskWindow) -> list[tuple[int, int]]:
        """The rows of ``screen`` each of the page's parts shows, at the page's width.

        A screen that fits below the facts is one part; a taller one is cut
        after the last line of the answer that fits each page.
        """
        scale = self.width / screen.width()
        first = self._room(self._header(page, 0, 1)) / scale
        next_ = self._room(self._header(page, 1, 2)) / scale
        if screen.height() * SHRINK_TO_FIT <= first:
            # A little taller than the page: drawn smaller, whole, rather than
            # a second page holding the last row of buttons.
            return [(0, screen.height())]
        ends = _line_ends(screen)
        cuts: list[tuple[int, int]] = []
        top = 0
        while screen.height() - top > (next_ if cuts else first):
            limit = top + int(next_ if cuts else first)
            # The last line that fits, if it leaves no more than half the page empty.
            fitting = [end for end in ends if top + (limit - top) // 2 < end <= limit]
            bottom = fitting[-1] if fitting else limit
            cuts.append((top, bottom))
            top = bottom
        cuts.append((top, screen.height()))
        return cuts

    def draw_cover(self, front: Cover, total: int) -> None:
        warnings = "".join(f"<li>{_text(line)}</li>" for line in front.warnings)
        if front.more_warnings:
            warnings += (
                f"<li>… and {front.more_warnings} more: run <tt>kiosk check</tt> for every "
                "one.</li>"
            )
        markup = (
            f"<h1>Sign-off proof: {_text(front.title)}</h1>"
            f"{_facts((*front.facts, ('Length', f'{total} pages, this cover included')))}"
            f"<h3>kiosk check: {_text(front.check)}</h3>"
            + (f"<ul>{warnings}</ul>" if warnings else "")
            + "<h3>Sign-off</h3>"
            "<p>I have read every page of this proof and approve these texts for patients.</p>"
            '<table cellpadding="10" width="100%">'
            "<tr><td width='30%'>Reviewed by (name)</td><td>"
            "______________________________________________</td></tr>"
            "<tr><td>Role</td><td>______________________________________________</td></tr>"
            "<tr><td>Signature</td><td>______________________________________________</td></tr>"
            "<tr><td>Date</td><td>______________________________________________</td></tr>"
            "</table>"
        )
        self._draw(self._document(markup, TEXT_PT), 0)
        self._footer(1)

    def draw_topic(
        self,
        number: int,
        page: TopicPage,
        screen: QWidget,
        rows: tuple[int, int],
        *,
        part: int,
        parts: int,
        cut_short: bool = False,
    ) -> None:
        """One part of a topic's page: its header, then ``rows`` of its screen.

        ``cut_short``: the answer is too long to draw whole, and ends here.
        """
        end = self._draw(self._header(page, part, parts), 0)
        if cut_short:
            end = self._draw(
                self._document(
                    "<p><b>This answer is too long to show whole: the proof stops here, "
                    "before its end. Shorten it, or split it into several topics.</b></p>",
                    FACTS_PT,
                ),
                end,
            )
        footer = self._footer(number)
        top, bottom = rows
        room = footer - end - 2 * self.gap
        scale = min(self.width / screen.width(), room / (bottom - top))
        drawn = QSizeF(screen.width() * scale, (bottom - top) * scale)
        painter = self.painter
        painter.save()
        painter.translate(0, end + self.gap)
        painter.scale(scale, scale)
        # Only these rows: a widget that reaches past them is cut at the edge.
        painter.setClipRect(QRectF(0, 0, screen.width(), bottom - top))
        screen.render(
            painter,
            QPoint(0, 0),
            QRegion(0, top, screen.width(), bottom - top),
            QWidget.RenderFlag.DrawWindowBackground | QWidget.RenderFlag.DrawChildren,
        )
        painter.restore()
        painter.setPen(QPen(GREY, RESOLUTION / 150))
        painter.drawRect(QRectF(0, end + self.gap, drawn.width(), drawn.height()))


def _text(text: str) -> str:
    return html.escape(text, quote=True)


def _facts(facts: Facts) -> str:
    rows = "".join(
        f"<tr><td><b>{_text(label)}</b></td><td>{_text(value)}</td></tr>" for label, value in facts
    )
    return f'<table cellpadding="3">{rows}</table>'
