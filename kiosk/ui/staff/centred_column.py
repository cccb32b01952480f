"""The staff screens' shape: one centred column, re-centred on every resize."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.style import theme


class CentredColumn(QWidget):
    """A screen whose content is a centred column, re-centred on every resize."""

    _layout: QVBoxLayout
    _metrics: theme.Metrics | None = None

    def _centre(self) -> None:
        metrics = self._metrics
        if metrics is None:
            return
        width = min(self.width(), round(metrics.tile_min_width * 2))
        side = max(metrics.margin, (self.width() - width) // 2)
        self._layout.setContentsMargins(side, metrics.margin, side, metrics.margin)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._centre()
