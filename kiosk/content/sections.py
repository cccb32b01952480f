"""The ``sections`` of kiosk.yaml and of a ``kiosk.<lang>.yaml``.

kiosk.yaml lists the home screen's sections in order, each id with its
title::

    sections:
      recovery: Recovery after a stroke
      tms: About TMS

A ``kiosk.<lang>.yaml`` gives the same ids their titles in its language.
A topic names its section by id (``section: tms``).

The rules, each checked here once the whole pack is read:

- a topic names a section kiosk.yaml lists (error, with did-you-mean);
- in a pack with sections, every topic names one (error: a topic outside
  every section could not be reached from the home screen);
- a topic's ``section`` in a pack without sections is ignored (warning);
- a listed section that no topic names is not shown (warning);
- ``sections:`` that lists none is ignored (warning);
- a ``kiosk.<lang>.yaml`` titles only sections kiosk.yaml lists (error);
- a language without a title for a section shows it in the main language
  (warning, as for the pack's other texts).

An id written twice in one mapping is refused by the YAML reader already.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kiosk.content.model import Place, Section, Topic
from kiosk.content.problems import Problem, Severity, closest
from kiosk.content.schema import line_named_by_key
from kiosk.content.yamlreader import Mapping

SECTION_ID = re.compile(r"[a-z0-9-]{1,64}")
MAX_SECTION_TITLE = 80


@dataclass
class SectionList:
    """What one file's ``sections`` gives: the valid sections, in order, and
    where each id is written."""

    sections: tuple[Section, ...] = ()
    places: dict[str, Place] = field(default_factory=dict)
    given: bool = False  # the file has a 'sections' key at all
    # Every id written, valid or not: a section whose own line is wrong is
    # not named again as unknown wherever it is used.
    written: set[str] = field(default_factory=set)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.sections)


def read_sections(path: str, node: Mapping, problems: list[Problem]) -> SectionList:
    """The valid sections in ``node``, in order; problems go to ``problems``."""
    found = SectionList(given=True)
    if not node.items:
        problems.append(
            Problem(
                path,
                "ignored: 'sections' lists no sections; list them one per line as "
                "'id: title' (such as 'tms: About TMS'), or remove 'sections'",
                node.line,
                node.column,
                Severity.WARNING,
            )
        )
        return found
    sections: list[Section] = []
    for section_id, value in node.items:
        found.written.add(section_id.text)
        if not SECTION_ID.fullmatch(section_id.text):
            problems.append(
                Problem(
                    path,
                    f"'{section_id.text}' is not a valid section id: use a-z, 0-9 and '-' "
                    "only, at most 64 characters, such as 'after-a-stroke'",
                    section_id.line,
                    section_id.column,
                )
            )
            continue
        title = line_named_by_key(path, section_id, value, MAX_SECTION_TITLE, problems)
        if title is not None:
            sections.append(Section(section_id.text, title))
            found.places[section_id.text] = Place(path, section_id.line, section_id.column)
    found.sections = tuple(sections)
    return found


def _listed(ids: Iterable[str]) -> str:
    return ", ".join(f"'{i}'" for i in ids)


def check_topic_sections(
    pack_file: str,
    listed: SectionList,
    topics: Sequence[Topic],
    problems: list[Problem],
) -> tuple[Section, ...]:
    """Checks each topic's ``section`` against kiosk.yaml's list; returns the
    sections the home screen shows: those listed that hold a topic."""
    ids = listed.ids
    used: set[str] = set()
    # A topic in a section kiosk.yaml does not list leaves the section meant
    # empty: its error says enough.
    unlisted = False
    for topic in topics:
        place = topic.places.get("section")
        if not listed.given:
            if topic.section is not None and place is not None:
                problems.append(
                    Problem(
                        place.path,
                        f"ignored: 'section' names '{topic.section}', but kiosk.yaml has no "
                        "'sections'; list the sections there (such as 'sections:' then "
                        f"'  {topic.section}: Its title'), or remove this line",
                        place.line,
                        place.column,
                        Severity.WARNING,
                    )
                )
            continue
        if not ids:
            continue  # no valid section: kiosk.yaml's own problems say why
        if topic.section is None:
            unlisted = True
            path = topic.answer_place.path if topic.answer_place else pack_file
            problems.append(
                Problem(
                    path,
                    "no 'section': this pack has sections, and a topic outside them "
                    "could not be found from the home screen; add 'section: ' and one of "
                    f"{_listed(ids)}",
                )
            )
        elif topic.section in ids:
            used.add(topic.section)
        elif topic.section in listed.written:
            unlisted = True  # its line in kiosk.yaml is wrong, and says so
        elif place is not None:
            unlisted = True
            meant = closest(topic.section, ids)
            hint = f"did you mean '{meant}'?" if meant is not None else f"use one of {_listed(ids)}"
            problems.append(
                Problem(
                    place.path,
                    f"'{topic.section}' is not one of the sections listed in kiosk.yaml; "
                    f"{hint} (or add it to 'sections' there)",
                    place.line,
                    place.column,
                )
            )
    for section in listed.sections:
        if section.id not in used and not unlisted:
            where = listed.places[section.id]
            problems.append(
                Problem(
                    where.path,
                    f"section '{section.id}' has no topics, so it is not shown; give a "
                    f"topic 'section: {section.id}', or remove this line",
                    where.line,
                    where.column,
                    Severity.WARNING,
                )
            )
    return tuple(s for s in listed.sections if s.id in used)


def check_translated_sections(
    main: SectionList, translated: SectionList, problems: list[Problem]
) -> None:
    """A ``kiosk.<lang>.yaml`` titles only the sections kiosk.yaml lists."""
    for section_id, place in translated.places.items():
        if section_id in main.written or (main.given and not main.ids):
            continue
        if not main.given:
            hint = "kiosk.yaml has no 'sections'; list them there first, or remove this line"
        else:
            meant = closest(section_id, main.ids)
            hint = (
                f"did you mean '{meant}'?"
                if meant is not None
                else f"kiosk.yaml lists {_listed(main.ids)}; remove this line or add the "
                "section there"
            )
        problems.append(
            Problem(
                place.path,
                f"'{section_id}' is not a section of kiosk.yaml; {hint}",
                place.line,
                place.column,
            )
        )


def missing_section_titles(
    path: str,
    language: str,
    main_language: str,
    shown: Sequence[Section],
    translated: SectionList | None,
) -> Problem | None:
    """The warning for the shown sections ``translated`` (a language's
    ``kiosk.<lang>.yaml``, if any) leaves without a title in ``language``."""
    have = translated.ids if translated is not None else ()
    lacking = [s.id for s in shown if s.id not in have]
    if not lacking:
        return None
    what = "section's title" if len(lacking) == 1 else "sections' titles"
    return Problem(
        path,
        f"no {language} title for section {_listed(lacking)}: patients who choose "
        f"{language} see the {what} in {main_language}; add under 'sections:' here "
        f"'{lacking[0]}: ' and its {language} title",
        severity=Severity.WARNING,
    )
