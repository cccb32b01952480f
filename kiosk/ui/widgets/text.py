"""Wrapped plain text that never elides: the label every screen uses.

Text is drawn as plain text through ``QTextLayout``, so nothing is ever
interpreted as rich text, nothing is elided, and a 100-character word wraps
instead of widening the screen.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import (
    QAccessible,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QSizePolicy,
    QWidget,
)

from kiosk.ui.widgets.accessible import set_role

_WRAP = QTextOption()
_WRAP.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)


class WrappedTextLayout:
    """Plain text laid out at one width, ready to paint; cached by width."""

    def __init__(self, text: str, font: QFont, line_spacing: float = 1.25) -> None:
        self._text = text
        self._font = font
        self._line_spacing = line_spacing
        self._width = -1.0
        self._layout = QTextLayout(text, font)
        self._layout.setTextOption(_WRAP)
        self._height = 0.0

    def height_for(self, width: float) -> float:
        if width != self._width:
            self._width = width
            leading = QFontMetricsF(self._font).height() * (self._line_spacing - 1)
            self._layout.beginLayout()
            y = 0.0
            while True:
                line = self._layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(max(1.0, width))
                line.setPosition(QPointF(0, y))
                y += line.height() + leading
            self._layout.endLayout()
            self._height = max(0.0, y - leading)
        return self._height

    def natural_width(self) -> float:
        """Width of the text on a single line (its widest possible extent)."""
        return QFontMetricsF(self._font).horizontalAdvance(self._text)

    def draw(self, painter: QPainter, top_left: QPointF, width: float) -> None:
        self.height_for(width)
        self._layout.draw(painter, top_left)


class WrappedText(QWidget):
    """A plain-text label that wraps (anywhere if it must) and never elides."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, QAccessible.Role.StaticText)  # a label, not an empty "filler"
        self._colour = QColor("#000000")
        self._line_spacing = 1.25
        sizing = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        sizing.setHeightForWidth(True)
        self.setSizePolicy(sizing)
        self.setText(text)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # Qt naming, as QLabel.setText
        self._text = text
        self.setAccessibleName(text)
        self._layout = WrappedTextLayout(text, self.font(), self._line_spacing)
        self.updateGeometry()
        self.update()

    def set_style(self, font: QFont, colour: str, line_spacing: float = 1.25) -> None:
        self.setFont(font)
        self._colour = QColor(colour)
        self._line_spacing = line_spacing
        self.setText(self._text)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(self._layout.height_for(width) + 0.999)

    def sizeHint(self) -> QSize:
        width = int(min(self._layout.natural_width(), 1600)) + 1
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        # One line: the real height comes from height-for-width at the width
        # the layout gives. A taller minimum would push the window past the
        # screen for long text.
        metrics = QFontMetricsF(self.font())
        return QSize(round(metrics.averageCharWidth() * 4), math.ceil(metrics.height()))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self._colour)
        self._layout.draw(painter, QPointF(0, 0), self.width())

    def fits(self) -> bool:
        """True when all of the text is inside the widget's rectangle."""
        return self.heightForWidth(self.width()) <= self.height()
