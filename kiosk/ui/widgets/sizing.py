"""The size rules shared by the hand-placed containers (TileGrid, FlowRow)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QWidget,
)


def height_for_width(widget: QWidget, width: int) -> int:
    """The height ``widget`` needs at ``width``: its height-for-width, else its size hint's."""
    if widget.hasHeightForWidth():
        return widget.heightForWidth(width)
    return widget.sizeHint().height()
