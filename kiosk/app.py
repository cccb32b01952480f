"""Wires the pieces together: settings + content -> application + window."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import NoReturn

from PySide6.QtCore import (
    QLoggingCategory,
    QMessageLogContext,
    QObject,
    Qt,
    QTimer,
    QtMsgType,
    QUrl,
    Slot,
    qInstallMessageHandler,
)
from PySide6.QtGui import QCursor, QDesktopServices
from PySide6.QtWidgets import QApplication

from kiosk import __version__
from kiosk.content import ContentError, Pack, yamlparsers
from kiosk.i18n.words import KioskWords
from kiosk.instance import AlreadyRunningError, hold_instance_lock
from kiosk.keep_in_front import KeepInFront, keeps_itself_in_front
from kiosk.logs import enable_crash_trace, setup_logging
from kiosk.monitoring.publisher import INTERVAL_MS, MIN_GAP_MS, MetricsPublisher
from kiosk.plural import plural
from kiosk.settings import Settings
from kiosk.signals import StopSignals, end_like_signal, exit_status_for, signal_name
from kiosk.staff.pin import verify_pin
from kiosk.stats.events import ContentReloaded, Event
from kiosk.stats.recorder import Recorder
from kiosk.status import ContentStatus
from kiosk.systemd import SystemdNotifier, take_environment, watchdog_interval_ms
from kiosk.ui.relay import GuiRelay
from kiosk.ui.speech.speaker import Speaker
from kiosk.ui.style.fonts import register_fonts
from kiosk.ui.style.panel import px_per_mm
from kiosk.ui.widgets.picture import set_decoding_limits
from kiosk.ui.window import KioskWindow
from kiosk.updates.background import ANSWER_TIMEOUT_MS, SHUT_DOWN_WAIT_MS, BackgroundWatcher
from kiosk.updates.last_good import LastGoodCopy

log = logging.getLogger(__name__)

# "Exit kiosk" in the staff menu: a deliberate stop, which service managers
# are told not to undo (deploy/linux/kiosk.service: RestartPreventExitStatus).
STAFF_EXIT_CODE = 10
# Another kiosk already runs on this machine (kiosk/instance.py).
ALREADY_RUNNING_EXIT_CODE = 3
# The most the statistics may hold up a stop: a normal last write takes
# milliseconds, a locked file the writer's busy timeout (0.5 s).
STATS_CLOSE_TIMEOUT_S = 1.0
STATS_OFF = "off (stats: false in the config file)"
# Between making two read-aloud voices (each holds this thread a second or
# two): the screen repaints and taps that waited are answered first.
VOICE_GAP_MS = 100


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once with the kiosk's settings and typeface."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QApplication.setApplicationName("kiosk")
        QApplication.setApplicationVersion(__version__)
        app = QApplication(argv or [sys.argv[0]])
        app.setStyle("Fusion")  # the same look on every platform
    register_fonts()  # once per process: a second call finds the family known
    set_decoding_limits()  # before any picture is drawn
    # Qt's multimedia module, loaded for read-aloud, warns at every start that
    # it found no PipeWire library; it needs none (speech plays through
    # speech-dispatcher or the system's engine), so the warning is only noise.
    QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver.warning=false")
    return app


class Kiosk:
    """The window, the content watcher and the status, wired together.

    The window always has something calm to show: the last good pack (kept
    in the state folder across restarts), or the "being updated" page until
    a valid one arrives. The content folder is only ever read on the
    watcher's own thread: a share that hangs cannot freeze the screen.
    """

    def __init__(
        self,
        app: QApplication,
        settings: Settings,
        *,
        log_file: Path | None = None,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        poll_ms: int = 15_000,
        settle_ms: int = 2_000,
        speaker_factory: Callable[[str], Speaker] | None = None,
        speaker_delay_ms: int = 1_000,
        answer_timeout_ms: int = ANSWER_TIMEOUT_MS,
        metrics_interval_ms: int = INTERVAL_MS,
        metrics_min_gap_ms: int = MIN_GAP_MS,
    ) -> None:
        self._now = now
        # Makes the read-aloud voice for a pack's language; None: no Listen.
        # A real engine takes a second or two to start (speech-dispatcher
        # lists every voice), on this thread: voices are made once the first
        # screen is up, one per turn of the event loop (see _make_next_voice).
        self._speaker_factory = speaker_factory
        self._speaker: Speaker | None = None  # the window's: the voice Listen uses now
        # A voice for each of the pack's languages, made once: a patient who
        # switches language finds Listen ready.
        self._speakers: dict[str, Speaker] = {}
        self._speaker_delay_ms = speaker_delay_ms
        self._language: str | None = None  # the voice the window wants
        self._voices_begun = False  # the first screen is up: voices may be made
        self.status = ContentStatus(folder=settings.content, started_at=now(), log_file=log_file)
        if speaker_factory is None:
            self.status.read_aloud = "off: not set up"
        pin_hash = settings.staff_pin_hash
        self.window = KioskWindow(
            None,
            app=app,
            idle_timeout_ms=settings.idle_timeout_ms,
            idle_warning_ms=settings.idle_warning_ms,
            locked=not settings.windowed,
            verify_pin=(lambda pin: verify_pin(pin, pin_hash)) if pin_hash else None,
            status=self.status,
            now=now,
            px_per_mm=px_per_mm(app.primaryScreen(), settings.screen_mm),
            stats_db=settings.stats_db if settings.stats else None,
            visit_sink=self._record,
        )
        self._next_voice = QTimer(self.window, singleShot=True)
        self._next_voice.timeout.connect(self._make_next_voice)
        # The kiosk's own words (Home, Keep reading...), in the pack's language.
        self.words = KioskWords(app)
        self.words.serve(self.window)
        self.window.closing.connect(self.words.uninstall)
        self.recorder: Recorder | None = None
        self.status.statistics = STATS_OFF
        if settings.stats:
            # The writer thread reports its state; widgets hear of it on this thread.
            relay = GuiRelay(self._statistics_state, self.window)
            self.recorder = Recorder(
                settings.stats_db, keep_days=settings.stats_keep_days, now=now, on_state=relay.post
            )
            self.status.statistics = self.recorder.state
        try:
            self._start(
                settings,
                poll_ms=poll_ms,
                settle_ms=settle_ms,
                answer_timeout_ms=answer_timeout_ms,
                metrics_interval_ms=metrics_interval_ms,
                metrics_min_gap_ms=metrics_min_gap_ms,
            )
        except BaseException:
            # No kiosk: its statistics are closed, the last events written,
            # and the content folder's thread ended, if it was started.
            self.stop_recording()
            if hasattr(self, "watcher"):
                self.stop_watching()
            # Nor a window: closed (its input filters leave the application,
            # its words are served no more) and deleted by the event loop, on
            # this thread, not by whichever thread's garbage collection
            # happens to find it (Qt cannot stop its timers from another).
            self.window.locked = False
            self.window.close()
            self.window.deleteLater()
            raise

    def _start(
        self,
        settings: Settings,
        *,
        poll_ms: int,
        settle_ms: int,
        answer_timeout_ms: int,
        metrics_interval_ms: int,
        metrics_min_gap_ms: int,
    ) -> None:
        """The rest of the start, once the statistics are recording."""
        now = self._now
        self.window.closing.connect(self.stop_recording)
        self.copy = LastGoodCopy(settings.state_dir, now=now)
        self.watcher = BackgroundWatcher(
            settings.content,
            poll_ms=poll_ms,
            settle_ms=settle_ms,
            answer_timeout_ms=answer_timeout_ms,
            copy=self.copy,
            today=lambda: now().date(),
            parent=self.window,
        )
        self.watcher.pack_loaded.connect(self._loaded)
        self.watcher.load_failed.connect(self._failed)
        self.watcher.folder_unavailable.connect(self._unavailable)
        self.watcher.answering_changed.connect(self._answering_changed)
        self.window.reload_requested.connect(self._reload_now)
        self.window.closing.connect(self.stop_watching)
        # The voice follows the pack on screen, not one waiting for a reader
        # to finish: a new language never cuts in on the answer being read.
        self.window.pack_applied.connect(self._pack_applied)
        self.window.language_changed.connect(self.show_words_in)
        self.window.voice_wanted.connect(self._voice_wanted)
        self.metrics: MetricsPublisher | None = None
        if settings.metrics_file is not None:
            self.metrics = MetricsPublisher(
                settings.metrics_file,
                self.status,
                version=__version__,
                visits_total=lambda: self.window.visits.visits_started,
                interval_ms=metrics_interval_ms,
                min_gap_ms=metrics_min_gap_ms,
                now=now,
                parent=self.window,
            )
            self.metrics.status_changed.connect(self.window.refresh_status)
            self.window.closing.connect(self.metrics.stop)
        first = self.watcher.start()  # waits for the folder at most answer_timeout_ms
        if isinstance(first, Pack):
            self._loaded(first)
        else:
            # The kept copy first, so that the failure is logged as keeping it.
            self._show_kept_copy(settings.content)
            if first is not None:
                self._failed(first)
        if self.metrics is not None:
            self.metrics.start()  # at once, with the first result: a new kiosk shows up

    def _status_changed(self) -> None:
        """The status has changed: the staff screens and the metrics file follow."""
        self.window.refresh_status()
        if self.metrics is not None:
            self.metrics.request_write()

    def stop_watching(self, wait_ms: int = SHUT_DOWN_WAIT_MS) -> bool:
        """Stop the content watcher; False if its thread is still stuck on the
        folder after ``wait_ms``."""
        return self.watcher.shut_down(wait_ms)

    def stop_recording(self, timeout_s: float = STATS_CLOSE_TIMEOUT_S) -> bool:
        """Write the last statistics and close the file; False if the writer is
        still busy after ``timeout_s`` (the process must then not wait for it).

        From here on the writer reports nothing to the window: after a close
        that timed out, it would post to a relay being destroyed with it.
        """
        if self.recorder is None:
            return True
        self.recorder.stop_reporting()
        return self.recorder.close(timeout_s)

    def _record(self, event: Event) -> None:
        if self.recorder is not None:
            self.recorder.record(event)

    def _statistics_state(self, state: str) -> None:
        self.status.statistics = state
        self.window.refresh_status()

    def _show_kept_copy(self, folder: Path) -> None:
        """At start, with no good pack from the folder: the copy kept from the last run."""
        kept = self.copy.load(folder)
        if kept is None:
            return
        pack, info = kept
        log.info(
            "showing the copy of the last good content kept at %s (%d topic%s) until %s "
            "gives good content",
            info.saved_at.strftime("%Y-%m-%d %H:%M:%S"),
            len(pack.topics),
            "" if len(pack.topics) == 1 else "s",
            folder,
        )
        for warning in pack.warnings:  # a review date after this kiosk's clock, say
            log.warning("the kept copy: %s", warning)
        self.status.copy_shown(pack, info.saved_at, self._now())
        self.window.set_pack(pack)
        self.window.refresh_status()

    def _answering_changed(self, answering: bool) -> None:
        self.status.answering(answering, self._now())
        self._status_changed()

    def _reload_now(self) -> None:
        log.info("staff: reload content now")
        self.watcher.reload_now()
        if not self.watcher.answering:
            # No result will come while the folder hangs: the menu says so now.
            self.window.refresh_status()

    def _loaded(self, pack: Pack) -> None:
        self.status.loaded(pack, self._now())
        self._record(ContentReloaded(self._now(), "ok"))
        count = len(pack.topics)
        log.info(
            "content loaded: %d topic%s from %s",
            count,
            "" if count == 1 else "s",
            self.status.folder,
        )
        for warning in pack.warnings:
            log.warning("%s", warning)
        self.window.set_pack(pack)
        self._status_changed()

    def _report_read_aloud(self) -> None:
        """Listen's state on the staff Status screen, for each of the pack's languages."""
        if self._speaker_factory is None:
            return
        pack = self.window.pack
        line = read_aloud_line(pack.all_languages if pack is not None else (), self._speakers)
        if line != self.status.read_aloud:
            self.status.read_aloud = line
            self._status_changed()

    def show_words_in(self, language: str) -> None:
        """The kiosk's own words (Home, Keep reading...) in ``language`` from
        now on, with the words the pack on screen gives for it."""
        pack = self.window.pack
        self.words.use(language, pack.words.get(language, {}) if pack is not None else {})

    def _pack_applied(self, pack: Pack) -> None:
        # The visit keeps its language if the new pack has it (the window
        # says so after this, with language_changed, if not); its words may
        # be the new pack's.
        language = self.window.language
        self.show_words_in(language if language in pack.all_languages else pack.main_language)
        self._voices_changed()

    def _voice_wanted(self, language: str) -> None:
        """The window reads in ``language`` now: its voice if made, else soon.

        Never makes a voice here (a patient's tap): until it is made, the
        window hides Listen (its voice speaks another language).
        """
        self._language = language
        self._voices_changed()

    def _voices_changed(self) -> None:
        """The language wanted or the pack changed: the window gets the voice
        wanted if it is made, the missing ones are made, unused ones let go."""
        if self._speaker_factory is None:
            return
        self._use_wanted_voice()
        self._let_go_of_unused_voices()
        self._report_read_aloud()
        if self._voices_missing() and not self._next_voice.isActive():
            self._next_voice.start(VOICE_GAP_MS if self._voices_begun else self._speaker_delay_ms)

    def _voices_wanted(self) -> list[str]:
        """The language the window wants, then the pack's others, in its order."""
        pack = self.window.pack
        languages = [self._language] if self._language else []
        languages += pack.all_languages if pack is not None else ()
        return list(dict.fromkeys(languages))

    def _voices_missing(self) -> list[str]:
        return [tag for tag in self._voices_wanted() if tag not in self._speakers]

    def _make_next_voice(self) -> None:
        """Make one missing voice; the next one VOICE_GAP_MS later, so that
        taps and paints come in between."""
        self._voices_begun = True
        factory = self._speaker_factory
        missing = self._voices_missing()
        if factory is None or not missing:
            return
        tag = missing[0]
        speaker = self._speakers[tag] = factory(tag)
        speaker.setParent(self.window)
        speaker.available_changed.connect(self._report_read_aloud)
        # A voice the pack dropped is let go once it has finished speaking.
        speaker.speaking_changed.connect(self._speaking_changed)
        self._voices_changed()

    def _use_wanted_voice(self) -> None:
        speaker = self._speakers.get(self._language or "")
        if speaker is None or speaker is self._speaker:
            return
        self._speaker = speaker
        self.window.set_speaker(speaker)

    def _let_go_of_unused_voices(self) -> None:
        """Delete the voices of languages the pack no longer has, unless in use."""
        wanted = set(self._voices_wanted())
        for tag, speaker in list(self._speakers.items()):
            if tag in wanted or speaker is self._speaker or speaker.is_speaking():
                continue
            del self._speakers[tag]
            speaker.deleteLater()

    def _speaking_changed(self, speaking: bool) -> None:
        if not speaking:
            self._let_go_of_unused_voices()

    def _failed(self, error: ContentError) -> None:
        self.status.failed(error, self._now())
        self._record(ContentReloaded(self._now(), "failed", len(error.errors)))
        kept = "keeping the last good content" if self.window.pack else "nothing to show yet"
        log.error("content not loaded (%s): %s", kept, plural(len(error.errors), "error"))
        for problem in error.problems:
            log.error("%s", problem)
        self._status_changed()

    def _unavailable(self, reason: str) -> None:
        self.status.unavailable(reason, self._now())
        self._record(ContentReloaded(self._now(), "unavailable"))
        log.warning("content folder unavailable (%s); retrying", reason)
        self._status_changed()


def read_aloud_line(languages: Sequence[str], speakers: Mapping[str, Speaker]) -> str:
    """Read-aloud for staff, language by language: "on: en, es (engine 'speechd',
    voices en-US, es-ES); off: ar (why); starting: fr" (only the parts that apply)."""
    on: list[Speaker] = []
    off: dict[str, list[str]] = {}  # reason -> languages
    starting: list[str] = []
    for tag in languages:
        speaker = speakers.get(tag)
        if speaker is not None and speaker.available:
            on.append(speaker)
        elif speaker is not None and speaker.unavailable_reason:
            off.setdefault(speaker.unavailable_reason, []).append(tag)
        else:
            starting.append(tag)
    parts = []
    if on:
        engines = ", ".join(dict.fromkeys(f"'{s.engine_name}'" for s in on))
        voices = ", ".join(s.voice_locale for s in on)
        tags = ", ".join(s.language for s in on)
        parts.append(f"on: {tags} (engine {engines}, voice{'s' if len(on) > 1 else ''} {voices})")
    if off:
        parts.append("off: " + ", ".join(f"{', '.join(t)} ({why})" for why, t in off.items()))
    if starting:
        parts.append(f"starting: {', '.join(starting)}")
    return "; ".join(parts) or "starting"


class ExceptionGuard:
    """``sys.excepthook`` for the kiosk: log the traceback, go home, carry on.

    PySide calls it for an exception raised in any slot, timer or event
    handler; without it, the traceback would go to a terminal nobody reads
    and the screen might be left half-changed.
    """

    def __init__(self, window: KioskWindow) -> None:
        self.window = window

    def __call__(
        self, kind: type[BaseException], value: BaseException, traceback: TracebackType | None
    ) -> None:
        log.error("unexpected error; returning home", exc_info=(kind, value, traceback))
        try:
            self.window.return_home_after_idle()
        except Exception:  # the guard itself must never raise
            log.exception("could not return home after an error")


class LinkGuard(QObject):
    """Takes every URL the application might try to open, and only logs it.

    Nothing in the kiosk opens links; this is the last guard should a widget
    ever try, so no browser or file manager can appear over the kiosk.
    """

    SCHEMES = ("http", "https", "file", "mailto", "ftp", "tel", "sms")

    def install(self) -> None:
        for scheme in self.SCHEMES:
            # PySide's stubs say bytes, but only the slot's name as str works.
            QDesktopServices.setUrlHandler(scheme, self, "open_url")  # type: ignore[arg-type]

    def uninstall(self) -> None:
        for scheme in self.SCHEMES:
            QDesktopServices.unsetUrlHandler(scheme)

    @Slot(QUrl)
    def open_url(self, url: QUrl) -> None:
        log.warning("blocked an attempt to open a link (%s)", url.scheme())


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _log_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings go to the kiosk's log too, under their Qt category."""
    name = f"qt.{context.category}" if context.category else "qt"
    logging.getLogger(name).log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def lock_down(app: QApplication, window: KioskWindow, settings: Settings) -> LinkGuard:
    """The application-wide guards: errors go home, links go nowhere, no cursor."""
    sys.excepthook = ExceptionGuard(window)
    links = LinkGuard(window)
    links.install()
    if not settings.staff_pin_hash:
        log.warning("no staff PIN is set: the staff menu opens without one; run kiosk set-pin")
    if settings.hide_cursor:
        app.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
    return links


def _show(app: QApplication, window: KioskWindow, settings: Settings) -> KeepInFront | None:
    """Show the window; on an X11 desktop, keep a fullscreen kiosk in front."""
    if settings.windowed:
        window.resize(1280, 800)
        window.show()
        return None
    window.setWindowFlag(Qt.WindowType.FramelessWindowHint)
    keeper = None
    if keeps_itself_in_front(app.platformName(), settings.windowed):
        KeepInFront.stay_on_top(window)
        keeper = KeepInFront(app, window)
    # Cover the screen even where no window manager honours "fullscreen"
    # (a bare X server started by xinit, common on kiosks).
    window.setGeometry(app.primaryScreen().geometry())
    window.showFullScreen()
    return keeper


def _start_watchdog(window: KioskWindow, systemd_env: Mapping[str, str]) -> SystemdNotifier | None:
    """Tell systemd we are up, and keep telling it from the GUI thread.

    The pings come from a timer on the event loop, so a frozen loop stops
    them and systemd restarts the kiosk. ``systemd_env``: what
    :func:`take_environment` took from the environment.
    """
    notifier = SystemdNotifier.from_env(systemd_env)
    if notifier is None:
        log.warning("--watchdog given, but not started by systemd (no NOTIFY_SOCKET)")
        return None
    interval = watchdog_interval_ms(systemd_env)
    if interval is not None:
        pings = QTimer(window, interval=interval)
        pings.timeout.connect(notifier.watchdog)
        pings.start()
    notifier.ready()
    return notifier


def _stop_on_signals(app: QApplication, window: KioskWindow) -> StopSignals:
    """Ctrl+C, SIGTERM or SIGHUP: close the window and leave the event loop.

    The exit status is 128 + the signal's number; the caller then ends the
    process by that signal (kiosk.signals.end_like_signal).
    """
    signals = StopSignals(parent=app)

    def stop(signum: int) -> None:
        log.info("%s received; stopping the kiosk", signal_name(signum))
        window.locked = False  # a locked kiosk ignores closing; this is a stop on purpose
        app.exit(exit_status_for(signum))
        window.close()

    signals.received.connect(stop)
    signals.install()
    return signals


def run(settings: Settings) -> int:
    """Show the kiosk until staff exit or a stop signal; returns the exit code.

    :data:`ALREADY_RUNNING_EXIT_CODE` when another kiosk runs on this machine.
    """
    # First of all: no child process (a session bus Qt starts, say) may
    # speak to systemd for the kiosk.
    systemd_env = take_environment()
    try:
        instance_lock = hold_instance_lock(settings.state_dir)
    except AlreadyRunningError as exc:
        print(exc, file=sys.stderr)  # not to the log: that is the other kiosk's
        return ALREADY_RUNNING_EXIT_CODE
    try:
        code, stuck = _run_alone(settings, systemd_env)
    finally:
        if instance_lock is not None:
            instance_lock.unlock()
    if stuck:
        _leave_now(code)
    return code


def _run_alone(settings: Settings, systemd_env: Mapping[str, str]) -> tuple[int, bool]:
    """Run the kiosk; its exit status, and whether a thread (the content folder's,
    the statistics writer) is stuck."""
    log_file = setup_logging(settings.log_dir)
    crash_trace = enable_crash_trace(settings.log_dir)
    log.info("kiosk %s starting; content from %s", __version__, settings.content)
    if not yamlparsers.HAS_LIBYAML:
        log.warning("%s", yamlparsers.LIBYAML_MISSING)
    qInstallMessageHandler(_log_qt_message)
    app = application()
    kiosk = Kiosk(app, settings, log_file=log_file, speaker_factory=Speaker)
    try:
        links = lock_down(app, kiosk.window, settings)
        stop_signals = _stop_on_signals(app, kiosk.window)
        keeper = _show(app, kiosk.window, settings)  # noqa: F841 - lives as the window's child
        notifier = _start_watchdog(kiosk.window, systemd_env) if settings.watchdog else None
    except BaseException:
        # A failed start ends the process (the service manager restarts it),
        # its threads first: the statistics closed, the last events written.
        kiosk.stop_recording()
        kiosk.stop_watching()
        # Not the guard's "returning home": the traceback, as a failed start.
        sys.excepthook = sys.__excepthook__
        log.critical("the kiosk could not start", exc_info=True)
        raise
    code = app.exec()
    if kiosk.window.staff_exited:
        code = STAFF_EXIT_CODE
    # Closing the window has stopped the watcher and the statistics (waiting
    # for them): just ask. A thread still stuck in a file call ends the
    # process past Python's and Qt's clean-up (_leave_now).
    recorder_stuck = kiosk.recorder is not None and not kiosk.recorder.finished
    stuck = not kiosk.stop_watching(wait_ms=0) or recorder_stuck
    if notifier is not None:
        notifier.stopping()
    log.info("kiosk stopped (exit status %d)", code)
    stop_signals.uninstall()
    links.uninstall()
    if crash_trace is not None:
        crash_trace.close()
    return code, stuck


def _leave_now(code: int) -> NoReturn:
    """Exit at once, past Python's and Qt's clean-up.

    A thread blocked in a file call on a dead share cannot be ended, and Qt
    aborts the process when a running thread's object is deleted, as the
    clean-up at exit would do: the logs are flushed, then the process ends,
    by the signal that stopped it if one did.
    """
    end_like_signal(code)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    os._exit(code)
