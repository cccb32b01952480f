"""Bar charts of a usage report (QtCharts), for the Usage screen and `kiosk stats --chart`.

Three charts: visits per day, the most opened topics, visits by hour of day.
They take the theme's colours (bars in the buttons' colour, text in the
text colour, on the page's background), the kiosk's typeface, and a text
size given in pixels, so that they read as well as the screen around them.
Each has a plain-text twin (:func:`chart_facts`) for screen readers and the
printed report: a chart is a picture.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import math
import textwrap
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCharts import (
    QAbstractAxis,
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMargins, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QImageWriter, QPainter, QPen
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene

from kiosk.files import replace_file
from kiosk.plural import plural
from kiosk.stats.report import Report, TopicUse
from kiosk.stats.text_report import reading_time
from kiosk.ui.style import theme
from kiosk.ui.style.fonts import FAMILY, bundled_font_files

TOP_TOPICS = 10  # bars in the topics chart; the text beside it lists them all
# A question wraps onto lines of about this many characters in the topics
# chart, at most this many lines (the rest elided; the text has it whole).
LABEL_CHARS = 28
LABEL_LINES = 3
# `kiosk stats --chart`: the picture's width, and its text size (about
# twice a web page's), so that it reads from across a desk.
FILE_WIDTH = 1600
FILE_TEXT_PX = 26


@dataclass(frozen=True, slots=True)
class ChartLook:
    """Colours and sizes for the charts."""

    palette: theme.Palette
    text_px: int  # axis labels and values
    title_px: int

    @property
    def title_font(self) -> QFont:
        return theme.font(self.title_px, bold=True)

    @property
    def label_font(self) -> QFont:
        return theme.font(self.text_px)


@dataclass(frozen=True, slots=True)
class ChartFacts:
    """What one chart shows, as text: its title and its rows."""

    title: str
    rows: tuple[tuple[str, str], ...]  # (label, value)

    def text(self) -> str:
        lines = [self.title, *(f"{label}: {value}" for label, value in self.rows)]
        return "\n".join(lines)


def chart_facts(report: Report) -> list[ChartFacts]:
    """The three charts' figures as text, in the charts' order."""
    days = ChartFacts(
        _days_title(report),
        tuple((_day_label(dt.date.fromisoformat(c.key)), str(c.visits)) for c in report.per_day),
    )
    shown = report.topics[:TOP_TOPICS]
    topics = ChartFacts(
        _topics_title(report),
        tuple(
            (
                topic.name,
                f"opened {plural(topic.opened, 'time')}, "
                f"median reading {reading_time(topic.median_seconds)}",
            )
            for topic in shown
        ),
    )
    first, last = _busy_hours(report)
    hours = ChartFacts(
        _hours_title(report),
        tuple(
            (f"{hour:02d}:00 to {hour:02d}:59", str(report.per_hour[hour].visits))
            for hour in range(first, last + 1)
        ),
    )
    return [days, topics, hours]


def _days_title(report: Report) -> str:
    if not report.visits:
        return "Visits per day: none"
    return f"Visits per day: {plural(report.visits, 'visit')} in all"


def _topics_title(report: Report) -> str:
    if not report.topics:
        return "Topics by times opened: none opened"
    if len(report.topics) > TOP_TOPICS:
        return f"Topics by times opened: the {TOP_TOPICS} most opened of {len(report.topics)}"
    return "Topics by times opened"


def _hours_title(report: Report) -> str:
    return "Visits by hour of day" if report.visits else "Visits by hour of day: none"


def _day_label(day: dt.date) -> str:
    return f"{day.day} {day:%b}"


WORKING_HOURS = (8, 17)  # always shown: a quiet day still reads as a day


def _busy_hours(report: Report) -> tuple[int, int]:
    """The working day, widened to the first and last hour with a visit."""
    busy = [hour for hour, count in enumerate(report.per_hour) if count.visits]
    first, last = WORKING_HOURS
    return (min(first, *busy), max(last, *busy)) if busy else (first, last)


# -- the charts -------------------------------------------------------------------


def day_chart(report: Report, look: ChartLook, width_px: int) -> QChart:
    """Visits per day, a bar a day; a date under the first day and every week after."""
    values = [count.visits for count in report.per_day]
    chart = _bar_chart(_days_title(report), QBarSeries(), values, look, width_px)
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    days = list(report.period.days())
    # Dates need room: one every week, or every fortnight where space is short.
    step = 7 if width_px / max(1, len(days)) * 7 > 6 * look.text_px else 14
    for index, day in enumerate(days):
        if index == 0 or (day - days[0]).days % step == 0:
            axis.append(_day_label(day), index)
    axis.setRange(-0.5, len(days) - 0.5)
    _attach(chart, axis, Qt.AlignmentFlag.AlignBottom, look)
    return chart


def hour_chart(report: Report, look: ChartLook, width_px: int) -> QChart:
    """Visits by the hour they started, over the working day and any busy hour outside it."""
    first, last = _busy_hours(report)
    values = [count.visits for count in report.per_hour[first : last + 1]]
    chart = _bar_chart(_hours_title(report), QBarSeries(), values, look, width_px)
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    step = 1 if width_px / len(values) > 3 * look.text_px else 2
    for index, hour in enumerate(range(first, last + 1)):
        if (hour - first) % step == 0:
            axis.append(f"{hour}:00", index)
    axis.setRange(-0.5, len(values) - 0.5)
    _attach(chart, axis, Qt.AlignmentFlag.AlignBottom, look)
    return chart


def topic_chart(report: Report, look: ChartLook, width_px: int) -> QChart:
    """The most opened topics, most opened at the top, each named by its question."""
    shown: list[TopicUse] = list(report.topics[:TOP_TOPICS])
    shown.reverse()  # a horizontal bar chart draws its first category at the bottom
    values = [topic.opened for topic in shown]
    chart = _bar_chart(_topics_title(report), QHorizontalBarSeries(), values, look, width_px)
    axis = QBarCategoryAxis()
    labels: list[str] = []
    for topic in shown:
        label = _topic_label(topic)
        # Categories must differ: two topics with the same question (or a
        # question that is another's id) differ by an invisible character.
        while label in labels:
            label += "\u200b"
        labels.append(label)
    axis.append(labels or [" "])
    _attach(chart, axis, Qt.AlignmentFlag.AlignLeft, look)
    return chart


def topic_chart_height(report: Report, look: ChartLook) -> int:
    """Room for each bar's label of up to LABEL_LINES lines."""
    bars = max(1, min(TOP_TOPICS, len(report.topics)))
    return round(look.title_px * 3 + look.text_px * 3 + bars * look.text_px * 5.2)


def _topic_label(topic: TopicUse) -> str:
    lines = textwrap.wrap(
        topic.name, LABEL_CHARS, max_lines=LABEL_LINES, placeholder=" …", break_on_hyphens=False
    )
    return "<br>".join(html.escape(line) for line in lines)


def _bar_chart(
    title: str, series: QAbstractBarSeries, values: list[int], look: ChartLook, width_px: int
) -> QChart:
    palette = look.palette
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundBrush(QColor(palette.background))
    chart.setBackgroundRoundness(0)
    half = look.text_px // 2
    chart.setMargins(QMargins(half, half, look.text_px, half))
    chart.setTitle(html.escape(title))
    chart.setTitleFont(look.title_font)
    chart.setTitleBrush(QColor(palette.text))
    chart.legend().hide()
    bars = QBarSet("visits")
    bars.append([float(value) for value in values])
    bars.setColor(QColor(palette.primary))
    bars.setBorderColor(QColor(palette.primary))
    bars.setLabelColor(QColor(palette.text))
    bars.setLabelFont(look.label_font)
    series.append(bars)
    series.setBarWidth(0.7)
    # Numbers on the bars where each has room for three digits.
    room = width_px / max(1, len(values))
    horizontal = isinstance(series, QHorizontalBarSeries)
    series.setLabelsVisible(horizontal or room > 2.2 * look.text_px)
    series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
    series.setLabelsPrecision(6)
    chart.addSeries(series)
    counts = QValueAxis()
    # Whole numbers only, in steps of 1, 2 or 5 times a power of ten, with
    # head-room for the number above the highest bar.
    step = count_step(max(values, default=0))
    counts.setTickType(QValueAxis.TickType.TicksDynamic)
    counts.setTickAnchor(0)
    counts.setTickInterval(step)
    counts.setRange(0, step * math.ceil(max(values, default=0) * 1.12 / step or 1))
    counts.setLabelFormat("%d")
    counts.setMinorTickCount(0)
    _attach(
        chart,
        counts,
        Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft,
        look,
    )
    return chart


def count_step(top: int, most_ticks: int = 5) -> int:
    """The step between grid lines for counts up to ``top``: 1, 2, 5, 10, 20..."""
    power = 1
    while True:
        for step in (power, 2 * power, 5 * power):
            if top <= step * most_ticks:
                return step
        power *= 10


def _attach(chart: QChart, axis: QAbstractAxis, where: Qt.AlignmentFlag, look: ChartLook) -> None:
    palette = look.palette
    axis.setLabelsFont(look.label_font)
    axis.setLabelsColor(QColor(palette.text))
    axis.setLinePen(QPen(QColor(palette.muted_text), 2))
    axis.setGridLinePen(QPen(QColor(palette.scrollbar_track), 1))
    axis.setGridLineVisible(isinstance(axis, QValueAxis) and not isinstance(axis, QCategoryAxis))
    axis.setTitleVisible(False)
    chart.addAxis(axis, where)
    for series in chart.series():
        series.attachAxis(axis)


# -- to a file ----------------------------------------------------------------------


def save_charts(report: Report, path: Path, palette: theme.Palette | None = None) -> QSize:
    """The three charts one above the other, as PNG or SVG by ``path``'s suffix.

    Written in one step; returns the picture's size. Needs a QApplication
    (QtCharts draws with Qt Widgets' graphics scene). Raises ``ValueError``
    for another suffix, ``OSError`` when the file cannot be written.
    """
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ValueError(f"{path.name}: a chart file ends in .png or .svg")
    look = ChartLook(palette or theme.Palette(), FILE_TEXT_PX, round(FILE_TEXT_PX * 1.3))
    charts = [
        (day_chart(report, look, FILE_WIDTH), FILE_TEXT_PX * 20),
        (topic_chart(report, look, FILE_WIDTH), topic_chart_height(report, look)),
        (hour_chart(report, look, FILE_WIDTH), FILE_TEXT_PX * 20),
    ]
    size = QSize(FILE_WIDTH, sum(height for _chart, height in charts))
    scene = QGraphicsScene()
    top = 0
    for chart, height in charts:
        scene.addItem(chart)
        chart.setGeometry(QRectF(0, top, FILE_WIDTH, height))
        top += height
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if suffix == ".svg":
        svg = QSvgGenerator()
        svg.setOutputDevice(buffer)
        svg.setSize(size)
        svg.setResolution(96)  # CSS pixels: the picture opens at its size in a browser
        svg.setViewBox(QRectF(0, 0, size.width(), size.height()))
        svg.setTitle(f"Kiosk usage, {report.period.since} to {report.period.until}")
        svg.setDescription("\n\n".join(facts.text() for facts in chart_facts(report)))
        _paint(scene, svg, size, look.palette)
        data = embed_typeface(bytes(QByteArray(buffer.data()).data()))
    else:
        image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(QColor(look.palette.background))
        _paint(scene, image, size, look.palette)
        QImageWriter(buffer, QByteArray(b"png")).write(image)
        data = bytes(QByteArray(buffer.data()).data())
    replace_file(path, data)
    return size


def _paint(
    scene: QGraphicsScene, device: QSvgGenerator | QImage, size: QSize, palette: theme.Palette
) -> None:
    painter = QPainter(device)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        rect = QRectF(0, 0, size.width(), size.height())
        painter.fillRect(rect, QColor(palette.background))  # charts leave a seam between them
        scene.render(painter, rect, rect)
    finally:
        painter.end()


def embed_typeface(svg: bytes) -> bytes:
    """The SVG with the kiosk's typeface in it, so that it looks the same anywhere.

    Text in an SVG is placed letter by letter for the font it was laid out
    in: shown in a wider one (most computers lack Atkinson Hyperlegible)
    the topics' names run into their bars. The regular and bold files (SIL
    Open Font License, which allows this) go in as data; the families'
    list becomes the one family, which Qt's own SVG renderer needs too.
    Without the font files, the SVG stays as Qt wrote it.
    """
    files = {path.stem.rsplit("-", 1)[-1]: path for path in bundled_font_files()}
    if not {"Regular", "Bold"} <= files.keys():
        return svg
    faces = "".join(
        f'@font-face{{font-family:"{FAMILY}";font-weight:{weight};'
        f"src:url(data:font/ttf;base64,{base64.b64encode(files[style].read_bytes()).decode()})}}"
        for style, weight in (("Regular", 400), ("Bold", 700))
    )
    listed = ",".join(theme.FONT_FAMILIES).encode()
    svg = svg.replace(b'font-family="' + listed + b'"', f'font-family="{FAMILY}"'.encode())
    end_of_title = svg.index(b"</desc>") + len(b"</desc>")  # save_charts always writes one
    style = f'\n<defs><style type="text/css">{faces}</style></defs>'.encode()
    return svg[:end_of_title] + style + svg[end_of_title:]
