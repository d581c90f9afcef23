from django.conf import settings
from django.http import HttpRequest

from advocacy.auth import is_coordinator


def site(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {
        "SITE_URL": settings.SITE_URL,
        "user_is_coordinator": bool(user is not None and is_coordinator(user)),
    }
