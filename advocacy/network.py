"""The client's address, behind a configured number of trusted reverse proxies.

With ``TRUSTED_PROXY_COUNT = 0`` the address is the TCP peer (``REMOTE_ADDR``)
and ``X-Forwarded-For`` is ignored: anyone can send that header. Behind N
proxies that each append the address they received the request from, the
client is the N-th entry from the right; entries further left were written
by the client itself and are never trusted.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    peer = request.META.get("REMOTE_ADDR", "") or ""
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        hops = [
            hop.strip()
            for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if hop.strip()
        ]
        if len(hops) >= count:
            peer = hops[-count]
        elif hops:
            # Fewer hops than proxies: the proxy in front of us is misconfigured;
            # the leftmost is still the best we know.
            peer = hops[0]
    try:
        return str(ipaddress.ip_address(peer))
    except ValueError:
        return "unknown"


def address_bucket(address: str) -> str:
    """What one client is limited as: an IPv4 address, or the /64 network of
    an IPv6 address (one household or phone gets a whole /64)."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    return str(parsed)


def axes_client_address(request: HttpRequest) -> str | None:
    """The same address for django-axes (``AXES_CLIENT_IP_CALLABLE``), which
    stores None for a request without one (a test's ``force_login``)."""
    address = client_address(request)
    return None if address == "unknown" else address
