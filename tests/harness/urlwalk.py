"""Every URL pattern of the project, with a concrete URL to request.

``routes()`` walks ``get_resolver().url_patterns`` recursively and returns one
``Route`` per pattern (named or not). ``Route.url(values)`` fills the
pattern's arguments from ``values`` (by name, then by the argument's kind) and
checks that the result resolves back to the same view.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.converters import IntConverter, PathConverter, SlugConverter, UUIDConverter
from django.urls.resolvers import RegexPattern, RoutePattern

from advocacy.access import MFA_SETUP_PREFIXES, is_public_view

_ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>(?:[^()]|\([^()]*\))*)\)")


@dataclass(frozen=True)
class Route:
    name: str | None  # "namespace:name", or None for unnamed patterns
    parts: tuple[tuple[str, object], ...] = field(repr=False)  # (pattern text, pattern)
    callback: Callable[..., object] = field(repr=False)

    @property
    def label(self) -> str:
        return self.name or f"<unnamed {self.template}>"

    @property
    def template(self) -> str:
        return "/" + "".join(text for text, _pattern in self.parts)

    @property
    def namespace(self) -> str:
        return self.name.rpartition(":")[0] if self.name and ":" in self.name else ""

    @property
    def params(self) -> dict[str, object]:
        """Argument name → converter (RoutePattern) or regex body (RegexPattern)."""
        found: dict[str, object] = {}
        for text, pattern in self.parts:
            if isinstance(pattern, RoutePattern):
                found.update(pattern.converters)
            elif isinstance(pattern, RegexPattern):
                for match in _REGEX_GROUP.finditer(text):
                    found[match["name"]] = match["body"]
        return found

    @property
    def is_public_view(self) -> bool:
        return is_public_view(self.callback)

    def url(self, values: Mapping[str, object] | None = None) -> str:
        values = values or {}
        path = ""
        for text, pattern in self.parts:
            if isinstance(pattern, RoutePattern):
                converters = pattern.converters
                path += _ROUTE_PARAM.sub(
                    lambda m, c=converters: str(_value(m["name"], c[m["name"]], values)), text
                )
            else:
                filled = _REGEX_GROUP.sub(lambda m: str(_value(m["name"], m["body"], values)), text)
                path += filled.lstrip("^").rstrip("$").replace("\\", "")
        url = "/" + path
        match = resolve(url)
        if match.func is not self.callback:
            raise AssertionError(f"{url} resolves to {match.func}, not to {self.label}")
        return url

    def is_public_by_middleware(self, values: Mapping[str, object] | None = None) -> bool:
        """Would ``LoginRequiredMiddleware`` let an anonymous user through?"""
        self.url(values)  # the route must resolve to its own view
        return self.is_public_view

    def is_open_during_mfa_setup(self, values: Mapping[str, object] | None = None) -> bool:
        return self.is_public_view or self.url(values).startswith(MFA_SETUP_PREFIXES)


def _value(name: str, kind: object, values: Mapping[str, object]) -> object:
    """A value for one argument: from ``values`` by name, else a plausible dummy."""
    if name in values:
        return values[name]
    lowered = name.lower()
    if "reference" in lowered and "reference" in values:
        return values["reference"]
    is_key = lowered in {"pk", "id", "object_id"} or lowered.endswith(("_pk", "_id"))
    if is_key and "pk" in values:
        return values["pk"]
    if isinstance(kind, IntConverter):
        return values.get("pk", 1)
    if isinstance(kind, UUIDConverter):
        return uuid.UUID(int=1)
    if isinstance(kind, SlugConverter):
        return values.get("slug", "beispiel")
    if isinstance(kind, PathConverter):
        return values.get("path", "1")
    if isinstance(kind, str):  # a regex group: the first alternative, or a dummy
        alternatives = kind.split("|")
        if len(alternatives) > 1 and all(re.fullmatch(r"\w+", a) for a in alternatives):
            return alternatives[0]
        if kind == ".*":
            return "gibt-es-nicht/"
        if kind == ".+":
            return "abc123"
        return "1" if "0-9" in kind or "\\d" in kind else "abc123"
    if "reference" in lowered:
        return values.get("reference", "2026-0001")
    return values.get("token", "beispiel-token")


def _walk(patterns, parts=(), namespaces=()) -> Iterator[Route]:
    for pattern in patterns:
        text = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from _walk(pattern.url_patterns, (*parts, (text, pattern.pattern)), inner)
        elif isinstance(pattern, URLPattern):
            name = ":".join((*namespaces, pattern.name)) if pattern.name else None
            yield Route(name, (*parts, (text, pattern.pattern)), pattern.callback)


def routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns))


def route_named(name: str) -> Route | None:
    return next((route for route in routes() if route.name == name), None)
