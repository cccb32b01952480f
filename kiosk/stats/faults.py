"""Why the statistics file cannot be written, for staff, and what to do about it."""

from __future__ import annotations

import sqlite3

from kiosk.stats.database import UnknownSchemaError


class FolderError(OSError):
    """The statistics file's folder does not exist and cannot be created."""


# SQLite's primary result codes (the low byte of an extended code).
_BUSY_OR_LOCKED = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
_READ_ONLY = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM}
_DAMAGED = {sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT}


def describe_fault(exc: BaseException) -> tuple[str, str]:
    """A short reason for staff ("the disk is full") and what to do, for the log."""
    if isinstance(exc, FolderError):
        return (
            "the database folder cannot be created",
            "create the folder for the kiosk's user, or set stats_db to a file in a folder "
            "that exists",
        )
    if isinstance(exc, UnknownSchemaError):
        return (
            "the database file is from a newer kiosk or another program",
            "move the file away, or set stats_db to another file",
        )
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary in _BUSY_OR_LOCKED:
        return (
            "the database is locked by another program",
            "close the program that holds it open (a sqlite3 shell, a backup or copy tool)",
        )
    if primary in _READ_ONLY:
        return (
            "the database file or its folder is read-only",
            # SQLite makes its -wal and -shm files with the file's own mode:
            # a fix to the file alone leaves them read-only.
            "let the kiosk's user write the file, the -wal and -shm files beside it and "
            "their folder, or set stats_db to a file it can write",
        )
    if primary == sqlite3.SQLITE_CANTOPEN or isinstance(exc, PermissionError):
        return (
            "the database file cannot be opened",
            "check that the kiosk's user can read and write the file and its folder",
        )
    if primary in _DAMAGED:
        return (
            "the database file is damaged or not a database",
            "move the file away (keep it if its figures matter); the kiosk then starts a new one",
        )
    if primary == sqlite3.SQLITE_FULL:
        return (
            "the disk is full",
            "free space on the disk that holds the file, or lower stats_keep_days",
        )
    if primary == sqlite3.SQLITE_IOERR:
        return ("the disk reported an error", "check the disk and the system log")
    return (f"database error ({exc})", "see the error above")
