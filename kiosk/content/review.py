"""Review dates: when each topic is next due for a clinician's review, and how it stands.

A topic's ``reviewed`` date (in its main language's file) plus the pack's
``review_every`` months is the day its review is due. Nothing here reads a
clock: every answer is for a ``today`` the caller gives (`kiosk check` its
own date, the running kiosk its clock's, which moves on while it runs for
months).

The warnings are made here, for `kiosk check`, and never kept in
``Pack.warnings``: those are shown to staff as the result of a load, and
would go stale as the days pass while a review's state changes by itself.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from kiosk.content.loader import PACK_FILE
from kiosk.content.model import Pack, Topic
from kiosk.content.problems import Problem, Severity
from kiosk.plural import plural

# A topic due within this many days is "due soon": time to book the review.
DUE_SOON_DAYS = 30


class ReviewState(enum.Enum):
    OK = "ok"
    DUE_SOON = "due soon"
    OVERDUE = "overdue"
    NEVER = "never reviewed"


@dataclass(frozen=True, slots=True)
class TopicReview:
    """One topic's review, as it stands on ``today``."""

    topic_id: str
    reviewed: date | None
    due: date | None  # None: never reviewed
    state: ReviewState
    days_left: int | None  # until ``due``; negative when overdue

    @property
    def described(self) -> str:
        """The state in a few words: "ok", "due in 12 days", "overdue by 40 days"."""
        if self.state is ReviewState.NEVER or self.days_left is None:
            return ReviewState.NEVER.value
        if self.state is ReviewState.OVERDUE:
            return f"overdue by {plural(-self.days_left, 'day')}"
        if self.state is ReviewState.DUE_SOON:
            return "due today" if self.days_left == 0 else f"due in {plural(self.days_left, 'day')}"
        return ReviewState.OK.value


def due_date(reviewed: date, months: int) -> date:
    """``months`` calendar months after ``reviewed``.

    A day that the later month lacks falls on its last day: 31 January plus
    one month is 28 (or 29) February.
    """
    due: date = reviewed + relativedelta(months=months)
    return due


def topic_review(topic: Topic, months: int, today: date) -> TopicReview:
    """How ``topic``'s review stands on ``today``, reviewed every ``months`` months."""
    if topic.reviewed is None:
        return TopicReview(topic.id, None, None, ReviewState.NEVER, None)
    due = due_date(topic.reviewed, months)
    days_left = (due - today).days
    if days_left < 0:
        state = ReviewState.OVERDUE
    elif days_left <= DUE_SOON_DAYS:
        state = ReviewState.DUE_SOON
    else:
        state = ReviewState.OK
    return TopicReview(topic.id, topic.reviewed, due, state, days_left)


def pack_review(pack: Pack, today: date) -> tuple[TopicReview, ...]:
    """Every topic's review on ``today``, in tile order (the main language's topics)."""
    main = pack.main_pack or pack
    return tuple(topic_review(t, main.review_every, today) for t in main.tile_order)


def uses_review_dates(reviews: Sequence[TopicReview]) -> bool:
    """Whether any topic gives a review date: until one does, the pack has not
    started dating its reviews, and its topics are not each warned about."""
    return any(r.reviewed is not None for r in reviews)


def review_summary(reviews: Sequence[TopicReview]) -> str:
    """One line for staff and admins: "2 of 10 topics overdue, 1 never reviewed"."""
    total = plural(len(reviews), "topic")
    if not uses_review_dates(reviews):
        return f"no review dates: none of the {total} gives 'reviewed'"
    counts = {state: sum(1 for r in reviews if r.state is state) for state in ReviewState}
    if counts[ReviewState.OK] == len(reviews):
        return f"all {total} up to date"
    parts = [f"{counts[ReviewState.OVERDUE]} of {total} overdue"]
    if counts[ReviewState.NEVER]:
        parts.append(f"{counts[ReviewState.NEVER]} never reviewed")
    if counts[ReviewState.DUE_SOON]:
        parts.append(f"{counts[ReviewState.DUE_SOON]} due within {DUE_SOON_DAYS} days")
    return ", ".join(parts)


def review_warnings(pack: Pack, today: date) -> list[Problem]:
    """`kiosk check`'s warnings about reviews, in tile order.

    A pack that gives no review date at all gets one warning, at kiosk.yaml;
    once one topic gives a date, each topic never reviewed or overdue gets
    its own, at its file or its date.
    """
    main = pack.main_pack or pack
    reviews = pack_review(main, today)
    if not reviews:
        return []
    if not uses_review_dates(reviews):
        folder = os.fspath(main.folder) if main.folder is not None else ""
        return [
            Problem(
                os.path.join(folder, PACK_FILE),
                f"no topic says when a clinician last reviewed it; add 'reviewed: "
                f"{today.isoformat()}' (the day of the review) to each topic file once it "
                "is checked, and `kiosk check --review` lists what is due",
                severity=Severity.WARNING,
            )
        ]
    warnings = []
    for topic, review in zip(main.tile_order, reviews, strict=True):
        if review.state is ReviewState.NEVER:
            place = topic.answer_place
            warnings.append(
                Problem(
                    place.path if place is not None else topic.id,
                    "never reviewed: add 'reviewed: YYYY-MM-DD' with the day a clinician "
                    "checked this topic",
                    severity=Severity.WARNING,
                )
            )
        elif review.state is ReviewState.OVERDUE:
            assert review.due is not None
            written = topic.places.get("reviewed") or topic.answer_place
            warnings.append(
                Problem(
                    written.path if written is not None else topic.id,
                    f"review overdue: it was due on {review.due.isoformat()} (reviewed "
                    f"{review.reviewed}, every {plural(main.review_every, 'month')}); have "
                    "a clinician check this topic, then write the day of the review here",
                    written.line if written is not None else None,
                    written.column if written is not None else None,
                    Severity.WARNING,
                )
            )
    return warnings
