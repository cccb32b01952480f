"""Render the screens of a pack to PNG files, without a display.

Qt renders one screen at a time on this thread; each picture is encoded and
written on a worker thread meanwhile, one per core. Encoding is most of the
work: Qt's own PNG writer (and Pillow's) try five filters on every row of
pixels and take 60 to 80 ms for a 1080p screen, holding Python's lock all
along. :func:`encode_png` writes the rows unfiltered, which suits flat
screens of text and buttons (the files come out the same size), in a quarter
of that time, in zlib, which lets the other threads run. The files are the
same for the same pixels, whatever the number of threads.
"""

from __future__ import annotations

import datetime as dt
import os
import struct
import tempfile
import zlib
from collections import deque
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from kiosk.content import Pack
from kiosk.i18n.words import KioskWords
from kiosk.settings import Settings
from kiosk.stats.sample import write_sample
from kiosk.ui.style.text_size import TextSize
from kiosk.ui.window import KioskWindow

HOME = "home"
IDLE_WARNING = "idle-warning"
USAGE = "usage"
TOPIC_PREFIX = "topics/"
SECTION_PREFIX = "sections/"
SCREENS = (HOME, IDLE_WARNING, USAGE)  # the screens that are not topics
# The Usage screen shows made-up figures (kiosk/stats/sample.py) for the 30
# days up to this moment: the same picture every time.
SAMPLE_NOW = dt.datetime(2026, 12, 3, 15, 30)

# zlib's level 3: as fast as level 1 on these screens, and as small as Qt's default.
PNG_COMPRESSION = 3
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_RGB_8_BITS = struct.pack(
    ">BBBBB", 8, 2, 0, 0, 0
)  # depth, truecolour, deflate, no filter, no interlace


def screen_names(pack: Pack) -> list[str]:
    """Every screen a snapshot renders, in order: home, each section's
    (``sections/<id>``), each topic, the idle warning, usage."""
    sections = (SECTION_PREFIX + section.id for section in pack.sections)
    return [HOME, *sections, *(topic.id for topic in pack.topics), IDLE_WARNING, USAGE]


def _screen(pack: Pack, name: str) -> str | None:
    """The screen ``name`` means, as its file's path without ``.png``; ``None``: no such screen.

    ``home``, ``idle-warning`` and ``usage`` are those screens; any other
    name, or ``topics/<id>`` (for a topic that is called ``home``), is a topic.
    """
    if name in SCREENS:
        return name
    if name.startswith(SECTION_PREFIX):
        section_id = name.removeprefix(SECTION_PREFIX)
        return name if section_id in {s.id for s in pack.sections} else None
    topic_id = name.removeprefix(TOPIC_PREFIX)
    return TOPIC_PREFIX + topic_id if topic_id in {t.id for t in pack.topics} else None


def unknown_screens(pack: Pack, names: Iterable[str]) -> list[str]:
    """Those of ``names`` that name no screen of ``pack``."""
    return [name for name in names if _screen(pack, name) is None]


def encode_png(image: QImage) -> bytes:
    """A PNG file of ``image``'s pixels as 8-bit RGB (any alpha is dropped)."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, bytes_per_line = rgb.width(), rgb.height(), rgb.bytesPerLine()
    row = width * 3
    pixels = memoryview(rgb.constBits())  # read in place, not copied
    # Each row starts with its filter type: 0, none. (Rows may be padded.)
    starts = range(0, height * bytes_per_line, bytes_per_line)
    rows = b"".join(b"\x00" + pixels[start : start + row] for start in starts)

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)

    header = struct.pack(">II", width, height) + _RGB_8_BITS
    return b"".join(
        [
            _PNG_SIGNATURE,
            chunk(b"IHDR", header),
            chunk(b"IDAT", zlib.compress(rows, PNG_COMPRESSION)),
            chunk(b"IEND", b""),
        ]
    )


def _write_png(path: Path, image: QImage) -> None:
    path.write_bytes(encode_png(image))


class _PngWriters:
    """Worker threads that encode and write pictures, a few at a time.

    Each gets its own picture: QImage is reentrant, so a worker may read one
    that no other thread touches. At most two pictures per thread wait (8 MiB
    each at 1080p); the first error is raised, at the latest by :meth:`finish`.
    """

    def __init__(self, threads: int) -> None:
        self._threads = threads
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="snapshot-png")
        self._pending: deque[Future[None]] = deque()

    def write(self, path: Path, image: QImage) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        while len(self._pending) >= 2 * self._threads:
            self._pending.popleft().result()
        self._pending.append(self._pool.submit(_write_png, path, image))

    def finish(self) -> None:
        try:
            while self._pending:
                self._pending.popleft().result()
        finally:
            self._pool.shutdown(cancel_futures=True)


def settle(app: QApplication) -> None:
    # Layouts and style sheets apply through posted events; two rounds let
    # nested height-for-width layouts converge before the grab.
    for _ in range(2):
        app.processEvents()


def _threads() -> int:
    """The cores this process may use (not every core of the machine)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _wanted(pack: Pack, only: Sequence[str] | None, language: str | None) -> set[str]:
    """The screens ``only`` names, as their files' paths; ``ValueError`` for
    a name, or a ``language``, that ``pack`` does not have."""
    if language is not None and language not in pack.all_languages:
        raise ValueError(
            f"no language {language!r} in the pack; it has {', '.join(pack.all_languages)}"
        )
    if only is None:
        wanted = {
            *SCREENS,
            *(SECTION_PREFIX + section.id for section in pack.sections),
            *(TOPIC_PREFIX + topic.id for topic in pack.topics),
        }
    else:
        unknown = unknown_screens(pack, only)
        if unknown:
            raise ValueError(f"no such screens: {', '.join(unknown)}")
        wanted = {screen for name in only if (screen := _screen(pack, name)) is not None}
    return wanted


def render_snapshots(
    app: QApplication,
    pack: Pack,
    settings: Settings,
    out: Path,
    size: tuple[int, int],
    *,
    text_size: TextSize = TextSize.NORMAL,
    high_contrast: bool = False,
    only: Sequence[str] | None = None,
    language: str | None = None,
) -> list[Path]:
    """Write home.png, sections/<id>.png, topics/<id>.png, idle-warning.png
    and usage.png; return their paths.

    ``only`` names the screens to render (see :func:`screen_names`; a topic
    may also be named ``topics/<id>``), all of them by default; names that
    are not screens of ``pack`` raise ``ValueError``. The screens show
    ``text_size`` and ``high_contrast`` as a patient who chose them would see
    them, on the reference panel's pixel density, in ``language`` (one of
    the pack's; by default its main language; another raises ``ValueError``);
    the Usage screen shows made-up figures. Raises ``OSError`` when an image
    cannot be written.
    """
    wanted = _wanted(pack, only, language)
    sample = tempfile.TemporaryDirectory(prefix="kiosk-snapshot-")
    stats_db = Path(sample.name) / "stats.sqlite3"
    if USAGE in wanted:
        write_sample(stats_db, [topic.id for topic in pack.topics], SAMPLE_NOW.date())
    window, words = open_window(app, pack, settings, stats_db, size)
    window.set_text_size(text_size)
    window.set_high_contrast(high_contrast)
    window.set_language(language or pack.main_language)
    written: list[Path] = []
    writers = _PngWriters(_threads())

    def save(screen: str) -> None:
        settle(app)
        path = out / f"{screen}.png"
        writers.write(path, window.grab().toImage())
        written.append(path)

    try:
        if HOME in wanted:
            save(HOME)
        for section in pack.sections:
            if SECTION_PREFIX + section.id in wanted:
                window.show_home()
                window.show_section(section.id)
                save(SECTION_PREFIX + section.id)
        for topic in pack.topics:
            if TOPIC_PREFIX + topic.id in wanted:
                # As a patient opens it: from its section, with Back to it.
                window.show_home()
                if topic.section is not None:
                    window.show_section(topic.section)
                window.show_topic(topic.id)
                save(TOPIC_PREFIX + topic.id)
        if IDLE_WARNING in wanted:
            window.show_topic(pack.topics[0].id)
            window.overlay.set_seconds_left(round(window.idle.warning_ms / 1000))
            window.show_idle_warning()  # as it would show, without waiting for it
            save(IDLE_WARNING)
        if USAGE in wanted:
            _show_usage(window)
            save(USAGE)
    finally:
        try:
            writers.finish()
        finally:
            words.uninstall()
            window.locked = False
            window.close()
            window.deleteLater()
            sample.cleanup()
    return written


def open_window(
    app: QApplication,
    pack: Pack,
    settings: Settings,
    stats_db: Path,
    size: tuple[int, int],
    *,
    fixed: bool = True,
) -> tuple[KioskWindow, KioskWords]:
    """The window for the pictures, shown at ``size``, with the kiosk's own
    words in the visit's language, as the kiosk shows them. Not ``fixed``,
    it may be resized later (its size limits cannot change once shown: the
    offscreen platform warns)."""
    window = KioskWindow(
        pack,
        app=app,
        idle_timeout_ms=settings.idle_timeout_ms,
        idle_warning_ms=settings.idle_warning_ms,
        settle_ms=0,
        now=lambda: SAMPLE_NOW,
        stats_db=stats_db,
    )
    words = KioskWords(app)
    words.serve(window)
    words.use(pack.main_language, pack.words.get(pack.main_language, {}))
    window.language_changed.connect(
        lambda language: words.use(language, pack.words.get(language, {}))
    )
    # The pictures show Listen as it is on a kiosk with a speech engine;
    # nothing here ever speaks.
    window.answer.set_listen_available(True)
    if fixed:
        window.setFixedSize(*size)
    else:
        window.resize(*size)
    window.show()
    return window, words


def _show_usage(window: KioskWindow) -> None:
    """The Usage screen once its figures are read (on their worker thread)."""
    waiting = QEventLoop()
    window.usage.answered.connect(waiting.quit)
    window.show_usage()
    if window.usage.reading:  # else the answer came at once
        waiting.exec()  # the query's own timeout ends the wait at the latest
