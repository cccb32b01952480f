"""The Qt measurements, each in a fresh process started by run.py.

    python qt_child.py navigate PACK COUNT      # tap -> answer, Home -> home: latencies
    python qt_child.py home-restyle PACK COUNT  # text size changes on the home screen
    python qt_child.py language PACK COUNT      # language taps on an answer: latencies
    python qt_child.py memory PACK COUNT EVERY  # RSS and object counts while navigating
    python qt_child.py reload POLL_MS SETTLE_MS RUNS   # file saved -> new tile on screen
    python qt_child.py words PACK COUNT         # the kiosk's words switched on an answer
    python qt_child.py sections PACK FLAT COUNT # section tap -> section; pack swaps (500 topics)

Prints one line, ``RESULT {json}``. The window is built as the kiosk builds it
(``KioskWindow``, or ``kiosk.app.Kiosk`` for reload) at 1920x1080, offscreen.
Taps are real mouse presses and releases (QTest), so they pass through the
kiosk's application-wide event filters. The settle time that swallows a
second tap just after a screen change is 0 here: the benchmark taps faster
than a patient can.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchlib import RESULT_PREFIX, SCREEN_HEIGHT, SCREEN_WIDTH, rss_bytes, topic_yaml
from PySide6.QtCore import QEvent, QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import Shiboken

from kiosk.app import Kiosk, application
from kiosk.content import Block, BulletList, Pack, Paragraph, load_pack
from kiosk.content.model import Translation
from kiosk.i18n.words import KioskWords
from kiosk.paths import bundled_content
from kiosk.settings import Settings
from kiosk.ui.style.text_size import TextSize
from kiosk.ui.window import KioskWindow

WARM_UP = 10  # navigations before timing: the first visit to a screen lays it out


def emit(result: dict[str, object]) -> None:
    sys.stdout.write(RESULT_PREFIX + json.dumps(result) + "\n")
    sys.stdout.flush()


def pack_folder(name: str) -> Path:
    return bundled_content() if name == "bundled" else Path(name)


def painted(app: QApplication, window: QWidget) -> None:
    """Let every posted event (layouts, updates) run, then paint the whole window now.

    Deferred deletions run too, as they would on the way back to ``app.exec()``
    (``processEvents`` alone never runs them).
    """
    app.processEvents()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    window.repaint()


def repaint_samples(app: QApplication, window: QWidget, count: int = 50) -> list[float]:
    """Seconds to repaint ``window`` with nothing changed, ``count`` times: the baseline."""
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        painted(app, window)
        samples.append(time.perf_counter() - start)
    return samples


def build_window(app: QApplication, folder: Path) -> KioskWindow:
    window = KioskWindow(
        load_pack(folder), app=app, idle_timeout_ms=90_000, idle_warning_ms=20_000, settle_ms=0
    )
    window.setGeometry(0, 0, SCREEN_WIDTH, SCREEN_HEIGHT)
    window.show()
    painted(app, window)
    return window


class Navigator:
    """Taps tiles in a fixed order that visits every topic, then Home."""

    def __init__(self, app: QApplication, window: KioskWindow) -> None:
        self.app = app
        self.window = window
        self.count = 0

    def tap(self, widget: QWidget) -> None:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)

    def next_tile(self) -> QWidget:
        tiles = self.window.home.tiles
        # A step coprime with the tile count visits every tile, out of order.
        step = 7 if len(tiles) % 7 else 11
        tile = tiles[(self.count * step) % len(tiles)]
        self.count += 1
        # Scrolling it into view is the patient's drag, not part of the tap.
        self.window.home.scroll_area.ensureWidgetVisible(tile)
        painted(self.app, self.window)
        return tile

    def navigate(self, clock: Callable[[], float] = time.perf_counter) -> tuple[float, float]:
        """One visit; returns (tap -> answer painted, Home -> home painted) in seconds."""
        tile = self.next_tile()
        start = clock()
        self.tap(tile)
        painted(self.app, self.window)
        answered = clock()
        if self.window.current_screen != "answer":
            raise RuntimeError(f"the tap showed {self.window.current_screen!r}, not the answer")
        self.tap(self.window.answer.home_button)
        painted(self.app, self.window)
        home = clock()
        if self.window.current_screen != "home":
            raise RuntimeError(f"Home showed {self.window.current_screen!r}, not home")
        return answered - start, home - answered


def navigate(folder: Path, count: int) -> dict[str, object]:
    app = application()
    window = build_window(app, folder)
    navigator = Navigator(app, window)
    for _ in range(WARM_UP):
        navigator.navigate()
    # Baseline, same process and window: repainting the screens with no change.
    repaint = repaint_samples(app, window)
    taps, homes = [], []
    for _ in range(count):
        tap, home = navigator.navigate()
        taps.append(tap)
        homes.append(home)
    return {
        "topics": len(window.home.tiles),
        "tap_s": taps,
        "home_s": homes,
        "repaint_s": repaint,
        "warm_up": WARM_UP,
    }


def choices(folder: Path, count: int) -> dict[str, object]:
    """Text size and contrast taps on an answer screen: tap -> restyled window painted."""
    app = application()
    window = build_window(app, folder)
    window.show_topic(window.home.tiles[0].objectName().removeprefix("tile-"))
    painted(app, window)
    answer = window.answer
    # A+, A++, A, Contrast on, Contrast off: every choice a patient can make.
    cycle = [
        ("text size", answer.text_size_buttons[TextSize.LARGER]),
        ("text size", answer.text_size_buttons[TextSize.LARGEST]),
        ("text size", answer.text_size_buttons[TextSize.NORMAL]),
        ("contrast", answer.contrast_button),
        ("contrast", answer.contrast_button),
    ]
    for _ in range(WARM_UP):
        for _kind, button in cycle:
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
            painted(app, window)
    repaint = repaint_samples(app, window)
    samples: dict[str, list[float]] = {"text size": [], "contrast": []}
    for index in range(count):
        kind, button = cycle[index % len(cycle)]
        start = time.perf_counter()
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        painted(app, window)
        samples[kind].append(time.perf_counter() - start)
    if window.current_screen != "answer":
        raise RuntimeError(f"a choice left the answer screen for {window.current_screen!r}")
    return {
        "topics": len(window.home.tiles),
        "text_size_s": samples["text size"],
        "contrast_s": samples["contrast"],
        "repaint_s": repaint,
    }


def home_restyle(folder: Path, count: int) -> dict[str, object]:
    """A text size change on the home screen (as when a visit ends): every
    tile restyled and laid out again -> the window painted."""
    app = application()
    window = build_window(app, folder)
    sizes = (TextSize.LARGER, TextSize.NORMAL)
    for index in range(WARM_UP):
        window.set_text_size(sizes[index % 2])
        painted(app, window)
    repaint = repaint_samples(app, window)
    samples = []
    for index in range(count):
        start = time.perf_counter()
        window.set_text_size(sizes[index % 2])
        painted(app, window)
        samples.append(time.perf_counter() - start)
    if window.current_screen != "home":
        raise RuntimeError(f"the home screen gave way to {window.current_screen!r}")
    return {"topics": len(window.home.tiles), "restyle_s": samples, "repaint_s": repaint}


# Arabic prose to stand in for a translation of the pack's length, until the
# pack has one: right-to-left text, shaped, as costly to lay out as a real one.
ARABIC = "يساعد التحفيز المغناطيسي الدماغ على التعافي بعد السكتة الدماغية "
SPANISH = "La estimulación magnética ayuda al cerebro a recuperarse tras el ictus "


def _like(text: str, filler: str) -> str:
    """``filler`` repeated to as many words as ``text``."""
    words = filler.split()
    count = max(1, len(text.split()))
    return " ".join(words[i % len(words)] for i in range(count))


def in_three_languages(pack: Pack) -> Pack:
    """``pack`` with Spanish and Arabic translations of every text (made up,
    of the same length), unless it has languages of its own."""
    if len(pack.all_languages) > 1:
        return pack
    translations = {}
    for language, filler in (("es", SPANISH), ("ar", ARABIC)):
        topics = {}
        for topic in pack.topics:
            answer: list[Block] = []
            for block in topic.answer:
                if isinstance(block, BulletList):
                    answer.append(BulletList(tuple(_like(i, filler) for i in block.items)))
                else:
                    answer.append(Paragraph(_like(block.text, filler)))
            topics[topic.id] = dataclasses.replace(
                topic,
                question=_like(topic.question, filler) + "?",
                answer=tuple(answer),
                language=language,
            )
        translations[language] = Translation(
            title=_like(pack.title, filler),
            welcome=_like(pack.welcome or "", filler),
            footer=_like(pack.footer or "", filler),
            topics=topics,
        )
    return dataclasses.replace(pack, languages=("en", "es", "ar"), translations=translations)


def language(folder: Path, count: int) -> dict[str, object]:
    """Taps on the language buttons of an answer: tap -> the answer painted in
    the new language (right to left for Arabic)."""
    app = application()
    pack = in_three_languages(load_pack(folder))
    window = KioskWindow(pack, app=app, idle_timeout_ms=90_000, idle_warning_ms=20_000, settle_ms=0)
    # The kiosk's own words follow the tap, as in the kiosk (kiosk/app.py).
    kiosk_words = KioskWords(app)
    kiosk_words.serve(window)
    window.language_changed.connect(lambda tag: kiosk_words.use(tag, pack.words.get(tag, {})))
    window.setGeometry(0, 0, SCREEN_WIDTH, SCREEN_HEIGHT)
    window.show()
    painted(app, window)
    window.show_topic(window.home.tiles[0].objectName().removeprefix("tile-"))
    painted(app, window)
    buttons = window.answer.languages.buttons
    if not buttons or not all(button.isVisible() for button in buttons.values()):
        raise RuntimeError("the answer screen shows no language buttons")
    cycle = [buttons[tag] for tag in ("es", "ar", "en")]
    for _ in range(WARM_UP):
        for button in cycle:
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
            painted(app, window)
    repaint = repaint_samples(app, window)
    samples = []
    mirrored = []  # to or from Arabic: the whole screen mirrors too
    for index in range(count):
        button = cycle[index % len(cycle)]
        before = window.layoutDirection()
        start = time.perf_counter()
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        painted(app, window)
        samples.append(time.perf_counter() - start)
        mirrored.append(window.layoutDirection() != before)
    last = ("es", "ar", "en")[(count - 1) % 3]
    if window.current_screen != "answer" or window.language != last:
        raise RuntimeError("a language tap left the answer, or did not change the language")
    return {
        "topics": len(window.home.tiles),
        "languages": list(window.pack.all_languages if window.pack else ()),
        "language_s": samples,
        "mirrored": mirrored,
        "repaint_s": repaint,
    }


def counts() -> dict[str, int]:
    gc.collect()
    return {
        "rss": rss_bytes(),
        "qt_wrappers": len(Shiboken.getAllValidWrappers()),
        "gc_objects": len(gc.get_objects()),
    }


def memory(folder: Path, count: int, every: int) -> dict[str, object]:
    app = application()
    window = build_window(app, folder)
    navigator = Navigator(app, window)
    samples = [{"navigations": 0, **counts()}]
    for done in range(1, count + 1):
        navigator.navigate()
        if done % every == 0:
            samples.append({"navigations": done, **counts()})
    return {"topics": len(window.home.tiles), "samples": samples}


def reload(poll_ms: int, settle_ms: int, runs: int) -> dict[str, object]:
    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pack"
        folder.mkdir()
        source = bundled_content()
        (folder / "kiosk.yaml").write_bytes((source / "kiosk.yaml").read_bytes())
        (folder / "topics").mkdir()
        for file in (source / "topics").iterdir():
            (folder / "topics" / file.name).write_bytes(file.read_bytes())
        settings = Settings(content=folder, windowed=True, log_dir=Path(tmp) / "log")
        kiosk = Kiosk(app, settings, poll_ms=poll_ms, settle_ms=settle_ms)
        window = kiosk.window
        window.setGeometry(0, 0, SCREEN_WIDTH, SCREEN_HEIGHT)
        window.show()
        painted(app, window)
        times = []
        shown: list[float] = []
        loop = QEventLoop()

        def loaded(_pack: object) -> None:
            # Connected after the kiosk's own slot, which has put the new
            # tiles on the home screen by now.
            painted(app, window)
            shown.append(time.perf_counter())
            loop.quit()

        kiosk.watcher.pack_loaded.connect(loaded)
        timeout = QTimer(singleShot=True, interval=10_000 + 2 * poll_ms)
        timeout.timeout.connect(loop.quit)
        for run in range(runs):
            wait(3 * settle_ms + 50)  # nothing left pending from the run before
            shown.clear()
            topic_id = f"hot-reload-{run}"
            text = topic_yaml(f"Is this the new question number {run}?", -1 - run)
            path = folder / "topics" / f"{topic_id}.yaml"
            path.write_text(text, encoding="utf-8")  # the file is saved when this returns
            saved = time.perf_counter()
            timeout.start()
            loop.exec()
            timeout.stop()
            names = {tile.objectName() for tile in window.home.tiles}
            if not shown or window.current_screen != "home" or f"tile-{topic_id}" not in names:
                raise RuntimeError(f"{topic_id} did not appear on the home screen")
            times.append(shown[0] - saved)
        return {"poll_ms": poll_ms, "settle_ms": settle_ms, "reload_s": times}


def words(folder: Path, count: int) -> dict[str, object]:
    """The kiosk's words switched (Spanish, Arabic, English) on an answer
    screen: KioskWords.use(), every screen given its new words, hidden ones
    too -> the window painted."""
    app = application()
    window = build_window(app, folder)
    kiosk_words = KioskWords(app)
    kiosk_words.serve(window)
    window.show_topic(window.home.tiles[0].objectName().removeprefix("tile-"))
    painted(app, window)
    cycle = ("es", "ar", "en")
    for language in cycle * WARM_UP:
        kiosk_words.use(language)
        painted(app, window)
    repaint = repaint_samples(app, window)
    use_samples, samples = [], []
    for index in range(count):
        start = time.perf_counter()
        kiosk_words.use(cycle[index % len(cycle)])
        used = time.perf_counter()
        painted(app, window)
        use_samples.append(used - start)
        samples.append(time.perf_counter() - start)
    if window.current_screen != "answer":
        raise RuntimeError(f"a switch left the answer screen for {window.current_screen!r}")
    return {
        "topics": len(window.home.tiles),
        "use_s": use_samples,
        "switch_s": samples,
        "repaint_s": repaint,
    }


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def sections(folder: Path, flat_folder: Path, count: int) -> dict[str, object]:
    """A pack in sections: a section's tile tapped -> its screen painted,
    the first time (its tiles built then: a new copy of the pack is swapped
    in before each, untimed) and again (its tiles kept); its Home -> home
    painted; and a new copy of the pack swapped in on the home screen ->
    painted, beside the same swap for a pack of as many topics in one grid."""
    app = application()
    window = build_window(app, folder)
    ids = [section.id for section in window.pack.sections] if window.pack else []

    def visit(index: int) -> tuple[float, float]:
        tile = window.home.section_tile(ids[index % len(ids)])
        assert tile is not None
        start = time.perf_counter()
        QTest.mouseClick(tile, Qt.MouseButton.LeftButton)
        painted(app, window)
        shown = time.perf_counter()
        if window.current_screen != "section":
            raise RuntimeError(f"the tap showed {window.current_screen!r}, not the section")
        QTest.mouseClick(window.section_screen.home_button, Qt.MouseButton.LeftButton)
        painted(app, window)
        return shown - start, time.perf_counter() - shown

    for index in range(WARM_UP):
        visit(index)
    repaint = repaint_samples(app, window)
    taps, homes = [], []
    for index in range(count):
        tap, home = visit(index)
        taps.append(tap)
        homes.append(home)
    copies = [load_pack(folder), load_pack(folder)]
    first_taps = []
    for index in range(count):
        window.set_pack(copies[index % 2])  # untimed: the sections' tiles are built anew
        painted(app, window)
        first_taps.append(visit(index)[0])

    def swaps(on: KioskWindow, pack_folder: Path, runs: int) -> list[float]:
        copies = [load_pack(pack_folder), load_pack(pack_folder)]  # equal, not the same
        samples = []
        for index in range(runs):
            start = time.perf_counter()
            on.set_pack(copies[index % 2])
            painted(app, on)
            samples.append(time.perf_counter() - start)
        return samples

    runs = max(5, count // 20)
    sectioned_swaps = swaps(window, folder, runs)
    window.close()
    flat = build_window(app, flat_folder)
    flat_swaps = swaps(flat, flat_folder, runs)
    return {
        "topics": len(window.pack.topics) if window.pack else 0,
        "sections": len(ids),
        "tap_s": taps,
        "first_tap_s": first_taps,
        "home_s": homes,
        "repaint_s": repaint,
        "swap_s": sectioned_swaps,
        "flat_swap_s": flat_swaps,
        "warm_up": WARM_UP,
    }


def main() -> int:
    command, *args = sys.argv[1:]
    if command == "navigate":
        emit(navigate(pack_folder(args[0]), int(args[1])))
    elif command == "choices":
        emit(choices(pack_folder(args[0]), int(args[1])))
    elif command == "home-restyle":
        emit(home_restyle(pack_folder(args[0]), int(args[1])))
    elif command == "language":
        emit(language(pack_folder(args[0]), int(args[1])))
    elif command == "memory":
        emit(memory(pack_folder(args[0]), int(args[1]), int(args[2])))
    elif command == "words":
        emit(words(pack_folder(args[0]), int(args[1])))
    elif command == "sections":
        emit(sections(Path(args[0]), Path(args[1]), int(args[2])))
    elif command == "reload":
        emit(reload(int(args[0]), int(args[1]), int(args[2])))
    else:
        sys.exit(f"qt_child: unknown command {command!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
