"""The take-home code on an answer: a QR code of a web address, and a line
saying what it is for.

An answer with its own ``link`` offers that page ("Scan to read this at
home"); an answer without one offers the clinic's page, the pack's ``link``
("Scan for our clinic's web page"), so that every answer has something to
take home where the clinic has a page at all. Nothing here opens anything:
the kiosk has no browser, the patient's phone does the rest.

Where it goes (see :func:`beside_fits`): in a column beside the answer where
the answer keeps a comfortable measure there (a landscape panel), else in a
row below it, above the controls (a portrait panel), unless that row would
cost the answer its first view; then beside it after all.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QBoxLayout, QWidget

from kiosk.ui.style import theme
from kiosk.ui.widgets.qr_code import QrCode
from kiosk.ui.widgets.text import WrappedText

# The caption's column is at least this many of its font sizes wide: about
# twelve letters a line, so "Scan to read this at home" takes two or three.
CAPTION_EM = 6
# Beside the code, the answer keeps at least this many of its font sizes a
# line (about 30 characters); narrower, the code goes below it.
MIN_ANSWER_EM = 16


class TakeHome(QWidget):
    """The code and its caption; hidden where there is no address to offer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = QrCode()
        self.caption = WrappedText()
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.code, 0, Qt.AlignmentFlag.AlignLeft)
        self._layout.addWidget(self.caption)
        self._layout.addStretch(1)
        self.beside = True
        self._own_link = False  # the topic's own page, not the clinic's
        self._caption_px = 0
        self.hide()
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        if self._own_link:
            caption = self.tr("Scan to read this at home")
        else:
            caption = self.tr("Scan for our clinic's web page")
        self.caption.setText(caption)
        self.code.setAccessibleName(self.tr("QR code"))
        self.setAccessibleName(caption)

    def show_links(self, topic_link: str | None, clinic_link: str | None, px_per_mm: float) -> bool:
        """Offers the topic's page, else the clinic's, else nothing; True if
        the panel's size changed (the answer screen is arranged again)."""
        link = topic_link or clinic_link
        own = topic_link is not None
        shown_before = not self.isHidden()
        self.code.show_link(link, px_per_mm)
        if own != self._own_link:
            self._own_link = own
            self.retranslate()
        self.setVisible(link is not None)
        return shown_before != (link is not None) or not self._fits_where_it_stands()

    def _fits_where_it_stands(self) -> bool:
        """Whether code and caption take exactly the room the last arrangement
        gave them (as they mostly do from one answer to the next: a tap on
        another topic is not slowed by arranging the screen again)."""
        width = self.width()
        if self.beside:
            return width == self.column_width() and self._column_height(width) <= self.height()
        return self.height_below(width) == self.height()

    def apply_theme(self, palette: theme.Palette, metrics: theme.Metrics) -> None:
        self._caption_px = metrics.footer_px
        self.caption.set_style(theme.font(metrics.footer_px), palette.text)
        self._layout.setSpacing(metrics.target_gap)

    def column_width(self) -> int:
        """Its least width as a column beside the answer."""
        return max(self.code.side(), CAPTION_EM * self._caption_px)

    def fit_column(self, height: int, widest: int) -> None:
        """Widens the column, up to ``widest``, until code and caption fit
        ``height`` (a short panel, a long caption in another language)."""
        width = self.column_width()
        step = max(1, self._caption_px)
        while width + step <= widest and self._column_height(width) > height:
            width += step
        self.setFixedWidth(width)

    def _column_height(self, width: int) -> int:
        return self.code.side() + self._layout.spacing() + self.caption.heightForWidth(width)

    def place(self, *, beside: bool) -> None:
        """A column (code above caption) beside the answer, or a row below it."""
        self.beside = beside
        self._layout.setDirection(
            QBoxLayout.Direction.TopToBottom if beside else QBoxLayout.Direction.LeftToRight
        )
        alignment = Qt.AlignmentFlag.AlignLeft if beside else Qt.AlignmentFlag.AlignTop
        self._layout.setAlignment(self.code, alignment)
        self._layout.setAlignment(
            self.caption, Qt.AlignmentFlag(0) if beside else Qt.AlignmentFlag.AlignVCenter
        )
        if beside:
            self.setFixedWidth(self.column_width())
        else:
            self.setMinimumWidth(0)
            self.setMaximumWidth(16777215)

    def height_below(self, width: int) -> int:
        """Its height as a row ``width`` wide below the answer."""
        caption = self.caption.heightForWidth(
            max(1, width - self.code.side() - self._layout.spacing())
        )
        return max(self.code.side(), caption)


def beside_fits(answer_width: int, take_home: TakeHome, body_px: int, spacing: int) -> bool:
    """Whether the answer keeps :data:`MIN_ANSWER_EM` a line with the code beside it."""
    return answer_width - take_home.column_width() - spacing >= MIN_ANSWER_EM * body_px


def widest_column(width: int, body_px: int, spacing: int) -> int:
    """The widest column that leaves the answer :data:`MIN_ANSWER_EM` of ``width``."""
    return width - spacing - MIN_ANSWER_EM * body_px
