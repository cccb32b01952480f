"""Answer text -> paragraphs and bullet lists. Nothing else is markup."""

from __future__ import annotations

from kiosk.content.model import Block, BulletList, Paragraph

BULLET = "- "


def parse_answer(text: str) -> tuple[Block, ...]:
    """Split answer text into blocks.

    A blank line starts a new paragraph; single line breaks inside a paragraph
    join with a space; lines starting with ``- `` are bullet items (a following
    line without the dash continues the item). Runs of spaces fold into one.
    The text is never interpreted any further: ``<b>`` stays the three
    characters it is.
    """
    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[list[str]] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Paragraph(" ".join(paragraph)))
            paragraph.clear()
        if items:
            blocks.append(BulletList(tuple(" ".join(words) for words in items)))
            items.clear()

    for raw in text.splitlines():
        words = raw.split()
        if not words:
            flush()
        elif (raw.lstrip() + " ").startswith(BULLET):
            if paragraph:
                flush()
            if words[1:]:  # a bare "-" adds no empty bullet
                items.append(words[1:])
        elif items:
            items[-1].extend(words)
        else:
            paragraph.extend(words)
    flush()
    return tuple(blocks)
