"""Soak (monkey) test: random but valid patient, staff and admin actions on the real kiosk.

Hypothesis' stateful testing drives ``kiosk.app.Kiosk`` (the window, the
content watcher and the status, wired as in production) on a pack in a temporary
folder. Every rule is something a person does: a tap on a tile, on Home, on
"Keep reading" or on empty space, on a text size, Contrast or Listen (Qt's
silent mock voice), on a language (the pack is in English, Spanish and
Arabic, which is written right to left), a finger drag, the staff corner gesture
followed by Cancel or Back (never Exit), an admin saving a good or a broken
pack. Taps and drags go through the window handle, so Qt's hit-testing and the
kiosk's application event filters see them as they would a finger. Time is
never waited for: the idle timers are fired through their own timeout signals
(the path a real timeout takes), content reloads use ``reload_now()`` (waited
for: the folder is read on the watcher's own thread) and the watcher's own
timers are stopped, and after every step the test waits only for
conditions (no posted event left, the settle time to end, scrolling to stop).

A small model (which screen, which pack on the home screen, which pack on disk)
predicts each step's outcome; after every step the invariants are checked.

- Short run (always, ~6 s): about 300 steps from a fixed seed. A failure
  prints its steps; rerun it with the same ``KIOSK_SOAK_SEED``, or replay the
  printed blob with ``KIOSK_SOAK_BLOB``; ``KIOSK_SOAK_SHRINK=1`` shrinks it.
- Long run: ``KIOSK_SOAK_MINUTES=N pytest tests/ui/test_soak.py -k long_soak``
  runs one kiosk for N minutes, then checks that RSS and live Qt objects stayed
  flat after warm-up (the first third): under 5 MiB and 2 % growth.
"""

from __future__ import annotations

import base64
import ctypes
import functools
import gc
import hashlib
import logging
import os
import random
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from unittest import mock

import hypothesis
import pytest
import shiboken6
from hypothesis import HealthCheck, Phase, reproduce_failure, seed, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QScroller,
    QWidget,
)
from pytestqt.qtbot import QtBot

import kiosk.app
import kiosk.updates.watcher
from kiosk.app import ExceptionGuard, Kiosk
from kiosk.content import Pack, load_pack
from kiosk.content.generated import write_sectioned_pack
from kiosk.settings import Settings
from kiosk.ui.speech.speaker import Speaker
from kiosk.ui.style.text_size import TextSize
from kiosk.ui.window import KioskWindow

SETTLE_MS = 25  # the input guard's settle time (400 ms in production; waited for, never slept)
PIN = "2468"
SEED = int(os.environ.get("KIOSK_SOAK_SEED", "4242"))
BLOB = os.environ.get("KIOSK_SOAK_BLOB")  # the text inside b'…' of a printed @reproduce_failure
KNOWN_SCREENS = frozenset({"home", "answer", "unavailable", "pin", "staff", "status"})
STAFF_SCREENS = frozenset({"pin", "staff", "status"})

SHORT_RUN = settings(
    max_examples=8,
    # Shrinking a failure to its fewest steps takes minutes with a real window:
    # only on request (KIOSK_SOAK_SHRINK=1); the failing run is printed either way.
    phases=[Phase.generate, *([Phase.shrink] if os.environ.get("KIOSK_SOAK_SHRINK") else [])],
    stateful_step_count=50,
    database=None,  # reproducible from the seed alone, and no .hypothesis/ in the repository
    deadline=None,
    print_blob=True,
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow],
)
LONG_RUN_BATCH = settings(
    SHORT_RUN,
    max_examples=4,  # per batch; memory is sampled between batches
    stateful_step_count=150,
    phases=[Phase.generate],  # one kiosk runs them all: a failure cannot be replayed alone
)
LONG_RUN_WARMUP = 1 / 3  # of the run's duration
MAX_RSS_GROWTH = 5 * 2**20
MAX_OBJECT_GROWTH = 0.02


# -- the content ----------------------------------------------------------------

LONG_QUESTION = (
    "My stroke was on the left side of my brain three years ago and my right hand is "
    "still weak: could a course of magnetic stimulation help me now?"
)
QUESTIONS = [
    "What is TMS?",
    "How long does one session take?",
    "Does it hurt?",
    LONG_QUESTION,
    "Can I drive home after a session?",
    "Who should not have TMS?",
    "How many sessions will I need, and how often do I have to come to the clinic for them?",
    "What are the side effects?",
    "Can I bring someone with me?",
    "Is TMS covered by my insurance, and what do I need to bring to my first appointment "
    "so that the staff can check it for me before we start?",
    "What should I eat before?",
    "Where do I park?",
    "What is interhemispheric imbalance?",
    "Can I take my usual medicines?",
    "What if I miss a session?",
    "Who do I call with a question?",
]
TOPIC_IDS = [f"topic-{n:02d}" for n in range(len(QUESTIONS))]
FIRST_PACK_SIZE = 12  # "a dozen topics, some long"
TITLES = ["Stroke recovery and TMS", "Clinic information", "Rehabilitation clinic: your visit"]


def _answer(n: int) -> str:
    if n % 3 != 0:
        return f"Short answer number {n}.\n\nAsk our staff if anything is unclear."
    paragraph = " ".join(f"word{i}" for i in range(90)) + "."
    bullets = "\n".join(f"- Point {i} to remember about topic {n}" for i in range(8))
    return "\n\n".join([paragraph] * 4 + [bullets] + [paragraph] * 3)


ANSWERS = [_answer(n) for n in range(len(QUESTIONS))]


@dataclass(frozen=True)
class PackSpec:
    """A valid pack: its title and its topics in tile order; ``edition`` marks every question."""

    title: str
    topics: tuple[int, ...]
    edition: int = 0

    def question(self, n: int) -> str:
        return QUESTIONS[n] + (f" ({self.edition})" if self.edition else "")

    @property
    def questions(self) -> list[str]:
        return [self.question(n) for n in self.topics]

    def questions_in(self, language: str) -> list[str]:
        """The tiles' texts in ``language``: English where not translated."""
        english = [(TOPIC_IDS[n], self.question(n)) for n in self.topics]
        return [translated(language, id_, text) or text for id_, text in english]


FIRST_PACK = PackSpec(TITLES[0], tuple(range(FIRST_PACK_SIZE)))
PACKS = st.builds(
    PackSpec,
    title=st.sampled_from(TITLES),
    topics=st.lists(
        st.integers(0, len(QUESTIONS) - 1), min_size=1, max_size=len(QUESTIONS), unique=True
    ).map(tuple),
    edition=st.integers(0, 9),
)


# The pack's languages: its topics in English, all of them in Spanish and
# every other one in Arabic (written right to left); the others show in
# English, with a note. Written as an admin would: topics/<id>.<lang>.yaml.
LANGUAGES = ("en", "es", "ar")
LANGUAGE_PREFIX = {"es": "Pregunta: ", "ar": "سؤال: "}


def translated(language: str, topic_id: str, text: str) -> str | None:
    """``text`` of the topic in ``language``; None where it is not translated."""
    if language == "en":
        return text
    if language == "ar" and int(topic_id.removeprefix("topic-")) % 2:
        return None
    return LANGUAGE_PREFIX[language] + text


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_pack(folder: Path, spec: PackSpec) -> None:
    """Save ``spec`` over whatever is in ``folder``, as an admin's copy would."""
    topics = folder / "topics"
    topics.mkdir(parents=True, exist_ok=True)
    wanted = {f"{TOPIC_IDS[n]}.yaml" for n in spec.topics} | {
        f"{TOPIC_IDS[n]}.{language}.yaml"
        for n in spec.topics
        for language in LANGUAGES[1:]
        if translated(language, TOPIC_IDS[n], "") is not None
    }
    for old in topics.iterdir():
        if old.is_dir():
            shutil.rmtree(old)
        elif old.name not in wanted:
            old.unlink()
    (folder / "kiosk.yaml").write_text(
        f"schema: 1\ntitle: {_quoted(spec.title)}\nwelcome: Tap a question.\n"
        "footer: General information only. Please ask our staff.\n"
        f"languages: [{', '.join(LANGUAGES)}]\n",
        encoding="utf-8",
    )
    for language in LANGUAGES[1:]:
        (folder / f"kiosk.{language}.yaml").write_text(
            f"title: {_quoted(LANGUAGE_PREFIX[language] + spec.title)}\n", encoding="utf-8"
        )
    for order, n in enumerate(spec.topics):
        topic_id = TOPIC_IDS[n]
        body = "\n".join("  " + line if line else "" for line in ANSWERS[n].splitlines())
        (topics / f"{topic_id}.yaml").write_text(
            f"question: {_quoted(spec.question(n))}\norder: {order}\nanswer: |\n{body}\n",
            encoding="utf-8",
        )
        for language in LANGUAGES[1:]:
            question = translated(language, topic_id, spec.question(n))
            if question is not None:
                (topics / f"{topic_id}.{language}.yaml").write_text(
                    f"question: {_quoted(question)}\nanswer: |\n"
                    f"  {LANGUAGE_PREFIX[language]}1.\n\n{body}\n",
                    encoding="utf-8",
                )


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


# Ways an admin breaks a pack; each leaves the rest of the pack as it was.
BREAKAGES: dict[str, Callable[[Path], object]] = {
    "broken-yaml": lambda f: _write(f / "topics" / "zz-broken.yaml", "question: [broken\n"),
    "no-title": lambda f: _write(f / "kiosk.yaml", "schema: 1\n"),
    "schema-2": lambda f: _write(f / "kiosk.yaml", "schema: 2\ntitle: Next year\n"),
    "bad-file-name": lambda f: _write(
        f / "topics" / "Opening Hours.yaml", "question: Hours?\nanswer: Nine to five.\n"
    ),
    "unknown-key": lambda f: _write(f / "topics" / "zz-typo.yaml", "question: Typo?\nanwser: A\n"),
    "yaml-no": lambda f: _write(f / "topics" / "zz-no.yaml", "question: No\nanswer: Yes.\n"),
    "duplicate": lambda f: [
        _write(f / "topics" / f"zz-dup.{ext}", "question: Twice?\nanswer: Twice.\n")
        for ext in ("yaml", "yml")
    ],
    "no-topics": lambda f: [p.unlink() for p in (f / "topics").glob("*.yaml")],
    "folder-gone": shutil.rmtree,
}


def cheap_pin_hash(pin: str) -> str:
    """A hash in `kiosk set-pin`'s format, with scrypt's smallest cost so taps stay fast."""
    salt = b"soak-test-salt!!"
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=2, r=8, p=1, dklen=32)
    encoded = (base64.b64encode(part).decode("ascii") for part in (salt, digest))
    return "$".join(["scrypt", "2", "8", "1", *encoded])


# -- the kiosk under test ---------------------------------------------------------


class EventTally(QObject):
    """Counts the events delivered on the GUI thread, as an application event filter."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.count += 1
        return False


class ErrorRecords(logging.Handler):
    """Every ERROR record logged anywhere while the kiosk runs."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def take_content_errors(self) -> list[logging.LogRecord]:
        """Remove and return what kiosk.app logs about a pack it could not load."""
        taken = [r for r in self.records if r.name == "kiosk.app" and r.exc_info is None]
        self.records = [r for r in self.records if r not in taken]
        return taken

    def describe(self) -> str:
        formatter = logging.Formatter("%(name)s: %(message)s")
        return "\n".join(formatter.format(r) for r in self.records)


@dataclass
class Model:
    """What the kiosk should be showing."""

    screen: str
    good: PackSpec | None  # the last valid pack loaded
    on_home: PackSpec | None  # the pack the home screen shows (it waits while an answer is open)
    on_disk: PackSpec | None  # None: the folder holds a broken pack
    written: PackSpec  # the last valid pack written (what breakages break)
    warning: bool = False
    steps: int = 0
    # The visit's choices; the idle return home resets them.
    text_size: TextSize = TextSize.NORMAL
    high_contrast: bool = False
    language: str = "en"

    def forget_the_visit(self) -> None:
        self.text_size, self.high_contrast = TextSize.NORMAL, False
        self.language = "en"


@dataclass
class Rig:
    """A running Kiosk on a pack folder, its error log, and the model of it."""

    qtbot: QtBot
    folder: Path
    with_pin: bool
    broken_at_start: bool = False  # a first start with a broken pack: the calm page
    kiosk: Kiosk = field(init=False)
    errors: ErrorRecords = field(init=False)
    events: EventTally = field(init=False)
    model: Model = field(init=False)
    _previous_hook: object = field(init=False)

    def __post_init__(self) -> None:
        write_pack(self.folder, FIRST_PACK)
        if self.broken_at_start:
            BREAKAGES["no-title"](self.folder)
        self.errors = ErrorRecords()
        logging.getLogger().addHandler(self.errors)
        self.events = EventTally()
        QApplication.instance().installEventFilter(self.events)
        self._previous_hook = sys.excepthook
        settings_ = Settings(
            content=self.folder,
            idle_timeout_s=3600,  # fired deliberately, never by the clock
            idle_warning_s=600,
            staff_pin_hash=cheap_pin_hash(PIN) if self.with_pin else None,
            log_dir=self.folder.parent / "log",
        )
        window_with_short_settle = functools.partial(KioskWindow, settle_ms=SETTLE_MS)
        with mock.patch.object(kiosk.app, "KioskWindow", window_with_short_settle):
            self.kiosk = Kiosk(
                QApplication.instance(),  # type: ignore[arg-type]
                settings_,
                poll_ms=3_600_000,
                settle_ms=0,
                # Qt's silent mock voice, at its fastest: 50 ms a word.
                speaker_factory=lambda language: Speaker(language, engine="mock", rate=1.0),
                speaker_delay_ms=0,
            )
        try:
            self._show()
        except BaseException:
            self.close()
            raise

    def _show(self) -> None:
        self.kiosk.watcher.stop()  # content changes arrive only through reload_now()
        window = self.kiosk.window
        # Frameless and filling the screen, as kiosk.app shows a fullscreen
        # kiosk, at a fixed size. It must not reach past the screen: Qt finds
        # the widget under a finger by its position on the screen (QScroller's
        # delayed press, gesture targets), and the offscreen screen is only
        # 800x800; a tap beyond it would silently lose its press.
        screen = QApplication.primaryScreen().geometry()
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        window.setFixedSize(screen.size())
        window.move(screen.topLeft())
        window.show()
        self.qtbot.waitExposed(window)
        assert screen.contains(window.windowHandle().geometry())
        # As in production (kiosk.app.lock_down): an exception in a slot is
        # logged and the kiosk goes home; the error log then fails the step.
        sys.excepthook = ExceptionGuard(window)
        if self.broken_at_start:
            assert self.errors.take_content_errors()
            self.model = Model(
                screen="unavailable", good=None, on_home=None, on_disk=None, written=FIRST_PACK
            )
        else:
            self.model = Model(
                screen="home",
                good=FIRST_PACK,
                on_home=FIRST_PACK,
                on_disk=FIRST_PACK,
                written=FIRST_PACK,
            )
        calm(self)

    @property
    def window(self) -> KioskWindow:
        return self.kiosk.window

    def close(self) -> None:
        sys.excepthook = self._previous_hook  # type: ignore[assignment]
        logging.getLogger().removeHandler(self.errors)
        QApplication.instance().removeEventFilter(self.events)
        window = self.window
        window.locked = False
        window.close()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def a_quiet_pass(self) -> bool:
        """One pass of the event loop; True if it delivered no event at all,
        so that nothing was left posted."""
        before = self.events.count
        QApplication.processEvents()
        # Outside a running event loop deleteLater() waits for this; the
        # kiosk's own loop runs it before the next input event.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return self.events.count == before

    def reload_now(self) -> None:
        """A reload of the content folder, as the tests' admin asks for it."""
        self.wait_for_reload(self.kiosk.watcher.reload_now)

    def wait_for_reload(self, ask: Callable[[], object]) -> None:
        """``ask()`` for a reload, and wait for its result: the folder is read on
        the watcher's own thread, and the kiosk has applied it when this returns."""
        watcher = self.kiosk.watcher
        results: list[object] = []

        def arrived(result: object) -> None:  # after the kiosk's own slots
            results.append(result)

        watcher.pack_loaded.connect(arrived)
        watcher.load_failed.connect(arrived)
        try:
            ask()
            self.qtbot.waitUntil(lambda: bool(results), timeout=5000)
        finally:
            watcher.pack_loaded.disconnect(arrived)
            watcher.load_failed.disconnect(arrived)

    def back_to_start(self) -> None:
        """The first pack, the home screen, nothing scrolled: where each long-run batch starts."""
        write_pack(self.folder, FIRST_PACK)
        self.reload_now()
        self.window.return_home_after_idle()
        calm(self)
        assert self.window.current_screen == "home"
        assert not self.errors.records, self.errors.describe()
        self.model = Model(
            screen="home",
            good=FIRST_PACK,
            on_home=FIRST_PACK,
            on_disk=FIRST_PACK,
            written=FIRST_PACK,
            steps=self.model.steps,
        )


def calm(rig: Rig) -> None:
    """Deliver every posted event, then wait (on conditions) until a tap would be a tap again.

    Qt carries out some changes as a chain of posted events, each posted while
    the one before it is delivered, and one pass of the event loop delivers
    only what was posted before the pass began. After a pack swap on the home
    screen one pass lays out the page (the grid's new height), the next has
    the scroll area size the page and clamp its scroll offset. Until the
    chain ends, new tiles can lie below the old grid, which clips them (a tap
    there hits the page), or a small pack's tiles above a viewport that is
    still scrolled down. So passes run until one delivers nothing.
    """
    window = rig.window
    rig.qtbot.waitUntil(rig.a_quiet_pass, timeout=5000)
    if window.input_guard.settling:
        rig.qtbot.waitUntil(lambda: not window.input_guard.settling, timeout=5000)
        rig.qtbot.waitUntil(rig.a_quiet_pass, timeout=5000)
    for area in scroll_areas(window).values():
        assert QScroller.scroller(area.viewport()).state() == QScroller.State.Inactive


def scroll_areas(window: KioskWindow) -> dict[str, QAbstractScrollArea]:
    return {
        "home": window.home.scroll_area,
        "answer": window.answer.view,
        "status": window.status_screen.text,
    }


def way_home(window: KioskWindow, screen: str) -> QAbstractButton | None:
    return {
        "answer": window.answer.home_button,
        "pin": window.pin_pad.cancel,
        "staff": window.staff_menu.back_button,
        "status": window.status_screen.back_button,
    }.get(screen)


def rect_in_window(window: KioskWindow, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def centre_of(window: KioskWindow, widget: QWidget) -> QPoint:
    return widget.mapTo(window, widget.rect().center())


def button_at(window: KioskWindow, point: QPoint) -> QAbstractButton | None:
    widget = window.childAt(point)
    while widget is not None and widget is not window:
        if isinstance(widget, QAbstractButton):
            return widget
        widget = widget.parentWidget()
    return None


def nothing_to_press(window: KioskWindow, area: QAbstractScrollArea, near: QPoint) -> QPoint:
    """The point nearest ``near`` on its row, or to its right, of ``area`` with
    no button under it (the home page keeps a margin at its right edge for
    the scroll indicator)."""
    viewport = rect_in_window(window, area.viewport()).adjusted(2, 2, -2, -2)
    for x in [*range(near.x(), viewport.right(), 8), viewport.right()]:
        point = QPoint(x, near.y())
        if button_at(window, point) is None:
            return point
    raise AssertionError(f"a button under every point right of {near} on {area.accessibleName()}")


def in_corner(window: KioskWindow, point: QPoint) -> bool:
    corner = window.corner_taps.corner_px
    return point.x() <= corner and point.y() <= corner


def visible_tiles(window: KioskWindow) -> list[tuple[QAbstractButton, QPoint]]:
    """The tiles a finger can reach now, each with the centre of its visible part."""
    viewport = rect_in_window(window, window.home.scroll_area.viewport())
    reachable = []
    for tile in window.home.tiles:
        seen = rect_in_window(window, tile).intersected(viewport)
        if seen.width() >= 20 and seen.height() >= 20:
            reachable.append((tile, seen.center()))
    return reachable


def fire(timer: QTimer) -> None:
    """What a single-shot timer does when its time is up, without waiting for it."""
    assert timer.isActive()
    timer.stop()
    timer.timeout.emit()


# -- the machine --------------------------------------------------------------------


def on(*screens: str) -> Callable[[KioskMachine], bool]:
    return lambda self: self.model.screen in screens


def browsing(self: KioskMachine) -> bool:
    """On the home screen, with no idle warning over it (a chosen language
    warns there too): the tiles can be tapped."""
    return self.model.screen == "home" and not self.model.warning


def reading(self: KioskMachine) -> bool:
    """On an answer, with no idle warning over it: the visit's controls can be tapped."""
    return self.model.screen == "answer" and not self.model.warning


class KioskMachine(RuleBasedStateMachine):
    """The rules and invariants; subclasses provide the rig.

    Every rule takes one ``data`` argument and draws the rest (labelled, so a
    failure prints them). Hypothesis favours the first applicable rule, in
    the order of argument count then name: the patient's rules come first
    (``patient_…``), then the staff's, and the admin's (``update_…``).
    """

    rig: Rig

    @property
    def window(self) -> KioskWindow:
        return self.rig.window

    @property
    def model(self) -> Model:
        return self.rig.model

    @property
    def handle(self) -> QWindow:
        handle = self.window.windowHandle()
        assert handle is not None
        return handle

    def tap(self, point: QPoint) -> None:
        assert self.window.rect().contains(point), point
        QTest.mouseClick(self.handle, Qt.MouseButton.LeftButton, pos=point)

    def tap_button(self, button: QAbstractButton) -> None:
        where = centre_of(self.window, button)
        assert self.window.childAt(where) is button, f"a tap on {button.text()!r} misses it"
        self.tap(where)

    def go_home(self) -> None:
        """The model of KioskWindow.show_home: a waiting pack is shown now."""
        self.model.on_home = self.model.good
        self.model.screen = "home" if self.model.good is not None else "unavailable"
        self.model.warning = False

    def expect_reload(self) -> None:
        """The model of a reload of what is on disk (watcher.reload_now)."""
        model = self.model
        if model.on_disk is None:
            logged = self.rig.errors.take_content_errors()
            assert logged, "a broken pack was loaded without an error in the log"
            assert logged[0].getMessage().startswith("content not loaded ("), logged[0]
            assert "error" in self.rig.kiosk.status.last_result
            return
        model.good = model.on_disk
        if model.screen != "answer":  # never under someone reading
            model.on_home = model.good
            if model.screen == "unavailable":
                model.screen = "home"

    # -- patients -------------------------------------------------------------
    @precondition(on("answer"))
    @rule(data=st.data())
    def patient_goes_home(self, data: st.DataObject) -> None:
        window = self.window
        double = data.draw(st.booleans(), label="double tap")
        where = centre_of(window, window.answer.home_button)
        self.tap(where)
        if self.model.warning:
            self.model.warning = False  # under the warning, a tap only dismisses it
        else:
            self.go_home()
            if double and window.input_guard.settling:
                self.tap(where)  # a shaky second tap, on the home screen: ignored
        calm(self.rig)

    @precondition(lambda self: self.model.warning)
    @rule(data=st.data())
    def patient_keeps_reading(self, data: st.DataObject) -> None:
        with self.rig.qtbot.waitSignal(self.window.idle.resumed, timeout=1000):
            self.tap_button(self.window.overlay.button)
        self.model.warning = False
        calm(self.rig)

    @precondition(browsing)
    @rule(data=st.data())
    def patient_opens_a_topic(self, data: st.DataObject) -> None:
        window = self.window
        tiles = visible_tiles(window)
        assert tiles, "no tile can be tapped on the home screen"
        tile, where = data.draw(st.sampled_from(tiles), label="tile")
        double = data.draw(st.booleans(), label="double tap")
        assert window.childAt(where) is tile, "the tile is not what a finger there would hit"
        topic_id = tile.objectName().removeprefix("tile-")
        self.tap(where)
        if double and window.input_guard.settling:
            self.tap(where)  # a shaky second tap, on the answer screen: ignored
        self.model.screen = "answer"
        assert window.current_screen == "answer"
        assert window.answer.topic is not None
        assert window.answer.topic.id == topic_id
        assert window.answer.topic.question == tile.text()
        calm(self.rig)

    @precondition(lambda self: browsing(self) or self.model.screen in ("answer", "status"))
    @rule(data=st.data())
    def patient_scrolls_with_a_finger(self, data: st.DataObject) -> None:
        window = self.window
        area = scroll_areas(window)[self.model.screen]
        viewport = rect_in_window(window, area.viewport()).adjusted(2, 2, -2, -2)
        corner = window.corner_taps.corner_px
        x = data.draw(st.integers(max(viewport.left(), corner + 1), viewport.right()), label="x")
        y = data.draw(st.integers(viewport.top(), viewport.bottom()), label="y")
        # A drag, not a tap: 40 px at least, and the finger stays on the area.
        end_y = data.draw(
            st.integers(viewport.top(), viewport.bottom()).filter(lambda e: abs(e - y) >= 40),
            label="to y",
        )
        moves = data.draw(st.integers(2, 12), label="moves")
        start, end = QPoint(x, y), QPoint(x, end_y)
        bar = area.verticalScrollBar()
        scrollable = bar.maximum() > 0
        pressed, released = button_at(window, start), button_at(window, end)

        QTest.mousePress(self.handle, Qt.MouseButton.LeftButton, pos=start)
        for step in range(1, moves + 1):
            QTest.mouseMove(self.handle, start + (end - start) * step / moves)
            QApplication.processEvents()
        QTest.mouseRelease(self.handle, Qt.MouseButton.LeftButton, pos=end)
        scroller = QScroller.scroller(area.viewport())
        if scroller.state() != QScroller.State.Inactive:
            # A finger on the glass stops the fling: no waiting for it to run
            # out. Where nothing can be pressed: Qt lets a tap through to what
            # lies under it once the fling is slower than the scroller's
            # MaximumClickThroughVelocity, and the fling's speed follows the
            # real time the drag took, which a busy machine stretches.
            stop = nothing_to_press(window, area, end)
            QTest.mouseClick(self.handle, Qt.MouseButton.LeftButton, pos=stop)
        assert scroller.state() == QScroller.State.Inactive
        assert 0 <= bar.value() <= bar.maximum()

        if self.model.warning:
            # Any press answers the warning: on the dimmed screen at once, on
            # "Keep reading" when the finger lifts or slides off it.
            self.model.warning = False
        elif not scrollable and pressed is not None and pressed is released:
            # Nothing to scroll, and the finger lifted on the tile it touched: a tap.
            self.model.screen = "answer"
        calm(self.rig)

    @rule(data=st.data())
    def patient_taps_empty_space(self, data: st.DataObject) -> None:
        window = self.window
        width, height = window.width(), window.height()
        empty = [
            point
            for x in range(width // 32, width, width // 16)
            for y in range(height // 20, height, height // 10)
            if not in_corner(window, point := QPoint(x, y)) and button_at(window, point) is None
        ]
        assert empty, "no empty space at all"
        self.tap(data.draw(st.sampled_from(empty), label="point"))
        self.model.warning = False
        calm(self.rig)

    # -- staff ------------------------------------------------------------------
    @precondition(on("pin"))
    @rule(data=st.data())
    def staff_cancels_the_pin(self, data: st.DataObject) -> None:
        self.tap_button(self.window.pin_pad.cancel)
        self.go_home()
        calm(self.rig)

    @rule(data=st.data())
    def staff_corner_gesture(self, data: st.DataObject) -> None:
        window = self.window
        corner = QPoint(8, 8)
        assert in_corner(window, corner)
        for _ in range(window.corner_taps.taps):
            self.tap(corner)
        self.model.warning = False  # the first tap answers it
        if self.model.screen not in STAFF_SCREENS:
            self.model.screen = "pin" if self.rig.with_pin else "staff"
        calm(self.rig)

    @precondition(on("staff"))
    @rule(data=st.data())
    def staff_goes_back(self, data: st.DataObject) -> None:
        self.tap_button(self.window.staff_menu.back_button)
        self.go_home()
        calm(self.rig)

    @precondition(on("staff"))
    @rule(data=st.data())
    def staff_opens_status(self, data: st.DataObject) -> None:
        self.tap_button(self.window.staff_menu.status_button)
        self.model.screen = "status"
        calm(self.rig)

    @precondition(on("staff"))
    @rule(data=st.data())
    def staff_reloads_now(self, data: st.DataObject) -> None:
        menu = self.window.staff_menu
        self.rig.wait_for_reload(lambda: self.tap_button(menu.reload_button))
        assert not menu.reloading
        self.expect_reload()
        assert menu.note.text().startswith(f"{self.rig.kiosk.status.summary}. Checked at ")
        calm(self.rig)

    @precondition(on("status"))
    @rule(data=st.data())
    def staff_status_back(self, data: st.DataObject) -> None:
        self.tap_button(self.window.status_screen.back_button)
        self.model.screen = "staff"
        calm(self.rig)

    @precondition(on("pin"))
    @rule(data=st.data())
    def staff_types_the_pin(self, data: st.DataObject) -> None:
        pad = self.window.pin_pad
        wrong = data.draw(st.none() | st.text("0123456789", min_size=1, max_size=8), label="wrong")
        if wrong == PIN or (wrong is not None and pad.failures >= pad.max_failures - 1):
            wrong = None  # never the lock-out: it lasts a minute of real time
        for key in [*(wrong or PIN), "OK"]:
            self.tap_button(pad.keys[key])
        # The PIN is checked off the GUI thread: its answer comes by the event loop.
        self.rig.qtbot.waitUntil(lambda: not pad.checking, timeout=5000)
        if wrong is None:
            self.model.screen = "staff"
        calm(self.rig)

    # -- time -----------------------------------------------------------------
    @precondition(reading)
    @rule(data=st.data())
    def patient_chooses_a_text_size(self, data: st.DataObject) -> None:
        size = data.draw(st.sampled_from(list(TextSize)), label="text size")
        self.tap_button(self.window.answer.text_size_buttons[size])
        self.model.text_size = size
        calm(self.rig)

    @precondition(lambda self: browsing(self) or reading(self))
    @rule(data=st.data())
    def patient_chooses_a_language(self, data: st.DataObject) -> None:
        """A language button, or "Language" and a language on the chooser."""
        window = self.window
        screen = window.home if self.model.screen == "home" else window.answer
        language = data.draw(st.sampled_from(LANGUAGES), label="language")
        choice = screen.languages
        if choice.uses_chooser:
            self.tap_button(choice.chooser_button)
            calm(self.rig)
            assert window.current_screen == "languages"
            self.tap_button(window.languages_screen.tiles[language])
        else:
            self.tap_button(choice.buttons[language])
        self.model.language = language
        assert window.current_screen == self.model.screen
        calm(self.rig)

    @precondition(reading)
    @rule(data=st.data())
    def patient_switches_contrast(self, data: st.DataObject) -> None:
        self.tap_button(self.window.answer.contrast_button)
        self.model.high_contrast = not self.model.high_contrast
        calm(self.rig)

    @precondition(lambda self: reading(self) and self.window.answer.listen_button.isVisible())
    @rule(data=st.data())
    def patient_taps_listen(self, data: st.DataObject) -> None:
        """Listen, or Stop: the voice is the silent mock engine's."""
        self.tap_button(self.window.answer.listen_button)
        calm(self.rig)

    # Nobody goes idle while the kiosk reads to them: the clock is held.
    @precondition(lambda self: not self.model.warning and not self.window.idle.held)
    @rule(data=st.data())
    def patient_stops_touching(self, data: st.DataObject) -> None:
        """Nobody touches the screen until the idle timeout."""
        window = self.window
        # An answer, or a home screen in a language the patient chose, warns
        # first; the main language's home screen goes back without a word.
        screen, chosen = self.model.screen, self.model.language != LANGUAGES[0]
        reading = screen == "answer" or (screen == "home" and chosen)
        signal = window.idle.warning_started if reading else window.idle.expired
        with self.rig.qtbot.waitSignal(signal, timeout=1000):
            fire(window.idle._idle)
        if reading:
            self.model.warning = True
        else:
            self.go_home()
            self.model.forget_the_visit()
            assert window.home.scroll_area.verticalScrollBar().value() == 0
        calm(self.rig)

    @precondition(lambda self: self.model.warning)
    @rule(data=st.data())
    def patient_walks_away(self, data: st.DataObject) -> None:
        window = self.window
        with self.rig.qtbot.waitSignal(window.idle.expired, timeout=1000):
            fire(window.idle._countdown)
        self.go_home()
        self.model.forget_the_visit()
        assert window.answer.view.verticalScrollBar().value() == 0
        assert window.home.scroll_area.verticalScrollBar().value() == 0
        calm(self.rig)

    # -- admins -------------------------------------------------------------------
    @rule(data=st.data())
    def update_with_a_broken_pack(self, data: st.DataObject) -> None:
        breakage = data.draw(st.sampled_from(sorted(BREAKAGES)), label="breakage")
        write_pack(self.rig.folder, self.model.written)
        BREAKAGES[breakage](self.rig.folder)
        self.model.on_disk = None
        self.rig.reload_now()
        self.expect_reload()
        calm(self.rig)

    @rule(data=st.data())
    def update_with_a_good_pack(self, data: st.DataObject) -> None:
        spec = data.draw(PACKS, label="pack")
        write_pack(self.rig.folder, spec)
        self.model.on_disk = self.model.written = spec
        self.rig.reload_now()
        self.expect_reload()
        calm(self.rig)

    # -- invariants -----------------------------------------------------------------
    @invariant()
    def after_every_step(self) -> None:
        self.model.steps += 1
        self.no_error_logged()  # first: an exception's traceback explains the rest
        self.one_visible_window()
        self.the_expected_screen()
        self.a_way_home()
        self.the_idle_warning_covers_all_or_nothing()
        self.home_shows_the_last_good_pack()
        self.no_half_finished_gesture()
        self.the_visits_choices()

    def the_visits_choices(self) -> None:
        window = self.window
        assert window.text_size is self.model.text_size
        assert window.high_contrast == self.model.high_contrast
        if window.pack is not None:
            assert window.language == self.model.language
            right_to_left = self.model.language == "ar"
            assert (window.layoutDirection() == Qt.LayoutDirection.RightToLeft) == right_to_left
        # Stop shows exactly while the kiosk reads the answer, and only then
        # is the idle clock held; a held clock always has a voice speaking.
        speaking = window.speaker is not None and window.speaker.is_speaking()
        assert window.answer.listen_button.isChecked() == window.idle.held
        assert speaking or not window.idle.held
        if window.current_screen != "answer":
            assert not window.idle.held

    def one_visible_window(self) -> None:
        widgets = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        assert widgets == [self.window], widgets
        windows = [w for w in QGuiApplication.topLevelWindows() if w.isVisible()]
        assert windows == [self.handle], windows

    def the_expected_screen(self) -> None:
        screen = self.window.current_screen
        assert screen in KNOWN_SCREENS
        assert screen == self.model.screen, f"showing {screen}, expected {self.model.screen}"

    def a_way_home(self) -> None:
        window = self.window
        button = way_home(window, window.current_screen)
        if button is None:
            assert window.current_screen in ("home", "unavailable")
            return
        where = rect_in_window(window, button)
        assert button.isVisible(), f"{button.text()} is hidden on {window.current_screen}"
        assert window.rect().contains(where), f"{button.text()} at {where} is off the window"
        if not window.overlay.isVisible():
            hit = window.childAt(where.center())
            assert hit is button, f"a tap on {button.text()} would hit {hit}"

    def the_idle_warning_covers_all_or_nothing(self) -> None:
        window, overlay = self.window, self.window.overlay
        assert overlay.isVisible() == self.model.warning == window.idle.warning
        if overlay.isVisible():
            assert overlay.geometry() == window.rect()
            rect = window.rect().adjusted(1, 1, -1, -1)
            for point in (rect.topLeft(), rect.bottomRight(), rect.center(), rect.bottomLeft()):
                hit = window.childAt(point)
                assert hit is overlay or overlay.isAncestorOf(hit), f"{point} hits {hit}"

    def no_error_logged(self) -> None:
        assert not self.rig.errors.records, "logged:\n" + self.rig.errors.describe()

    def home_shows_the_last_good_pack(self) -> None:
        window, model = self.window, self.model
        shown = model.on_home
        texts = [tile.text() for tile in window.home.tiles]
        if shown is None:
            assert window.pack is None
            return
        if model.screen == "home" or window.pack is None:
            # (Elsewhere the home screen catches up with the language when shown.)
            assert texts == shown.questions_in(window.language)
        title = shown.title
        if window.language != "en":
            title = LANGUAGE_PREFIX[window.language] + title
        if model.screen == "home":
            assert window.home.title.text() == title
        if model.screen in ("home", "unavailable"):
            assert shown == model.good
        # No tile of an earlier pack is left behind (deleted, not just unlisted).
        host = window.home.scroll_area.widget()
        left = [b for b in host.findChildren(QAbstractButton) if b not in window.home.tiles]
        assert not left, [b.text() for b in left]
        assert self.rig.kiosk.status.topic_count == len(model.good.topics if model.good else ())

    def no_half_finished_gesture(self) -> None:
        assert self.window.corner_taps.count == 0
        assert not self.window.input_guard.settling


class FreshKioskMachine(KioskMachine):
    """A new kiosk for every run: the short soak."""

    qtbot: QtBot
    folders: Iterator[Path]

    @initialize(with_pin=st.booleans(), broken_at_start=st.booleans())
    def start(self, with_pin: bool, broken_at_start: bool) -> None:
        self.rig = Rig(
            self.qtbot, next(self.folders), with_pin=with_pin, broken_at_start=broken_at_start
        )

    def teardown(self) -> None:
        if hasattr(self, "rig"):
            self.rig.close()


class SharedKioskMachine(KioskMachine):
    """One kiosk for the whole long soak, back at its start after every batch."""

    shared: Rig

    def __init__(self) -> None:
        super().__init__()
        self.rig = self.shared

    def teardown(self) -> None:
        self.rig.back_to_start()


# -- the tests ---------------------------------------------------------------------


def run_soak(machine: Callable[[], KioskMachine], run_settings: settings, run_seed: int) -> None:
    factory = seed(run_seed)(functools.partial(machine))
    if BLOB:
        factory = reproduce_failure(hypothesis.__version__, BLOB.encode("ascii"))(factory)
    try:
        run_state_machine_as_test(factory, settings=run_settings)
    except BaseException as error:
        error.add_note(
            f"Soak seed {run_seed}: rerun with KIOSK_SOAK_SEED={run_seed} (and this run's "
            "KIOSK_SOAK_MINUTES, if any), or replay the printed @reproduce_failure with "
            "KIOSK_SOAK_BLOB=<the text inside its b'...'>; KIOSK_SOAK_SHRINK=1 shrinks it."
        )
        raise


def test_short_soak(qtbot: QtBot, tmp_path: Path) -> None:
    folders = (tmp_path / f"run{n}" / "content" for n in count())
    machine = type("Soak", (FreshKioskMachine,), {"qtbot": qtbot, "folders": folders})
    run_soak(machine, SHORT_RUN, SEED)


# -- a pack in sections -------------------------------------------------------------------


def press(button: QAbstractButton) -> None:
    """Presses ``button`` as a patient can only if it is on screen: ``click()``
    alone would also press a hidden tile, and a screen showing none would pass."""
    assert button.isVisible(), f"{button.objectName() or button.text()!r} is not on screen"
    button.click()


@dataclass
class SectionedWalk:
    """A patient's random steps on a pack in sections, and where the model
    says they should be after each: ``screen``, the ``section`` open (or the
    answer's, behind it), and whether the answer was opened from a section."""

    window: KioskWindow
    qtbot: QtBot
    packs: tuple[Pack, Pack]
    steps: random.Random
    screen: str = "home"
    section: str | None = None
    from_section: bool = False

    @property
    def pack(self) -> Pack:
        assert self.window.pack is not None
        return self.window.pack

    def act(self, choice: str) -> bool:
        """Does ``choice`` if it can be done where the patient is; whether it was."""
        window, screen = self.window, self.screen
        if choice == "section" and screen == "home":
            self.section = self.steps.choice(self.pack.sections).id
            tile = window.home.section_tile(self.section)
            assert tile is not None
            press(tile)
            self.screen = "section"
        elif choice == "topic" and screen == "section":
            press(self.steps.choice(window.section_screen.tiles))
            self.screen, self.from_section = "answer", True
        elif choice == "back" and screen in ("section", "answer"):
            if screen == "answer":
                waiting = window.waiting_pack or self.pack
                kept = self.section in {s.id for s in waiting.sections}
                press(window.answer.back_button)
                self.screen = "section" if kept else "home"
            else:
                press(window.section_screen.back_button)
                self.screen = "home"
        elif choice == "home" and screen in ("section", "answer"):
            home = window.answer.home_button if screen == "answer" else None
            press(home or window.section_screen.home_button)
            self.screen = "home"
        elif choice == "language":
            window.set_language(self.steps.choice(self.pack.all_languages))
        elif choice == "idle" and screen != "home":
            fire(window.idle._idle)
            with self.qtbot.waitSignal(window.idle.expired, timeout=1000):
                fire(window.idle._countdown)
            self.screen, self.section = "home", None
        elif choice == "swap":
            new = self.packs[0] if window.pack is self.packs[1] else self.packs[1]
            window.set_pack(new)
            if screen == "section" and self.section not in {s.id for s in new.sections}:
                self.screen = "home"
        else:
            return False
        if self.screen != "answer":
            self.from_section = False
        return True

    def check(self, done: list[str]) -> None:
        window, shown = self.window, self.window.view
        assert shown is not None
        assert window.current_screen == self.screen, done[-20:]
        if self.screen == "section":
            section_id = window.section_screen.section_id
            assert section_id == self.section, done[-20:]
            assert [t.objectName() for t in window.section_screen.tiles] == [
                f"tile-{t.id}" for t in shown.section_topics(section_id)
            ]
            heading = next(s.title for s in shown.sections if s.id == section_id)
            assert window.section_screen.heading.text() == heading
            assert all(t.isVisible() for t in window.section_screen.tiles), done[-20:]
        elif self.screen == "home":
            assert [t.text() for t in window.home.tiles] == [s.title for s in shown.sections]
            assert all(t.isVisible() for t in window.home.tiles), done[-20:]
        else:
            assert window.answer.back_button.isVisible() == self.from_section


def test_sectioned_soak(
    qtbot: QtBot, tmp_path: Path, open_window: Callable[..., KioskWindow]
) -> None:
    """Random patient steps on a pack in sections (a section, a topic, Back,
    Home, a language, the idle return) and live swaps to a pack that lacks
    some sections, from a fixed seed; after every step the window shows what
    the model expects, and a section's screen shows exactly its topics."""
    big = load_pack(write_sectioned_pack(tmp_path / "big", topics=60, sections=6))
    small = load_pack(write_sectioned_pack(tmp_path / "small", topics=16, sections=4))
    window = open_window(big, size=(1280, 800), idle_timeout_ms=60_000, idle_warning_ms=20_000)
    walk = SectionedWalk(
        window, qtbot, (big, small), random.Random(int(os.environ.get("KIOSK_SOAK_SEED", SEED)))
    )
    choices = ["section", "topic", "back", "home", "language", "idle", "swap", "swap"]
    done: list[str] = []
    for _ in range(400):
        choice = walk.steps.choice(choices)
        if walk.act(choice):
            done.append(f"{choice} -> {window.current_screen}")
            walk.check(done)
    assert len(done) > 150  # most steps did something


ONE_LINE_TOPICS = tuple(n for n, question in enumerate(QUESTIONS) if len(question) < 40)


@pytest.mark.parametrize(
    ("before", "scrolled_down", "after"),
    [
        # More tiles than the grid was high: the new ones lie below it until
        # the page is laid out, where a tap hits the page.
        ((11,), False, ONE_LINE_TOPICS),
        # One tile, on a page scrolled down: above the viewport until the
        # scroll area clamps the offset.
        (ONE_LINE_TOPICS, True, (11,)),
    ],
    ids=["more-tiles", "one-tile-after-scrolling-down"],
)
def test_calm_waits_until_a_new_pack_is_laid_out(
    qtbot: QtBot,
    tmp_path: Path,
    before: tuple[int, ...],
    scrolled_down: bool,
    after: tuple[int, ...],
) -> None:
    """After calm(), every tile in view is where a finger finds it, however
    many passes of the event loop Qt takes to lay out a new pack."""
    rig = Rig(qtbot, tmp_path / "content", with_pin=False)
    try:
        window = rig.window
        bar = window.home.scroll_area.verticalScrollBar()

        def swap_to(topics: tuple[int, ...]) -> PackSpec:
            spec = PackSpec(TITLES[0], topics)
            write_pack(rig.folder, spec)
            window.set_pack(load_pack(rig.folder))  # as kiosk.app does with a reloaded pack
            return spec

        swap_to(before)
        qtbot.waitUntil(rig.a_quiet_pass)
        if scrolled_down:
            assert bar.maximum() > 0
            bar.setValue(bar.maximum())
            qtbot.waitUntil(rig.a_quiet_pass)

        spec = swap_to(after)
        calm(rig)
        assert [tile.text() for tile in window.home.tiles] == spec.questions
        reachable = visible_tiles(window)
        assert reachable, f"none of {len(spec.topics)} tiles in view, scrolled to {bar.value()}"
        for tile, where in reachable:
            assert window.childAt(where) is tile, f"a tap on {tile.objectName()} misses it"
    finally:
        rig.close()


def rss_bytes() -> int:
    """Resident memory, after glibc has given back the free memory it keeps.

    glibc's allocator holds on to freed memory (up to some 20 MiB in a
    10-minute soak, with the heap in use flat at 18-20 MiB), which a
    leak check would take for growth; trimming first measures what the
    kiosk still uses.
    """
    _trim_malloc()
    resident_pages = Path("/proc/self/statm").read_text(encoding="ascii").split()[1]
    return int(resident_pages) * os.sysconf("SC_PAGE_SIZE")


def _trim_malloc() -> None:
    try:
        libc = ctypes.CDLL("libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to trim
        return
    trim(0)


def live_qt_objects() -> int:
    return len(shiboken6.Shiboken.getAllValidWrappers())


@pytest.mark.skipif(
    not os.environ.get("KIOSK_SOAK_MINUTES"), reason="long soak: set KIOSK_SOAK_MINUTES=N"
)
@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads RSS from /proc")
def test_long_soak(qtbot: QtBot, tmp_path: Path) -> None:
    minutes = float(os.environ["KIOSK_SOAK_MINUTES"])
    base_seed = int(os.environ.get("KIOSK_SOAK_SEED", str(random.randrange(2**32))))
    # pytest keeps every WARNING and ERROR record of a test for its report:
    # over hours of broken packs that alone would grow RSS. The soak's own
    # handler still sees every record.
    root = logging.getLogger()
    pytest_handlers = [h for h in root.handlers if type(h).__module__.startswith("_pytest")]
    for handler in pytest_handlers:
        root.removeHandler(handler)
    rig = Rig(qtbot, tmp_path / "content", with_pin=True)
    machine = type("LongSoak", (SharedKioskMachine,), {"shared": rig})
    started = time.monotonic()
    samples: list[tuple[float, int, int]] = []  # (seconds, RSS, live Qt objects)
    try:
        for batch in count():
            if time.monotonic() - started >= minutes * 60:
                break
            run_soak(machine, LONG_RUN_BATCH, base_seed + batch)
            gc.collect()
            samples.append((time.monotonic() - started, rss_bytes(), live_qt_objects()))
    finally:
        rig.close()
        for handler in pytest_handlers:
            root.addHandler(handler)

    warm = [s for s in samples if s[0] >= minutes * 60 * LONG_RUN_WARMUP]
    report = (
        f"long soak: {rig.model.steps} steps in {len(samples)} batches, "
        f"{samples[-1][0] / 60:.1f} min, seeds {base_seed}+; after warm-up: "
    )
    assert len(warm) >= 3, report + f"too few batches to judge ({len(warm)})"
    (_, rss_before, objects_before), (_, _, objects_after) = warm[0], warm[-1]
    rss_after = statistics.median(s[1] for s in warm[-3:])
    report += (
        f"RSS {rss_before / 2**20:.1f} -> {rss_after / 2**20:.1f} MiB, "
        f"live Qt objects {objects_before} -> {objects_after}"
    )
    print(report)
    assert rss_after - rss_before < MAX_RSS_GROWTH, report
    assert objects_after - objects_before < MAX_OBJECT_GROWTH * objects_before, report
