"""Proof-of-work challenges for the public pages (ALTCHA, self-hosted).

The server makes a challenge with the ``altcha`` library: a salt and the
SHA-256 of salt + a secret random number up to ``max_number``, signed with
a key derived from the secret key. The browser (``static/js/proof-of-work.js``)
tries numbers until the hash matches and sends the solution with the form.
No third party is involved. A challenge names its level, expires after
``CHALLENGE_SECONDS`` and is accepted once.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import timedelta
from urllib.parse import parse_qs

import altcha
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

CHALLENGE_SECONDS = 15 * 60
FIELD = "altcha"


def _hmac_key() -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), b"intake-proof-of-work", hashlib.sha256
    ).hexdigest()


def max_number(level: int) -> int:
    """How many numbers the browser may have to try: four times more per level."""
    return settings.INTAKE_CHALLENGE_BASE_NUMBER * 4 ** (max(level, 1) - 1)


def challenge_new(level: int) -> dict | None:
    """The challenge for a page, or None when no work is asked for."""
    if level <= 0:
        return None
    challenge = altcha.create_challenge_v1(
        altcha.ChallengeOptionsV1(
            algorithm="SHA-256",
            max_number=max_number(level),
            hmac_key=_hmac_key(),
            expires=timezone.now() + timedelta(seconds=CHALLENGE_SECONDS),
            params={"level": str(level)},
        )
    )
    return challenge.to_dict()


def challenge_passed(payload: str, level: int) -> bool:
    """Whether ``payload`` solves a challenge of at least ``level`` that we
    made, that has not expired and was not used before."""
    if level <= 0:
        return True
    if not payload or len(payload) > 2000:
        return False
    try:
        solved = altcha.PayloadV1.from_base64(payload)
        ok, _error = altcha.verify_solution_v1(solved, _hmac_key(), check_expires=True)
        given = int(parse_qs(solved.salt.split("?", 1)[-1]).get("level", ["0"])[0])
    except (ValueError, TypeError, KeyError, AttributeError):
        return False
    if not ok or given < level:
        return False
    try:
        return bool(cache.add(f"intake:pow:{solved.challenge}", 1, CHALLENGE_SECONDS))
    except (RedisError, OSError):
        logger.warning("proof of work: cache unavailable, replay not checked", exc_info=True)
        return True
