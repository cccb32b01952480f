"""The staff menu: Status, Reload content now, Exit kiosk, Back."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.staff.centred_column import CentredColumn
from kiosk.ui.style import theme
from kiosk.ui.widgets.accessible import set_role
from kiosk.ui.widgets.button import TouchButton
from kiosk.ui.widgets.text import WrappedText


class StaffMenu(CentredColumn):
    exit_requested = Signal()
    reload_requested = Signal()
    status_requested = Signal()
    back = Signal()

    def __init__(self, palette: theme.Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._palette = palette
        self.setAccessibleName("Staff menu")
        self.title = WrappedText("Staff menu")
        set_role(self.title, QAccessible.Role.Heading)
        self.note = WrappedText()
        self.exit_button = TouchButton("Exit kiosk")
        self.reload_button = TouchButton("Reload content now")
        self.status_button = TouchButton("Status")
        self.back_button = TouchButton("Back")
        self.back_button.setAccessibleName("Back to the information screen")
        self.exit_button.clicked.connect(self.exit_requested)
        self.reload_button.clicked.connect(self.reload_requested)
        self.status_button.clicked.connect(self.status_requested)
        self.back_button.clicked.connect(self.back)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.note)
        for button in (self.status_button, self.reload_button, self.exit_button, self.back_button):
            self._layout.addWidget(button)
        self._layout.addStretch(1)

    def apply_theme(self, palette: theme.Palette, metrics: theme.Metrics) -> None:
        self._palette = palette
        self._metrics = metrics
        self._centre()
        self._layout.setSpacing(metrics.gap)
        self.title.set_style(theme.font(metrics.heading_px, bold=True), palette.text)
        self.note.set_style(theme.font(metrics.body_px), palette.text)
        for button in (self.status_button, self.reload_button, self.exit_button):
            button.set_style(theme.primary_style(palette, metrics))
        self.back_button.set_style(
            dataclasses.replace(theme.tile_style(palette, metrics), centred=True)
        )
