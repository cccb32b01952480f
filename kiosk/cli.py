"""The ``kiosk`` command: run, check, snapshot."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TextIO

from kiosk import __version__
from kiosk.content import ContentError, Pack, load_pack
from kiosk.paths import bundled_content
from kiosk.settings import DEFAULT_IDLE_TIMEOUT_S, DEFAULT_IDLE_WARNING_S, Settings

COMMANDS = ("run", "check", "snapshot")
NO_DISPLAY = (
    "kiosk: no display to show the kiosk on (DISPLAY and WAYLAND_DISPLAY are unset, "
    "or name a display server that is not running); "
    "run it on the kiosk's desktop session, try `kiosk --windowed` on a desktop, "
    "or render the screens to images with `kiosk snapshot --out DIR`."
)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, not '{text}'") from None
    if not 1 <= value <= 86_400:
        raise argparse.ArgumentTypeError("must be between 1 and 86400 seconds")
    return value


def _size(text: str) -> tuple[int, int]:
    width, sep, height = text.lower().partition("x")
    if not (sep and width.isdigit() and height.isdigit()):
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1920x1080, not '{text}'")
    size = int(width), int(height)
    if not all(240 <= side <= 8192 for side in size):
        raise argparse.ArgumentTypeError("each side must be between 240 and 8192 pixels")
    return size


def _add_content_option(parser: argparse.ArgumentParser, dest: str = "content") -> None:
    parser.add_argument(
        "--content",
        dest=dest,
        type=Path,
        metavar="DIR",
        help="content pack folder (default: the bundled pack)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="A fullscreen touchscreen information kiosk for clinic waiting rooms.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser("run", help="show the kiosk (the default command)")
    _add_content_option(run)
    run.add_argument(
        "--windowed",
        action="store_true",
        help="a normal resizable window instead of fullscreen, for trying it out",
    )
    run.add_argument(
        "--idle-timeout",
        type=_seconds,
        default=DEFAULT_IDLE_TIMEOUT_S,
        metavar="S",
        help=f"seconds without input before the idle warning (default: {DEFAULT_IDLE_TIMEOUT_S:g})",
    )
    run.add_argument(
        "--idle-warning",
        type=_seconds,
        default=DEFAULT_IDLE_WARNING_S,
        metavar="S",
        help=f"seconds the idle warning counts down (default: {DEFAULT_IDLE_WARNING_S:g})",
    )

    check = commands.add_parser("check", help="validate a content pack and list every problem")
    _add_content_option(check, dest="content_option")
    check.add_argument(
        "content",
        nargs="?",
        type=Path,
        metavar="DIR",
        help="content pack folder (default: the bundled pack)",
    )

    snapshot = commands.add_parser("snapshot", help="render every screen to PNG, no display needed")
    _add_content_option(snapshot)
    snapshot.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="OUT",
        help="folder for home.png, topics/<id>.png and idle-warning.png",
    )
    snapshot.add_argument(
        "--size",
        type=_size,
        default=(1920, 1080),
        metavar="WxH",
        help="image size in pixels (default: 1920x1080)",
    )
    return parser


def _load(folder: Path | None, out: TextIO) -> Pack | None:
    """The pack, or ``None`` after printing every problem to ``out``."""
    try:
        pack = load_pack(folder or bundled_content())
    except ContentError as exc:
        count = len(exc.errors)
        print(exc.render(), file=out)
        print(
            f"{count} error{'s' if count != 1 else ''}; "
            "the pack cannot be shown until they are fixed.",
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
    pack = _load(args.content or args.content_option, sys.stdout)
    if pack is None:
        return 1
    count = len(pack.topics)
    print(f"OK: {count} topic{'s' if count != 1 else ''}")
    return 0


def _snapshot(args: argparse.Namespace) -> int:
    pack = _load(args.content, sys.stderr)
    if pack is None:
        return 1
    # Rendering needs no screen: force Qt's offscreen platform before Qt starts.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from kiosk.app import application  # noqa: PLC0415 - Qt loads only when needed
    from kiosk.ui.snapshot import render_snapshots  # noqa: PLC0415

    settings = Settings(content=pack.folder or bundled_content())
    try:
        written = render_snapshots(application(), pack, settings, args.out, args.size)
    except OSError as exc:
        print(f"kiosk snapshot: cannot write the images to {args.out}: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} images to {args.out}")
    return 0


def _run(args: argparse.Namespace) -> int:
    pack = _load(args.content, sys.stderr)
    if pack is None:
        return 1
    from kiosk.app import display_available, run  # noqa: PLC0415 - Qt loads only when needed

    if not display_available():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    settings = Settings(
        content=args.content or bundled_content(),
        windowed=args.windowed,
        idle_timeout_s=args.idle_timeout,
        idle_warning_s=args.idle_warning,
    )
    return run(pack, settings)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # `kiosk --windowed` means `kiosk run --windowed`.
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "run")
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    handlers = {"run": _run, "check": _check, "snapshot": _snapshot}
    return handlers[args.command](args)
