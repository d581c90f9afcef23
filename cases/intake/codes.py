"""Receipt codes: 16 digits, shown once, stored only as hashes.

The first digits, keyed with a secret, give a lookup key to find the row
without scanning; the whole code is checked against an Argon2id hash.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from django.conf import settings

CODE_DIGITS = 16
LOOKUP_DIGITS = 6
_hasher = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
# Verified when no row matches, so that a miss takes as long as a hit.
_DUMMY_HASH = _hasher.hash("0" * CODE_DIGITS)


def code_new() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def code_grouped(code: str) -> str:
    """``1234567890123456`` → ``1234 5678 9012 3456``."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def code_normalize(typed: str) -> str | None:
    """The digits of what someone typed (spaces, dashes allowed), or None."""
    digits = re.sub(r"[\s\-.]", "", typed or "")
    if len(digits) != CODE_DIGITS or not digits.isdigit():
        return None
    return digits


def code_lookup_key(code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(
        key, b"intake-code:" + code[:LOOKUP_DIGITS].encode(), hashlib.sha256
    ).hexdigest()


def code_hash(code: str) -> str:
    return _hasher.hash(code)


def code_matches(code: str, hashed: str) -> bool:
    try:
        return _hasher.verify(hashed, code)
    except (VerificationError, InvalidHashError):
        return False


def code_miss(code: str) -> None:
    """Spend the time of one check when there was nothing to check against."""
    code_matches(code, _DUMMY_HASH)
