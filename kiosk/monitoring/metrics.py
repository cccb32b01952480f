"""One snapshot of the kiosk's state, as Prometheus metrics. No Qt.

The app takes a :class:`KioskMetrics` snapshot on the GUI thread (where
the :class:`~kiosk.status.ContentStatus` it reads is kept up to date); it is
frozen, so the writer's thread can render it while the GUI carries on.
Each snapshot gets its own registry: nothing is registered globally, and a
metric whose value is unknown is simply left out.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.metrics_core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    InfoMetricFamily,
    Metric,
)
from prometheus_client.registry import Collector

from kiosk.content.review import ReviewState
from kiosk.status import ContentStatus

STATM = Path("/proc/self/statm")


@dataclass(frozen=True, slots=True)
class KioskMetrics:
    """What the metrics file says. Times are Unix timestamps in seconds."""

    version: str
    content_folder: str
    started_at: float
    content_loaded_at: float | None  # None: nothing on screen yet
    topics: int
    last_reload_success: bool | None  # None: no result yet (first read still running)
    last_reload_errors: int | None
    showing_kept_copy: bool
    folder_answering: bool
    read_aloud_available: bool
    visits_total: int | None  # None: visits are not counted
    resident_memory_bytes: int | None  # None: not known on this system
    writes_skipped: int = 0
    write_failures: int = 0
    # Topics on screen whose review is overdue, and never reviewed; None: no content.
    topics_overdue: int | None = None
    topics_never_reviewed: int | None = None


def resident_memory_bytes() -> int | None:
    """This process's resident memory (RSS), from /proc; None where there is no /proc."""
    if sys.platform != "linux":
        return None
    try:
        fields = STATM.read_text(encoding="ascii").split()
        return int(fields[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _timestamp(moment: dt.datetime | None) -> float | None:
    # Naive datetimes are the kiosk's local time, which .timestamp() assumes.
    return moment.timestamp() if moment is not None else None


def from_status(
    status: ContentStatus,
    *,
    version: str,
    visits_total: int | None = None,
    memory_bytes: int | None = None,
    writes_skipped: int = 0,
    write_failures: int = 0,
    today: dt.date,
) -> KioskMetrics:
    """The snapshot of ``status`` (read on the thread that updates it); the
    reviews are counted on ``today``, the kiosk's own clock's date."""
    tried = status.last_attempt_at is not None
    reviews = status.reviews(today) if status.pack is not None else None
    errors = sum(1 for problem in status.last_problems if problem.is_error)
    success = tried and status.unavailable_reason is None and errors == 0
    return KioskMetrics(
        version=version,
        content_folder=str(status.folder),
        started_at=status.started_at.timestamp(),
        content_loaded_at=_timestamp(status.loaded_at),
        topics=status.topic_count,
        last_reload_success=success if tried else None,
        last_reload_errors=errors if tried else None,
        showing_kept_copy=status.copy_saved_at is not None,
        folder_answering=status.not_answering_since is None,
        read_aloud_available=status.read_aloud.startswith("on:"),  # "on: ..." comes first
        visits_total=visits_total,
        resident_memory_bytes=memory_bytes,
        writes_skipped=writes_skipped,
        write_failures=write_failures,
        topics_overdue=(
            None if reviews is None else sum(r.state is ReviewState.OVERDUE for r in reviews)
        ),
        topics_never_reviewed=(
            None if reviews is None else sum(r.state is ReviewState.NEVER for r in reviews)
        ),
    )


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=value)


class _Snapshot(Collector):
    """Yields one snapshot's metric families."""

    def __init__(self, metrics: KioskMetrics) -> None:
        self.metrics = metrics

    def collect(self) -> Iterable[Metric]:
        m = self.metrics
        info = InfoMetricFamily("kiosk", "The kiosk's version and content folder; always 1.")
        info.add_metric([], {"version": m.version, "content_folder": m.content_folder})
        yield info
        yield _gauge(
            "kiosk_start_time_seconds", "When the kiosk started, as a Unix time.", m.started_at
        )
        yield _gauge(
            "kiosk_content_loaded_timestamp_seconds",
            "When the content on screen was loaded (or its kept copy shown); 0: none yet.",
            m.content_loaded_at or 0.0,
        )
        yield _gauge("kiosk_content_topics", "Topics on screen.", m.topics)
        if m.topics_overdue is not None:
            yield _gauge(
                "kiosk_content_topics_overdue",
                "Topics on screen whose review is overdue today: their 'reviewed' date is more "
                "than the content's review_every months ago.",
                m.topics_overdue,
            )
        if m.topics_never_reviewed is not None:
            yield _gauge(
                "kiosk_content_topics_never_reviewed",
                "Topics on screen that give no 'reviewed' date.",
                m.topics_never_reviewed,
            )
        if m.last_reload_success is not None:
            yield _gauge(
                "kiosk_content_last_reload_success",
                "1 if the latest read of the content folder gave valid content, 0 if it was "
                "invalid or the folder unavailable; absent until the first read ends.",
                int(m.last_reload_success),
            )
        if m.last_reload_errors is not None:
            yield _gauge(
                "kiosk_content_last_reload_errors",
                "Errors found in the content by its latest read (warnings not counted).",
                m.last_reload_errors,
            )
        yield _gauge(
            "kiosk_content_showing_kept_copy",
            "1 while the kept copy of the last good content is on screen because the content "
            "folder gave no valid content at start.",
            int(m.showing_kept_copy),
        )
        yield _gauge(
            "kiosk_content_folder_answering",
            "0 while a call on the content folder hangs (a network share down?), else 1.",
            int(m.folder_answering),
        )
        yield _gauge(
            "kiosk_read_aloud_available",
            "1 if Listen (read-aloud) works in at least one of the content's languages, 0 if it "
            "is off or still starting in all of them.",
            int(m.read_aloud_available),
        )
        if m.visits_total is not None:
            yield CounterMetricFamily(
                "kiosk_visits_total", "Visits since the kiosk started.", value=m.visits_total
            )
        if m.resident_memory_bytes is not None:
            yield _gauge(
                "kiosk_resident_memory_bytes",
                "The kiosk process's resident memory (RSS).",
                m.resident_memory_bytes,
            )
        yield CounterMetricFamily(
            "kiosk_metrics_writes_skipped_total",
            "Metrics writes skipped because the previous one had not finished (a slow disk).",
            value=m.writes_skipped,
        )
        yield CounterMetricFamily(
            "kiosk_metrics_write_failures_total",
            "Metrics writes that failed since the kiosk started.",
            value=m.write_failures,
        )


def registry_for(metrics: KioskMetrics) -> CollectorRegistry:
    """A registry of its own holding just this snapshot."""
    registry = CollectorRegistry(auto_describe=True)
    registry.register(_Snapshot(metrics))
    return registry


def exposition(metrics: KioskMetrics) -> bytes:
    """The snapshot in the Prometheus text format (0.0.4), as node_exporter reads it."""
    return generate_latest(registry_for(metrics))
