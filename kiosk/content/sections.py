"""The ``sections`` of kiosk.yaml and of a ``kiosk.<lang>.yaml``.

kiosk.yaml lists the home screen's sections in order, each id with its
title::

    sections:
      recovery: Recovery after a stroke
      tms: About TMS

A ``kiosk.<lang>.yaml`` gives the same ids their titles in its language.
A topic names its section by id (``section: tms``).
"""

from __future__ import annotations

import re

from kiosk.content.model import Section
from kiosk.content.problems import Problem
from kiosk.content.schema import Key, Kind, MappingChecker
from kiosk.content.yamlreader import Mapping

SECTION_ID = re.compile(r"[a-z0-9-]{1,64}")
MAX_SECTION_TITLE = 80


def read_sections(path: str, node: Mapping, problems: list[Problem]) -> tuple[Section, ...]:
    """The valid sections in ``node``, in order; problems go to ``problems``."""
    sections: list[Section] = []
    for section_id, value in node.items:
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
        # Checked as a one-line value named by its id: "'tms' is empty".
        key = Key(section_id.text, Kind.LINE, required=True, max_length=MAX_SECTION_TITLE)
        checker = MappingChecker(path, (key,), problems)
        title = checker.check(Mapping(((section_id, value),), node.line, node.column))
        if section_id.text in title:
            sections.append(Section(section_id.text, str(title[section_id.text])))
    return tuple(sections)
