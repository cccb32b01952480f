"""The ``kiosk`` command: run, check, snapshot, proof, config, set-pin, stats."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import logging
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TextIO

from kiosk import __version__
from kiosk.config import (
    FROM_DEFAULT,
    ConfigError,
    check_pin_can_be_set,
    default_config_file,
    describe_settings,
    permission_advice,
    resolve_settings,
    save_pin_hash,
)
from kiosk.content import ContentError, Pack, Problem, Severity, load_pack, yamlparsers
from kiosk.content.check_report import coverage_lines, readability_lines, review_lines
from kiosk.content.readability import (
    PackReadability,
    languages_readability,
    readability_warnings,
)
from kiosk.content.review import pack_review, review_warnings
from kiosk.content.schema import language_tag
from kiosk.content.texts import characters_to_check, pack_texts, undrawable_warnings
from kiosk.display import display_available
from kiosk.i18n.catalog import patient_words, words_warnings
from kiosk.paths import bundled_content
from kiosk.plural import plural
from kiosk.settings import (
    DEFAULT_IDLE_TIMEOUT_S,
    DEFAULT_IDLE_WARNING_S,
    IDLE_TIMEOUT_RANGE_S,
    IDLE_WARNING_RANGE_S,
    Settings,
)
from kiosk.staff.pin import hash_pin, pin_problem
from kiosk.stats.csv_export import write_csv
from kiosk.stats.database import UnknownSchemaError
from kiosk.stats.report import DEFAULT_DAYS, NoStatisticsError, Period, Report, read_report
from kiosk.stats.text_report import report_lines
from kiosk.ui.style.text_size import TextSize
from kiosk.xcb import xcb_problem

COMMANDS = ("run", "check", "snapshot", "proof", "config", "set-pin", "stats")
NO_DISPLAY = (
    "kiosk: no display to show the kiosk on (DISPLAY and WAYLAND_DISPLAY are unset, "
    "or name a display server that is not running); "
    "run it on the kiosk's desktop session, try `kiosk --windowed` on a desktop, "
    "or render the screens to images with `kiosk snapshot --out DIR`."
)
# Exit code when the settings cannot be used (a bad config file): as for a usage error.
BAD_SETTINGS = 2


def _seconds(low: float, high: float) -> Callable[[str], float]:
    def seconds(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"expected a number of seconds, not '{text}'"
            ) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be between {low:g} and {high:g} seconds")
        return value

    return seconds


def _size(text: str) -> tuple[int, int]:
    width, sep, height = text.lower().partition("x")
    if not (sep and width.isdigit() and height.isdigit()):
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1920x1080, not '{text}'")
    size = int(width), int(height)
    if not all(240 <= side <= 8192 for side in size):
        raise argparse.ArgumentTypeError("each side must be between 240 and 8192 pixels")
    return size


def _date(text: str) -> dt.date:
    # Exactly YYYY-MM-DD: fromisoformat would also take 20261203 and 2026-W49-4.
    try:
        if len(text) != 10:
            raise ValueError(text)
        return dt.datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date as YYYY-MM-DD, such as 2026-12-03, not '{text}'"
        ) from None


def _pdf_file(text: str) -> Path:
    path = Path(text)
    if path.suffix.lower() != ".pdf":
        raise argparse.ArgumentTypeError(f"the proof's name must end in .pdf, not '{text}'")
    return path


def _chart_file(text: str) -> Path:
    path = Path(text)
    if path.suffix.lower() not in (".png", ".svg"):
        raise argparse.ArgumentTypeError(
            f"the chart file's name must end in .png or .svg, not '{text}'"
        )
    return path


def _add_content_option(parser: argparse.ArgumentParser, dest: str = "content") -> None:
    parser.add_argument(
        "--content",
        dest=dest,
        type=Path,
        metavar="DIR",
        help="content pack folder (default: the config file's 'content', else the bundled pack)",
    )


def _add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help=f"the config file (default: {default_config_file()}, if it exists)",
    )


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    """The options that choose settings: `kiosk run` and `kiosk config` share them."""
    _add_config_option(parser)
    _add_content_option(parser)
    # None when not given: the config file's value, or the default, applies.
    parser.add_argument(
        "--windowed",
        action="store_true",
        default=None,
        help="a normal resizable window instead of fullscreen, for trying it out",
    )
    parser.add_argument(
        "--idle-timeout",
        type=_seconds(*IDLE_TIMEOUT_RANGE_S),
        metavar="S",
        help=(
            "seconds without input before the idle warning, "
            f"{IDLE_TIMEOUT_RANGE_S[0]:g} to {IDLE_TIMEOUT_RANGE_S[1]:g} "
            f"(default: {DEFAULT_IDLE_TIMEOUT_S:g})"
        ),
    )
    parser.add_argument(
        "--idle-warning",
        type=_seconds(*IDLE_WARNING_RANGE_S),
        metavar="S",
        help=(
            "seconds the idle warning counts down, "
            f"{IDLE_WARNING_RANGE_S[0]:g} to {IDLE_WARNING_RANGE_S[1]:g} "
            f"(default: {DEFAULT_IDLE_WARNING_S:g})"
        ),
    )
    parser.add_argument(
        "--watchdog",
        action="store_true",
        default=None,
        help="tell systemd when the kiosk is up and keep its watchdog fed (Type=notify units)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="A fullscreen touchscreen information kiosk for clinic waiting rooms.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser("run", help="show the kiosk (the default command)")
    _add_run_options(run)

    check = commands.add_parser(
        "check", help="validate the config file and a content pack, and list every problem"
    )
    _add_config_option(check)
    _add_content_option(check, dest="content_option")
    check.add_argument(
        "content",
        nargs="?",
        type=Path,
        metavar="DIR",
        help="content pack folder (default: the config file's 'content', else the bundled pack)",
    )
    check.add_argument(
        "--readability",
        action="store_true",
        help="also print the reading score of every answer: the Flesch-Kincaid grade in "
        "English, INFLESZ in Spanish",
    )
    check.add_argument(
        "--review",
        action="store_true",
        help="also print every topic's review: when it was last reviewed, when it is due, "
        "and whether it is overdue (a warning, not an error: the exit status stays 0)",
    )

    snapshot = commands.add_parser("snapshot", help="render every screen to PNG, no display needed")
    _add_config_option(snapshot)
    _add_content_option(snapshot)
    snapshot.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="OUT",
        help=(
            "folder for home.png, sections/<id>.png, topics/<id>.png, idle-warning.png "
            "and usage.png"
        ),
    )
    snapshot.add_argument(
        "--size",
        type=_size,
        default=(1920, 1080),
        metavar="WxH",
        help="image size in pixels (default: 1920x1080)",
    )
    snapshot.add_argument(
        "--text-size",
        choices=[size.name.lower() for size in TextSize],
        default="normal",
        help="the text size a patient chose: normal (A), larger (A+), largest (A++)",
    )
    snapshot.add_argument(
        "--theme",
        choices=["standard", "high-contrast"],
        default="standard",
        help="the colours: standard, or high contrast (light on dark)",
    )
    snapshot.add_argument(
        "--language",
        metavar="LANG",
        help="the language a patient chose, one of the pack's (default: its main language)",
    )
    snapshot.add_argument(
        "--only",
        nargs="+",
        metavar="NAME",
        help=(
            "render only these screens: home, idle-warning, usage, sections/ID, "
            "topic ids (or topics/ID)"
        ),
    )
    snapshot.set_defaults(usage_error=snapshot.error)

    proof = commands.add_parser(
        "proof",
        help="write a PDF of every text patients read, for a clinician to sign",
        description=(
            "Writes one PDF: a cover (the pack, today's date, its languages, kiosk check's "
            "result, lines to sign), then a page per topic in every language it is written "
            "in, with the answer screen as patients see it and its facts (file, source, "
            "link, review dates, reading score, words). No display needed. An invalid pack "
            "gets its errors listed and no PDF. Exit status: 0 written, 1 an invalid pack "
            "or a file that cannot be written, 2 a mistake on the command line or in the "
            "config file."
        ),
    )
    _add_config_option(proof)
    _add_content_option(proof)
    proof.add_argument(
        "--out", type=_pdf_file, required=True, metavar="FILE.pdf", help="the PDF to write"
    )
    proof.add_argument(
        "--size",
        type=_size,
        default=(1920, 1080),
        metavar="WxH",
        help="the panel the answer screens are drawn for, in pixels (default: 1920x1080)",
    )

    config = commands.add_parser(
        "config",
        help="print the settings `kiosk run` would use, and where each comes from",
    )
    _add_run_options(config)

    set_pin = commands.add_parser(
        "set-pin",
        help="set the staff PIN (4 to 8 digits, asked twice) and store its hash",
        description=(
            "Asks for the staff PIN twice, without showing it: 4 to 8 digits, the same "
            "both times. Writes only its salted scrypt hash to the config file's "
            "staff_pin_hash line, keeping every other line. A new config file is "
            "readable by its owner only (by its folder's group too, when the folder "
            "has the set-group-ID bit); restart the kiosk to use the new PIN."
        ),
    )
    _add_config_option(set_pin)

    stats = commands.add_parser(
        "stats",
        help="report the usage statistics: visits, topics, endings, choices",
        description=(
            "Prints what the kiosk recorded in its statistics database (the config "
            f"file's stats_db) for a period: by default the last {DEFAULT_DAYS} days, "
            "today included. Dates are local, as YYYY-MM-DD, both included. "
            "Exit status: 0 printed, 1 no database or it cannot be read (or a file "
            "cannot be written), 2 a mistake on the command line or in the config file."
        ),
    )
    _add_config_option(stats)
    stats.add_argument(
        "--since",
        type=_date,
        metavar="DATE",
        help=f"the first day, YYYY-MM-DD (default: {DEFAULT_DAYS - 1} days before --until)",
    )
    stats.add_argument(
        "--until", type=_date, metavar="DATE", help="the last day, YYYY-MM-DD (default: today)"
    )
    stats.add_argument(
        "--csv",
        type=Path,
        metavar="FILE",
        help="also write the topics, one row per topic per day, to this CSV file",
    )
    stats.add_argument(
        "--chart",
        type=_chart_file,
        metavar="FILE",
        help="also draw bar charts (visits per day, topics, by hour) to FILE.png or FILE.svg",
    )
    stats.set_defaults(usage_error=stats.error)
    return parser


def _print_warning(problem: Problem) -> None:
    print(problem, file=sys.stderr)


def _settings(
    config: Path | None, overrides: Mapping[str, object], out: TextIO
) -> tuple[Settings, dict[str, str]] | None:
    """The effective settings and their sources, or ``None`` after printing every problem."""
    try:
        return resolve_settings(overrides, config, on_warning=_print_warning)
    except ConfigError as exc:
        print(exc.render(), file=out)
        print(
            f"{plural(len(exc.errors), 'error')}; "
            "the config file cannot be used until they are fixed.",
            file=out,
        )
        return None


def _run_overrides(args: argparse.Namespace) -> dict[str, object]:
    return {
        "content": args.content,
        "windowed": args.windowed,
        "idle_timeout_s": args.idle_timeout,
        "idle_warning_s": args.idle_warning,
        "watchdog": args.watchdog,
    }


def _load(folder: Path | None, out: TextIO, today: dt.date) -> Pack | None:
    """The pack, or ``None`` after printing every problem to ``out``."""
    try:
        pack = load_pack(
            folder or bundled_content(),
            known_words=patient_words(),
            today=today,
            future_reviews=Severity.ERROR,  # the admin fixes it before it reaches a kiosk
        )
    except ContentError as exc:
        print(exc.render(), file=out)
        print(
            f"{plural(len(exc.errors), 'error')}; the pack cannot be shown until they are fixed.",
            file=out,
        )
        return None
    for warning in pack.warnings:
        print(warning, file=sys.stderr)
    return pack


def _check(args: argparse.Namespace) -> int:
    if args.content and args.content_option:
        print("kiosk check: give the folder once, with or without --content", file=sys.stderr)
        return 2
    if not yamlparsers.HAS_LIBYAML:
        print(f"warning: {yamlparsers.LIBYAML_MISSING}", file=sys.stderr)
    resolved = _settings(args.config, {"content": args.content or args.content_option}, sys.stdout)
    if resolved is None:
        return 1
    settings, _ = resolved
    if settings.config_file is not None:
        print(f"OK: config file {settings.config_file}")
    today = _today()
    pack = _load(settings.content, sys.stdout, today)
    if pack is None:
        return 1
    measured = languages_readability(pack)
    for warning in _check_warnings(pack, measured, today):
        _print_warning(warning)
    print(f"OK: {plural(len(pack.topics), 'topic')}")
    for line in coverage_lines(pack):
        print(line)
    if args.readability:
        for line in readability_lines(measured):
            print(line)
    if args.review:
        for line in review_lines(pack_review(pack, today)):
            print(line)
    return 0


def _check_warnings(
    pack: Pack, measured: Sequence[PackReadability], today: dt.date
) -> Iterator[Problem]:
    """`kiosk check`'s own warnings, beyond the loader's: none stops the pack."""
    # A hard answer is still better than no answer.
    for language in measured:
        yield from readability_warnings(pack, language)
    yield from words_warnings(pack)  # the kiosk's own words in the pack's languages
    yield from _font_warnings(pack)
    yield from review_warnings(pack, today)  # overdue content still shows


def _font_warnings(pack: Pack) -> list[Problem]:
    """A warning for each text with characters that no font can draw.

    Qt, which knows the fonts, is started (offscreen) only for a pack with
    characters beyond those every font has.
    """
    texts = pack_texts(pack)
    characters = characters_to_check(texts)
    if not characters:
        return []
    from kiosk.ui.style.coverage import font_access, undrawable  # noqa: PLC0415 - Qt when needed

    with font_access():
        missing = undrawable(characters)
    return undrawable_warnings(texts, missing)


def _snapshot(args: argparse.Namespace) -> int:
    resolved = _settings(args.config, {"content": args.content}, sys.stderr)
    if resolved is None:
        return BAD_SETTINGS
    settings, _ = resolved
    pack = _load(settings.content, sys.stderr, _today())
    if pack is None:
        return 1
    # Rendering needs no screen: force Qt's offscreen platform before Qt starts.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from kiosk.app import application  # noqa: PLC0415 - Qt loads only when needed
    from kiosk.ui.snapshot import (  # noqa: PLC0415
        SCREENS,
        render_snapshots,
        screen_names,
        unknown_screens,
    )

    if args.language is not None:
        # Read as the loader reads a tag in a file name: ES or es-mx name es, es-MX.
        tag = language_tag(args.language)
        if tag not in pack.all_languages:
            args.usage_error(
                f"argument --language: the pack has no language {args.language!r}; its "
                f"languages are {', '.join(pack.all_languages)}"
            )
        args.language = tag
    unknown = unknown_screens(pack, args.only or ())
    if unknown:
        topics = [name for name in screen_names(pack) if name not in SCREENS]
        args.usage_error(
            f"argument --only: no screen named {', '.join(map(repr, unknown))}; the screens "
            f"are {', '.join(SCREENS)} and the topics {', '.join(topics)}"
        )

    try:
        written = render_snapshots(
            application(),
            pack,
            settings,
            args.out,
            args.size,
            text_size=TextSize[args.text_size.upper()],
            high_contrast=args.theme == "high-contrast",
            only=args.only,
            language=args.language,
        )
    except OSError as exc:
        print(f"kiosk snapshot: cannot write the images to {args.out}: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {plural(len(written), 'image')} to {args.out}")
    return 0


def _proof(args: argparse.Namespace) -> int:
    resolved = _settings(args.config, {"content": args.content}, sys.stderr)
    if resolved is None:
        return BAD_SETTINGS
    settings, _ = resolved
    today = _today()
    pack = _load(settings.content, sys.stderr, today)
    if pack is None:
        return 1
    warnings = [*pack.warnings, *_check_warnings(pack, languages_readability(pack), today)]
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # drawn without a screen, as snapshots are
    from kiosk.app import application  # noqa: PLC0415 - Qt loads only when needed
    from kiosk.proof.pdf import ProofError, write_proof  # noqa: PLC0415

    try:
        pages = write_proof(
            application(),
            pack,
            settings,
            args.out,
            today=today,
            warnings=warnings,
            version=__version__,
            size=args.size,
            progress=lambda line: print(f"proof: {line}", file=sys.stderr, flush=True),
        )
    except OSError as exc:
        print(f"kiosk proof: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except ProofError as exc:
        print(f"kiosk proof: {exc}; no proof was written", file=sys.stderr)
        return 1
    print(f"wrote the proof ({plural(pages, 'page')}) to {args.out}")
    return 0


def _config(args: argparse.Namespace) -> int:
    resolved = _settings(args.config, _run_overrides(args), sys.stderr)
    if resolved is None:
        return BAD_SETTINGS
    for line in describe_settings(*resolved):
        print(line)
    return 0


def _set_pin(args: argparse.Namespace) -> int:
    path: Path = args.config or default_config_file()
    unchanged = "nothing was changed"
    try:
        check_pin_can_be_set(path)  # before asking: a broken file fails now, not after typing
        first = getpass.getpass(f"New staff PIN for {path} (4 to 8 digits): ")
        problem = pin_problem(first)
        if problem is None:
            second = getpass.getpass("Type the same PIN again: ")
            if second != first:
                problem = "the two PINs are not the same"
        if problem is not None:
            print(f"kiosk set-pin: {problem}. {unchanged.capitalize()}.", file=sys.stderr)
            return 1
        created = not path.exists()
        save_pin_hash(path, hash_pin(first))
    except (EOFError, KeyboardInterrupt):
        print(f"\nkiosk set-pin: cancelled; {unchanged}.", file=sys.stderr)
        return 1
    except ConfigError as exc:
        print(exc.render(), file=sys.stderr)
        print(
            f"kiosk set-pin: fix {path} first, then run kiosk set-pin again; {unchanged}.",
            file=sys.stderr,
        )
        return 1
    except OSError as exc:
        print(f"kiosk set-pin: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"The staff PIN is set in {path}; restart the kiosk to use it.")
    for advice in permission_advice(path, created=created):
        print(advice, file=sys.stderr)
    return 0


def _today() -> dt.date:
    return dt.date.today()


def _stats(args: argparse.Namespace) -> int:
    today = _today()
    until: dt.date = args.until or (today if args.since is None else max(today, args.since))
    since: dt.date = args.since or until - dt.timedelta(days=DEFAULT_DAYS - 1)
    if since > until:
        args.usage_error(
            f"--since {since} is after --until {until}; the period runs from --since to --until"
        )
    resolved = _settings(args.config, {}, sys.stderr)
    if resolved is None:
        return BAD_SETTINGS
    settings, sources = resolved
    if settings.stats_db.is_dir():
        print(
            f"kiosk stats: stats_db {settings.stats_db} is a folder; set stats_db to a file "
            f"in it, such as {settings.stats_db / 'stats.sqlite3'}",
            file=sys.stderr,
        )
        return 1
    questions = _questions(settings.content)
    try:
        report = read_report(settings.stats_db, Period(since, until), questions)
    except NoStatisticsError:
        print(_no_statistics(settings, sources), file=sys.stderr)
        return 1
    except sqlite3.Error as exc:  # UnknownSchemaError too
        print(_unreadable_statistics(settings.stats_db, exc), file=sys.stderr)
        return 1
    if not settings.stats:
        print(
            "note: statistics are off (stats: false in the config file); "
            "these are the figures recorded before.",
            file=sys.stderr,
        )
    for line in report_lines(report):
        print(line)
    if args.csv is not None:
        try:
            rows = write_csv(args.csv, report, questions)
        except OSError as exc:
            print(f"kiosk stats: cannot write {args.csv}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"wrote {plural(rows, 'row')} to {args.csv}", file=sys.stderr)
    if args.chart is not None:
        return _save_chart(report, args.chart)
    return 0


def _questions(folder: Path) -> dict[str, str]:
    """The configured pack's questions by topic id; none if it cannot be read.

    Only a help: the report names topics by id without them.
    """
    try:
        pack = load_pack(folder)
    except (ContentError, OSError):
        print(
            f"note: the content pack at {folder} cannot be read (see `kiosk check`); "
            "topics are shown by id only.",
            file=sys.stderr,
        )
        return {}
    return {topic.id: topic.question for topic in pack.topics}


def _no_statistics(settings: Settings, sources: Mapping[str, str]) -> str:
    path = settings.stats_db
    if not settings.stats:
        why = (
            "statistics are off (the config file says stats: false); "
            "remove that line, or write stats: true, and restart the kiosk to record them"
        )
    else:
        why = (
            "nothing has been recorded there yet: the kiosk records visits while it runs. "
            "If it records elsewhere, give this command the kiosk's config file with "
            "--config, or set stats_db there"
        )
    source = sources.get("stats_db", FROM_DEFAULT)
    return f"kiosk stats: no usage statistics at {path} (stats_db, from {source}); {why}."


def _unreadable_statistics(path: Path, error: sqlite3.Error) -> str:
    if isinstance(error, UnknownSchemaError):
        return (
            f"kiosk stats: cannot read {path}: {error}. Use the kiosk version that wrote it, "
            "or point stats_db at the kiosk's own statistics file."
        )
    if "locked" in str(error):
        advice = "another program holds it locked; try again in a moment"
    else:
        advice = (
            "it may be damaged, or not a database at all; the kiosk starts a new one "
            "if you move it away (the figures in it are then lost)"
        )
    return f"kiosk stats: cannot read the statistics database {path}: {error}; {advice}."


def _save_chart(report: Report, path: Path) -> int:
    # Charts are drawn with Qt, but need no screen: Qt's offscreen platform.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from kiosk.app import application  # noqa: PLC0415 - Qt loads only when needed
    from kiosk.ui.charts import save_charts  # noqa: PLC0415

    application()
    try:
        size = save_charts(report, path)
    except OSError as exc:
        print(f"kiosk stats: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote the charts ({size.width()}x{size.height()}) to {path}", file=sys.stderr)
    return 0


def _run(args: argparse.Namespace) -> int:
    resolved = _settings(args.config, _run_overrides(args), sys.stderr)
    if resolved is None:
        return BAD_SETTINGS
    # Before Qt is loaded at all: with no display, or without these libraries,
    # Qt aborts the process (even importing it can fail without them).
    if not display_available():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    problem = xcb_problem(os.environ)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    from kiosk.app import run  # noqa: PLC0415 - Qt loads only when needed
    from kiosk.signals import end_like_signal  # noqa: PLC0415

    # The kiosk loads the pack itself: an invalid pack shows a calm page, not an error.
    status = run(resolved[0])
    end_like_signal(status)  # stopped by SIGTERM, say: end by it, as systemd expects
    return status


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # `kiosk --windowed` means `kiosk run --windowed`.
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "run")
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    handlers = {
        "run": _run,
        "check": _check,
        "snapshot": _snapshot,
        "proof": _proof,
        "config": _config,
        "set-pin": _set_pin,
        "stats": _stats,
    }
    return handlers[args.command](args)
