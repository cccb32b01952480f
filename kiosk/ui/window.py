"""The kiosk's one window: home and answer screens, the idle warning on top."""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QApplication, QLayout, QStackedLayout, QWidget

from kiosk.content import Pack
from kiosk.paths import resource
from kiosk.ui import theme
from kiosk.ui.answer import AnswerScreen
from kiosk.ui.home import HomeScreen
from kiosk.ui.idle import IdleMonitor, IdleOverlay
from kiosk.ui.input_guard import InputGuard

log = logging.getLogger(__name__)

READING_WORDS_PER_MINUTE = 100  # a slow reader's pace; the idle timeout never cuts one off
EXIT_SHORTCUT = "Ctrl+Shift+Q"


class KioskWindow(QWidget):
    """Shows one pack. Timings are parameters so tests can use milliseconds.

    In ``locked`` mode (fullscreen on a kiosk) close requests and Escape are
    ignored; only the staff shortcut ends the program.
    """

    screen_changed = Signal(str)  # "home" or "answer"

    def __init__(
        self,
        pack: Pack,
        *,
        app: QApplication,
        idle_timeout_ms: int,
        idle_warning_ms: int,
        settle_ms: int = 400,
        reading_words_per_minute: int = READING_WORDS_PER_MINUTE,
        locked: bool = False,
        palette: theme.Palette | None = None,
    ) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setWindowTitle(pack.title)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.locked = locked
        self.reading_words_per_minute = reading_words_per_minute
        self._closing_allowed = False
        self.palette_ = palette or theme.Palette()
        self._metrics: theme.Metrics | None = None
        self._app = app

        self.home = HomeScreen(self.palette_)
        self.answer = AnswerScreen(self.palette_)
        self._stack = QStackedLayout(self)
        # The screen sets the window's size, never its content: long texts
        # wrap and scroll inside it instead of making it taller than the panel.
        self._stack.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._stack.addWidget(self.home)
        self._stack.addWidget(self.answer)
        self.overlay = IdleOverlay(self.palette_, self)

        self.idle = IdleMonitor(idle_timeout_ms, idle_warning_ms, self)
        self.input_guard = InputGuard(settle_ms, self)
        # The input guard is installed last so it sees events first: a
        # swallowed tap should not count as activity either way.
        self._app.installEventFilter(self.idle)
        self._app.installEventFilter(self.input_guard)

        self.home.topic_chosen.connect(self.show_topic)
        self.answer.home_requested.connect(self.show_home)
        self.overlay.keep_reading.connect(self.idle.activity)
        self.idle.warning_started.connect(self.show_idle_warning)
        self.idle.countdown.connect(self.overlay.set_seconds_left)
        self.idle.resumed.connect(self.overlay.hide)
        # The tap that ends the warning must not also press what lies below.
        self.idle.resumed.connect(self.input_guard.settle)
        self.idle.expired.connect(self.return_home_after_idle)

        exit_shortcut = QShortcut(QKeySequence(EXIT_SHORTCUT), self)
        exit_shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        exit_shortcut.activated.connect(self.staff_exit)

        self.set_pack(pack)
        self.show_home()

    # -- content -----------------------------------------------------------
    def set_pack(self, pack: Pack) -> None:
        self.pack = pack
        self.setWindowTitle(pack.title)
        self.home.set_pack(pack)
        self.answer.set_footer(pack.footer)

    # -- navigation ---------------------------------------------------------
    @property
    def current_screen(self) -> str:
        return "answer" if self._stack.currentWidget() is self.answer else "home"

    def show_home(self) -> None:
        self._switch_to(self.home)
        self.idle.restart(warn=False)

    def show_topic(self, topic_id: str) -> None:
        topic = self.pack.topic(topic_id)
        self.answer.show_topic(topic)
        self._switch_to(self.answer)
        reading = reading_time_ms(topic.word_count, self.reading_words_per_minute)
        self.idle.restart(minimum_ms=reading)

    def _switch_to(self, screen: QWidget) -> None:
        self.overlay.hide()
        changed = self._stack.currentWidget() is not screen
        self._stack.setCurrentWidget(screen)
        if changed:
            self.input_guard.settle()
            self.screen_changed.emit(self.current_screen)

    def return_home_after_idle(self) -> None:
        """Forget the visit: home, first row of tiles, answer scrolled to top."""
        if self.current_screen != "home":
            log.info("returned home")  # all a log may say of a patient's visit
        self.answer.reset()
        self.home.reset()
        self.show_home()

    def show_idle_warning(self) -> None:
        self.overlay.setGeometry(self.rect())
        self.overlay.show()
        self.overlay.raise_()

    # -- staff and window manager ---------------------------------------------
    def staff_exit(self) -> None:
        log.info("staff exit")
        self._closing_allowed = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.locked and not self._closing_allowed:
            event.ignore()
            return
        self.idle.stop()
        self._app.removeEventFilter(self.idle)
        self._app.removeEventFilter(self.input_guard)
        super().closeEvent(event)

    # -- layout ---------------------------------------------------------------
    @property
    def metrics(self) -> theme.Metrics:
        """The sizes in use, for the window's current size."""
        return self._metrics or theme.metrics_for(self.width(), self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        metrics = theme.metrics_for(self.width(), self.height())
        self.overlay.setGeometry(self.rect())
        if metrics != self._metrics:
            self._apply_metrics(metrics)

    def _apply_metrics(self, metrics: theme.Metrics) -> None:
        self._metrics = metrics
        self.setStyleSheet(theme.stylesheet(resource("kiosk.qss"), self.palette_, metrics))
        self.home.apply_metrics(metrics)
        self.answer.apply_metrics(metrics)
        self.overlay.apply_metrics(metrics)


def reading_time_ms(words: int, words_per_minute: int = READING_WORDS_PER_MINUTE) -> int:
    """How long a slow reader needs for ``words`` words."""
    return math.ceil(words * 60_000 / words_per_minute)
