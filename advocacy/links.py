"""Links to many objects of one kind on a page, made with one ``reverse()``."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse


def links_to(viewname: str, placeholder: str) -> Callable[[object], str]:
    """What ``reverse(viewname, args=[value])`` gives for each value, with
    one ``reverse()`` for the page: the URL made for ``placeholder``, with
    each value put in its place. Only for values that a URL carries as they
    are, and that the rest of the URL does not contain: numbers, and
    references (digits and a dash, ``ReferenceConverter``). A list of 50
    rows with two links each spent 3 ms of CPU in ``reverse()``."""
    url = reverse(viewname, args=[placeholder])
    return lambda value: url.replace(placeholder, str(value))
