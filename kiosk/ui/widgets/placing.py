"""A widget that places its children itself, on the left or, mirrored, on the right."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class PlacingWidget(QWidget):
    """Places its children in ``relayout()``; places them again, mirrored,
    when its layout direction changes: at once if shown, else when next shown
    (a language tap must not wait for the screens nobody sees)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mirror_pending = False  # mirrored while hidden: placed when shown

    def relayout(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            if self.isVisible():
                self.relayout()
            else:
                self._mirror_pending = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._mirror_pending:
            self._mirror_pending = False
            self.relayout()
