"""Shared fixtures. Qt runs headless: the platform is set before any QApplication."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Callable, Iterator
from pathlib import Path

import platformdirs
import pytest

from kiosk.content import Pack, load_pack

REPO = Path(__file__).resolve().parents[1]

PackWriter = Callable[..., Path]


@pytest.fixture(autouse=True)
def platform_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The platform's config and log folders, moved under tmp_path for every
    test: no test may read the real user's configuration or write their logs."""
    home = tmp_path / "platform"
    monkeypatch.setattr(platformdirs, "user_config_path", lambda app: home / "config" / app)
    monkeypatch.setattr(platformdirs, "user_log_path", lambda app: home / "log" / app)
    return home


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
    ) -> Path:
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
                f"question: {_quoted(question)}\norder: {order}\nanswer: |\n{body}\n",
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
