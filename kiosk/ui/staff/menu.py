"""The staff menu: Status, Usage, Reload content now, Exit kiosk, Back, and a note.

The buttons come first and the note about the content after them: a note
that wraps onto more lines (a long error, a reload's result) never moves a
button from under a finger about to tap it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.status import ContentStatus
from kiosk.ui.staff.centred_column import CentredColumn
from kiosk.ui.style import theme
from kiosk.ui.widgets.accessible import set_role
from kiosk.ui.widgets.button import TouchButton
from kiosk.ui.widgets.text import WrappedText

RELOADING = "Reloading the content…"
RELOAD = "Reload content now"


class StaffMenu(CentredColumn):
    exit_requested = Signal()
    reload_requested = Signal()
    status_requested = Signal()
    usage_requested = Signal()
    back = Signal()

    def __init__(self, palette: theme.Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._palette = palette
        self.setAccessibleName("Staff menu")
        # The content attempt shown when Reload was tapped; None: no reload running.
        self._reload_after: dt.datetime | None = None
        self._reloading = False
        self.title = WrappedText("Staff menu")
        set_role(self.title, QAccessible.Role.Heading)
        self.note = WrappedText()
        self.exit_button = TouchButton("Exit kiosk")
        self.reload_button = TouchButton(RELOAD)
        self.status_button = TouchButton("Status")
        self.usage_button = TouchButton("Usage")
        self.usage_button.setAccessibleName("Usage: visits and topics, last 30 days")
        self.back_button = TouchButton("Back")
        self.back_button.setAccessibleName("Back to the information screen")
        self.exit_button.clicked.connect(self.exit_requested)
        self.reload_button.clicked.connect(self._reload)
        self.status_button.clicked.connect(self.status_requested)
        self.usage_button.clicked.connect(self.usage_requested)
        self.back_button.clicked.connect(self.back)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.title)
        for button in (
            self.status_button,
            self.usage_button,
            self.reload_button,
            self.exit_button,
            self.back_button,
        ):
            self._layout.addWidget(button)
        self._layout.addWidget(self.note)
        self._layout.addStretch(1)

    @property
    def reloading(self) -> bool:
        """Reload was tapped and its result has not come yet."""
        return self._reloading

    def _reload(self) -> None:
        if self._reloading:
            return
        self._reloading = True
        # The button tapped says so itself: a disabled look alone is easy to miss.
        self._label_reload("Reloading…")
        self.reload_button.setEnabled(False)  # one reload at a time
        self.note.setText(RELOADING)
        self.reload_requested.emit()

    def show_status(self, status: ContentStatus | None, now: dt.datetime) -> None:
        """The content's state under the buttons; a running reload until its result comes.

        A reload's result is a newer attempt in ``status`` (its time changed),
        or the content folder not answering: other updates (read-aloud, say)
        leave "Reloading the content…" shown.
        """
        if status is None:
            self.note.setText("")
            return
        attempt = status.last_attempt_at
        # While the folder hangs, its state shows now rather than "Reloading…"
        # for as long as it hangs; the reload still runs when the folder answers.
        waiting = self._reloading and attempt == self._reload_after
        if waiting and status.not_answering_since is None:
            return
        finished = self._reloading
        self._reloading = False
        self._reload_after = attempt
        if finished:
            self._label_reload(RELOAD)
        self.reload_button.setEnabled(True)
        text = status.summary
        if attempt is not None:
            text += f". Checked at {_clock(attempt, now)}."
        self.note.setText(text)
        if finished:  # staff who use a screen reader hear how the reload went
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.note, text))

    def _label_reload(self, text: str) -> None:
        button = self.reload_button
        button.setText(text)
        button.setAccessibleName(text)
        if self._metrics is not None:  # a button lays its label out when styled
            button.set_style(theme.primary_style(self._palette, self._metrics))

    def apply_theme(self, palette: theme.Palette, metrics: theme.Metrics) -> None:
        self._palette = palette
        self._metrics = metrics
        self._centre()
        self._layout.setSpacing(metrics.gap)
        self.title.set_style(theme.font(metrics.heading_px, bold=True), palette.text)
        self.note.set_style(theme.font(metrics.body_px), palette.text)
        for button in (self.status_button, self.usage_button, self.reload_button, self.exit_button):
            button.set_style(theme.primary_style(palette, metrics))
        self.back_button.set_style(
            dataclasses.replace(theme.tile_style(palette, metrics), centred=True)
        )


def _clock(moment: dt.datetime, now: dt.datetime) -> str:
    """14:02:33 today; with the date on any other day."""
    if moment.date() == now.date():
        return moment.strftime("%H:%M:%S")
    return moment.strftime("%Y-%m-%d %H:%M:%S")
