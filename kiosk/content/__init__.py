"""The content layer: plain Python, no Qt. Loading, validation and the model."""

from kiosk.content.loader import load_pack
from kiosk.content.model import Block, BulletList, Pack, Paragraph, Place, Topic
from kiosk.content.problems import ContentError, Problem, Severity

__all__ = [
    "Block",
    "BulletList",
    "ContentError",
    "Pack",
    "Paragraph",
    "Place",
    "Problem",
    "Severity",
    "Topic",
    "load_pack",
]
