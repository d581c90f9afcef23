"""Strict readers for settings from environment variables.

Every reader raises ``ImproperlyConfigured`` with the variable's name and what
was wrong, so that a malformed value stops start-up with a clear message
instead of being silently replaced by a default.
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class Env:
    """Reads typed values from a mapping (``os.environ`` by default)."""

    def __init__(self, environ: Mapping[builtins.str, builtins.str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def _raw(self, name: builtins.str) -> builtins.str | None:
        value = self.environ.get(name)
        if value is None or value.strip() == "":
            return None
        return value.strip()

    def str(
        self, name: builtins.str, default: builtins.str | None = None, *, required: bool = False
    ) -> builtins.str:
        value = self._raw(name)
        if value is None:
            if required or default is None:
                raise ImproperlyConfigured(f"Environment variable {name} is required but not set.")
            return default
        return value

    def bool(self, name: builtins.str, default: bool) -> bool:
        value = self._raw(name)
        if value is None:
            return default
        lowered = value.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ImproperlyConfigured(
            f"Environment variable {name}={value!r} is not a boolean; use one of 1/0, true/false, yes/no, on/off."
        )

    def int(self, name: builtins.str, default: int, *, minimum: int | None = None) -> int:
        value = self._raw(name)
        if value is None:
            return default
        try:
            number = int(value)
        except ValueError:
            raise ImproperlyConfigured(
                f"Environment variable {name}={value!r} is not a whole number."
            ) from None
        if minimum is not None and number < minimum:
            raise ImproperlyConfigured(
                f"Environment variable {name}={number} must be at least {minimum}."
            )
        return number

    def list(self, name: builtins.str, default: list[builtins.str]) -> list[builtins.str]:
        value = self._raw(name)
        if value is None:
            return list(default)
        items = [item.strip() for item in value.split(",")]
        if any(item == "" for item in items):
            raise ImproperlyConfigured(
                f"Environment variable {name}={value!r} has an empty item; separate values by single commas."
            )
        return items

    def choice(
        self, name: builtins.str, default: builtins.str, choices: tuple[builtins.str, ...]
    ) -> builtins.str:
        value = self._raw(name)
        if value is None:
            return default
        if value not in choices:
            raise ImproperlyConfigured(
                f"Environment variable {name}={value!r} is not one of: {', '.join(choices)}."
            )
        return value

    def url(
        self, name: builtins.str, default: builtins.str, schemes: tuple[builtins.str, ...]
    ) -> builtins.str:
        value = self._raw(name) or default
        scheme = value.split("://", 1)[0] if "://" in value else ""
        if scheme not in schemes:
            raise ImproperlyConfigured(
                f"Environment variable {name}={value!r} must be a URL with one of the schemes: "
                f"{', '.join(schemes)}."
            )
        return value
