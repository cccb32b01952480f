"""Drawing a topic's picture: decoded from the bytes the pack load checked, never
from the pack's folder, and drawn on a light plate of its own.

Decoding happens on the GUI thread, so it is kept quick and bounded: a
raster goes through ``QImageReader`` with Qt's allocation limit (set once at
start, :func:`set_decoding_limits`) and a size
check before any pixel is read, and is decoded straight at the size it is
shown (a JPEG then decodes at a fraction of its size); an SVG is rendered by
``QSvgRenderer`` from the bytes. Each rendering is cached by picture, size
and device pixel ratio. A picture that does not decode (the content check
passed it, Qt still refuses it) is left out, its tile or answer shown
without it, and logged once: never an error on screen, never a broken image.

A picture is never mirrored on a right-to-left screen (a walking person
walks the way the artist drew them); only where it sits changes sides.
"""

from __future__ import annotations

import logging
from collections import OrderedDict

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAccessible,
    QColor,
    QImage,
    QImageIOHandler,
    QImageReader,
    QPainter,
    QPaintEvent,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.content.model import Picture
from kiosk.content.pictures import MAX_SIDE
from kiosk.ui.widgets.accessible import set_role

log = logging.getLogger(__name__)

# Qt refuses to allocate more than this for one decoded image, in MiB: a
# 4096 x 4096 picture at 4 bytes a pixel is 64.
ALLOCATION_LIMIT_MB = 128
# The plate behind every picture: pictures keep their own colours in both
# themes, so they sit on white, as on paper.
PLATE_COLOUR = QColor("#ffffff")
# Renderings kept: a pack's pictures at the sizes of one screen, twice over.
_CACHE_SIZE = 96
_FAILURES_KEPT = 64


class _Renderings:
    """Rendered pictures by (picture bytes, size, device pixel ratio), the
    least recently used dropped first. Kept as QImage, which outlives the
    application safely (a module-level QPixmap may not), and drawn as is.

    One cache for the process, not one per window: a rendering depends only
    on its key (the same bytes look the same in every window, and a reload
    with a changed picture has new bytes, so a new key), it only saves time,
    and both it and the set of failures logged are bounded.
    """

    def __init__(self) -> None:
        self._images: OrderedDict[tuple[int, int, str, int, int, float], QImage | None] = (
            OrderedDict()
        )
        # Failures logged already (once each), the oldest forgotten first: a
        # kiosk reloading a changed broken picture for months keeps a few.
        self._failed: OrderedDict[tuple[int, int, str], None] = OrderedDict()

    def get(self, picture: Picture, size: QSize, ratio: float) -> QImage | None:
        # A bytes object keeps its hash once computed: a cheap key after the first.
        key = (hash(picture.data), len(picture.data), picture.file, size.width(), size.height())
        full = (*key, ratio)
        if full in self._images:
            self._images.move_to_end(full)
            return self._images[full]
        image = self._render(
            picture, QSize(round(size.width() * ratio), round(size.height() * ratio))
        )
        if image is not None:
            image.setDevicePixelRatio(ratio)
        self._images[full] = image
        while len(self._images) > _CACHE_SIZE:
            self._images.popitem(last=False)
        return image

    def _render(self, picture: Picture, box: QSize) -> QImage | None:
        try:
            image = render(picture, box)
        except Exception:  # a kiosk shows the answer without its picture, not an error
            log.exception("drawing the picture %s failed", picture.file)
            image = None
        if image is None or image.isNull():
            failure = (hash(picture.data), len(picture.data), picture.file)
            if failure not in self._failed:
                log.warning("the picture %s cannot be drawn; shown without it", picture.file)
            self._failed[failure] = None
            self._failed.move_to_end(failure)
            while len(self._failed) > _FAILURES_KEPT:
                self._failed.popitem(last=False)
            return None
        return image

    def failures_kept(self) -> int:
        return len(self._failed)

    def clear(self) -> None:
        self._images.clear()
        self._failed.clear()


renderings = _Renderings()


def set_decoding_limits() -> None:
    """Qt's limit on one decoded picture, for the whole process: set where the
    application starts, before anything is drawn (a PNG or JPEG embedded in
    an SVG is decoded by Qt's SVG module, under the same limit)."""
    QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)


def render(picture: Picture, box: QSize) -> QImage | None:
    """``picture`` drawn as large as fits ``box`` (device pixels), its shape
    kept; ``None`` where Qt cannot decode it."""
    if box.width() < 1 or box.height() < 1:
        return None
    if picture.format == "svg":
        return _render_svg(picture.data, box)
    return _render_raster(picture.data, box)


def _render_raster(data: bytes, box: QSize) -> QImage | None:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # a photo's orientation tag, as it was taken
    stored = reader.size()  # from the header, as stored: before any turn
    if not stored.isValid() or stored.width() > MAX_SIDE or stored.height() > MAX_SIDE:
        return None
    # A photo taken upright with the camera turned is stored on its side and
    # shown turned a quarter: it is fitted to the box as shown, decoded as stored.
    turned = bool(reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90)
    shown = stored.transposed() if turned else stored
    fitted = shown.scaled(box, Qt.AspectRatioMode.KeepAspectRatio)
    if fitted.width() < shown.width():
        reader.setScaledSize(fitted.transposed() if turned else fitted)  # decoded at the size shown
    image = reader.read()
    if image.isNull():
        return None
    if image.size() != fitted:
        image = image.scaled(
            fitted,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return image


def _render_svg(data: bytes, box: QSize) -> QImage | None:
    renderer = QSvgRenderer(QByteArray(data))
    if not renderer.isValid():
        return None
    view = renderer.viewBoxF()
    natural = view.size() if not view.isEmpty() else renderer.defaultSize().toSizeF()
    if natural.isEmpty():
        natural = QSize(1, 1).toSizeF()
    fitted = natural.scaled(box.toSizeF(), Qt.AspectRatioMode.KeepAspectRatio).toSize()
    if fitted.isEmpty():
        return None
    image = QImage(fitted, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, fitted.width(), fitted.height()))
    painter.end()
    return image


def plate_inner(rect: QRectF) -> QRectF:
    """Where the picture goes on a plate filling ``rect``: a small margin all round."""
    inset = max(2.0, rect.width() * 0.06)
    return rect.adjusted(inset, inset, -inset, -inset)


def paint_picture(
    painter: QPainter,
    picture: Picture | None,
    rect: QRectF,
    *,
    radius: float,
    ratio: float,
    border: QColor | None = None,
    border_width: float = 0,
) -> bool:
    """Draws ``picture`` centred on its plate filling ``rect``; False (and
    nothing drawn) where it cannot be decoded."""
    if picture is None or rect.isEmpty():
        return False
    inner = plate_inner(rect)
    image = renderings.get(picture, inner.size().toSize(), ratio)
    if image is None:
        return False
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen if border is None else painter.pen())
    if border is not None and border_width > 0:
        pen = painter.pen()
        pen.setColor(border)
        pen.setWidthF(border_width)
        painter.setPen(pen)
    painter.setBrush(PLATE_COLOUR)
    painter.drawRoundedRect(rect, radius, radius)
    shown = image.deviceIndependentSize()
    x = inner.x() + (inner.width() - shown.width()) / 2
    y = inner.y() + (inner.height() - shown.height()) / 2
    painter.drawImage(QPointF(round(x), round(y)), image)
    painter.restore()
    return True


class PictureBox(QWidget):
    """A topic's picture as a square of ``side`` pixels, on its plate.

    For a screen reader it is a graphic named by the picture's description
    (``image_alt``). A picture that cannot be drawn hides the box, so its
    place is given back to the text.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, QAccessible.Role.Graphic)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._picture: Picture | None = None
        self._side = 0
        self._lead = 0
        self._radius = 8.0
        self._border: QColor | None = None
        self._border_width = 0.0
        self.hide()

    @property
    def picture(self) -> Picture | None:
        return self._picture

    def set_picture(self, picture: Picture | None) -> None:
        """Shows ``picture`` (or nothing, hidden); hidden too where it cannot be drawn."""
        self._picture = picture
        self.setAccessibleName(picture.alt if picture is not None else "")
        self._update_visibility()
        self.update()

    def set_side(self, side: int, *, lead: int = 0) -> None:
        """A square of ``side``, ``lead`` pixels in from the side where text
        starts (to line up with a column of text)."""
        if (side, lead) != (self._side, self._lead):
            resized = side != self._side
            self._side, self._lead = side, lead
            self.setFixedSize(lead + side, side)
            if resized:
                self._update_visibility()
            self.update()

    def side(self) -> int:
        return self._side

    def set_plate_style(
        self, *, radius: float, border: QColor | None = None, border_width: float = 0
    ) -> None:
        self._radius, self._border, self._border_width = radius, border, border_width
        self.update()

    def drawable(self) -> bool:
        """Whether its picture decodes (at its size now)."""
        picture = self._picture
        if picture is None or self._side < 1:
            return picture is not None
        inner = plate_inner(self._plate()).size().toSize()
        return renderings.get(picture, inner, self.devicePixelRatioF()) is not None

    def _plate(self) -> QRectF:
        half = self._border_width / 2
        mirrored = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        x = self.width() - self._lead - self._side if mirrored else self._lead
        return QRectF(x, 0, self._side, self._side).adjusted(half, half, -half, -half)

    def _update_visibility(self) -> None:
        self.setVisible(self.drawable())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_picture(
            painter,
            self._picture,
            self._plate(),
            radius=self._radius,
            ratio=self.devicePixelRatioF(),
            border=self._border,
            border_width=self._border_width,
        )
        painter.end()
