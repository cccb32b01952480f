"""Render every screen of a pack to PNG files, without a display."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.content import Pack
from kiosk.settings import Settings
from kiosk.ui.style.text_size import TextSize
from kiosk.ui.window import KioskWindow


def _settle(app: QApplication) -> None:
    # Layouts and style sheets apply through posted events; two rounds let
    # nested height-for-width layouts converge before the grab.
    for _ in range(2):
        app.processEvents()


def render_snapshots(
    app: QApplication,
    pack: Pack,
    settings: Settings,
    out: Path,
    size: tuple[int, int],
    *,
    text_size: TextSize = TextSize.NORMAL,
    high_contrast: bool = False,
) -> list[Path]:
    """Write home.png, topics/<id>.png and idle-warning.png; return their paths.

    The screens show ``text_size`` and ``high_contrast`` as a patient who
    chose them would see them, on the reference panel's pixel density.
    Raises ``OSError`` when an image cannot be written.
    """
    width, height = size
    window = KioskWindow(
        pack,
        app=app,
        idle_timeout_ms=settings.idle_timeout_ms,
        idle_warning_ms=settings.idle_warning_ms,
        settle_ms=0,
    )
    # The pictures show Listen as it is on a kiosk with a speech engine;
    # nothing here ever speaks.
    window.answer.set_listen_available(True)
    window.setFixedSize(width, height)
    window.show()
    window.set_text_size(text_size)
    window.set_high_contrast(high_contrast)
    written: list[Path] = []

    def save(name: str) -> None:
        _settle(app)
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        image = window.grab().toImage()
        if not image.save(str(path)):
            raise OSError(f"{path} could not be saved")
        written.append(path)

    try:
        save("home.png")
        for topic in pack.topics:
            window.show_topic(topic.id)
            save(f"topics/{topic.id}.png")
        window.show_topic(pack.topics[0].id)
        window.overlay.set_seconds_left(round(window.idle.warning_ms / 1000))
        window.show_idle_warning()  # as it would show, without waiting for it
        save("idle-warning.png")
    finally:
        window.locked = False
        window.close()
        window.deleteLater()
    return written
