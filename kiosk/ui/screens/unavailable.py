"""What patients see while there is no valid content: a calm, plain page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.style import theme
from kiosk.ui.widgets.accessible import set_role
from kiosk.ui.widgets.text import WrappedText


class UnavailableScreen(QWidget):
    def __init__(self, palette: theme.Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._palette = palette
        self.heading = WrappedText("Information screen is being updated")
        set_role(self.heading, QAccessible.Role.Heading)
        self.setAccessibleName(self.heading.text())
        self.message = WrappedText("Please ask our staff if you have a question.")
        self._layout = QVBoxLayout(self)
        self._layout.addStretch(1)
        self._layout.addWidget(self.heading)
        self._layout.addWidget(self.message)
        self._layout.addStretch(2)

    def apply_theme(self, palette: theme.Palette, metrics: theme.Metrics) -> None:
        self._palette = palette
        margin = metrics.margin * 2
        self._layout.setContentsMargins(margin, margin, margin, margin)
        self._layout.setSpacing(metrics.gap)
        self.heading.set_style(theme.font(metrics.title_px, bold=True), self._palette.text, 1.15)
        self.message.set_style(theme.font(metrics.body_px), self._palette.text)
