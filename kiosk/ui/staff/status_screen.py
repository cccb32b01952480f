"""Status for staff: plain text, scrolled by dragging, with a Back button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QTextEdit, QVBoxLayout, QWidget

from kiosk.ui.style import theme
from kiosk.ui.widgets.accessible import name_scroll_area, set_role
from kiosk.ui.widgets.button import TouchButton
from kiosk.ui.widgets.scrolling import enable_kinetic_scrolling
from kiosk.ui.widgets.text import WrappedText


class StatusScreen(QWidget):
    """Plain-text status for staff, scrolled by dragging, with a Back button."""

    back = Signal()

    def __init__(self, palette: theme.Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._palette = palette
        self.setAccessibleName("Status screen")
        self.title = WrappedText("Status")
        set_role(self.title, QAccessible.Role.Heading)
        self.text = QTextEdit()
        self.text.setAccessibleName("Status")
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.text.setFrameShape(QTextEdit.Shape.NoFrame)
        self.text.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        enable_kinetic_scrolling(self.text)
        name_scroll_area(self.text, "Status")
        self.back_button = TouchButton("Back")
        self.back_button.setAccessibleName("Back to the staff menu")
        self.back_button.clicked.connect(self.back)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.text, 1)
        self._layout.addWidget(self.back_button)

    def show_lines(self, lines: list[str]) -> None:
        self.text.setPlainText("\n".join(lines))

    def apply_theme(self, palette: theme.Palette, metrics: theme.Metrics) -> None:
        self._palette = palette
        self._layout.setContentsMargins(
            metrics.margin, metrics.margin, metrics.margin, metrics.margin
        )
        self._layout.setSpacing(metrics.gap)
        self.title.set_style(theme.font(metrics.heading_px, bold=True), palette.text)
        self.text.setFont(theme.font(metrics.small_px))
        self.back_button.set_style(theme.primary_style(palette, metrics))
