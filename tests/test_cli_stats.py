"""kiosk stats: the printed report, its period, CSV and chart files, and every misuse."""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

import kiosk.cli
from kiosk.cli import main
from kiosk.stats.csv_export import COLUMNS

TODAY = dt.date(2026, 12, 3)
VISITS = [
    ("2026-11-03 10:00", 40, "home", [("side-effects", "2026-11-03 10:00", 40)], []),
    (
        "2026-12-02 09:15",
        120,
        "idle",
        [("side-effects", "2026-12-02 09:15", 40), ("gone-topic", "2026-12-02 09:16", 60)],
        ["contrast"],
    ),
    ("2026-12-03 14:05", 50, "home", [("side-effects", "2026-12-03 14:05", 30)], []),
]
SIDE_EFFECTS = "What are the side effects of transcranial magnetic stimulation?"


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kiosk.cli, "_today", lambda: TODAY)


@pytest.fixture
def config(tmp_path: Path, stats_db) -> Path:
    """A config file whose stats_db holds VISITS (and the bundled pack)."""
    stats_db(VISITS, tmp_path / "stats.sqlite3")
    path = tmp_path / "config.yaml"
    path.write_text("stats_db: stats.sqlite3\n", encoding="utf-8")
    return path


def test_the_default_period_is_the_last_30_days_with_today(capsys, config):
    assert main(["stats", "--config", str(config)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == "Usage from 2026-11-04 to 2026-12-03 (30 days): 2 visits, 0.1 a day"
    assert "2026-11-03" not in out  # 31 days ago
    assert f"side-effects  {SIDE_EFFECTS}       2            35 s" in lines
    assert "gone-topic    (not in the pack)" + " " * 53 + "1           1 min" in lines
    assert err == ""


def test_since_and_until_choose_the_days(capsys, config):
    assert (
        main(["stats", "--config", str(config), "--since", "2026-11-03", "--until", "2026-11-03"])
        == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("Usage from 2026-11-03 to 2026-11-03 (1 day): 1 visit, 1.0 a day\n")
    assert main(["stats", "--config", str(config), "--since", "2026-12-03"]) == 0
    assert capsys.readouterr().out.startswith(
        "Usage from 2026-12-03 to 2026-12-03 (1 day): 1 visit"
    )
    assert main(["stats", "--config", str(config), "--until", "2026-12-02"]) == 0
    assert capsys.readouterr().out.startswith(
        "Usage from 2026-11-03 to 2026-12-02 (30 days): 2 visits"
    )


USAGE = "usage: kiosk stats [-h] [--config FILE] [--since DATE] [--until DATE]\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--since", "2026-13-01"],
            "argument --since: expected a date as YYYY-MM-DD, such as 2026-12-03, not '2026-13-01'",
        ),
        (
            ["--until", "20261203"],
            "argument --until: expected a date as YYYY-MM-DD, such as 2026-12-03, not '20261203'",
        ),
        (
            ["--until", "2026-W49-4"],
            "argument --until: expected a date as YYYY-MM-DD, such as 2026-12-03, not '2026-W49-4'",
        ),
        (
            ["--since", "2026-12-05", "--until", "2026-12-01"],
            "--since 2026-12-05 is after --until 2026-12-01; "
            "the period runs from --since to --until",
        ),
        (
            ["--chart", "usage.gif"],
            "argument --chart: the chart file's name must end in .png or .svg, not 'usage.gif'",
        ),
        (["--csv"], "argument --csv: expected one argument"),
        (["--since"], "argument --since: expected one argument"),
    ],
)
def test_misuse_is_a_usage_error_with_a_clear_message(capsys, config, argv, message):
    with pytest.raises(SystemExit) as exit_:
        main(["stats", "--config", str(config), *argv])
    assert exit_.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(USAGE)
    assert err.endswith(f"kiosk stats: error: {message}\n")


def test_a_bad_config_file_is_exit_2(capsys, tmp_path):
    bad = tmp_path / "config.yaml"
    bad.write_text("stats: maybe\n", encoding="utf-8")
    assert main(["stats", "--config", str(bad)]) == 2
    assert "'stats' must be true or false" in capsys.readouterr().err


def test_no_database_names_the_file_and_the_settings(capsys, tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text("stats_db: never.sqlite3\n", encoding="utf-8")
    assert main(["stats", "--config", str(config)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"kiosk stats: no usage statistics at {tmp_path / 'never.sqlite3'} (stats_db, from "
        f"config file {config}); nothing has been recorded there yet: the kiosk records visits "
        "while it runs. If it records elsewhere, give this command the kiosk's config file "
        "with --config, or set stats_db there.\n"
    )
    assert not (tmp_path / "never.sqlite3").exists()


def test_with_statistics_off_it_says_how_to_turn_them_on(capsys, tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text("stats: false\n", encoding="utf-8")
    assert main(["stats", "--config", str(config)]) == 1
    err = capsys.readouterr().err
    assert "(stats_db, from default)" in err
    assert "statistics are off (the config file says stats: false)" in err


def test_with_statistics_off_what_was_recorded_still_shows(capsys, tmp_path, stats_db):
    stats_db(VISITS, tmp_path / "stats.sqlite3")
    config = tmp_path / "config.yaml"
    config.write_text("stats: false\nstats_db: stats.sqlite3\n", encoding="utf-8")
    assert main(["stats", "--config", str(config)]) == 0
    out, err = capsys.readouterr()
    assert "2 visits" in out
    assert "statistics are off (stats: false in the config file)" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just text, no database" * 100, "file is not a database; it may be damaged"),
    ],
)
def test_an_unreadable_database_is_a_message_not_a_traceback(capsys, tmp_path, content, message):
    (tmp_path / "stats.sqlite3").write_bytes(content)
    config = tmp_path / "config.yaml"
    config.write_text("stats_db: stats.sqlite3\n", encoding="utf-8")
    assert main(["stats", "--config", str(config)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kiosk stats: cannot read ")
    assert str(tmp_path / "stats.sqlite3") in err
    assert message in err


def test_an_empty_file_is_no_statistics_yet(capsys, tmp_path):
    (tmp_path / "stats.sqlite3").write_bytes(b"")  # made, nothing recorded in it yet
    config = tmp_path / "config.yaml"
    config.write_text("stats_db: stats.sqlite3\n", encoding="utf-8")
    assert main(["stats", "--config", str(config)]) == 1
    assert capsys.readouterr().err.startswith(
        f"kiosk stats: no usage statistics at {tmp_path / 'stats.sqlite3'} (stats_db, "
    )


def test_a_folder_for_stats_db_says_to_name_a_file(capsys, tmp_path):
    (tmp_path / "stats").mkdir()
    config = tmp_path / "config.yaml"
    config.write_text("stats_db: stats\n", encoding="utf-8")
    assert main(["stats", "--config", str(config)]) == 1
    assert capsys.readouterr().err == (
        f"kiosk stats: stats_db {tmp_path / 'stats'} is a folder; set stats_db to a file in "
        f"it, such as {tmp_path / 'stats' / 'stats.sqlite3'}\n"
    )


def test_a_newer_schema_says_which(capsys, config, tmp_path):
    with sqlite3.connect(tmp_path / "stats.sqlite3") as db:
        db.execute("PRAGMA user_version = 2")
    db.close()
    assert main(["stats", "--config", str(config)]) == 1
    assert "has statistics schema 2; this kiosk reads schema 1" in capsys.readouterr().err


def test_csv_has_a_row_per_topic_per_day(capsys, config, tmp_path):
    out = tmp_path / "usage.csv"
    assert main(["stats", "--config", str(config), "--since", "2026-12-02", "--csv", str(out)]) == 0
    assert "wrote 22 rows to" in capsys.readouterr().err  # 2 days x (10 topics + 1 gone)
    with out.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 22
    by_key = {(row["date"], row["topic"]): row for row in rows}
    assert by_key["2026-12-02", "side-effects"] == {
        "date": "2026-12-02",
        "topic": "side-effects",
        "question": SIDE_EFFECTS,
        "times_opened": "1",
        "timed_reads": "1",
        "median_reading_seconds": "40",
    }
    assert by_key["2026-12-02", "gone-topic"]["question"] == ""
    assert by_key["2026-12-03", "gone-topic"]["times_opened"] == "0"
    assert by_key["2026-12-03", "gone-topic"]["median_reading_seconds"] == ""
    assert [row["date"] for row in rows] == sorted(row["date"] for row in rows)
    assert list(tmp_path.glob(".usage.csv*")) == []  # no temporary file left


def test_a_csv_that_cannot_be_written_is_exit_1(capsys, config, tmp_path):
    missing = tmp_path / "no-such-folder" / "usage.csv"
    assert main(["stats", "--config", str(config), "--csv", str(missing)]) == 1
    assert (
        f"kiosk stats: cannot write {missing}: No such file or directory" in capsys.readouterr().err
    )


def test_png_chart(capsys, config, tmp_path):
    out = tmp_path / "usage.png"
    assert main(["stats", "--config", str(config), "--chart", str(out)]) == 0
    assert "wrote the charts (1600x" in capsys.readouterr().err
    image = QImage(str(out))
    assert not image.isNull()
    assert image.width() == 1600
    assert image.height() > 1000  # three charts, one above the other


def test_svg_chart_has_its_labels_as_text(capsys, config, tmp_path):
    out = tmp_path / "usage.svg"
    assert main(["stats", "--config", str(config), "--chart", str(out)]) == 0
    root = ET.parse(out).getroot()
    texts = {
        "".join(element.itertext()) for element in root.iter("{http://www.w3.org/2000/svg}text")
    }
    assert {
        "Visits per day: 2 visits in all",
        "gone-topic",
        "What are the side effects of",
    } <= texts
    assert root.get("viewBox", "").startswith("0 0 1600 ")
