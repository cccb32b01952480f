"""One cold start, timed: started by run.py, prints when the first frame was painted.

    python start_child.py bare                     # one full-screen QLabel
    python start_child.py floor PACK LOG_DIR       # the least any kiosk must do
    python start_child.py kiosk CONFIG_FILE        # `kiosk run --config CONFIG_FILE`

Prints ``painted T_PAINTED T_SCRIPT T_APP SCREEN``: ``time.perf_counter()``
when the first frame of the first top-level window was painted, when this
script started running and when the QApplication existed. On Linux, macOS and
Windows ``perf_counter`` is a system-wide monotonic clock, so the parent
subtracts the time it took just before starting this process. Nothing else is
imported before the clock is read, so the interpreter's own start is included
in the parent's figure and in neither of the others.
"""

import time

T_SCRIPT = time.perf_counter()

import os  # noqa: E402
import sys  # noqa: E402


def main() -> None:
    mode = sys.argv[1]
    from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication, QWidget  # noqa: PLC0415

    if mode == "kiosk":
        # Created here, as kiosk.app.run would, so the probe can see the paint;
        # run() then uses this instance.
        from kiosk.app import application  # noqa: PLC0415

        app = application()
    else:
        app = QApplication(sys.argv[:1])
    t_app = time.perf_counter()

    def report(window: QWidget) -> None:
        painted = time.perf_counter()
        screen = getattr(window, "current_screen", "-")
        sys.stdout.write(f"painted {painted!r} {T_SCRIPT!r} {t_app!r} {screen}\n")
        sys.stdout.flush()
        os._exit(0)  # the figure is in; tearing down is not part of it

    class PaintProbe(QObject):
        """After the first paint of a top-level window, report once that frame is done."""

        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (
                not self.seen
                and event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget)
                and watched.isWindow()
            ):
                self.seen = True
                # The window paints first, then its children, then the frame is
                # flushed: a zero timer runs once all of that is done.
                QTimer.singleShot(0, lambda: report(watched))
            return False

    probe = PaintProbe()
    app.installEventFilter(probe)

    if mode == "bare":
        from PySide6.QtWidgets import QLabel  # noqa: PLC0415

        label = QLabel("Information")
        label.showFullScreen()
        app.exec()
    elif mode == "floor":
        floor(app, sys.argv[2], sys.argv[3])
    elif mode == "kiosk":
        from kiosk.cli import main as kiosk_main  # noqa: PLC0415

        kiosk_main(["run", "--config", sys.argv[2]])
    sys.exit(f"start_child: no frame was painted in mode {mode}")


def floor(app: object, pack: str, log_dir: str) -> None:
    """What any kiosk on this stack must do before its home screen shows.

    Qt's enums (the ``Qt`` namespace), a rotating log file, every YAML file of
    the pack read with libyaml (no checks), a style sheet, and one button per
    topic in a scroll area, full screen. Nothing the kiosk adds: no validation,
    no idle timer, no staff screens, no file watcher, no kinetic scrolling.
    """
    import logging.handlers  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    import yaml  # noqa: PLC0415
    from PySide6.QtCore import Qt  # noqa: PLC0415
    from PySide6.QtWidgets import (  # noqa: PLC0415
        QApplication,
        QGridLayout,
        QLabel,
        QPushButton,
        QScrollArea,
        QVBoxLayout,
        QWidget,
    )

    assert isinstance(app, QApplication)
    handler = logging.handlers.RotatingFileHandler(
        Path(log_dir) / "floor.log", maxBytes=1 << 20, backupCount=5, encoding="utf-8"
    )
    logging.getLogger().addHandler(handler)
    logging.getLogger().warning("floor starting")
    folder = Path(pack)
    title = yaml.load((folder / "kiosk.yaml").read_bytes(), Loader=yaml.CSafeLoader)["title"]
    questions = [
        yaml.load(file.read_bytes(), Loader=yaml.CSafeLoader)["question"]
        for file in sorted((folder / "topics").glob("*.yaml"))
    ]
    window = QWidget()
    window.setStyleSheet(
        "QWidget { background: #fdfcf8; color: #1a1a1a; font-size: 28px; }"
        " QPushButton { background: #fff; border: 3px solid #1c4f8a; border-radius: 16px;"
        " padding: 24px; text-align: left; }"
    )
    column = QVBoxLayout(window)
    column.addWidget(QLabel(title))
    host = QWidget()
    grid = QGridLayout(host)
    for index, question in enumerate(questions):
        grid.addWidget(QPushButton(question), *divmod(index, 3))
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(host)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    column.addWidget(area, 1)
    window.showFullScreen()
    app.exec()


if __name__ == "__main__":
    main()
