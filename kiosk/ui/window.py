"""The kiosk's one window: every screen in one stack, the idle warning on top."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QCloseEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import QApplication, QLayout, QStackedLayout, QWidget

from kiosk import __version__
from kiosk.content import Pack, Topic
from kiosk.content.languages import base_language
from kiosk.i18n.words import words_language
from kiosk.paths import resource
from kiosk.stats.events import Sink
from kiosk.stats.report import Period, read_report
from kiosk.stats.today import UsageAnswer, today_lines
from kiosk.status import ContentStatus, status_lines
from kiosk.ui.input.guard import InputGuard
from kiosk.ui.input.idle import IdleMonitor
from kiosk.ui.languages import (
    direction,
    texts_language,
    topic_language,
)
from kiosk.ui.screens.answer import AnswerScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.idle_warning import IdleOverlay
from kiosk.ui.screens.languages import LanguageScreen
from kiosk.ui.screens.section import SectionScreen
from kiosk.ui.screens.unavailable import UnavailableScreen
from kiosk.ui.staff.corner_taps import CornerTaps
from kiosk.ui.staff.menu import StaffMenu
from kiosk.ui.staff.pin_pad import PinPad
from kiosk.ui.staff.status_screen import StatusScreen
from kiosk.ui.staff.usage_query import USAGE_TIMEOUT_MS, UsageQuery, UsageReader
from kiosk.ui.staff.usage_screen import UsageScreen
from kiosk.ui.style import theme
from kiosk.ui.style.text_size import TextSize
from kiosk.ui.visits import TEXT_SIZE_CHOICES, VisitTracker
from kiosk.ui.widgets.accessible import set_role
from kiosk.ui.widgets.button import TouchButton

if TYPE_CHECKING:
    from kiosk.ui.speech.speaker import Speaker

log = logging.getLogger(__name__)

READING_WORDS_PER_MINUTE = 100  # a slow reader's pace; the idle timeout never cuts one off
# The most an answer's length adds: a pasted book must not keep the page, and
# the last visitor's choices, for a day. The configured idle timeout, if longer, still applies.
MAX_READING_TIME_MS = 10 * 60_000
STAFF_SHORTCUT = "Ctrl+Shift+Q"
STAFF_SCREENS = frozenset({"pin", "staff", "status", "usage"})


class KioskWindow(QWidget):
    """Shows the current pack. Timings are parameters so tests use milliseconds.

    In ``locked`` mode (fullscreen on a kiosk) close requests are ignored;
    only "Exit kiosk" in the staff menu ends the program. With no pack yet
    (``pack=None``) patients see a calm "being updated" page.
    """

    screen_changed = Signal(str)  # one of the names of current_screen
    reload_requested = Signal()  # staff asked to reload the content now
    pack_applied = Signal(object)  # the Pack now on screen
    # The visit's language (a tag of the pack's), on every change: the
    # kiosk's own words follow it.
    language_changed = Signal(str)
    # The language Listen would read in now (the answer's): a voice for it.
    voice_wanted = Signal(str)
    closing = Signal()  # the window is closing for good: stop what works for it

    def __init__(
        self,
        pack: Pack | None,
        *,
        app: QApplication,
        idle_timeout_ms: int,
        idle_warning_ms: int,
        settle_ms: int = 400,
        reading_words_per_minute: int = READING_WORDS_PER_MINUTE,
        locked: bool = False,
        verify_pin: Callable[[str], bool] | None = None,
        pin_lockout_ms: int = 60_000,
        corner_within_ms: int = 3000,
        status: ContentStatus | None = None,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        monotonic: Callable[[], float] = time.monotonic,
        palette: theme.Palette | None = None,
        px_per_mm: float = theme.REFERENCE_PX_PER_MM,
        speaker: Speaker | None = None,
        stats_db: Path | None = None,
        read_usage: UsageReader = read_report,
        usage_timeout_ms: int = USAGE_TIMEOUT_MS,
        visit_sink: Sink | None = None,
    ) -> None:
        super().__init__()
        self._filtering = False  # the input filters are installed on the application
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        set_role(self, QAccessible.Role.Window)  # named by its title: the pack's
        self.setWindowTitle(self.tr("Information"))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.locked = locked
        self.reading_words_per_minute = reading_words_per_minute
        self.status = status
        self._now = now
        self._verify_pin = verify_pin
        self._closing_allowed = False
        self.staff_exited = False
        self.standard_palette = palette or theme.Palette()
        self.px_per_mm = px_per_mm
        self._cap_ratio = theme.cap_height_ratio()
        self._metrics: theme.Metrics | None = None
        self._styled_palette: theme.Palette | None = None
        self._unstyled: set[str] = set()  # screens still in an earlier theme
        self._stylesheet = ""
        # The visit's choices; the next patient starts with the defaults.
        self.text_size = TextSize.NORMAL
        self.high_contrast = False
        self.speaker: Speaker | None = None
        self._listened = False  # Listen was used in this visit
        self._app = app
        self.pack: Pack | None = None  # in its main language; see ``view``
        self._pending: Pack | None = None
        # The visit's language, and the pack as a patient who chose it sees it.
        self.language = ""
        self.view: Pack | None = None
        self._voice_language = ""
        self._home_behind = False  # the home screen still shows an earlier language
        self._before_languages = "home"  # where the chooser goes back to

        self._build_screens(
            verify_pin,
            pin_lockout_ms=pin_lockout_ms,
            stats_db=stats_db,
            read_usage=read_usage,
            usage_timeout_ms=usage_timeout_ms,
        )
        self._stack = QStackedLayout(self)
        # The screen sets the window's size, never its content: long texts
        # wrap and scroll inside it instead of making it taller than the panel.
        self._stack.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        for screen in self._screens.values():
            self._stack.addWidget(screen)
        self.overlay = IdleOverlay(self.palette_, self)
        self.overlay.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # see _mirror

        self.idle = IdleMonitor(idle_timeout_ms, idle_warning_ms, self, monotonic=monotonic)
        # The usage statistics' view of the visit; the window knows no database.
        self.visits = VisitTracker(
            visit_sink, now=now, monotonic=monotonic, last_input=lambda: self.idle.last_active_at
        )
        self.input_guard = InputGuard(settle_ms, self)
        self.corner_taps = CornerTaps(None, within_ms=corner_within_ms, parent=self)
        # Application event filters run last-installed first. The corner
        # count sees every tap (even one the settle time then swallows, so
        # five quick taps always count); the input guard runs before the idle
        # monitor, so a swallowed tap does not count as activity.
        self._filters = (self.idle, self.input_guard, self.corner_taps)
        for event_filter in self._filters:
            self._app.installEventFilter(event_filter)
        self._filtering = True

        self._connect()
        self.set_speaker(speaker)
        if pack is not None:
            self._apply_pack(pack)
        self.show_home()

    def event(self, event: QEvent) -> bool:
        if (
            event.type() != QEvent.Type.LanguageChange
            or not self._filtering
            or not self.isVisible()  # a window not (or no longer) shown: no juggling
        ):
            return super().event(event)
        # Qt hands a language change to every widget of the window, and the
        # input filters see every event of the application: three Python
        # calls per widget, for an event they have no use for, would take
        # most of the time a switch has before the next frame.
        for event_filter in self._filters:
            self._app.removeEventFilter(event_filter)
        try:
            return super().event(event)
        finally:
            for event_filter in self._filters:
                self._app.installEventFilter(event_filter)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.pack is None:
            self.setWindowTitle(self.tr("Information"))
        super().changeEvent(event)

    def _build_screens(
        self,
        verify_pin: Callable[[str], bool] | None,
        *,
        pin_lockout_ms: int,
        stats_db: Path | None,
        read_usage: UsageReader,
        usage_timeout_ms: int,
    ) -> None:
        self.home = HomeScreen(self.palette_)
        self.section_screen = SectionScreen(self.palette_)
        self.answer = AnswerScreen(self.palette_)
        self.languages_screen = LanguageScreen(self.palette_)
        self.unavailable = UnavailableScreen(self.palette_)
        self.pin_pad = PinPad(
            self.palette_, verify_pin or (lambda _pin: False), lockout_ms=pin_lockout_ms
        )
        self.staff_menu = StaffMenu(self.palette_)
        self.status_screen = StatusScreen(self.palette_)
        self.usage_screen = UsageScreen(self.palette_)
        # The usage figures: read off the GUI thread when Status or Usage opens.
        self.usage = UsageQuery(
            stats_db, read=read_usage, timeout_ms=usage_timeout_ms, now=self._now, parent=self
        )
        self._usage_answer: UsageAnswer | None = None
        # Each screen has its own direction: the staff's stay left to right,
        # whatever the patient chose; a patient's screen is mirrored when it
        # is shown (a language tap must not wait for the hidden ones).
        for screen in (
            self.home,
            self.section_screen,
            self.answer,
            self.languages_screen,
            self.unavailable,
            self.pin_pad,
            self.staff_menu,
            self.status_screen,
            self.usage_screen,
        ):
            screen.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        # The staff's screens are in English whatever the visit's language.
        for screen in (self.pin_pad, self.staff_menu, self.status_screen, self.usage_screen):
            screen.setLocale(QLocale(QLocale.Language.English))
        self._screens: dict[str, QWidget] = {
            "home": self.home,
            "section": self.section_screen,
            "answer": self.answer,
            "languages": self.languages_screen,
            "unavailable": self.unavailable,
            "pin": self.pin_pad,
            "staff": self.staff_menu,
            "status": self.status_screen,
            "usage": self.usage_screen,
        }

    def _connect(self) -> None:
        self.home.topic_chosen.connect(self.show_topic)
        self.home.section_chosen.connect(self.show_section)
        self.section_screen.topic_chosen.connect(self.show_topic)
        self.section_screen.back.connect(self.show_home)
        self.section_screen.home_requested.connect(self.show_home)
        self.answer.home_requested.connect(self.show_home)
        self.answer.back_requested.connect(self.back_to_section)
        self.answer.text_size_requested.connect(self.set_text_size)
        self.answer.high_contrast_requested.connect(self.set_high_contrast)
        self.answer.listen_requested.connect(self.set_listening)
        for languages in (self.home.languages, self.answer.languages):
            languages.language_chosen.connect(self.set_language)
            languages.chooser_requested.connect(self.show_languages)
        self.languages_screen.language_chosen.connect(self._chosen_in_chooser)
        self.languages_screen.back.connect(self._back_from_languages)
        self.languages_screen.home_requested.connect(self.show_home)
        self.overlay.keep_reading.connect(self.idle.activity)
        self.idle.warning_started.connect(self.show_idle_warning)
        self.idle.countdown.connect(self.overlay.set_seconds_left)
        self.idle.resumed.connect(self.overlay.dismiss)
        self.idle.resumed.connect(self._stop_speaking)
        # The tap that ends the warning must not also press what lies below.
        self.idle.resumed.connect(self.input_guard.settle)
        self.idle.expired.connect(self.return_home_after_idle)

        self.corner_taps.triggered.connect(self.open_staff)
        staff_shortcut = QShortcut(QKeySequence(STAFF_SHORTCUT), self)
        staff_shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        staff_shortcut.activated.connect(self.open_staff)
        self.pin_pad.accepted.connect(self.show_staff_menu)
        self.pin_pad.cancelled.connect(self.show_home)
        self.staff_menu.exit_requested.connect(self.staff_exit)
        self.staff_menu.reload_requested.connect(self.reload_requested)
        self.staff_menu.status_requested.connect(self.show_status)
        self.staff_menu.back.connect(self.show_home)
        self.status_screen.back.connect(self.show_staff_menu)
        self.staff_menu.usage_requested.connect(self.show_usage)
        self.usage_screen.back.connect(self.show_staff_menu)
        self.usage.answered.connect(self._usage_answered)

    # -- content -----------------------------------------------------------
    def set_pack(self, pack: Pack) -> None:
        """Show ``pack`` from now on, in one step.

        Never under a patient who is reading: on an answer screen the new
        pack waits until they return home.
        """
        if self._reading():
            self._pending = pack
            return
        self._pending = None
        self._apply_pack(pack)
        if self.current_screen == "unavailable":
            self.show_home()

    @property
    def waiting_pack(self) -> Pack | None:
        """A new pack held back until the reader goes home, if any."""
        return self._pending

    def _apply_waiting_pack(self, *, in_main_language: bool = False) -> bool:
        """Shows the pack held back while a patient read, if one waits (in its
        main language for the next patient); whether one did."""
        waiting = self._pending
        if waiting is None:
            return False
        language = waiting.main_language if in_main_language else None
        self._apply_pack(waiting, language=language)
        self._pending = None
        return True

    def _apply_pack(self, pack: Pack, *, language: str | None = None) -> None:
        """Shows ``pack``, in ``language`` if given. Otherwise a language the
        visit chose stays if the new pack has it; a visit that chose none
        follows the new pack's main language."""
        if language is None:
            old_main = self.pack.main_language if self.pack is not None else None
            chosen = self.language if self.language != old_main else None
            language = chosen if chosen in pack.all_languages else pack.main_language
        # The screens first: should building them fail, the pack the window
        # answers taps from still matches the tiles on screen.
        self.home.set_pack(pack.in_language(language))
        self._home_behind = False
        self.pack = pack
        self.pack_applied.emit(pack)
        self._show_language(language, new_pack=True)
        self._section_follows()

    def _section_follows(self) -> None:
        """The open section in the pack now shown (its tiles anew, in the
        visit's language); a section the pack no longer has is forgotten,
        and a patient looking at it goes home."""
        if self.section_screen.section_id is None or self.view is None:
            return
        if not self.section_screen.show_language(self.view):
            self.section_screen.reset()
            if self.current_screen == "section":
                self.show_home()

    def _reading(self) -> bool:
        """On an answer, or on the language chooser opened from one."""
        screen = self.current_screen
        return screen == "answer" or (screen == "languages" and self._before_languages == "answer")

    # -- the visit's language ---------------------------------------------------
    def set_language(self, language: str) -> None:
        """Show the visit in ``language``, one of the pack's, where the patient is."""
        if self.pack is None or language not in self.pack.all_languages:
            return
        self._show_language(language)
        # The timer's terms change with the language: a home screen in a
        # chosen language warns before it goes back, an answer's reading time
        # is the new text's.
        if self.current_screen == "home":
            self.idle.restart(warn=self._chose_a_language())
        elif self.current_screen == "answer":
            self.idle.restart(minimum_ms=self._answer_reading_ms())

    def _show_language(self, language: str, *, new_pack: bool = False) -> None:
        """Every patient screen in ``language``: the open answer stays open,
        from its top; a hidden home screen follows when it is next shown."""
        pack = self.pack
        if pack is None or (language == self.language and not new_pack):
            return
        # The answer screen takes words, footer and answer at once: it is
        # arranged once, after them.
        with self.answer.changes():
            if language != self.language:
                self._stop_speaking()  # its words are marked in the text being replaced
                self.language = language
                # The kiosk's own words first, so that the screens below show them.
                self.language_changed.emit(language)
            view = self.view = pack.in_language(language)
            self.setLayoutDirection(direction(language))
            # What a screen reader takes each text's language from, where the
            # text does not say: the kiosk's words are in the language the
            # translator found them in (English where it has none).
            self.setLocale(QLocale(words_language()))
            self.setWindowTitle(view.title)
            languages = pack.all_languages
            self.home.set_languages(languages, language)
            self.answer.set_languages(languages, language)
            self.languages_screen.set_languages(languages, language)
            self.answer.set_footer(view.footer, texts_language(view, "footer"))
            self.answer.set_clinic_link(view.link)
            # A new pack comes only when nobody is reading: no answer to show again.
            if not new_pack and self._reading() and self.answer.topic is not None:
                self.answer.show_topic(
                    _topic(view, self.answer.topic.id), keep_language_control=True
                )
        if not new_pack:
            self._home_behind = True
            if self.current_screen == "home":
                self._bring_home_up_to_date()
            self._section_follows()
        # Mirrored last: the screen is laid out once, with its new texts.
        current = self._stack.currentWidget()
        if current is not None:
            self._mirror(current)
        self._want_voice()

    def _bring_home_up_to_date(self) -> None:
        if self._home_behind and self.view is not None:
            self._home_behind = False
            self.home.show_language(self.view)

    def show_languages(self) -> None:
        """The chooser, for a pack with more languages than fit as buttons."""
        if self.pack is None or self.current_screen == "languages":
            return
        self._before_languages = self.current_screen
        self._switch_to(self.languages_screen)
        # Opened over an answer: the answer's reading time, and the warning
        # before it is lost.
        self.idle.restart(
            minimum_ms=self._answer_reading_ms() if self._reading() else 0,
            warn=self._reading() or self._chose_a_language(),
        )

    def _chosen_in_chooser(self, language: str) -> None:
        self.set_language(language)
        self._back_from_languages()

    def _back_from_languages(self) -> None:
        if self._before_languages == "answer" and self.answer.topic is not None:
            self._switch_to(self.answer)
            self.idle.restart(minimum_ms=self._answer_reading_ms())
        else:
            self.show_home()

    @property
    def voice_language(self) -> str:
        """The language Listen would read in: the open answer's, else the visit's."""
        topic = self.answer.topic
        return topic.language if topic is not None and self._reading() else self.language

    def _want_voice(self) -> None:
        language = self.voice_language
        if not language or language == self._voice_language:
            return
        self._voice_language = language
        self.voice_wanted.emit(language)
        if self.speaker is not None:  # else Listen stays as it is: no voice ever came
            self._on_speech_available(self._can_speak())

    # -- navigation ---------------------------------------------------------
    @property
    def current_screen(self) -> str:
        current = self._stack.currentWidget()
        return next(name for name, screen in self._screens.items() if screen is current)

    def show_home(self) -> None:
        if self._reading():
            self.visits.topic_left()
        self._before_languages = "home"
        self._apply_waiting_pack()
        self._bring_home_up_to_date()
        self._switch_to(self.home if self.pack is not None else self.unavailable)
        self.idle.restart(warn=self._chose_a_language())

    def show_section(self, section_id: str) -> None:
        """The topics of one section of a pack in sections."""
        if self.view is None or not self.section_screen.show_section(self.view, section_id):
            return
        focused = self.focusWidget()
        self._switch_to(self.section_screen)
        if isinstance(focused, TouchButton) and focused is self.home.section_tile(section_id):
            # Chosen with the keyboard: on, at the first topic.
            self.section_screen.tiles[0].take_focus(ring=focused.shows_focus_ring())
        self.idle.restart()

    def back_to_section(self) -> None:
        """From an answer opened in a section, back to that section where
        the patient left it; home if the section is gone."""
        if self._reading():
            self.visits.topic_left()
        self._apply_waiting_pack()
        if self.section_screen.section_id is None:
            self.show_home()
            return
        self._switch_to(self.section_screen)
        self.idle.restart()

    def _chose_a_language(self) -> bool:
        """The visit is in a language other than the main one: going back to
        the main one on the home screen warns first, as an answer does."""
        return self.pack is not None and self.language != self.pack.main_language

    def show_topic(self, topic_id: str) -> None:
        if self.view is None:
            return
        topic = _topic(self.view, topic_id)
        # Back, beside Home, returns to the section the answer was opened from.
        self.answer.set_back_shown(self.current_screen == "section")
        self.answer.show_topic(topic)
        self._switch_to(self.answer)
        self._want_voice()
        reading = self._answer_reading_ms()
        self.visits.topic_opened(topic_id, reading / 1000)
        self.idle.restart(minimum_ms=reading)

    def _answer_reading_ms(self) -> int:
        """How long the open answer takes to read (0: none open)."""
        topic = self.answer.topic
        if topic is None:
            return 0
        return reading_time_ms(topic.word_count, self.reading_words_per_minute)

    def open_staff(self) -> None:
        """The hidden gesture or Ctrl+Shift+Q: the PIN pad, or the menu if no PIN is set."""
        if self.current_screen in STAFF_SCREENS:
            return
        log.info("staff menu requested")
        self.visits.interrupted("staff")
        if self._verify_pin is None:
            self.show_staff_menu()
            return
        self.pin_pad.reset()
        self._switch_to(self.pin_pad)
        self.pin_pad.dots.setFocus(Qt.FocusReason.OtherFocusReason)  # for staff who type
        self.idle.restart(warn=False)

    def refresh_status(self) -> None:
        """Show the latest content status on the staff screens.

        Only the text changes: a stream of results must not keep a staff
        screen open past the idle timeout.
        """
        now = self._now()
        self.staff_menu.show_status(self.status, now)
        lines = status_lines(self.status, now, __version__) if self.status is not None else []
        self.status_screen.show_lines(lines + today_lines(self._usage_answer, now.date()))

    def show_staff_menu(self) -> None:
        self.refresh_status()
        self._switch_to(self.staff_menu)
        self.idle.restart(warn=False)

    def show_status(self) -> None:
        self._read_usage()
        self.refresh_status()
        self._switch_to(self.status_screen)
        self.idle.restart(warn=False)

    def show_usage(self) -> None:
        self._read_usage()
        self._switch_to(self.usage_screen)
        self.idle.restart(warn=False)

    def _read_usage(self) -> None:
        """Ask for fresh figures: today's for Status, the last 30 days' for Usage.

        One read serves both. Until it answers, the screens say the figures
        are being read (or, past the timeout, that they are not available).
        """
        today = self._now().date()
        self._usage_answer = None
        self.usage_screen.show_answer(None, today)
        questions = {t.id: t.question for t in self.pack.topics} if self.pack else {}
        self.usage.start(Period.last_days(today), questions)

    def _usage_answered(self, answer: UsageAnswer) -> None:
        self._usage_answer = answer
        self.usage_screen.show_answer(answer, self._now().date())
        self.refresh_status()

    def _mirror(self, widget: QWidget) -> None:
        """Brings a patient's screen (or the idle warning) to the visit's direction."""
        staff = {self._screens[name] for name in STAFF_SCREENS}
        if widget not in staff and widget.layoutDirection() != self.layoutDirection():
            widget.setLayoutDirection(self.layoutDirection())

    def _switch_to(self, screen: QWidget) -> None:
        self.overlay.hide()
        self._stop_speaking()  # a new screen, or a new answer: the voice stops
        changed = self._stack.currentWidget() is not screen
        self._mirror(screen)
        self._style(screen)
        self._stack.setCurrentWidget(screen)
        if changed:
            self.input_guard.settle()
            self.screen_changed.emit(self.current_screen)

    def return_home_after_idle(self) -> None:
        """Forget the visit: home, first row of tiles, answer scrolled to top."""
        self.visits.forgotten()  # first: it reads when the patient was last there
        if self.current_screen == "answer":
            log.info("returned home")  # all a log may say of a patient's visit
        self._stop_speaking()
        self._listened = False
        self.text_size = TextSize.NORMAL
        self.high_contrast = False
        self._restyle()
        # The next patient meets the new pack, or the old one in its main language.
        if not self._apply_waiting_pack(in_main_language=True) and self.pack is not None:
            self._show_language(self.pack.main_language)
        self.answer.reset()
        self.answer.set_back_shown(False)
        self.section_screen.reset()
        self.home.reset()
        self.show_home()

    def show_idle_warning(self) -> None:
        self._mirror(self.overlay)
        self.overlay.setGeometry(self.rect())
        # An alert with focus on Keep reading: what a screen reader presents.
        self.overlay.show_warning()
        message = self.overlay.announcement()
        # A patient who used Listen hears it, if the voice speaks the
        # language of the warning's words.
        speaker = self.speaker
        if (
            speaker is not None
            and self._can_speak()
            and self._listened
            and base_language(speaker.language) == base_language(words_language())
        ):
            speaker.say(message)

    # -- the visit's choices ----------------------------------------------------
    def set_text_size(self, size: TextSize) -> None:
        self.text_size = size
        self._restyle()
        if size in TEXT_SIZE_CHOICES:
            self.visits.choice_used(TEXT_SIZE_CHOICES[size])

    def set_high_contrast(self, on: bool) -> None:
        self.high_contrast = on
        self._restyle()
        if on:
            self.visits.choice_used("contrast")

    def set_speaker(self, speaker: Speaker | None) -> None:
        """Read aloud with ``speaker`` from now on; Listen shows only while it works."""
        old = self.speaker
        if old is not None and shiboken6.isValid(old):
            self._stop_speaking()
            old.speaking_changed.disconnect(self._on_speaking_changed)
            old.word_spoken.disconnect(self._on_word_spoken)
            old.available_changed.disconnect(self._speech_changed)
        self.speaker = speaker
        if speaker is not None:
            speaker.speaking_changed.connect(self._on_speaking_changed)
            speaker.word_spoken.connect(self._on_word_spoken)
            speaker.available_changed.connect(self._speech_changed)
        self._on_speech_available(self._can_speak())

    def _can_speak(self) -> bool:
        """A working voice for the language Listen would read in."""
        speaker = self.speaker
        if speaker is None or not speaker.available:
            return False
        return not self._voice_language or speaker.language == self._voice_language

    def _speech_changed(self, _available: bool) -> None:
        self._on_speech_available(self._can_speak())

    def _on_speech_available(self, available: bool) -> None:
        if not available:
            self._speaking_done()
        self.answer.set_listen_available(available)

    def set_listening(self, on: bool) -> None:
        """Listen on the answer screen: read the question and answer aloud, or stop."""
        if self.speaker is None or not self._can_speak():
            return
        if not on:
            self._stop_speaking()
            return
        # The order matters: ending a spoken idle warning first, then
        # holding the clock (which would otherwise end the warning, and with
        # it this speech), then speaking.
        self._stop_speaking()
        if self.idle.warning:
            self.idle.activity()
        self._listened = True
        self.visits.choice_used("listen")
        self.answer.set_speaking(True)
        self.idle.hold(True)
        self.speaker.say(self.answer.spoken_text())

    def _stop_speaking(self) -> None:
        if (
            self.speaker is not None
            and shiboken6.isValid(self.speaker)
            and self.speaker.is_speaking()
        ):
            self.speaker.stop()
        self._speaking_done()

    def _on_speaking_changed(self, speaking: bool) -> None:
        if not speaking:
            self._speaking_done()

    def _speaking_done(self) -> None:
        self.answer.set_speaking(False)
        if self.idle.held:
            self.idle.hold(False)

    def _on_word_spoken(self, start: int, length: int) -> None:
        if self.answer.listen_button.isChecked():
            self.answer.view.show_spoken_word(start, length)

    # -- staff and window manager ---------------------------------------------
    def staff_exit(self) -> None:
        log.info("staff exit")
        self.staff_exited = True
        self._closing_allowed = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.locked and not self._closing_allowed:
            event.ignore()
            return
        self.idle.stop()
        for event_filter in self._filters:
            self._app.removeEventFilter(event_filter)
        self._filtering = False
        self.visits.interrupted("stopped")
        self.closing.emit()
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.corner_taps.window = self.windowHandle()

    # -- layout ---------------------------------------------------------------
    @property
    def palette_(self) -> theme.Palette:
        """The colours in use: the standard ones, or high contrast for this visit."""
        return theme.HIGH_CONTRAST if self.high_contrast else self.standard_palette

    @property
    def metrics(self) -> theme.Metrics:
        """The sizes in use, for the window's current size and text size."""
        return self._metrics or self._metrics_now()

    def _metrics_now(self, text_size: TextSize | None = None) -> theme.Metrics:
        return theme.metrics_for(
            self.width(),
            self.height(),
            px_per_mm=self.px_per_mm,
            cap_ratio=self._cap_ratio,
            text_size=text_size or self.text_size,
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.overlay.setGeometry(self.rect())
        if self._metrics_now() != self._metrics:
            self._restyle()

    def _restyle(self) -> None:
        metrics, palette = self._metrics_now(), self.palette_
        if metrics == self._metrics and palette == self._styled_palette:
            return
        self._metrics, self._styled_palette = metrics, palette
        self._stylesheet = theme.stylesheet(resource("kiosk.qss"), palette, metrics)
        self.corner_taps.corner_px = round(metrics.min_target * 1.5)
        # The screen in view now, the others when they are next shown: a
        # text size or contrast tap must not wait for hundreds of hidden
        # tiles. Hence a style sheet per screen, not one on the window,
        # which Qt would apply to every widget of every screen at once.
        self._unstyled = set(self._screens)
        current = self._stack.currentWidget()
        if current is not None:
            self._style(current)
        if self.overlay.styleSheet() != self._stylesheet:
            self.overlay.setStyleSheet(self._stylesheet)
        self.overlay.apply_theme(palette, metrics)
        self.answer.show_choices(self.text_size, self.high_contrast)

    def _style(self, screen: QWidget) -> None:
        """Brings ``screen`` up to the current theme, if it is behind."""
        name = next(n for n, s in self._screens.items() if s is screen)
        if name not in self._unstyled or self._metrics is None or self._styled_palette is None:
            return
        self._unstyled.discard(name)
        # The sheet holds colours and fixed sizes, not the text size: an A+
        # tap leaves it as it was, and Qt would still repolish every widget.
        if screen.styleSheet() != self._stylesheet:
            screen.setStyleSheet(self._stylesheet)
        # The patient's text size is for the patient's screens; the staff
        # screens keep theirs, and their keys keep their room.
        metrics = self._metrics_now(TextSize.NORMAL) if name in STAFF_SCREENS else self._metrics
        screen.apply_theme(self._styled_palette, metrics)  # type: ignore[attr-defined]


def _topic(view: Pack, topic_id: str) -> Topic:
    """The topic of ``view``, its ``language`` the one it is written in."""
    topic = view.topic(topic_id)
    language = topic_language(view, topic)
    return topic if topic.language == language else dataclasses.replace(topic, language=language)


def reading_time_ms(words: int, words_per_minute: int = READING_WORDS_PER_MINUTE) -> int:
    """How long a slow reader needs for ``words`` words, at most :data:`MAX_READING_TIME_MS`."""
    return min(math.ceil(words * 60_000 / words_per_minute), MAX_READING_TIME_MS)
