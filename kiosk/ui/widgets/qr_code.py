"""A QR code a patient's phone reads from the panel: a picture, never a control.

The matrix comes from ``segno`` (offline, to the standard); the kiosk draws
each module as a whole number of pixels, without smoothing, dark on a light
plate that includes the standard's quiet zone of four modules. The plate is
light in every theme: a phone's camera app looks for dark modules on light,
and a white-on-black code is read by fewer of them.

The code is at least :data:`MIN_WIDTH_MM` wide on the panel, quiet zone
included, and each module at least :data:`MIN_MODULE_MM`, so a long address
(a denser code) is drawn larger rather than finer.
"""

from __future__ import annotations

import functools
import math

import segno
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QAccessible, QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui.widgets.accessible import set_role

MIN_WIDTH_MM = 25.0  # the whole plate, quiet zone included
# A phone held at reading distance resolves modules of half a millimetre.
MIN_MODULE_MM = 0.5
QUIET_ZONE = 4  # modules of light plate around the code (ISO/IEC 18004)
# Medium error correction (15%): a screen does not smudge or tear like paper,
# but glare and a thumb's shadow do cost a module here and there. segno raises
# it further where the address fits the same size of code anyway.
ERROR_CORRECTION = "m"
DARK = "#000000"
LIGHT = "#FFFFFF"


@functools.lru_cache(maxsize=64)
def modules(link: str) -> tuple[tuple[bool, ...], ...]:
    """The code's rows of modules (True: dark), quiet zone included.

    Always a full QR code, never a Micro QR: phones' camera apps do not read those.
    """
    code = segno.make_qr(link, error=ERROR_CORRECTION, boost_error=True)
    return tuple(tuple(bool(m) for m in row) for row in code.matrix_iter(border=QUIET_ZONE))


def module_px(count: int, px_per_mm: float) -> int:
    """Pixels per module for a code ``count`` modules wide, quiet zone included."""
    return max(
        1,
        math.ceil(MIN_WIDTH_MM * px_per_mm / count),
        math.ceil(MIN_MODULE_MM * px_per_mm),
    )


@functools.lru_cache(maxsize=16)
def code_image(link: str, px_per_mm: float) -> QImage:
    """The code drawn for a panel of ``px_per_mm``, kept per link and panel."""
    rows = modules(link)
    size = module_px(len(rows), px_per_mm)
    side = size * len(rows)
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor(LIGHT))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    dark = QColor(DARK)
    for y, row in enumerate(rows):
        x = 0
        while x < len(row):  # one rectangle per run of dark modules
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            painter.fillRect(QRect(start * size, y * size, (x - start) * size, size), dark)
    painter.end()
    return image


class QrCode(QWidget):
    """The QR code of one address: it takes no focus and answers no tap.

    For a screen reader it is a graphic named by the owner (``setAccessibleName``),
    described by the address itself, so a companion can copy it down.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, QAccessible.Role.Graphic)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # A tap goes through to the screen behind it, which does nothing with it.
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.link: str | None = None
        self._px_per_mm = 1.0
        self._image: QImage | None = None

    def show_link(self, link: str | None, px_per_mm: float) -> bool:
        """Shows the code of ``link`` for a panel of ``px_per_mm``; True if its size changed."""
        if (link, px_per_mm) == (self.link, self._px_per_mm):
            return False
        before = self.side()
        self.link, self._px_per_mm = link, px_per_mm
        self._image = code_image(link, px_per_mm) if link else None
        self.setAccessibleDescription(link or "")
        self.setFixedSize(QSize(self.side(), self.side()))
        self.update()
        return self.side() != before

    def side(self) -> int:
        """The plate's width and height in pixels (0 without a link)."""
        return self._image.width() if self._image is not None else 0

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._image is None:
            return
        painter = QPainter(self)
        # Never mirrored: drawn at (0, 0) whatever the layout direction.
        painter.drawImage(0, 0, self._image)
