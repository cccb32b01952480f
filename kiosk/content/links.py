"""Web addresses in a pack (a topic's or the pack's ``link``), shown as QR codes.

A patient's phone opens the address, so only what is safe to hand a
stranger's phone is accepted: a plain ``https://`` address to a named site,
written in ASCII, with no user name or password in it. What the file holds
is exactly what the code holds: nothing is rewritten on the way, so where
an address needs another form (a site name in another script, a letter
outside ASCII) the message gives that form for the admin to paste.

Messages never repeat the part before '@' (it may be a password), nor what
follows '?' or '#' (it may hold a key).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlsplit

EXAMPLE = "https://example.org/page"
# A host name's label (RFC 1123): letters, digits and inner hyphens, 63 at most.
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?", re.IGNORECASE | re.ASCII)
_MAX_HOST = 253
_LOCAL_DOMAINS = {"local", "localhost", "internal"}
# What quote() leaves as it is: the characters an address may hold.
_ESCAPE_SAFE = "-._~:/?#[]@!$&'()*+,;=%"
# Schemes a phone would run or open on itself rather than as a web page.
_LOCAL_SCHEMES = {"javascript", "data", "file", "vbscript", "blob", "about", "content"}
# What RFC 3986 allows in an address, plus '%' escapes; anything else is refused.
_URI_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")


def link_problem(text: str) -> str | None:
    """What is wrong with ``text`` as a link, after "'link' ", or ``None``."""
    return _character_problem(text) or _parts_problem(text)


def _character_problem(text: str) -> str | None:
    for position, character in enumerate(text, start=1):
        if character.isspace() or unicodedata.category(character) in ("Cc", "Cf"):
            kind = "a space" if character.isspace() else "an invisible control character"
            return (
                f"holds {kind} (U+{ord(character):04X}, character {position}); an address "
                "has none: remove it, or write a space as %20"
            )
        if character == "\\":
            return f"holds a backslash (character {position}); web addresses use '/'"
    return None


def _parts_problem(text: str) -> str | None:
    scheme, separator, _ = text.partition(":")
    scheme = scheme.lower()
    if not separator or not re.fullmatch(r"[a-z][a-z0-9+.-]*", scheme):
        return f"is not a web address; write one starting with https://, such as {EXAMPLE}"
    if scheme == "http":
        # Both at once where both are wrong: one run of `kiosk check`, one fix.
        secret = "@" in text[len("http://") :].partition("/")[0]
        return (
            "must start with https://, not http://: a phone is told to trust only secure "
            "pages; write the same address with https:// if the site has one"
            + (", and remove the user name or password (the part before '@')" if secret else "")
        )
    if scheme in _LOCAL_SCHEMES:
        return (
            f"is a '{scheme}:' address, which a phone would run or open on itself, not a "
            f"web page; write a web address starting with https://, such as {EXAMPLE}"
        )
    if scheme != "https" or not text[len(scheme) :].startswith("://"):
        return f"must start with https://, such as {EXAMPLE}"
    try:
        parts = urlsplit(text)
    except ValueError:  # an unclosed '[' in the site name
        return f"has an invalid site name after https://; write one such as {EXAMPLE}"
    if "@" in parts.netloc:
        return (
            "holds a user name or password (the part before '@'); remove it: "
            "anyone who scans the code would see it"
        )
    return _host_problem(parts.netloc) or _ascii_problem(text)


def _host_problem(netloc: str) -> str | None:
    if netloc.startswith("["):
        return (
            "points at a numbered address, which a phone outside the clinic's network "
            "cannot reach; use the site's name"
        )
    host, colon, port = netloc.partition(":")
    if not host:
        return f"has no site name after https://; write one such as {EXAMPLE}"
    if not host.isascii():
        try:
            ascii_host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return (
                "has a site name in another script that is not a valid internet name; "
                "write its ASCII form (it starts with xn--)"
            )
        return (
            f"has a site name in another script; write its ASCII form, {ascii_host}, "
            "which every phone opens and shows as it is"
        )
    labels = host.rstrip(".").split(".")
    if (
        len(host) > _MAX_HOST
        or not all(_LABEL.fullmatch(label) for label in labels)
        or len(labels) < 2  # a name and its domain at least
    ):
        return (
            f"has an invalid site name '{host}'; a phone needs a public site name "
            f"such as example.org"
        )
    if _is_local_name(labels):
        return (
            f"has the site name '{host}', which only a local network knows; a patient's "
            "phone cannot open it: use the site's public name, such as example.org"
        )
    if labels[-1].isdigit():
        return (
            f"points at a numbered address ({host}), which a phone outside the clinic's "
            "network cannot reach; use the site's name"
        )
    if colon and not (port.isdigit() and 1 <= int(port) <= 65535):
        return (
            f"has an invalid port ':{port}' after the site name; remove it, or write a "
            "number from 1 to 65535"
        )
    return None


def _is_local_name(labels: list[str]) -> bool:
    """A name reserved for local networks (RFC 6762, 6761, 8375) or an
    intranet's ``.internal``: no phone outside can look it up."""
    lowered = [label.lower() for label in labels]
    return lowered[-1] in _LOCAL_DOMAINS or lowered[-2:] == ["home", "arpa"]


def _ascii_problem(text: str) -> str | None:
    """Letters outside ASCII, given in the escaped form every phone reads alike.

    The query and fragment (after '?' or '#') are never repeated: a key or a
    patient's reference may sit there."""
    if _URI_CHARACTERS.fullmatch(text):
        return None
    escaped = quote(text, safe=_ESCAPE_SAFE)
    if len(escaped) > 300:  # the key's limit (schema)
        return (
            "holds letters outside ASCII; written with %-escapes, as a phone needs, "
            "it is longer than 300 characters: use a shorter address"
        )
    query = re.search(r"[?#]", text)
    if query is None:
        return (
            f"holds letters outside ASCII or characters an address may not hold; write it "
            f"as {escaped}"
        )
    cut = query.group()
    return (
        f"holds letters outside ASCII or characters an address may not hold; write it as "
        f"{quote(text[: query.start()], safe=_ESCAPE_SAFE)}{cut}... with what follows "
        f"'{cut}' written with %-escapes too, such as %C3%B3 for ó"
    )
