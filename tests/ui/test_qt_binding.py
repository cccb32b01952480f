"""Guards against known defects of the Qt binding that a kiosk cannot live with."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


@pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 (PEP 683)"
)
def test_calling_qt_methods_does_not_leak_references_to_none(qtbot: QtBot):
    # PySide6 6.12.0 on Python 3.11 drops one reference to None per call of a
    # void method; the interpreter aborts once the count reaches zero, which a
    # kiosk running for weeks would reach. See the pin in pyproject.toml.
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(1000):
        widget.update()
        widget.setAccessibleName("x")
    assert sys.getrefcount(None) - before > -50
