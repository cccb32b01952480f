"""Web addresses in a pack (a topic's or the pack's ``link``), shown as QR codes.

A patient's phone opens the address, so only what is safe to hand a
stranger's phone is accepted: an ``https://`` address with a host, and no
user name or password in it.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def link_problem(text: str) -> str | None:
    """What is wrong with ``text`` as a link, after "'link' ", or ``None``."""
    try:
        parts = urlsplit(text)
    except ValueError:
        return "is not a web address; write one such as https://example.org/page"
    if parts.scheme.lower() != "https":
        return "must start with https://, such as https://example.org/page"
    if not parts.hostname:
        return "has no site name after https://; write one such as https://example.org/page"
    if parts.username is not None or parts.password is not None:
        return (
            "holds a user name or password (the part before '@'); remove it: "
            "anyone who scans the code would see it"
        )
    return None
