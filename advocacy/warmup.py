"""Load at start what each worker would otherwise load on its first requests.

Django imports the URLconf (and with it every view module: the letters app
brings WeasyPrint), the ``holidays`` package imports the calendars of every
country on its first lookup, and the message catalogues are read on first
use. Done lazily, that is 2–3 s of CPU inside the first requests a fresh
worker serves (the first report after a deploy waits for it). With
gunicorn's ``--preload`` (Dockerfile) this runs once in the master and the
workers share the loaded modules.

No database connection is opened here: a connection opened before the fork
would be shared by every worker.
"""

from __future__ import annotations


def warm_up() -> None:
    import holidays
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import timezone, translation

    get_resolver().url_patterns  # noqa: B018 (the property imports every view module)
    # The first lookup of a country imports every country's calendar.
    holidays.Germany(years=timezone.localdate().year)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Fall")
