"""Lockdown: nothing a patient can open, and an error never strands the screen."""

from __future__ import annotations

import ast
import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

import kiosk
from kiosk.app import ExceptionGuard, LinkGuard

# Each of these opens something of the platform's over the kiosk: a dialog a
# patient cannot dismiss, or a text field that summons the on-screen keyboard.
FORBIDDEN = {
    "QMessageBox",
    "QFileDialog",
    "QInputDialog",
    "QLineEdit",
    "QColorDialog",
    "QFontDialog",
    "QErrorMessage",
    "QPrintDialog",
    "QProgressDialog",
}


def _names_used(source: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, ast.alias):
            names.add(node.name.rpartition(".")[2])
    return names


def test_the_kiosk_uses_no_platform_dialog_or_text_field():
    package = Path(kiosk.__file__).parent
    offenders = {
        f"{path.relative_to(package)}: {name}"
        for path in package.rglob("*.py")
        for name in _names_used(path.read_text(encoding="utf-8")) & FORBIDDEN
    }
    assert offenders == set()


def test_the_check_itself_finds_a_forbidden_widget():
    assert _names_used("from PySide6.QtWidgets import QMessageBox\n") == {"QMessageBox"}
    assert "QLineEdit" in _names_used("import PySide6.QtWidgets as w\nw.QLineEdit()\n")


def test_links_are_only_logged(qtbot: QtBot, open_window, bundled_pack, caplog):
    window = open_window(bundled_pack)
    guard = LinkGuard(window)
    guard.install()
    try:
        with caplog.at_level(logging.WARNING):
            QDesktopServices.openUrl(QUrl("https://example.org/phishing"))
            QDesktopServices.openUrl(QUrl("file:///etc/passwd"))
    finally:
        guard.uninstall()
    assert "blocked an attempt to open a link (https)" in caplog.text
    assert "blocked an attempt to open a link (file)" in caplog.text
    assert "phishing" not in caplog.text  # no patient-visible detail in the log


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_and_the_kiosk_goes_home(
    qtbot: QtBot, open_window, bundled_pack, caplog
):
    window = open_window(bundled_pack)
    window.show_topic(bundled_pack.topics[0].id)
    failing = QTimer(window, singleShot=True, interval=0)

    def broken_slot() -> None:
        raise ZeroDivisionError("a bug somewhere")

    failing.timeout.connect(broken_slot)
    previous = sys.excepthook
    sys.excepthook = ExceptionGuard(window)
    try:
        with caplog.at_level(logging.ERROR):
            failing.start()
            qtbot.waitUntil(lambda: window.current_screen == "home")
    finally:
        sys.excepthook = previous
    assert "unexpected error; returning home" in caplog.text
    assert "ZeroDivisionError: a bug somewhere" in caplog.text
    # and it carries on: the next tap works as usual
    window.home.tiles[1].click()
    assert window.current_screen == "answer"
