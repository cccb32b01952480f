"""The report as plain text: `kiosk stats` prints it, and the staff screens reuse its parts."""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.plural import plural
from kiosk.stats.report import Count, Report, TopicUse


def reading_time(seconds: float | None) -> str:
    """``75`` as ``1 min 15 s``; ``None`` (no read has ended) as ``-``."""
    if seconds is None:
        return "-"
    minutes, rest = divmod(round(seconds), 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def percent(share: float) -> str:
    return f"{share * 100:.1f} %"


def table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> list[str]:
    """Aligned columns, two spaces apart; ``right`` says which are numbers."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        cells = [
            cell.rjust(width) if is_number else cell.ljust(width)
            for cell, width, is_number in zip(row, widths, right, strict=True)
        ]
        return "  ".join(cells).rstrip()

    return [line(header), *map(line, rows)]


def _counts(title: str, key: str, counts: Sequence[Count], total: int) -> list[str]:
    rows = [[c.key, str(c.visits), percent(c.share)] for c in counts]
    rows.append(["total", str(total), percent(1.0 if total else 0.0)])
    return ["", title, *table([key, "visits", "share"], rows, [False, True, True])]


def topic_rows(topics: Sequence[TopicUse]) -> list[list[str]]:
    return [
        [t.topic, t.question or "(not in the pack)", str(t.opened), reading_time(t.median_seconds)]
        for t in topics
    ]


def report_lines(report: Report) -> list[str]:
    """The whole report, section by section, each a table with its total."""
    period = report.period
    days = sum(1 for _ in period.days())
    lines = [
        f"Usage from {period.since} to {period.until} ({plural(days, 'day')}): "
        f"{plural(report.visits, 'visit')}, {report.visits / days:.1f} a day",
    ]
    lines += _counts("Visits per day", "date", report.per_day, report.visits)
    busy = [c for c in report.per_hour if c.visits]
    if busy:  # the hours from the first to the last with a visit: no night of zeros
        first, last = report.per_hour.index(busy[0]), report.per_hour.index(busy[-1])
        lines += _counts(
            "Visits by hour of day (started)",
            "hour",
            report.per_hour[first : last + 1],
            report.visits,
        )
    lines += ["", "Topics by times opened (median reading time of the reads that ended)"]
    if report.topics:
        rows = topic_rows(report.topics)
        rows.append(["total", "", str(report.topics_opened), ""])
        lines += table(
            ["topic", "question", "opened", "median reading"], rows, [False, False, True, True]
        )
    else:
        lines.append("No topic was opened.")
    lines += _counts("How visits ended", "ended by", report.endings, report.visits)
    rows = [[c.key, str(c.visits), percent(c.share)] for c in report.choices]
    lines += ["", "Choices used (visits that used each, of all visits)"]
    lines += table(["choice", "visits", "share"], rows, [False, True, True])
    return lines
