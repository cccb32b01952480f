"""The usage statistics database: its schema, and opening it.

One SQLite file in WAL mode (readers, such as ``kiosk stats``, never block
the kiosk's writer). What each table holds is all that is recorded:

- ``visits``: one row per visit, from a patient's first tap to the return
  home. ``started`` is local time to the minute; ``seconds`` the visit's
  length, rounded to 5 s; ``ended_by`` how it ended (:data:`VISIT_ENDINGS`),
  NULL while it goes on.
- ``topic_reads``: each topic opened in a visit, with its reading time
  (rounded to 5 s, at most the visit's length; NULL while it is open, and
  for good when its visit ended 'stopped' with it open: not known).
- ``choices_used``: which of the visit's choices were used (:data:`CHOICES`),
  once per visit.
- ``reloads``: each content reload and its result.

No free text, no input positions, no identifiers: a visit's ``id`` is a
running number that only ties its topics and choices to it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Final

SCHEMA_VERSION: Final = 1

# How a visit ended: the Home button, the idle timeout, the staff gesture, or
# the kiosk stopping (or being killed, or its recording pausing) during it.
VISIT_ENDINGS: Final = ("home", "idle", "staff", "stopped")
# The visit's choices, as recorded.
CHOICES: Final = ("text size A+", "text size A++", "contrast", "listen")
# Content reload results.
RELOAD_RESULTS: Final = ("ok", "failed", "unavailable")

# Times are stored as local time to the minute, so that nothing finer is kept.
MINUTE_FORMAT: Final = "%Y-%m-%d %H:%M"
# Durations are stored rounded to this many seconds.
SECONDS_STEP: Final = 5

_SCHEMA: Final = f"""
CREATE TABLE visits (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    seconds INTEGER NOT NULL DEFAULT 0 CHECK (seconds >= 0),
    ended_by TEXT CHECK (ended_by IN {VISIT_ENDINGS!r})
);
CREATE INDEX visits_started ON visits (started);
CREATE TABLE topic_reads (
    visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    opened TEXT NOT NULL,
    seconds INTEGER CHECK (seconds >= 0)
);
CREATE INDEX topic_reads_visit ON topic_reads (visit_id);
CREATE INDEX topic_reads_opened ON topic_reads (opened);
CREATE TABLE choices_used (
    visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    choice TEXT NOT NULL CHECK (choice IN {CHOICES!r}),
    PRIMARY KEY (visit_id, choice)
) WITHOUT ROWID;
CREATE TABLE reloads (
    at TEXT NOT NULL,
    result TEXT NOT NULL CHECK (result IN {RELOAD_RESULTS!r}),
    errors INTEGER NOT NULL CHECK (errors >= 0)
);
CREATE INDEX reloads_at ON reloads (at);
PRAGMA user_version = {SCHEMA_VERSION};
"""


class UnknownSchemaError(sqlite3.DatabaseError):
    """The database was written by a newer kiosk (or is not the kiosk's)."""


def minute(moment: dt.datetime) -> str:
    """``moment`` as stored: local time to the minute."""
    return moment.strftime(MINUTE_FORMAT)


def rounded_seconds(seconds: float) -> int:
    """A duration as stored: whole steps of :data:`SECONDS_STEP`, never negative."""
    return max(0, round(seconds / SECONDS_STEP) * SECONDS_STEP)


def connect(path: Path, *, timeout_s: float = 1.0, read_only: bool = False) -> sqlite3.Connection:
    """An open connection to the database at ``path``, created with its schema if new.

    ``read_only`` (for reports) never creates or changes the file; SQLite's
    errors (:class:`sqlite3.Error`) and :class:`UnknownSchemaError` reach the
    caller, which decides what the people who must act see.
    """
    if read_only:
        uri = f"{path.absolute().as_uri()}?mode=ro"
        connection = sqlite3.connect(uri, uri=True, timeout=timeout_s, check_same_thread=False)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=timeout_s, check_same_thread=False)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version == 0 and read_only:
            raise UnknownSchemaError(f"{path} holds no kiosk statistics")
        if version == 0:
            # Another program's database is refused before anything in it changes.
            empty = connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0] == 0
            if not empty:
                raise UnknownSchemaError(f"{path} is not a kiosk statistics database")
            connection.execute("PRAGMA journal_mode = WAL")
            # One transaction, user_version with it: a kill half-way leaves an
            # empty file, started afresh next time, never half a schema.
            connection.executescript(f"BEGIN IMMEDIATE;\n{_SCHEMA}\nCOMMIT;")
        elif version != SCHEMA_VERSION:
            raise UnknownSchemaError(
                f"{path} has statistics schema {version}; this kiosk reads schema {SCHEMA_VERSION}"
            )
        if not read_only:
            # NORMAL in WAL mode: a power cut may lose the last commits, never
            # the database; each commit costs no wait for the disk.
            connection.execute("PRAGMA synchronous = NORMAL")
            # Deleted rows (the daily clean-up) are overwritten, not left
            # readable in the file's free pages.
            connection.execute("PRAGMA secure_delete = ON")
    except BaseException:
        connection.close()
        raise
    return connection
