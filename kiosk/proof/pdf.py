"""The sign-off proof as a PDF, drawn with Qt's own PDF writer, without a display.

The answer screens are the kiosk's own widgets, drawn onto the PDF's
painter: their words stay text in the file (a reader can search it, and a
test reads it back), and the pictures stay sharp at any zoom. Each screen is
made as tall as its whole answer needs, so the page shows every word a
patient can scroll to, then scaled to fit the page.
"""

from __future__ import annotations

import html
import math
import tempfile
from collections.abc import Sequence
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
from kiosk.ui.window import KioskWindow

# The panel the screens are drawn for when none is given: the kiosk's usual
# 1080p landscape panel (as `kiosk snapshot`).
DEFAULT_SIZE = (1920, 1080)
# An answer longer than this many pixels is cut off at the end (a warning on its page).
MAX_SCREEN_HEIGHT = 16_000
MARGIN_MM = 15
# Dots per inch of the page's coordinates: fine enough to place text and lines.
RESOLUTION = 300
TEXT_PT = 10
FACTS_PT = 8.5
FOOTER_PT = 7.5
GREY = QColor("#555555")


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
) -> int:
    """Write the proof of ``pack`` to ``out`` in one step; return its number of pages.

    ``warnings`` are `kiosk check`'s, listed on the cover. The file is made
    in memory and then replaces ``out`` at once: a failed or interrupted
    run never leaves half a PDF in its place. Raises ``OSError`` when it
    cannot be written.
    """
    main = pack.main_pack or pack
    names = native_names(main.all_languages)
    pages = topic_pages(main, today, names)
    front = cover(main, today, warnings, names, pages=len(pages), version=version)
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
        sheet = _Sheet(painter, writer, main.title, today, 1 + len(pages))
        sheet.draw_cover(front)
        for number, page in enumerate(pages, start=2):
            writer.newPage()
            sheet.draw_topic(number, page, _fitted_screen(app, window, page, size))
    finally:
        painter.end()
        words.uninstall()
        window.locked = False
        window.close()
        window.deleteLater()
        sample.cleanup()
    buffer.close()
    replace_file(out, bytes(buffer.data().data()))
    return 1 + len(pages)


def _fitted_screen(
    app: QApplication, window: KioskWindow, page: TopicPage, size: tuple[int, int]
) -> KioskWindow:
    """The window showing ``page``'s answer, as tall as the whole answer needs."""
    width, height = size
    window.resize(width, height)
    window.set_language(page.language)
    window.show_topic(page.topic_id)
    settle(app)
    view = window.answer.view
    bar = view.verticalScrollBar()
    # A taller screen lays the answer out again (its last lines may move),
    # so grow until nothing is left to scroll.
    for _ in range(8):
        if bar.maximum() == 0 or window.height() >= MAX_SCREEN_HEIGHT:
            break
        window.resize(width, min(MAX_SCREEN_HEIGHT, window.height() + bar.maximum()))
        settle(app)
    # Growing can overshoot: give back the room left below the answer.
    spare = view.viewport().height() - math.ceil(view.document().size().height()) - 1
    if bar.maximum() == 0 and spare > 0 and window.height() - spare >= height:
        taller = window.height()
        window.resize(width, taller - spare)
        settle(app)
        if bar.maximum() > 0:
            window.resize(width, taller)
            settle(app)
    return window


class _Sheet:
    """Draws the proof's pages on ``painter``, within the page's margins."""

    def __init__(
        self, painter: QPainter, writer: QPdfWriter, title: str, today: date, total: int
    ) -> None:
        self.painter = painter
        self.writer = writer
        area = writer.pageLayout().paintRectPixels(writer.resolution())
        self.width, self.height = float(area.width()), float(area.height())
        self.title = title
        self.today = today
        self.total = total

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

    def _footer(self, number: int) -> float:
        """The page's footer line; return where it starts."""
        footer = self._document(
            f'<p style="color: {GREY.name()}">{_text(self.title)} · sign-off proof of '
            f"{self.today.isoformat()} · page {number} of {self.total}</p>",
            FOOTER_PT,
        )
        top = self.height - footer.size().height()
        self._draw(footer, top)
        return top

    def draw_cover(self, front: Cover) -> None:
        warnings = "".join(f"<li>{_text(line)}</li>" for line in front.warnings)
        if front.more_warnings:
            warnings += (
                f"<li>… and {front.more_warnings} more: run <tt>kiosk check</tt> for every "
                "one.</li>"
            )
        markup = (
            f"<h1>Sign-off proof: {_text(front.title)}</h1>"
            f"{_facts(front.facts)}"
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

    def draw_topic(self, number: int, page: TopicPage, screen: QWidget) -> None:
        end = self._draw(self._document(_facts(page.facts), FACTS_PT), 0)
        bottom = self._footer(number)
        gap = RESOLUTION * 4 / 25.4  # 4 mm
        room = QRectF(0, end + gap, self.width, bottom - end - 2 * gap)
        scale = min(room.width() / screen.width(), room.height() / screen.height())
        drawn = QSizeF(screen.width() * scale, screen.height() * scale)
        left = (self.width - drawn.width()) / 2
        painter = self.painter
        painter.save()
        painter.translate(left, room.top())
        painter.scale(scale, scale)
        screen.render(
            painter,
            QPoint(0, 0),
            QRegion(),
            QWidget.RenderFlag.DrawWindowBackground | QWidget.RenderFlag.DrawChildren,
        )
        painter.restore()
        painter.setPen(QPen(GREY, RESOLUTION / 150))
        painter.drawRect(QRectF(left, room.top(), drawn.width(), drawn.height()))


def _text(text: str) -> str:
    return html.escape(text, quote=True)


def _facts(facts: Facts) -> str:
    rows = "".join(
        f"<tr><td><b>{_text(label)}</b></td><td>{_text(value)}</td></tr>" for label, value in facts
    )
    return f'<table cellpadding="3">{rows}</table>'
