"""Usage for staff: the last 30 days as bar charts, scrolled by dragging, with a Back button.

A chart is a picture: each carries its figures as text in its accessible
description, which a screen reader reads when Tab reaches it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAccessible, QColor, QPainter
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.stats.report import Report
from kiosk.stats.today import UsageAnswer, today_lines
from kiosk.ui import charts
from kiosk.ui.style import theme
from kiosk.ui.widgets.accessible import name_scroll_area, set_role
from kiosk.ui.widgets.button import TouchButton
from kiosk.ui.widgets.scrolling import scrolling_page
from kiosk.ui.widgets.text import WrappedText

# The day and hour charts' height, in lines of their text.
CHART_LINES = 14


class UsageScreen(QWidget):
    """Today's figures, then the charts of the period, then Back."""

    back = Signal()

    def __init__(self, palette: theme.Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._palette = palette
        self._metrics: theme.Metrics | None = None
        self._answer: UsageAnswer | None = None
        self._today = dt.date.today()
        self._built_width = 0
        self.setAccessibleName("Usage screen")
        self.title = WrappedText("Usage")
        set_role(self.title, QAccessible.Role.Heading)
        self.summary = WrappedText()
        self.views: list[QChartView] = []
        for _ in range(3):  # visits per day, topics, visits by hour
            view = QChartView()
            view.setFrameShape(QFrame.Shape.NoFrame)
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            # A drag on a chart scrolls the page, as anywhere else on it.
            view.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            view.setInteractive(False)
            view.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # screen readers reach each chart
            view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the view itself takes it
            view.hide()
            self.views.append(view)
        self._page = QWidget()
        self._page.setAccessibleName("Usage figures")
        self._page_layout = QVBoxLayout(self._page)
        self._page_layout.setContentsMargins(0, 0, 0, 0)
        self._page_layout.addWidget(self.summary)
        for view in self.views:
            self._page_layout.addWidget(view)
        self._page_layout.addStretch(1)
        self.scroll_area = scrolling_page(self._page, "Usage")
        # Date and hour labels are spaced for the width: a new width, new charts.
        self.scroll_area.viewport().installEventFilter(self)
        self.back_button = TouchButton("Back")
        self.back_button.setAccessibleName("Back to the staff menu")
        self.back_button.clicked.connect(self.back)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.scroll_area, 1)
        self._layout.addWidget(self.back_button)
        self.show_answer(None, self._today)

    @property
    def report(self) -> Report | None:
        return self._answer.report if self._answer else None

    def show_answer(self, answer: UsageAnswer | None, today: dt.date) -> None:
        """The figures (``None``: being read), or why there are none."""
        self._answer, self._today = answer, today
        report = self.report
        if report is None:
            self.title.setText("Usage")
        else:
            period = report.period
            self.title.setText(f"Usage from {period.since:%-d %b} to {period.until:%-d %b %Y}")
        # One line each (U+2028 breaks a line inside the one paragraph).
        self.summary.setText("\u2028".join(today_lines(answer, today)))
        self._build()

    def _build(self) -> None:
        """The charts for the report, the theme and the width in use."""
        report, metrics = self.report, self._metrics
        width = self.scroll_area.viewport().width()
        self._built_width = width
        if report is None or metrics is None:
            for view in self.views:
                view.hide()
                view.setAccessibleDescription("")
            return
        look = charts.ChartLook(self._palette, metrics.small_px, round(metrics.small_px * 1.2))
        made = [
            (charts.day_chart(report, look, width), metrics.small_px * CHART_LINES),
            (charts.topic_chart(report, look, width), charts.topic_chart_height(report, look)),
            (charts.hour_chart(report, look, width), metrics.small_px * CHART_LINES),
        ]
        for view, (chart, height), facts in zip(
            self.views, made, charts.chart_facts(report), strict=True
        ):
            old = view.chart()
            view.setChart(chart)  # the view takes the new chart; the old one is ours to drop
            if old is not None and old is not chart and isinstance(old, QChart):
                old.deleteLater()
            view.setBackgroundBrush(QColor(self._palette.background))
            view.setFixedHeight(height)
            view.setAccessibleName(facts.title)
            view.setAccessibleDescription(facts.text())
            name_scroll_area(view, facts.title)  # its viewport and (hidden) scroll bars
            view.show()

    def apply_theme(self, palette: theme.Palette, metrics: theme.Metrics) -> None:
        self._palette, self._metrics = palette, metrics
        margin = metrics.margin
        self._layout.setContentsMargins(margin, margin, margin, margin)
        self._layout.setSpacing(metrics.gap)
        self._page_layout.setSpacing(metrics.gap)
        self.title.set_style(theme.font(metrics.heading_px, bold=True), palette.text)
        self.summary.set_style(theme.font(metrics.small_px), palette.text)
        self.back_button.set_style(theme.primary_style(palette, metrics))
        self._build()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Resize
            and self.scroll_area.viewport().width() != self._built_width
        ):
            self._build()
        return False
