"""The config file: located errors, precedence, paths, defaults and `kiosk config`."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import (
    ConfigError,
    default_config_file,
    describe_settings,
    load_config,
    resolve_settings,
)
from kiosk.content import ContentError, Severity
from kiosk.paths import bundled_content
from kiosk.settings import Settings
from kiosk.staff.pin import hash_pin

REPO = Path(__file__).resolve().parents[1]


def write(folder: Path, text: str, name: str = "config.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def config_lines(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert main(["config", *argv]) == 0
    return capsys.readouterr().out.splitlines()


SUMMARY = "{n} error{s}; the config file cannot be used until they are fixed."
PIN_MESSAGE = (
    "'staff_pin_hash' is not a PIN hash written by `kiosk set-pin` (never write the PIN "
    "itself here); run `kiosk set-pin` to set the PIN, or remove the line"
)

# Each broken file, and every error line `kiosk check --config` prints for it
# (after the file's path).
BROKEN = [
    ("idle_timout: 90\n", [":1:1: error: unknown key 'idle_timout'; did you mean 'idle_timeout'?"]),
    (
        "colour: blue\n",
        [
            ":1:1: error: unknown key 'colour'; allowed keys are: content, fullscreen, "
            "hide_cursor, idle_timeout, idle_warning, log_dir, metrics_file, screen_mm, "
            "staff_pin_hash, state_dir, stats, stats_db, stats_keep_days"
        ],
    ),
    ("screen_mn: 527x296\n", [":1:1: error: unknown key 'screen_mn'; did you mean 'screen_mm'?"]),
    (
        "screen_mm: 24 inch\n",
        [
            ":1:12: error: 'screen_mm' is not a panel size; write the screen's visible width "
            "and height in millimetres, such as 527x296 for a 24-inch 1080p monitor"
        ],
    ),
    (
        # Centimetres, by mistake: no kiosk panel is 5 cm wide.
        "screen_mm: 52.7x29.6\n",
        [
            ":1:12: error: 'screen_mm' is not a panel size; write the screen's visible width "
            "and height in millimetres, such as 527x296 for a 24-inch 1080p monitor"
        ],
    ),
    (
        "idle_timeout: 5\n",
        [":1:15: error: 'idle_timeout' is 5; it must be between 10 and 3600 seconds"],
    ),
    (
        "idle_timeout: 3600.5\n",
        [":1:15: error: 'idle_timeout' is 3600.5; it must be between 10 and 3600 seconds"],
    ),
    (
        "idle_warning: 19.9\n",
        [":1:15: error: 'idle_warning' is 19.9; it must be between 20 and 600 seconds"],
    ),
    (
        "idle_warning: 601\n",
        [":1:15: error: 'idle_warning' is 601; it must be between 20 and 600 seconds"],
    ),
    (
        "idle_timeout: 1e999\n",
        [":1:15: error: 'idle_timeout' is 1e999; it must be between 10 and 3600 seconds"],
    ),
    ('idle_timeout: "90"\n', [":1:15: error: 'idle_timeout' must be a number; remove the quotes"]),
    (
        "idle_timeout: soon\n",
        [":1:15: error: 'idle_timeout' must be a number of seconds, not 'soon'"],
    ),
    (
        "idle_timeout: 1:30\n",
        [":1:15: error: 'idle_timeout' must be a number of seconds, not '1:30'"],
    ),
    (
        "idle_warning: .inf\n",
        [":1:15: error: 'idle_warning' must be a number of seconds, not '.inf'"],
    ),
    (
        "idle_timeout: true\n",
        [":1:15: error: 'idle_timeout' must be a number of seconds, not 'true'"],
    ),
    ("idle_timeout: [90]\n", [":1:15: error: 'idle_timeout' must be a number, not a list"]),
    (
        "fullscreen: yes\n",
        [":1:13: error: 'fullscreen' must be true or false, not 'yes'; write fullscreen: true"],
    ),
    (
        "fullscreen: off\n",
        [":1:13: error: 'fullscreen' must be true or false, not 'off'; write fullscreen: false"],
    ),
    (
        "hide_cursor: No\n",
        [":1:14: error: 'hide_cursor' must be true or false, not 'No'; write hide_cursor: false"],
    ),
    (
        "hide_cursor: ON\n",
        [":1:14: error: 'hide_cursor' must be true or false, not 'ON'; write hide_cursor: true"],
    ),
    (
        'fullscreen: "true"\n',
        [":1:13: error: 'fullscreen' must be true or false; remove the quotes"],
    ),
    ("fullscreen: 1\n", [":1:13: error: 'fullscreen' must be true or false, not '1'"]),
    (
        "fullscreen: {a: b}\n",
        [":1:13: error: 'fullscreen' must be true or false, not a mapping of keys"],
    ),
    ("content:\n  - a\n", [":2:3: error: 'content' must be a folder path, not a list"]),
    (
        "stats: off\n",
        [":1:8: error: 'stats' must be true or false, not 'off'; write stats: false"],
    ),
    (
        "stats_keep_days: 0\n",
        [":1:18: error: 'stats_keep_days' is 0; it must be between 1 and 3650 days"],
    ),
    (
        "stats_keep_days: 4000\n",
        [":1:18: error: 'stats_keep_days' is 4000; it must be between 1 and 3650 days"],
    ),
    (
        "stats_keep_days: 400.5\n",
        [":1:18: error: 'stats_keep_days' must be a whole number such as 10, not '400.5'"],
    ),
    ("stats_db: [a]\n", [":1:11: error: 'stats_db' must be a file path, not a list"]),
    (
        "metrics_file:\n  a: b\n",
        [":2:3: error: 'metrics_file' must be a file path, not a mapping of keys"],
    ),
    (
        "metrics_file: /var/lib/prometheus/node-exporter/kiosk.txt\n",
        [
            ":1:15: error: 'metrics_file' must name a file ending in .prom, which "
            "node_exporter's textfile collector reads, such as "
            "/var/lib/prometheus/node-exporter/kiosk.prom"
        ],
    ),
    (
        "log_dir: 10:00\n",
        [
            ":1:10: error: 'log_dir' must be text, but 10:00 reads as the number 600; "
            'put it in quotes: log_dir: "10:00"'
        ],
    ),
    ("staff_pin_hash: 4821\n", [f":1:17: error: {PIN_MESSAGE}"]),
    ('staff_pin_hash: "4821"\n', [f":1:17: error: {PIN_MESSAGE}"]),
    ("staff_pin_hash: scrypt$16384$8$1$c2FsdA==$aGFzaA==\n", [f":1:17: error: {PIN_MESSAGE}"]),
    (
        "idle_timeout: [90\n",
        [
            ":2:1: error: invalid YAML: expected ',' or ']', but got '<stream end>' (while "
            "parsing a flow sequence at line 1, column 15); check the quotes, colons and "
            "indentation"
        ],
    ),
    (
        "fullscreen: true\nfullscreen: false\n",
        [":2:1: error: duplicate key 'fullscreen' (first used at line 1); keep only one"],
    ),
    ("- content\n", [":1:1: error: expected keys such as 'idle_timeout: 90', found a list"]),
    (
        # Every problem at once, in the order of the file.
        "contnet: pack\nidle_timeout: 5\nfullscreen: yes\n",
        [
            ":1:1: error: unknown key 'contnet'; did you mean 'content'?",
            ":2:15: error: 'idle_timeout' is 5; it must be between 10 and 3600 seconds",
            ":3:13: error: 'fullscreen' must be true or false, not 'yes'; write fullscreen: true",
        ],
    ),
]


@pytest.mark.parametrize(("text", "errors"), BROKEN, ids=[t for t, _ in BROKEN])
def test_check_lists_every_error_located(tmp_path, capsys, text, errors):
    path = write(tmp_path, text)
    assert main(["check", "--config", str(path)]) == 1
    count = len(errors)
    assert capsys.readouterr().out.splitlines() == [
        *(f"{path}{error}" for error in errors),
        SUMMARY.format(n=count, s="s" if count != 1 else ""),
    ]


@pytest.mark.parametrize("command", [["config"], ["run"], ["snapshot", "--out", "shots"]])
def test_a_bad_config_stops_the_command_with_exit_2(tmp_path, capsys, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, "fullscreen: yes\n")
    assert main([*command, "--config", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"{path}:1:13: error: 'fullscreen' must be true or false, not 'yes'; "
        "write fullscreen: true",
        SUMMARY.format(n=1, s=""),
    ]
    assert not (tmp_path / "shots").exists()


def test_a_missing_config_file_given_with_config_is_an_error(tmp_path, capsys):
    missing = tmp_path / "nope.yaml"
    assert main(["config", "--config", str(missing)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{missing}: error: file not found; check the path given with --config",
        SUMMARY.format(n=1, s=""),
    ]
    assert main(["check", "--config", str(missing)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{missing}: error: file not found; check the path given with --config"
    )


def test_a_folder_given_as_the_config_file(tmp_path, capsys):
    assert main(["check", "--config", str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{tmp_path}: error: is a folder; give the config file itself, such as "
        f"{tmp_path}/config.yaml"
    )


def test_a_config_file_that_is_not_utf8(tmp_path, capsys):
    path = tmp_path / "config.yaml"
    path.write_bytes(b"fullscreen: false\nlog_dir: caf\xe9\n")
    assert main(["check", "--config", str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{path}:2:13: error: not valid UTF-8 (byte 0xe9); save the file with UTF-8 encoding"
    )


@pytest.mark.parametrize("text", ["", "\n", "# nothing set yet\n", "---\n"])
def test_an_empty_config_file_means_all_defaults(tmp_path, text):
    path = write(tmp_path, text)
    settings, sources = resolve_settings({}, path)
    assert settings == Settings(
        content=bundled_content(), log_dir=settings.log_dir, config_file=path
    )
    assert settings.hide_cursor
    assert sources.pop("config_file") == "command line"
    assert set(sources.values()) == {"default"}


def test_an_empty_value_is_a_warning_and_the_default_applies(tmp_path):
    path = write(tmp_path, "idle_timeout:\n")
    warnings = []
    settings, sources = resolve_settings({}, path, on_warning=warnings.append)
    assert settings.idle_timeout_s == 90
    assert sources["idle_timeout_s"] == "default"
    assert [(str(w), w.severity) for w in warnings] == [
        (
            f"{path}:1:14: warning: 'idle_timeout' is empty; fill it in or remove the line",
            Severity.WARNING,
        )
    ]


def test_every_key_is_read(tmp_path, platform_dirs):
    pin_hash = hash_pin("4821")
    path = write(
        tmp_path / "etc",
        f"""\
        content: /srv/clinic   # absolute: kept as it is
        idle_timeout: 120.5
        idle_warning: 30
        fullscreen: false
        hide_cursor: true
        staff_pin_hash: {pin_hash}
        log_dir: logs
        state_dir: /var/lib/kiosk/state
        screen_mm: 527x296
        stats: false
        stats_db: stats/usage.sqlite3   # relative: to the config file's folder
        stats_keep_days: 30
        metrics_file: /var/lib/prometheus/node-exporter/kiosk.prom
        """,
    )
    settings, sources = resolve_settings({}, path)
    assert settings == Settings(
        content=Path("/srv/clinic"),
        windowed=True,
        idle_timeout_s=120.5,
        idle_warning_s=30.0,
        hide_cursor=True,
        staff_pin_hash=pin_hash,
        log_dir=tmp_path / "etc" / "logs",
        state_dir=Path("/var/lib/kiosk/state"),
        config_file=path,
        screen_mm=(527.0, 296.0),
        stats=False,
        stats_db=tmp_path / "etc" / "stats" / "usage.sqlite3",
        stats_keep_days=30,
        metrics_file=Path("/var/lib/prometheus/node-exporter/kiosk.prom"),
    )
    assert settings.idle_timeout_ms == 120_500
    assert settings.idle_warning_ms == 30_000
    from_file = f"config file {path}"
    assert sources == {
        "config_file": "command line",
        "content": from_file,
        "idle_timeout_s": from_file,
        "idle_warning_s": from_file,
        "windowed": from_file,
        "hide_cursor": from_file,
        "staff_pin_hash": from_file,
        "log_dir": from_file,
        "state_dir": from_file,
        "screen_mm": from_file,
        "stats": from_file,
        "stats_db": from_file,
        "stats_keep_days": from_file,
        "metrics_file": from_file,
        "watchdog": "default",
    }


def test_precedence_command_line_then_file_then_default(tmp_path, capsys, platform_dirs):
    path = write(
        tmp_path,
        """\
        content: pack-from-file
        idle_timeout: 120
        idle_warning: 30
        """,
    )
    from_file = f"(from config file {path})"
    assert config_lines(
        capsys, "--config", str(path), "--content", "cli-pack", "--idle-timeout", "45"
    ) == [
        f"config_file: {path}  (from command line)",
        "content: cli-pack  (from command line)",
        "idle_timeout: 45  (from command line)",
        f"idle_warning: 30  {from_file}",
        "fullscreen: true  (from default)",
        "hide_cursor: true  (from default)",
        "staff_pin_hash: not set  (from default)",
        f"log_dir: {platform_dirs / 'log' / 'kiosk'}  (from default)",
        f"state_dir: {platform_dirs / 'state' / 'kiosk'}  (from default)",
        "screen_mm: not set (the size the system reports)  (from default)",
        "stats: true  (from default)",
        f"stats_db: {platform_dirs / 'data' / 'kiosk' / 'stats.sqlite3'}  (from default)",
        "stats_keep_days: 400  (from default)",
        "metrics_file: not set (no metrics written)  (from default)",
        "watchdog: off  (from default)",
    ]


def test_windowed_on_the_command_line_beats_fullscreen_in_the_file(tmp_path, capsys):
    path = write(tmp_path, "fullscreen: true\n")
    lines = config_lines(capsys, "--config", str(path), "--windowed")
    assert "fullscreen: false  (from command line)" in lines
    # The cursor follows the effective mode, unless the file says otherwise.
    assert "hide_cursor: false  (from default)" in lines


@pytest.mark.parametrize(
    ("text", "argv", "hidden"),
    [
        ("", [], True),
        ("", ["--windowed"], False),
        ("fullscreen: false\n", [], False),
        ("fullscreen: false\nhide_cursor: true\n", [], True),
        ("hide_cursor: false\n", [], False),
    ],
)
def test_hide_cursor_defaults_to_on_in_fullscreen_only(tmp_path, capsys, text, argv, hidden):
    path = write(tmp_path, text)
    settings, _ = resolve_settings({"windowed": True if argv else None}, path)
    assert settings.hide_cursor is hidden


def test_settings_made_directly_hide_the_cursor_in_fullscreen_only(platform_dirs):
    assert Settings(content=Path("c")).hide_cursor
    assert not Settings(content=Path("c"), windowed=True).hide_cursor
    assert Settings(content=Path("c"), windowed=True, hide_cursor=True).hide_cursor
    assert Settings(content=Path("c")).log_dir == platform_dirs / "log" / "kiosk"


def test_a_relative_content_folder_is_relative_to_the_config_file(
    tmp_path, capsys, monkeypatch, write_pack
):
    pack = write_pack({"only": ("Only?", "Yes.")})
    etc = tmp_path / "etc" / "kiosk"
    path = write(etc, f"content: ../../{pack.name}\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    settings, _ = resolve_settings({}, path)
    assert settings.content.is_absolute()  # Status and the log name it wherever we run
    assert settings.content.resolve() == pack.resolve()
    assert main(["check", "--config", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == [f"OK: config file {path}", "OK: 1 topic"]


def test_a_relative_content_folder_beside_a_linked_config_folder(tmp_path, capsys, write_pack):
    # /etc/kiosk may itself be a link; ".." then means what the system says.
    real = tmp_path / "real" / "cfg"
    real.mkdir(parents=True)
    shutil.copytree(write_pack({"only": ("Only?", "Yes.")}), tmp_path / "real" / "pack")
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "kiosk").symlink_to(real)
    path = write(tmp_path / "etc" / "kiosk", "content: ../pack\n")
    assert main(["check", "--config", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "OK: 1 topic"


def test_a_content_folder_under_home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    path = write(tmp_path, "content: ~/clinic\n")
    settings, _ = resolve_settings({}, path)
    assert settings.content == tmp_path / "home" / "clinic"


def test_check_with_a_config_names_the_pack_it_checks(tmp_path, capsys, write_pack):
    pack = write_pack({"a": ("A?", "A.")})
    (pack / "kiosk.yaml").write_text("schema: 1\n", encoding="utf-8")
    path = write(tmp_path, f"content: {pack}\n")
    assert main(["check", "--config", str(path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"OK: config file {path}",
        f"{pack}/kiosk.yaml:1:1: error: missing required key 'title'",
        "1 error; the pack cannot be shown until they are fixed.",
    ]


def test_check_with_a_folder_checks_that_folder_instead(tmp_path, capsys, write_pack):
    pack = write_pack({"a": ("A?", "A."), "b": ("B?", "B.")})
    path = write(tmp_path, "content: no-such-folder\n")
    assert main(["check", "--config", str(path), str(pack)]) == 0
    assert capsys.readouterr().out.splitlines() == [f"OK: config file {path}", "OK: 2 topics"]


def test_the_default_location_is_the_platforms(platform_dirs):
    assert default_config_file() == platform_dirs / "config" / "kiosk" / "config.yaml"


def test_without_a_default_file_everything_is_default(capsys, platform_dirs):
    default = platform_dirs / "config" / "kiosk" / "config.yaml"
    lines = config_lines(capsys)
    assert lines[:2] == [
        f"config_file: none (no file at {default})  (from default)",
        f"content: {bundled_content()}  (from default)",
    ]
    assert all(line.endswith("  (from default)") for line in lines)


def test_the_default_file_is_read_when_there_is_one(tmp_path, capsys, platform_dirs):
    default = write(platform_dirs / "config" / "kiosk", "idle_warning: 45\n")
    lines = config_lines(capsys)
    assert lines[0] == f"config_file: {default}  (from default)"
    assert lines[3] == f"idle_warning: 45  (from config file {default})"
    settings, _ = resolve_settings({}, None)
    assert settings.config_file == default


def test_a_broken_default_file_stops_the_kiosk_too(capsys, platform_dirs):
    default = write(platform_dirs / "config" / "kiosk", "idle_warning: 5\n")
    assert main(["config"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{default}:1:15: error: 'idle_warning' is 5; it must be between 20 and 600 seconds"
    )
    assert main(["check"]) == 1


def test_the_pin_hash_is_never_printed(tmp_path, capsys):
    pin_hash = hash_pin("4821")
    path = write(tmp_path, f"staff_pin_hash: {pin_hash}\n")
    lines = config_lines(capsys, "--config", str(path))
    assert f"staff_pin_hash: set  (from config file {path})" in lines
    assert pin_hash.rsplit("$", 1)[-1] not in "\n".join(lines)


def test_config_errors_are_content_errors_with_every_problem(tmp_path):
    path = write(tmp_path, "idle_timeout: 5\nidle_warning: 5\n")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert isinstance(error.value, ContentError)
    assert [(p.line, p.column) for p in error.value.errors] == [(1, 15), (2, 15)]


def test_resolve_settings_refuses_unknown_or_mistyped_overrides(tmp_path):
    path = write(tmp_path, "")
    with pytest.raises(ValueError, match="unknown setting 'idle_timeout'"):
        resolve_settings({"idle_timeout": 30}, path)
    with pytest.raises(TypeError, match="setting 'windowed' must be bool"):
        resolve_settings({"windowed": "yes"}, path)
    settings, sources = resolve_settings({"idle_warning_s": 25, "content": None}, path)
    assert (settings.idle_warning_s, sources["idle_warning_s"]) == (25.0, "command line")
    assert sources["content"] == "default"


def test_describe_settings_of_a_file_less_setup(platform_dirs):
    settings, sources = resolve_settings({"watchdog": True}, None)
    assert settings.watchdog
    assert sources["watchdog"] == "command line"
    lines = describe_settings(settings, sources)
    assert [line.split(":", 1)[0] for line in lines] == [
        "config_file",
        "content",
        "idle_timeout",
        "idle_warning",
        "fullscreen",
        "hide_cursor",
        "staff_pin_hash",
        "log_dir",
        "state_dir",
        "screen_mm",
        "stats",
        "stats_db",
        "stats_keep_days",
        "metrics_file",
        "watchdog",
    ]
    assert lines[-1] == "watchdog: on  (from command line)"
    assert "screen_mm: not set (the size the system reports)  (from default)" in lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("527x296", (527.0, 296.0)),
        ("344.2 \u00d7 193.5 mm", (344.2, 193.5)),  # a multiplication sign
        ("527X296", (527.0, 296.0)),
    ],
)
def test_screen_mm_is_read_in_millimetres(tmp_path, text, expected):
    settings, sources = resolve_settings({}, write(tmp_path, f"screen_mm: {text}\n"))
    assert settings.screen_mm == expected
    assert sources["screen_mm"].startswith("config file")
    shown = next(
        line for line in describe_settings(settings, sources) if line.startswith("screen_mm")
    )
    assert shown.startswith("screen_mm: " + "x".join(f"{mm:g}" for mm in expected))


def test_the_example_in_the_docstring_is_valid(tmp_path):
    # kiosk/config.py's docstring shows a whole file; keep it a valid one.
    import kiosk.config  # noqa: PLC0415

    doc = kiosk.config.__doc__ or ""
    example = doc.split("::\n", 1)[1].split("\n\n", 1)[0]
    text = textwrap.dedent(example).replace("scrypt$131072$8$1$...", hash_pin("4821"))
    settings, _ = resolve_settings({}, write(tmp_path, text))
    assert settings.idle_timeout_s == 120
    assert settings.windowed is False


def test_logs_and_state_default_to_the_platforms_folders(platform_dirs):
    settings = Settings(content=Path("c"))
    assert settings.log_dir == platform_dirs / "log" / "kiosk"
    assert settings.state_dir == platform_dirs / "state" / "kiosk"
