"""What the sign-off proof says, page by page, as plain data. No Qt.

The proof has a cover, then a page for every text patients can read: each
topic in each language it is written in, the main language first. A topic
not translated into a language shows its main-language text to patients who
choose that language, so that text's own page covers it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from kiosk.content.check_report import coverage_lines
from kiosk.content.model import Pack, Topic
from kiosk.content.problems import Problem
from kiosk.content.readability import scale_for, topic_readability
from kiosk.content.review import TopicReview, pack_review, review_summary
from kiosk.plural import plural

# The cover lists at most this many of `kiosk check`'s warnings: it is one page.
MAX_COVER_WARNINGS = 12

Facts = tuple[tuple[str, str], ...]  # (label, value), in order


@dataclass(frozen=True, slots=True)
class TopicPage:
    """One page: a topic in one language, as patients see it, and its facts."""

    topic_id: str
    language: str  # the language the topic is written in on this page
    language_name: str  # as the page names it: "Español (es)"
    question: str
    facts: Facts
    # The section whose screen the topic is opened from (its answer then has
    # Back, as patients see it); None in a pack without sections.
    section: str | None = None


@dataclass(frozen=True, slots=True)
class Cover:
    title: str
    facts: Facts
    check: str  # "OK: 10 topics, no warnings"
    warnings: tuple[str, ...]  # as `kiosk check` prints them, at most MAX_COVER_WARNINGS
    more_warnings: int  # left off the cover


def topic_pages(pack: Pack, today: date, names: Mapping[str, str]) -> list[TopicPage]:
    """Every topic page, in tile order, each topic in its languages in the pack's order.

    ``names`` gives each language's name for the page ("Español").
    """
    main = pack.main_pack or pack
    reviews = {review.topic_id: review for review in pack_review(main, today)}
    # Each language's view made once, its topics by id: a pack may have 500.
    views = {language: main.in_language(language) for language in main.all_languages}
    by_id = {language: {t.id: t for t in view.topics} for language, view in views.items()}
    pages = []
    for topic in main.tile_order:
        for language, view in views.items():
            written = by_id[language][topic.id]
            if written.language != language:
                continue  # not translated: patients read the main language's page
            name = f"{names.get(language, language)} ({language})"
            pages.append(
                TopicPage(
                    topic.id,
                    language,
                    name,
                    written.question,
                    _topic_facts(written, name, reviews[topic.id], view),
                    section=topic.section,
                )
            )
    return pages


def _topic_facts(topic: Topic, language: str, review: TopicReview, pack: Pack) -> Facts:
    place = topic.answer_place
    reviewed = review.reviewed.isoformat() if review.reviewed else "never"
    every = f"every {plural(pack.review_every, 'month')}"
    due = f"{review.due.isoformat()} ({every})" if review.due else f"- (reviews are due {every})"
    return (
        ("Topic", topic.id),
        ("Language", language),
        ("Question", topic.question),
        *_section(topic, pack),
        ("File", place.path if place is not None else "-"),
        ("Source", topic.source or "none"),
        ("Link", topic.link or "none"),
        ("Reviewed", reviewed),
        ("Due", due),
        ("Review status", review.described),
        *_reading(topic),
    )


def _section(topic: Topic, pack: Pack) -> Facts:
    """The section the topic's tile is in, for a pack in sections."""
    titles = {s.id: s.title for s in pack.sections}
    if topic.section is None or topic.section not in titles:
        return ()
    return (("Section", f"{titles[topic.section]} ({topic.section})"),)


def _reading(topic: Topic) -> Facts:
    """The reading score on the scale of the topic's language, and its words."""
    scale = scale_for(topic.language)
    if scale is None:
        return (
            (
                "Reading score",
                f"not computed for {topic.language}: the formulas are for English and Spanish only",
            ),
            ("Words", str(topic.word_count)),
        )
    measured = topic_readability(topic)
    if scale.higher_is_easier:
        score = f"{measured.score:.1f} on the {scale.name} scale (target: {scale.target:g} or more)"
    else:
        score = f"grade {measured.score:.1f} (Flesch-Kincaid; target: {scale.target:g} or less)"
    if measured.off_target:
        score += ": harder to read than the target"
    return (("Reading score", score), ("Words", str(measured.words)))


def cover(
    pack: Pack,
    today: date,
    warnings: Sequence[Problem],
    names: Mapping[str, str],
    *,
    pages: int,
    version: str,
) -> Cover:
    """The cover: the pack, the day, what the proof holds, `kiosk check`'s result."""
    main = pack.main_pack or pack
    facts: list[tuple[str, str]] = [
        ("Made on", f"{today.isoformat()} by kiosk {version}"),
        ("Content folder", os.fspath(main.folder) if main.folder is not None else "-"),
        ("Topics", str(len(main.topics))),
    ]
    if len(main.all_languages) > 1:
        languages = ", ".join(f"{names.get(tag, tag)} ({tag})" for tag in main.all_languages)
        facts.append(("Languages", languages))
        for line in coverage_lines(main):
            facts.append(("Translated", line))
    facts.append(
        (
            "Texts",
            f"{plural(pages, 'topic text')}: each topic in every language it is written in, "
            "its answer screen as patients see it, to the end of the answer (a long one goes "
            "on over the next pages, cut between lines). A topic not translated into a "
            "language is shown to its readers in "
            f"{names.get(main.main_language, main.main_language)}, on that page.",
        )
    )
    facts.append(("Review", review_summary(pack_review(main, today))))
    count = len(warnings)
    check = f"OK: {plural(len(main.topics), 'topic')}, " + (
        plural(count, "warning") if count else "no warnings"
    )
    shown = tuple(str(w) for w in warnings[:MAX_COVER_WARNINGS])
    return Cover(main.title, tuple(facts), check, shown, max(0, count - MAX_COVER_WARNINGS))
