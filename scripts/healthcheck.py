"""The liveness check of the ``web`` container (docker-compose.yml):
GET /healthz, exit 0 if it answers ``ok``.

    python scripts/healthcheck.py [URL]     (default http://127.0.0.1:8000/healthz)

The request carries the host of SITE_URL as its Host header. Django answers
400 to a Host that DJANGO_ALLOWED_HOSTS does not name, so a plain request to
localhost would mark the container unhealthy as soon as the allowed hosts
name only the real domain. Stdlib only.
"""

from __future__ import annotations

import os
import sys
import urllib.parse
import urllib.request

DEFAULT_URL = "http://127.0.0.1:8000/healthz"


def main(argv: list[str]) -> int:
    url = argv[1] if len(argv) > 1 else DEFAULT_URL
    host = urllib.parse.urlsplit(os.environ.get("SITE_URL", "")).netloc
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=3) as response:
            body = response.read()
    except OSError as exc:  # refused, timed out, or an HTTP error status
        print(f"healthcheck: {url}: {exc}", file=sys.stderr)
        return 1
    if body != b"ok":
        print(f"healthcheck: {url} answered {body[:80]!r}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
