"""A snapshot of every screen as kiosk snapshot took it before: the baseline for run.py.

    python snapshot_child.py PACK OUT

The same window, screens and settling as ``kiosk.ui.snapshot``, but each
picture saved by Qt's own PNG writer (``QImage.save``) on this thread before
the next screen is rendered.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtGui import QImage

from kiosk.app import application
from kiosk.content import load_pack
from kiosk.settings import Settings
from kiosk.ui import snapshot


class _QtWriters:
    """Stands in for the worker threads: Qt's writer, at once, on this thread."""

    def __init__(self, threads: int) -> None:
        del threads

    def write(self, path: Path, image: QImage) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(path)):
            raise OSError(f"{path} could not be saved")

    def finish(self) -> None:
        pass


def main() -> int:
    pack_folder, out = Path(sys.argv[1]), Path(sys.argv[2])
    pack = load_pack(pack_folder)
    snapshot._PngWriters = _QtWriters  # type: ignore[misc,assignment]
    written = snapshot.render_snapshots(
        application(), pack, Settings(content=pack_folder), out, (1920, 1080)
    )
    print(f"wrote {len(written)} images to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
