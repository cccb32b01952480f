"""Hands a string from any thread to a function on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot


class GuiRelay(QObject):
    """``post(text)`` from any thread; ``receive(text)`` runs on this object's
    thread (the GUI's), from its event loop: widgets are only touched there.

    The usage statistics' writer thread reports its state through one.
    """

    _arrived = Signal(str)

    def __init__(self, receive: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._receive = receive
        # Queued whatever thread posts: even from the GUI thread, never inline.
        self._arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def post(self, text: str) -> None:
        self._arrived.emit(text)

    @Slot(str)
    def _deliver(self, text: str) -> None:
        self._receive(text)
