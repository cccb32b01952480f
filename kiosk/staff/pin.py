"""The staff PIN: hashed for the config file, checked when staff type it.

Plain Python, no Qt. The config file keeps only a salted scrypt hash, in one
self-describing string::

    scrypt$131072$8$1$<salt, base64>$<hash, base64>

(the scrypt cost parameters n, r and p, then a random 16-byte salt and the
32-byte hash). A PIN has 4 to 8 digits, so whoever can read the hash can
find the PIN by trying them all; the cost decides how long that takes. Staff
pay it once per PIN typed, an attacker once per guess: n = 2**17, r = 8
(128 MiB, OWASP's minimum for scrypt) takes about 0.5 s on the development
machine, 10 times the earlier n = 2**14, so trying every 4-digit PIN takes
over an hour on one core, every 6-digit PIN days (benchmarks/pin_cost.py
measures both). Too long to freeze the screen for: the kiosk checks a PIN
off the GUI thread (kiosk/ui/staff/pin_check.py). Hashes stored with other parameters
still verify with their own. Even so, keep the config file readable by the
kiosk's user only: no cost makes a 4-digit PIN safe for long.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

from kiosk.plural import plural

SCHEME = "scrypt"
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
# 128 * r * n bytes for n = 2**17, r = 8, and OpenSSL's own bit on top.
SCRYPT_MAXMEM = 192 * 1024 * 1024
HASH_BYTES = 32
SALT_BYTES = 16
MIN_DIGITS = 4
MAX_DIGITS = 8

# Bounds on a stored hash's parameters, so that a config file cannot make a
# check take more memory than SCRYPT_MAXMEM or much longer than the default.
_MAX_WORK = 8 * SCRYPT_N * SCRYPT_R * SCRYPT_P
_PARAMETER = re.compile(r"[1-9][0-9]{0,9}")
_DIGITS = re.compile(r"[0-9]+")  # ASCII digits only: str.isdigit() also takes '²' and '٣'


def pin_problem(pin: str) -> str | None:
    """Why ``pin`` cannot be a staff PIN, or ``None`` when it can.

    The message never repeats the PIN: it may be shown where others can read it.
    """
    if not pin:
        return f"no PIN was typed; type {MIN_DIGITS} to {MAX_DIGITS} digits"
    if not _DIGITS.fullmatch(pin):
        return (
            f"the PIN must be {MIN_DIGITS} to {MAX_DIGITS} digits (0-9) only, "
            "with no letters, spaces or other signs"
        )
    if len(pin) < MIN_DIGITS:
        return (
            f"the PIN is too short ({plural(len(pin), 'digit')}); "
            f"type {MIN_DIGITS} to {MAX_DIGITS} digits"
        )
    if len(pin) > MAX_DIGITS:
        return f"the PIN is too long ({len(pin)} digits); type {MIN_DIGITS} to {MAX_DIGITS} digits"
    return None


def _b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _b64decode(text: str) -> bytes | None:
    try:
        return base64.b64decode(text, validate=True)
    except ValueError:  # binascii.Error, or text that is not ASCII
        return None


def _scrypt(pin: str, salt: bytes, *, n: int, r: int, p: int, dklen: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8", "surrogatepass"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=SCRYPT_MAXMEM,
        dklen=dklen,
    )


def hash_pin(pin: str) -> str:
    """The string to store for ``pin``: ``scrypt$n$r$p$salt$hash``, with a fresh salt.

    Raises ``ValueError`` (with :func:`pin_problem`'s message) for a PIN that
    is not 4 to 8 digits.
    """
    problem = pin_problem(pin)
    if problem is not None:
        raise ValueError(problem)
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(pin, salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=HASH_BYTES)
    return "$".join(
        (SCHEME, str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64encode(salt), _b64encode(digest))
    )


def _parse(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    """(n, r, p, salt, hash) of a stored value, or ``None`` when it is malformed."""
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        return None
    if not all(_PARAMETER.fullmatch(part) for part in parts[1:4]):
        return None
    n, r, p = (int(part) for part in parts[1:4])
    if n < 2 or n & (n - 1):  # scrypt's n is a power of two
        return None
    if 128 * r * (n + 2 + p) > SCRYPT_MAXMEM or n * r * p > _MAX_WORK:
        return None
    salt, digest = _b64decode(parts[4]), _b64decode(parts[5])
    if salt is None or digest is None or len(salt) < SALT_BYTES or len(digest) != HASH_BYTES:
        return None
    return n, r, p, salt, digest


def is_pin_hash(text: str) -> bool:
    """Whether ``text`` is a well-formed stored PIN hash (as :func:`hash_pin` writes)."""
    return isinstance(text, str) and _parse(text) is not None


def verify_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` is the PIN ``stored`` was made from.

    ``False``, never an exception, for a malformed ``stored`` value. The
    comparison takes the same time wherever the hashes differ.
    """
    parsed = _parse(stored) if isinstance(stored, str) else None
    if parsed is None or not isinstance(pin, str):
        return False
    n, r, p, salt, expected = parsed
    try:
        candidate = _scrypt(pin, salt, n=n, r=r, p=p, dklen=len(expected))
    except (ValueError, MemoryError):  # parameters this OpenSSL refuses
        return False
    return hmac.compare_digest(candidate, expected)
