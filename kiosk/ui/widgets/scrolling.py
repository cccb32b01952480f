"""Scrolling by dragging a finger, with momentum and no rubber band."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QWidget,
)

from kiosk.ui.widgets.accessible import name_scroll_area


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


def scrolling_page(page: QWidget, name: str) -> QScrollArea:
    """``page`` in a frameless area as wide as the screen, scrolled by
    dragging; named ``name`` for screen readers. The page's own controls take
    keyboard focus; the area needs none."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(page)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setAccessibleName(name)
    enable_kinetic_scrolling(area)
    name_scroll_area(area, name)
    return area
