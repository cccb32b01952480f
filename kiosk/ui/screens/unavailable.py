"""What patients see while there is no valid content: a calm, plain page."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
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
        self.heading = WrappedText()
        set_role(self.heading, QAccessible.Role.Heading)
        self.message = WrappedText()
        self._layout = QVBoxLayout(self)
        self._layout.addStretch(1)
        self._layout.addWidget(self.heading)
        self._layout.addWidget(self.message)
        self._layout.addStretch(2)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The page's words in the language in use."""
        self.heading.setText(self.tr("Information screen is being updated"))
        self.setAccessibleName(self.heading.text())
        self.message.setText(self.tr("Please ask our staff if you have a question."))

    def apply_theme(self, palette: theme.Palette, metrics: theme.Metrics) -> None:
        self._palette = palette
        margin = metrics.margin * 2
        self._layout.setContentsMargins(margin, margin, margin, margin)
        self._layout.setSpacing(metrics.gap)
        self.heading.set_style(theme.font(metrics.title_px, bold=True), self._palette.text, 1.15)
        self.message.set_style(theme.font(metrics.body_px), self._palette.text)
