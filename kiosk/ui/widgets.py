"""Touch-first building blocks: wrapped plain text, big buttons, drag scrolling.

Text is always drawn as plain text through ``QTextLayout`` with
word-boundary-or-anywhere wrapping, so nothing is ever interpreted as rich
text, nothing is elided, and a 100-character word wraps instead of widening
the screen.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QIcon,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QWidget,
)

from kiosk.ui.theme import ButtonStyle

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


class TouchButton(QAbstractButton):
    """A large button with wrapped text, an optional tinted icon, and a clear
    pressed state (a touchscreen has no hover, so pressing must be obvious)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(text)
        self.setAccessibleName(text)
        # Tab focus only: a tap must not leave a focus ring behind.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        sizing = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizing.setHeightForWidth(True)
        self.setSizePolicy(sizing)
        self._icon_file: str | None = None
        self._icon_cache: tuple[int, int, QPixmap] | None = None
        self._style: ButtonStyle | None = None
        self._padding = 16
        self._min_height = 88
        self._keyboard_focus = False
        self._layout = WrappedTextLayout(text, self.font())

    def focusInEvent(self, event: QFocusEvent) -> None:
        # Show the focus ring to keyboard and switch users only: focus that
        # arrives with a window or a tap needs no ring.
        self._keyboard_focus = event.reason() in (
            Qt.FocusReason.TabFocusReason,
            Qt.FocusReason.BacktabFocusReason,
        )
        super().focusInEvent(event)

    def set_icon_file(self, path: str) -> None:
        self._icon_file = path
        self._icon_cache = None
        self.update()

    def set_style(self, style: ButtonStyle) -> None:
        self._style = style
        self.setFont(style.font)
        self._padding = style.padding
        self._min_height = style.min_height
        self._layout = WrappedTextLayout(self.text(), style.font)
        self._icon_cache = None
        self.updateGeometry()
        self.update()

    def _icon_size(self) -> int:
        return round(QFontMetricsF(self.font()).height() * 1.2) if self._icon_file else 0

    def _text_width(self, width: int) -> float:
        icon = self._icon_size()
        return width - 2 * self._padding - (icon + self._padding // 2 if icon else 0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        needed = self._layout.height_for(self._text_width(width)) + 2 * self._padding
        return max(self._min_height, int(needed + 0.999), self._icon_size() + 2 * self._padding)

    def sizeHint(self) -> QSize:
        icon = self._icon_size()
        # +2: rounding must never push the last letter onto a line of its own.
        width = math.ceil(self._layout.natural_width()) + 2 + 2 * self._padding
        width += icon + self._padding // 2 if icon else 0
        width = max(width, self._min_height)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(self._min_height, self._min_height)

    def fits(self) -> bool:
        """True when the whole label is inside the button."""
        return self.heightForWidth(self.width()) <= self.height()

    def _tinted_icon(self, size: int, colour: QColor) -> QPixmap:
        """The icon drawn in the text colour, cached per size and colour."""
        key = (size, colour.rgba())
        if self._icon_cache is None or self._icon_cache[:2] != key:
            pixmap = QIcon(self._icon_file or "").pixmap(QSize(size, size))
            tinted = QPixmap(pixmap.size())
            tinted.fill(Qt.GlobalColor.transparent)
            painter = QPainter(tinted)
            painter.drawPixmap(0, 0, pixmap)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
            painter.fillRect(tinted.rect(), colour)
            painter.end()
            self._icon_cache = (*key, tinted)
        return self._icon_cache[2]

    def paintEvent(self, event: QPaintEvent) -> None:
        style = self._style
        if style is None:
            return
        pressed = self.isDown() or self.isChecked()  # a chosen toggle looks pressed
        fill = QColor(style.pressed_fill if pressed else style.fill)
        ink = QColor(style.pressed_text if pressed else style.text)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = style.border_width
        frame = QRectF(self.rect()).adjusted(width / 2, width / 2, -width / 2, -width / 2)
        painter.setPen(QPen(QColor(style.border), width))
        painter.setBrush(fill)
        painter.drawRoundedRect(frame, style.radius, style.radius)
        if self.hasFocus() and self._keyboard_focus:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for colour, inset in ((style.focus_dark, 1.5), (style.focus_light, 2.5)):
                ring = frame.adjusted(width * inset, width * inset, -width * inset, -width * inset)
                painter.setPen(QPen(QColor(colour), width))
                painter.drawRoundedRect(ring, style.radius, style.radius)

        icon = self._icon_size()
        text_width = self._text_width(self.width())
        text_height = self._layout.height_for(text_width)
        x = float(self._padding)
        if style.centred:
            used = min(self._layout.natural_width(), text_width) + (
                icon + self._padding // 2 if icon else 0
            )
            x = max(x, (self.width() - used) / 2)
        if icon:
            painter.drawPixmap(int(x), (self.height() - icon) // 2, self._tinted_icon(icon, ink))
            x += icon + self._padding // 2
        painter.setPen(ink)
        self._layout.draw(painter, QPointF(x, (self.height() - text_height) / 2), text_width)


def enable_kinetic_scrolling(area: QAbstractScrollArea) -> None:
    """Scroll by dragging a finger (or the left mouse button) anywhere on the
    area, with momentum; keep the vertical scroll bar as a visible indicator."""
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    viewport = area.viewport()
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    props = scroller.scrollerProperties()
    # No rubber-band overshoot: a page that bounces reads as broken.
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    props.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, off)
    props.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, off)
    scroller.setScrollerProperties(props)


def height_for_width(widget: QWidget, width: int) -> int:
    """The height ``widget`` needs at ``width``: its height-for-width, else its size hint's."""
    if widget.hasHeightForWidth():
        return widget.heightForWidth(width)
    return widget.sizeHint().height()
