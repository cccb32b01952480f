"""The kiosk's config file: reading and checking it, merging it with the command line.

Plain Python, no Qt. One YAML file holds the settings a kiosk PC keeps
between starts::

    content: /srv/clinic-pack    # relative paths are relative to this file's folder
    idle_timeout: 120            # seconds, 10 to 3600
    idle_warning: 30             # seconds, 20 to 600
    fullscreen: true
    hide_cursor: true
    staff_pin_hash: scrypt$131072$8$1$...  # written by `kiosk set-pin`
    log_dir: /var/log/kiosk
    state_dir: /var/lib/kiosk/state   # what the kiosk keeps between runs
    screen_mm: 527x296           # the panel's visible width x height, in mm
    stats: true                  # anonymous usage statistics; false: record nothing
    stats_db: /var/lib/kiosk/stats.sqlite3
    stats_keep_days: 400         # days, 1 to 3650
    metrics_file: /var/lib/prometheus/node-exporter/kiosk.prom

It is read as strictly as a content pack (the same YAML reader and key
checker) and every problem is reported at once, located by line and column.
Each effective value comes from the command line, else the config file, else
the default; :func:`resolve_settings` says which.
"""

from __future__ import annotations

import codecs
import contextlib
import logging
import os
import re
import stat
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from kiosk.content.loader import NOT_REGULAR
from kiosk.content.problems import ContentError, Problem
from kiosk.content.schema import Key, Kind, MappingChecker, Value
from kiosk.content.textfile import decode_utf8, read_capped
from kiosk.content.yamlreader import Mapping as YamlMapping
from kiosk.content.yamlreader import Node, Scalar, describe, implicit_type, read_yaml
from kiosk.paths import bundled_content
from kiosk.settings import (
    APP_NAME,
    IDLE_TIMEOUT_RANGE_S,
    IDLE_WARNING_RANGE_S,
    STATS_KEEP_DAYS_RANGE,
    Settings,
    parse_panel_size,
)
from kiosk.staff.pin import is_pin_hash

log = logging.getLogger(__name__)

CONFIG_FILE_NAME = "config.yaml"
PIN_HASH_KEY = "staff_pin_hash"

CONFIG_KEYS = (
    Key("content", Kind.FOLDER),
    Key(
        "idle_timeout",
        Kind.NUMBER,
        minimum=IDLE_TIMEOUT_RANGE_S[0],
        maximum=IDLE_TIMEOUT_RANGE_S[1],
        unit="seconds",
    ),
    Key(
        "idle_warning",
        Kind.NUMBER,
        minimum=IDLE_WARNING_RANGE_S[0],
        maximum=IDLE_WARNING_RANGE_S[1],
        unit="seconds",
    ),
    Key("fullscreen", Kind.BOOLEAN),
    Key("hide_cursor", Kind.BOOLEAN),
    Key(
        PIN_HASH_KEY,
        Kind.LINE,
        matches=is_pin_hash,
        mismatch=(
            "is not a PIN hash written by `kiosk set-pin` (never write the PIN itself "
            "here); run `kiosk set-pin` to set the PIN, or remove the line"
        ),
    ),
    Key("log_dir", Kind.FOLDER),
    Key("state_dir", Kind.FOLDER),
    Key(
        "screen_mm",
        Kind.LINE,
        matches=lambda text: parse_panel_size(text) is not None,
        mismatch=(
            "is not a panel size; write the screen's visible width and height in "
            "millimetres, such as 527x296 for a 24-inch 1080p monitor"
        ),
    ),
    Key("stats", Kind.BOOLEAN),
    Key("stats_db", Kind.FILE),
    Key(
        "stats_keep_days",
        Kind.WHOLE_NUMBER,
        minimum=STATS_KEEP_DAYS_RANGE[0],
        maximum=STATS_KEEP_DAYS_RANGE[1],
        unit="days",
    ),
    Key(
        "metrics_file",
        Kind.FILE,
        # node_exporter's textfile collector reads *.prom files only: any
        # other name would be written faithfully and never collected.
        matches=lambda text: text.endswith(".prom") and len(text) > len(".prom"),
        mismatch=(
            "must name a file ending in .prom, which node_exporter's textfile collector "
            "reads, such as /var/lib/prometheus/node-exporter/kiosk.prom"
        ),
    ),
)

# Settings fields, in the order `kiosk config` shows them, with their config key.
SETTING_KEYS = {
    "content": "content",
    "idle_timeout_s": "idle_timeout",
    "idle_warning_s": "idle_warning",
    "windowed": "fullscreen",
    "hide_cursor": "hide_cursor",
    "staff_pin_hash": PIN_HASH_KEY,
    "log_dir": "log_dir",
    "state_dir": "state_dir",
    "screen_mm": "screen_mm",
    "stats": "stats",
    "stats_db": "stats_db",
    "stats_keep_days": "stats_keep_days",
    "metrics_file": "metrics_file",
}
# Settings that hold a path: relative to the config file's folder.
PATH_SETTINGS = ("content", "log_dir", "state_dir", "stats_db", "metrics_file")
# Settings that only the command line sets.
COMMAND_LINE_ONLY = ("watchdog",)

FROM_COMMAND_LINE = "command line"
FROM_DEFAULT = "default"


def from_config_file(path: Path) -> str:
    return f"config file {path}"


def default_config_file() -> Path:
    """The platform's place for the config file (it need not exist)."""
    return platformdirs.user_config_path(APP_NAME) / CONFIG_FILE_NAME


class ConfigError(ContentError):
    """A config file that cannot be used, with every problem found in it."""


@dataclass(frozen=True, slots=True)
class ConfigFile:
    """A valid config file's values, keyed by :class:`Settings` field."""

    path: Path
    values: dict[str, object] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()


_TOO_LARGE = "file is larger than 1 MiB, far more than a config file needs; is this the right file?"


def _read_bytes(path: Path, shown: str) -> bytes | None:
    """The file's bytes, or ``None`` when there is no file at all.

    Raises :class:`ConfigError` when something is there but cannot be read.
    """
    if path.is_dir():
        raise ConfigError(
            [
                Problem(
                    shown,
                    "is a folder; give the config file itself, such as "
                    f"{os.path.join(shown, CONFIG_FILE_NAME)}",
                )
            ]
        )
    if os.path.lexists(path) and not path.is_file():
        raise ConfigError([Problem(shown, NOT_REGULAR)])
    try:
        data = read_capped(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError(
            [Problem(shown, f"cannot read the file: {exc.strerror or exc}")]
        ) from None
    if data is None:
        raise ConfigError([Problem(shown, _TOO_LARGE)])
    return data


def _decode(data: bytes, shown: str) -> str:
    text = decode_utf8(data, shown)
    if isinstance(text, Problem):
        raise ConfigError([text])
    return text


def _folder(text: str, base: Path) -> Path:
    """A folder or file named in the config file: relative to the file's own folder."""
    folder = Path(text).expanduser()
    # Absolute, so Status and the log name the folder wherever the kiosk runs
    # from. Not resolve(): a link such as /srv/kiosk/current must stay a link,
    # or swapping the pack behind it would go unnoticed; and not abspath(),
    # which would take ".." literally where the config's folder is a link.
    return (folder if folder.is_absolute() else base / folder).absolute()


def _settings_values(values: dict[str, Value], path: Path) -> dict[str, object]:
    """The checked config values as :class:`Settings` field values."""
    out: dict[str, object] = {}
    for name, key in SETTING_KEYS.items():
        if key not in values:
            continue
        value = values[key]
        if name in PATH_SETTINGS:
            out[name] = _folder(str(value), path.parent)
        elif name == "windowed":
            out[name] = not value
        elif name in ("idle_timeout_s", "idle_warning_s"):
            out[name] = float(value)
        elif name == "screen_mm":
            out[name] = parse_panel_size(str(value))
        else:
            out[name] = value
    return out


def _empty(node: Node) -> bool:
    """A document with nothing in it (only ``---``, or ``~``)."""
    return isinstance(node, Scalar) and implicit_type(node)[0] == "null"


def check_config_text(path: Path, text: str) -> ConfigFile:
    """Check a config file's text; raises :class:`ConfigError` with every error."""
    shown = str(path)
    root, problems = read_yaml(shown, text)
    values: dict[str, Value] = {}
    if isinstance(root, YamlMapping):
        values = MappingChecker(shown, CONFIG_KEYS, problems).check(root)
    elif root is not None and not _empty(root):
        problems.append(
            Problem(
                shown,
                f"expected keys such as 'idle_timeout: 90', found {describe(root)}",
                root.line,
                root.column,
            )
        )
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    if any(p.is_error for p in problems):
        raise ConfigError(problems)
    return ConfigFile(path, _settings_values(values, path), tuple(problems))


def load_config(path: Path) -> ConfigFile:
    """Read and check the config file at ``path``, which must exist.

    Raises :class:`ConfigError` with every problem found (an empty file is
    valid: all defaults). Warnings, such as an empty value, are on
    ``ConfigFile.warnings``.
    """
    shown = str(path)
    data = _read_bytes(path, shown)
    if data is None:
        raise ConfigError([Problem(shown, "file not found; check the path given with --config")])
    return check_config_text(path, _decode(data, shown))


def _typed(name: str, value: object) -> object:
    """``value`` for the Settings field ``name``: a wrong name or type is a programming error."""
    expected: tuple[type, ...]
    if name in PATH_SETTINGS:
        expected = (Path,)
    elif name in ("windowed", "hide_cursor", "watchdog", "stats"):
        expected = (bool,)
    elif name in ("idle_timeout_s", "idle_warning_s"):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        expected = (float,)
    elif name == "staff_pin_hash":
        expected = (str,)
    elif name == "screen_mm":
        expected = (tuple,)
    elif name == "stats_keep_days":
        expected = (int,)
    else:
        raise ValueError(f"unknown setting {name!r}")
    if not isinstance(value, expected):
        raise TypeError(f"setting {name!r} must be {expected[0].__name__}, not {value!r}")
    return value


def _log_warning(problem: Problem) -> None:
    log.warning("%s", problem)


def resolve_settings(
    args_overrides: Mapping[str, object],
    config_path: Path | None,
    *,
    on_warning: Callable[[Problem], object] = _log_warning,
) -> tuple[Settings, dict[str, str]]:
    """The effective settings, and where each came from.

    ``args_overrides`` holds values given on the command line, keyed by
    :class:`Settings` field (``content``, ``windowed``, ``idle_timeout_s``,
    ``idle_warning_s``, ``hide_cursor``, ``staff_pin_hash``, ``log_dir``, ``state_dir``,
    ``watchdog``); ``None`` values count as not given, and the others are
    taken as they are (the command line checks its ranges). ``config_path`` is
    the file given with ``--config``, which must exist; without it the file
    at :func:`default_config_file` is read if there is one.

    Each value comes from the command line, else the config file, else the
    default. The sources, keyed by Settings field (and ``config_file``), are
    ``"command line"``, ``"config file PATH"`` or ``"default"``. Raises
    :class:`ConfigError` when the config file cannot be used; its warnings
    go to ``on_warning``.
    """
    given = {
        name: _typed(name, value) for name, value in args_overrides.items() if value is not None
    }

    sources: dict[str, str] = {}
    config: ConfigFile | None = None
    if config_path is not None:
        config = load_config(config_path)
        sources["config_file"] = FROM_COMMAND_LINE
    else:
        default = default_config_file()
        sources["config_file"] = FROM_DEFAULT
        if os.path.lexists(default):
            config = load_config(default)
    if config is not None:
        for problem in config.warnings:
            on_warning(problem)

    chosen: dict[str, object] = {}
    for name in (*SETTING_KEYS, *COMMAND_LINE_ONLY):
        if name in given:
            chosen[name], sources[name] = given[name], FROM_COMMAND_LINE
        elif config is not None and name in config.values:
            chosen[name], sources[name] = config.values[name], from_config_file(config.path)
        else:
            sources[name] = FROM_DEFAULT
    # Only what was chosen: Settings holds the defaults, in one place.
    content = chosen.pop("content", None)
    settings = Settings(
        content=content if isinstance(content, Path) else bundled_content(),
        config_file=config.path if config is not None else None,
        **chosen,  # type: ignore[arg-type]  # each checked: by _typed, or as the config was read
    )
    return settings, sources


def _shown(name: str, settings: Settings) -> str:
    if name == "windowed":
        return "false" if settings.windowed else "true"
    if name == "staff_pin_hash":
        return "set" if settings.staff_pin_hash else "not set"
    if name == "screen_mm":
        if settings.screen_mm is None:
            return "not set (the size the system reports)"
        return "x".join(f"{mm:g}" for mm in settings.screen_mm)
    if name == "metrics_file" and settings.metrics_file is None:
        return "not set (no metrics written)"
    value = getattr(settings, name)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def describe_settings(settings: Settings, sources: Mapping[str, str]) -> list[str]:
    """``kiosk config``'s lines: ``key: value  (from SOURCE)``, by config key name.

    The PIN hash itself is never shown, only whether it is set.
    """
    if settings.config_file is not None:
        config_file = str(settings.config_file)
    else:
        config_file = f"none (no file at {default_config_file()})"
    lines = [f"config_file: {config_file}  (from {sources.get('config_file', FROM_DEFAULT)})"]
    for name, key in SETTING_KEYS.items():
        lines.append(f"{key}: {_shown(name, settings)}  (from {sources.get(name, FROM_DEFAULT)})")
    watchdog = "on" if settings.watchdog else "off"
    lines.append(f"watchdog: {watchdog}  (from {sources.get('watchdog', FROM_DEFAULT)})")
    return lines


# --- kiosk set-pin: one line of the file changes, the rest stays as written ---

_PIN_LINE = re.compile(rf"{PIN_HASH_KEY}[ \t]*:")
# A well-formed hash, to find out before asking for a PIN whether it can be placed.
_PLACEHOLDER_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 43 + "="


def with_pin_hash(text: str, pin_hash: str) -> str:
    """``text`` with its ``staff_pin_hash`` line set to ``pin_hash``.

    The first top-level ``staff_pin_hash:`` line is replaced (any later one,
    a duplicate key, is dropped); without one, a line is appended. Every
    other line is kept exactly, line endings included.
    """
    new_line = f"{PIN_HASH_KEY}: {pin_hash}"
    newline = "\r\n" if "\r\n" in text else "\n"
    out: list[str] = []
    placed = False
    for line in text.splitlines(keepends=True):
        if not _PIN_LINE.match(line):
            out.append(line)
        elif not placed:
            out.append(new_line + line[len(line.rstrip("\r\n")) :])
            placed = True
    if not placed:
        if out and not out[-1].endswith(("\n", "\r")):
            out.append(newline)
        out.append(new_line + newline)
    return "".join(out)


def _placement_problems(shown: str, original: str, updated: str, pin_hash: str) -> list[Problem]:
    """Why ``updated`` does not hold exactly ``pin_hash`` as staff_pin_hash, if it does not."""
    root, _ = read_yaml(shown, updated)
    if isinstance(root, YamlMapping):
        values = [v for k, v in root.items if k.text == PIN_HASH_KEY]
        if len(values) == 1 and isinstance(values[0], Scalar) and values[0].text == pin_hash:
            return []
    _, problems = read_yaml(shown, original)
    if not problems:
        problems = [
            Problem(
                shown,
                f"cannot place the '{PIN_HASH_KEY}' line in this file; write it on one "
                f"line at the start of a line, or remove it, and run kiosk set-pin again",
            )
        ]
    return problems


def updated_config(path: Path, pin_hash: str) -> bytes:
    """The config file's new content with ``pin_hash`` set; an absent file starts empty.

    Raises :class:`ConfigError` when the file cannot be read, or is broken
    in a way that the new line could not be placed safely.
    """
    shown = str(path)
    data = _read_bytes(path, shown) or b""
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    text = _decode(data, shown)
    updated = with_pin_hash(text, pin_hash)
    problems = _placement_problems(shown, text, updated, pin_hash)
    if problems:
        raise ConfigError(problems)
    return bom + updated.encode("utf-8")


def check_pin_can_be_set(path: Path) -> None:
    """Raises :class:`ConfigError` when ``kiosk set-pin`` could not write to ``path``'s text."""
    updated_config(path, _PLACEHOLDER_HASH)


def new_file_mode(folder: Path) -> int:
    """The permissions for a new config file in ``folder``: never readable by everyone.

    The file holds the PIN's hash, and a 4 to 8 digit PIN can be found from
    its hash by trying every PIN, so a new file is for its owner only (0600).
    A folder with the set-group-ID bit (``install -d -m 2750 -g kiosk``) says
    its files are for that group, which each new file then gets: there the
    file is 0640, readable by the kiosk's group. The umask may take away more.
    """
    umask = os.umask(0o077)  # reading the umask means setting it: put it back at once
    os.umask(umask)
    group_folder = folder.stat().st_mode & stat.S_ISGID
    return (0o640 if group_folder else 0o600) & ~umask


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step: a reader sees the old or the new file.

    Creates the folder if needed. An existing file keeps its permissions and,
    where we may set it, its owner and group (a root:kiosk 0640 file edited
    with sudo must stay readable by the kiosk); a new one gets
    :func:`new_file_mode`. Raises ``OSError``.
    """
    target = Path(os.path.realpath(path))  # write through a symlink, not over it
    target.parent.mkdir(parents=True, exist_ok=True)
    owner: tuple[int, int] | None = None
    try:
        status = target.stat()
        mode = stat.S_IMODE(status.st_mode)
        owner = (status.st_uid, status.st_gid)
    except FileNotFoundError:
        mode = new_file_mode(target.parent)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if owner is not None and hasattr(os, "chown"):
            with contextlib.suppress(PermissionError):  # only root may give files away
                os.chown(temporary, *owner)
        Path(temporary).chmod(mode)  # mkstemp made it 0600
        Path(temporary).replace(target)  # os.replace: atomic within one folder
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def permission_advice(path: Path, *, created: bool) -> list[str]:
    """What `kiosk set-pin` tells the admin about who can read the config file.

    A warning when everyone may read it (the PIN hash with it); for a new
    file only root can read, a reminder that the kiosk, never run as root,
    must be let in. Nothing on systems without POSIX permissions.
    """
    if os.name != "posix":
        return []
    status = path.stat()
    mode = stat.S_IMODE(status.st_mode)
    fix = f"sudo chown root:kiosk {path} && sudo chmod 640 {path}"
    if mode & stat.S_IROTH:
        return [
            f"kiosk set-pin: warning: every user of this computer can read {path} "
            f"(mode {mode:04o}), and a PIN of a few digits can be found from its hash by "
            f"trying them all; let only the kiosk's user or group read it, e.g. {fix}"
        ]
    if created and status.st_uid == 0 and not mode & stat.S_IRGRP:
        return [
            f"kiosk set-pin: {path} is new and only root can read it; the kiosk runs as "
            f"another user, so let that user's group read it, e.g. {fix}"
        ]
    return []


def save_pin_hash(path: Path, pin_hash: str) -> None:
    """Set ``staff_pin_hash`` in the config file at ``path``, creating it if needed.

    Raises :class:`ConfigError` (nothing written) or ``OSError``.
    """
    write_atomically(path, updated_config(path, pin_hash))
