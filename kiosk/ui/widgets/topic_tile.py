"""A topic's tile, as the home screen and a section's screen show it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from kiosk.content import Pack, Topic
from kiosk.ui.languages import topic_language
from kiosk.ui.widgets.button import TouchButton


def topic_tile(
    pack: Pack, topic: Topic, parent: QWidget, description: str, chosen: Callable[[str], None]
) -> TouchButton:
    """The tile of ``topic`` (of ``pack``, in the visit's language): its
    question, in the topic's own language; a tap calls ``chosen`` with its id."""
    tile = TouchButton(topic.question, parent)
    tile.setObjectName(f"tile-{topic.id}")
    tile.set_language(topic_language(pack, topic))
    tile.setAccessibleDescription(description)
    tile.clicked.connect(lambda _=False, topic_id=topic.id: chosen(topic_id))
    return tile
