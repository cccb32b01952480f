"""Shared fixtures. Qt runs headless: the platform is set before any QApplication."""

from __future__ import annotations

import datetime as dt
import gc
import os
import socket
import subprocess
import sys
import tempfile
import threading

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, closing, contextmanager, suppress
from pathlib import Path
from typing import Literal

import platformdirs
import pytest

from kiosk.content import Pack, load_pack
from kiosk.content.generated import write_sectioned_pack
from kiosk.stats import database

REPO = Path(__file__).resolve().parents[1]

# Set by CI, where the libraries are installed: there a read-aloud test that
# cannot run is a failure, not a skip.
NEED_SPEECH = "KIOSK_TESTS_NEED_SPEECH"


def text_to_speech_problem() -> str | None:
    """Why Qt's text-to-speech module cannot be loaded here, or None if it can.

    Asked in a child process: importing it here would load Qt Multimedia
    into the test process before any test, with its start-up warnings.
    """
    check = "import PySide6.QtTextToSpeech"
    result = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, check=False
    )
    if result.returncode == 0:
        return None
    lines = result.stderr.strip().splitlines()
    return lines[-1] if lines else f"exit status {result.returncode}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Read-aloud tests are skipped, saying what to install, where Qt cannot speak.

    QtTextToSpeech links QtMultimedia, which needs libpulse0 on Linux; without
    it every read-aloud test would fail or time out, which tells a newcomer
    nothing. With ``KIOSK_TESTS_NEED_SPEECH=1`` (CI) the run stops instead.
    """
    marked = [item for item in items if item.get_closest_marker("text_to_speech")]
    problem = text_to_speech_problem() if marked else None
    if problem is None:
        return
    reason = (
        f"read-aloud: Qt's text-to-speech module cannot be loaded ({problem}); "
        "on Debian or Ubuntu: apt install libpulse0 libspeechd2"
    )
    if os.environ.get(NEED_SPEECH) == "1":
        raise pytest.UsageError(f"{NEED_SPEECH}=1, but {reason}")
    for item in marked:
        item.add_marker(pytest.mark.skip(reason=reason))


PackWriter = Callable[..., Path]


@pytest.fixture(autouse=True)
def garbage_collected_here() -> Iterator[None]:
    """What a test leaves in reference cycles is collected on this thread, as
    it ends. Left to chance, the collection may run on a worker thread (the
    statistics writer, the metrics writer), and a Qt object deleted there
    keeps its timers: Qt cannot stop them from another thread, and the next
    one to fire is delivered to a deleted object."""
    yield
    gc.collect(1)  # the young generations: what the test itself made, cheaply


@pytest.fixture(autouse=True)
def platform_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The platform's config, log, state, cache and data folders, moved under
    tmp_path for every test: no test may read the real user's configuration or
    write their logs, state, cache or statistics."""
    home = tmp_path / "platform"
    monkeypatch.setattr(platformdirs, "user_config_path", lambda app: home / "config" / app)
    monkeypatch.setattr(platformdirs, "user_log_path", lambda app: home / "log" / app)
    monkeypatch.setattr(platformdirs, "user_state_path", lambda app: home / "state" / app)
    monkeypatch.setattr(platformdirs, "user_cache_path", lambda app: home / "cache" / app)
    monkeypatch.setattr(platformdirs, "user_data_path", lambda app: home / "data" / app)
    return home


@pytest.fixture
def child_env(platform_dirs: Path) -> dict[str, str]:
    """The environment for a child process, its platform folders (on Linux, the
    XDG ones) where platform_dirs put this process's."""
    return dict(
        os.environ,
        XDG_CONFIG_HOME=str(platform_dirs / "config"),
        XDG_STATE_HOME=str(platform_dirs / "state"),
        XDG_CACHE_HOME=str(platform_dirs / "cache"),
        XDG_DATA_HOME=str(platform_dirs / "data"),
    )


@pytest.fixture
def bundled_pack() -> Pack:
    """The pack in the repository's content/ folder."""
    return load_pack(REPO / "content")


@pytest.fixture
def write_pack(tmp_path: Path) -> Iterator[PackWriter]:
    """Write a valid pack to a fresh folder: ``write_pack(topics={id: (question, answer)})``."""
    counter = iter(range(1_000_000))

    def write(
        topics: dict[str, tuple[str, str]] | None = None,
        *,
        title: str = "Test clinic",
        welcome: str | None = "Tap a question.",
        footer: str | None = "Ask our staff.",
        reviewed: dt.date | Literal["today"] | None = "today",
    ) -> Path:
        # Each topic reviewed today, as in a pack kept up to date: `kiosk check`
        # then has no review to warn about. ``None``: no review dates at all.
        if reviewed == "today":
            reviewed = dt.date.today()
        folder = tmp_path / f"pack{next(counter)}"
        (folder / "topics").mkdir(parents=True)
        lines = ["schema: 1", f"title: {_quoted(title)}"]
        if welcome is not None:
            lines.append(f"welcome: {_quoted(welcome)}")
        if footer is not None:
            lines.append(f"footer: {_quoted(footer)}")
        (folder / "kiosk.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        for order, (topic_id, (question, answer)) in enumerate((topics or {}).items()):
            body = "\n".join("  " + line for line in answer.splitlines())
            (folder / "topics" / f"{topic_id}.yaml").write_text(
                f"question: {_quoted(question)}\norder: {order}\nanswer: |\n{body}\n"
                + (f"reviewed: {reviewed.isoformat()}\n" if reviewed is not None else ""),
                encoding="utf-8",
            )
        return folder

    yield write


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def numbered_topics(count: int) -> dict[str, tuple[str, str]]:
    return {
        f"topic-{n:03d}": (f"Question number {n} about the clinic?", f"Answer number {n}.")
        for n in range(count)
    }


@pytest.fixture
def make_pack(write_pack: PackWriter) -> Callable[..., Pack]:
    """Write and load a pack in one step: ``make_pack(count=500)`` or ``make_pack(topics)``."""

    def make(
        topics: dict[str, tuple[str, str]] | None = None, *, count: int = 3, **kwargs: object
    ) -> Pack:
        return load_pack(write_pack(topics or numbered_topics(count), **kwargs))

    return make


# -- a fake speech-dispatcher (tests/ui/speech/) --
# What a speech-dispatcher with espeak-ng answers (SSIP: "NNN-" lines go on,
# "NNN " ends the answer).
SSIP_ANSWERS = {
    "SET SELF CLIENT_NAME": "208 OK CLIENT NAME SET",
    "LIST OUTPUT_MODULES": "250-espeak-ng\r\n250-dummy\r\n250 OK MODULE LIST SENT",
    "SET SELF OUTPUT_MODULE": "216 OK OUTPUT MODULE SET",
    "LIST SYNTHESIS_VOICES": (
        "249-English (Great Britain)\ten-GB\tnone\r\n249-Finnish\tfi\tnone\r\n"
        "249 OK VOICE LIST SENT"
    ),
    "QUIT": "231 HAPPY HACKING",
}


@pytest.fixture
def short_dir() -> Iterator[Path]:
    """A folder with a short path: a Unix socket's path has at most 107 bytes."""
    with tempfile.TemporaryDirectory(prefix="sd") as folder:
        yield Path(folder)


@contextmanager
def _fake_speechd(
    path: Path, *, accept: bool = True, hang_on: str | None = None
) -> Iterator[list[str]]:
    """A speech-dispatcher socket for one client; yields the requests it got.

    ``accept=False``: it never answers (a connection still completes, the
    kernel queues it), as a speech-dispatcher stuck for every client.
    ``hang_on``: it answers each request until one that starts with this,
    then nothing more, as one whose output module is stuck.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen()
    requests: list[str] = []
    # The timer only ends a wait that a broken time limit would make endless.
    backstop = threading.Timer(10, listener.close)
    backstop.start()
    server = None
    if accept:

        def serve() -> None:
            connection, _ = listener.accept()
            buffer, hung = b"", False
            # Until the client hangs up (it may go without reading the last answer).
            with connection, suppress(ConnectionResetError, BrokenPipeError):
                while chunk := connection.recv(1024):
                    buffer += chunk
                    while b"\r\n" in buffer:
                        line, buffer = buffer.split(b"\r\n", 1)
                        request = line.decode()
                        requests.append(request)
                        hung = hung or (hang_on is not None and request.startswith(hang_on))
                        if not hung:
                            answer = next(
                                (a for r, a in SSIP_ANSWERS.items() if request.startswith(r)),
                                "300 ERR UNKNOWN",
                            )
                            connection.sendall(answer.encode() + b"\r\n")

        server = threading.Thread(target=serve, daemon=True)
        server.start()
    try:
        yield requests
    finally:
        backstop.cancel()
        if server is not None:
            server.join(timeout=10)
        listener.close()


@pytest.fixture
def fake_speechd() -> Callable[..., AbstractContextManager[list[str]]]:
    """``fake_speechd(path, accept=..., hang_on=...)``: a fake speech-dispatcher."""
    return _fake_speechd


# A visit for `stats_db`: (started, seconds, ended_by, [(topic, opened, seconds)], [choices]).
Visit = tuple[str, int, str | None, list[tuple[str, str, int | None]], list[str]]


@pytest.fixture
def stats_db(tmp_path: Path) -> Callable[..., Path]:
    """A statistics database holding ``visits``, written with plain INSERTs."""

    def make(visits: list[Visit], path: Path | None = None) -> Path:
        path = path or tmp_path / "stats.sqlite3"
        with closing(database.connect(path)) as db, db:
            for started, seconds, ended_by, reads, choices in visits:
                visit = db.execute(
                    "INSERT INTO visits (started, seconds, ended_by) VALUES (?, ?, ?)",
                    (started, seconds, ended_by),
                ).lastrowid
                db.executemany(
                    "INSERT INTO topic_reads VALUES (?, ?, ?, ?)",
                    [(visit, *read) for read in reads],
                )
                db.executemany(
                    "INSERT INTO choices_used VALUES (?, ?)", [(visit, c) for c in choices]
                )
        return path

    return make


@pytest.fixture
def words(qapp: object) -> Iterator[object]:
    """The kiosk's words (kiosk.i18n.words.KioskWords) for this test; deleted
    after it (Qt then removes its translator from the application), so the
    next test starts in English."""
    import shiboken6  # noqa: PLC0415  (Qt only for the tests that ask for it)

    from kiosk.i18n.words import KioskWords  # noqa: PLC0415

    kiosk_words = KioskWords(qapp)  # type: ignore[arg-type]
    yield kiosk_words
    shiboken6.delete(kiosk_words)


@pytest.fixture(scope="session")
def sectioned_pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    """500 topics in 12 sections, in English and Arabic (written once per run)."""
    return load_pack(write_sectioned_pack(tmp_path_factory.mktemp("sectioned") / "pack"))
