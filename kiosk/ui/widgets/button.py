"""The big touch button: wrapped text, an optional tinted icon, a clear pressed state."""

from __future__ import annotations

import functools
import math

from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFontMetricsF,
    QIcon,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QSizePolicy,
    QWidget,
)

from kiosk.ui.style.theme import ButtonStyle
from kiosk.ui.widgets.text import WrappedTextLayout

# Enter and keypad Enter press a button as Space does: keyboard users and
# screen-reader users expect both.
ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})


class TouchButton(QAbstractButton):
    """A large button with wrapped text, an optional tinted icon, and a clear
    pressed state (a touchscreen has no hover, so pressing must be obvious).

    Space, Enter and keypad Enter press it. A *choice* (:meth:`make_choice`)
    shows a checked state that only its owner sets: every way of pressing
    it (a tap, a key, a screen reader's press or toggle action) emits
    ``chosen`` and leaves the state for the owner to decide.
    """

    chosen = Signal()

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
        self._choice = False
        self._owner_setting = False
        self._language: str | None = None
        self._hyphenation = True
        self._layout = WrappedTextLayout(text, self.font())
        self.toggled.connect(self._on_toggled)

    def focusInEvent(self, event: QFocusEvent) -> None:
        # Show the focus ring to keyboard and switch users only: focus that
        # arrives with a window or a tap needs no ring.
        self._keyboard_focus = event.reason() in (
            Qt.FocusReason.TabFocusReason,
            Qt.FocusReason.BacktabFocusReason,
        )
        super().focusInEvent(event)

    def shows_focus_ring(self) -> bool:
        """True while it has keyboard focus that a keyboard user gave it."""
        return self.hasFocus() and self._keyboard_focus

    def take_focus(self, *, ring: bool) -> None:
        """Focus it, with the ring for a keyboard user, without for a touch user."""
        reason = Qt.FocusReason.TabFocusReason if ring else Qt.FocusReason.OtherFocusReason
        self.setFocus(reason)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self.update()  # the icon changes sides

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = _as_space(event)
        super().keyPressEvent(key)
        event.setAccepted(key.isAccepted())

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        key = _as_space(event)
        super().keyReleaseEvent(key)
        event.setAccepted(key.isAccepted())

    # -- a choice: checked state set by its owner only ---------------------------
    def make_choice(self, *, exclusive: bool = False) -> None:
        """Checkable, its checked state set only by :meth:`show_checked`;
        ``exclusive``: one of its checkable siblings (a screen reader says
        "radio button")."""
        self._choice = True
        self.setCheckable(True)
        self.setAutoExclusive(exclusive)

    def show_checked(self, checked: bool) -> None:
        """The owner's decision: checked or not."""
        self._owner_setting = True
        try:
            self.setChecked(checked)
        finally:
            self._owner_setting = False

    def _on_toggled(self, checked: bool) -> None:
        # Every way of pressing a checkable button flips it (a click through
        # QAbstractButton.nextState, a screen reader's toggle action through
        # toggle()): that flip is the request; the owner then shows its
        # decision. An exclusive choice unchecked because a sibling was
        # checked is the sibling's news, not this button's.
        if not self._choice or self._owner_setting or (self.autoExclusive() and not checked):
            return
        self.chosen.emit()

    def set_label(self, text: str, accessible_name: str | None = None) -> None:
        """New words on the button; for screen readers ``accessible_name``, if given."""
        self.setAccessibleName(accessible_name or text)
        if text != self.text():
            self.setText(text)
            self._new_layout()

    def set_icon_file(self, path: str) -> None:
        self._icon_file = path
        self._icon_cache = None
        self.update()

    def set_language(self, language: str | None, *, hyphenation: bool = True) -> None:
        """The language of the label: a word too wide for the button is
        hyphenated by its rules (unless ``hyphenation`` is False), it is
        written its way, and a screen reader reads it in it. ``None``: not
        known (the kiosk's own words)."""
        self._language = language
        self._hyphenation = hyphenation
        if language:
            self.setLocale(QLocale(language))
        else:
            self.unsetLocale()
        self._new_layout()

    def language(self) -> str | None:
        return self._language

    def set_text_in(self, text: str, language: str | None) -> None:
        """A new label written in ``language`` (a topic's question), also its
        accessible name. The kiosk's own words use ``set_label``."""
        self.setText(text)
        self.setAccessibleName(text)
        self.set_language(language)

    def text_direction(self) -> Qt.LayoutDirection:
        """The direction the label is written in (not the screen's)."""
        return self._layout.direction

    def set_style(self, style: ButtonStyle) -> None:
        self._style = style
        self.setFont(style.font)
        self._padding = style.padding
        self._min_height = style.min_height
        self._icon_cache = None
        self._new_layout()

    def _new_layout(self) -> None:
        self._layout = WrappedTextLayout(
            self.text(), self.font(), language=self._language, hyphenation=self._hyphenation
        )
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

    def breaks_words(self, width: int) -> bool:
        """True when, ``width`` wide, the label breaks a word where no hyphen may go."""
        return self._layout.breaks_words(self._text_width(width))

    def broken_words(self) -> list[str]:
        """The words the label breaks where no hyphen may go, at the button's width."""
        return self._layout.broken_words(self._text_width(self.width()))

    def _tinted_icon(self, size: int, colour: QColor) -> QPixmap:
        """The icon drawn in the text colour, cached per size and colour."""
        key = (size, colour.rgba())
        if self._icon_cache is None or self._icon_cache[:2] != key:
            pixmap = _icon(self._icon_file or "").pixmap(QSize(size, size))
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
        outline = QPen(QColor(style.border), width)
        if not self.isEnabled():
            # Off: a dashed outline says so without relying on colour.
            outline.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(outline)
        painter.setBrush(fill)
        painter.drawRoundedRect(frame, style.radius, style.radius)
        if self.shows_focus_ring():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for colour, inset in ((style.focus_dark, 1.5), (style.focus_light, 2.5)):
                ring = frame.adjusted(width * inset, width * inset, -width * inset, -width * inset)
                painter.setPen(QPen(QColor(colour), width))
                painter.drawRoundedRect(ring, style.radius, style.radius)

        self._paint_content(painter, ink)

    def _paint_content(self, painter: QPainter, ink: QColor) -> None:
        """The icon and the label; both mirrored on a right-to-left screen,
        the label's lines aligned the way its own language is written."""
        style = self._style
        assert style is not None
        width = self.width()
        icon = self._icon_size()
        gap = self._padding // 2
        text_width = self._text_width(width)
        text_height = self._layout.height_for(text_width)
        used_text = min(self._layout.natural_width(), text_width)
        lead = float(self._padding)  # from the side where the button's content starts
        if style.centred:
            lead = max(lead, (width - used_text - (icon + gap if icon else 0)) / 2)
        mirrored = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        if icon:
            x = width - lead - icon if mirrored else lead
            painter.drawPixmap(int(x), (self.height() - icon) // 2, self._tinted_icon(icon, ink))
            lead += icon + gap
        if style.centred:
            # The label's line sits next to the icon, whichever side its
            # lines are aligned to.
            start = width - lead - used_text if mirrored else lead
            right_aligned = self._layout.direction == Qt.LayoutDirection.RightToLeft
            left = start + used_text - text_width if right_aligned else start
        else:
            left = width - lead - text_width if mirrored else lead
        painter.setPen(ink)
        self._layout.draw(painter, QPointF(left, (self.height() - text_height) / 2), text_width)


def _as_space(event: QKeyEvent) -> QKeyEvent:
    """Enter and keypad Enter as Space, which QAbstractButton acts on."""
    if Qt.Key(event.key()) not in ENTER_KEYS:
        return event
    return QKeyEvent(
        event.type(),
        Qt.Key.Key_Space,
        event.modifiers(),
        " ",
        event.isAutoRepeat(),
        event.count(),
    )


@functools.cache
def _icon(path: str) -> QIcon:
    """One QIcon per file for the whole process: each new QIcon renders its
    SVG afresh into Qt's pixmap cache, which a Listen tap (Listen and Stop
    swap icons) would fill with copies of the same two pictures."""
    return QIcon(path)
