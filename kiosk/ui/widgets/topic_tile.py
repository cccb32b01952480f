"""Topics' tiles, as the home screen and a section's screen show them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QWidget

from kiosk.content import Pack, Topic
from kiosk.ui.languages import topic_language
from kiosk.ui.widgets.picture_tile import PicturePlacing, PictureTile


def topic_tiles(
    pack: Pack,
    topics: Sequence[Topic],
    parent: QWidget,
    description: str,
    chosen: Callable[[str], None],
    *,
    placing: PicturePlacing,
) -> list[PictureTile]:
    """The tiles of one grid: where any of ``topics`` has a picture, those
    without one keep its room."""
    reserve = any(topic.image is not None for topic in topics)
    return [
        _topic_tile(pack, topic, parent, description, chosen, placing=placing, reserve=reserve)
        for topic in topics
    ]


def _topic_tile(
    pack: Pack,
    topic: Topic,
    parent: QWidget,
    description: str,
    chosen: Callable[[str], None],
    *,
    placing: PicturePlacing,
    reserve: bool,
) -> PictureTile:
    """The tile of ``topic`` (of ``pack``, in the visit's language): its
    question, in the topic's own language, and its picture, placed as
    ``placing`` decides for the tiles of one grid (``reserve``: a tile without
    a picture keeps its room, in a grid where others have one); a tap calls
    ``chosen`` with its id."""
    tile = PictureTile(topic.question, parent, placing=placing)
    tile.set_picture(topic.image, reserve=reserve)
    tile.setObjectName(f"tile-{topic.id}")
    tile.set_language(topic_language(pack, topic))
    tile.setAccessibleDescription(description)
    tile.clicked.connect(lambda _=False, topic_id=topic.id: chosen(topic_id))
    return tile
