import datetime as dt
import sqlite3
from contextlib import closing

import pytest

from kiosk.stats import database
from kiosk.stats.database import (
    SCHEMA_VERSION,
    UnknownSchemaError,
    connect,
    minute,
    rounded_seconds,
)


def test_a_new_database_gets_the_schema_in_wal_mode(tmp_path):
    path = tmp_path / "data" / "stats.sqlite3"
    with connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_schema WHERE type='table'")}
    assert tables == {"visits", "topic_reads", "choices_used", "reloads"}


def test_reopening_keeps_what_was_recorded(tmp_path):
    path = tmp_path / "stats.sqlite3"
    db = connect(path)
    db.execute(
        "INSERT INTO visits (started, seconds, ended_by) VALUES ('2026-12-03 09:15', 40, 'home')"
    )
    db.commit()
    db.close()
    db = connect(path)
    assert db.execute("SELECT started, seconds, ended_by FROM visits").fetchall() == [
        ("2026-12-03 09:15", 40, "home")
    ]
    db.close()


def test_deleting_a_visit_deletes_its_topics_and_choices(tmp_path):
    db = connect(tmp_path / "stats.sqlite3")
    visit = db.execute("INSERT INTO visits (started) VALUES ('2026-12-03 09:15')").lastrowid
    db.execute(
        "INSERT INTO topic_reads VALUES (?, 'what-is-tms', '2026-12-03 09:15', 20)", (visit,)
    )
    db.execute("INSERT INTO choices_used VALUES (?, 'contrast')", (visit,))
    db.execute("DELETE FROM visits")
    assert db.execute("SELECT count(*) FROM topic_reads").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM choices_used").fetchone()[0] == 0
    db.close()


@pytest.mark.parametrize(
    ("sql", "values"),
    [
        ("INSERT INTO visits (started, ended_by) VALUES (?, ?)", ("2026-12-03 09:15", "crashed")),
        ("INSERT INTO visits (started, seconds) VALUES (?, ?)", ("2026-12-03 09:15", -5)),
        ("INSERT INTO choices_used VALUES (?, ?)", (1, "font")),
        ("INSERT INTO reloads VALUES (?, ?, ?)", ("2026-12-03 09:15", "maybe", 0)),
        ("INSERT INTO topic_reads VALUES (?, ?, ?, ?)", (999, "t", "2026-12-03 09:15", 5)),
    ],
)
def test_the_schema_refuses_what_is_never_recorded(tmp_path, sql, values):
    db = connect(tmp_path / "stats.sqlite3")
    db.execute("INSERT INTO visits (started) VALUES ('2026-12-03 09:15')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(sql, values)
    db.close()


def test_a_database_of_something_else_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "other.sqlite3"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE patients (name TEXT)")
    other.commit()
    other.close()
    with pytest.raises(UnknownSchemaError, match="is not a kiosk statistics database"):
        connect(path)
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("SELECT name FROM sqlite_schema").fetchall() == [("patients",)]
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # as it was


def test_a_schema_is_made_whole_or_not_at_all(tmp_path, monkeypatch):
    path = tmp_path / "stats.sqlite3"
    broken = database._SCHEMA.replace("CREATE TABLE reloads", "CREATE TABLE reloads (oops")
    monkeypatch.setattr(database, "_SCHEMA", broken)
    with pytest.raises(sqlite3.OperationalError):
        connect(path)
    monkeypatch.undo()
    with closing(connect(path)) as db:  # an empty file, made afresh: not "another program's"
        assert db.execute("SELECT count(*) FROM visits").fetchone()[0] == 0


def test_deleted_rows_are_overwritten_in_the_file(tmp_path):
    path = tmp_path / "stats.sqlite3"
    with closing(connect(path)) as db:
        assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1
        db.execute("INSERT INTO visits (started) VALUES ('2026-12-03 09:15')")
        db.execute("INSERT INTO topic_reads VALUES (1, 'secret-topic-name', '2026-12-03 09:15', 5)")
        db.commit()
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("DELETE FROM visits")
        db.commit()
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert b"secret-topic-name" not in path.read_bytes()


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "stats.sqlite3"
    connect(path).close()
    newer = sqlite3.connect(path)
    newer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    newer.close()
    with pytest.raises(UnknownSchemaError, match=f"schema {SCHEMA_VERSION + 1}"):
        connect(path)


def test_read_only_never_creates_a_file(tmp_path):
    path = tmp_path / "stats.sqlite3"
    with pytest.raises(sqlite3.OperationalError):
        connect(path, read_only=True)
    assert not path.exists()


def test_read_only_cannot_write(tmp_path):
    path = tmp_path / "stats.sqlite3"
    connect(path).close()
    db = connect(path, read_only=True)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("INSERT INTO visits (started) VALUES ('2026-12-03 09:15')")
    db.close()


def test_times_are_kept_to_the_minute_only():
    assert minute(dt.datetime(2026, 12, 3, 9, 15, 59, 999)) == "2026-12-03 09:15"


@pytest.mark.parametrize(
    ("seconds", "stored"), [(0, 0), (2.4, 0), (2.6, 5), (12, 10), (13, 15), (-3, 0), (601, 600)]
)
def test_durations_are_rounded_to_five_seconds(seconds, stored):
    assert rounded_seconds(seconds) == stored
