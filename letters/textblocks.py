"""Text blocks (Textbausteine): passages coordinators keep, inserted into a
letter's text with placeholders filled from the case.

A placeholder is a name in curly braces, e.g. ``{Aktenzeichen}``; ``PLACEHOLDERS``
is the one list of them and of where each value comes from in the letter's
document. A block may use only these (the form refuses others); a value the
case lacks is inserted as a visible gap, ``[Bescheid vom: fehlt]``, never
guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from letters.document import LetterDocument

PLACEHOLDER = re.compile(r"\{([^{}]{1,40})\}")


def _get(*path: str) -> Callable[[LetterDocument], str]:
    def read(doc: LetterDocument) -> str:
        value: object = doc
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return str(value or "")

    return read


PLACEHOLDERS: dict[str, Callable[[LetterDocument], str]] = {
    "Name": _get("sender", "name"),
    "Kundennummer": _get("sender", "customer_number"),
    "Aktenzeichen": _get("case", "reference"),
    "Jobcenter": _get("jobcenter", "name"),
    "Bescheid vom": _get("decision", "dated_on_display"),
    "Zeichen des Bescheids": _get("decision", "reference"),
    "Datum": _get("date_display"),
}


def fill(text: str, doc: LetterDocument) -> tuple[str, list[str]]:
    """The text with its placeholders filled; and the names the case lacks."""
    missing: list[str] = []

    def replace(match: re.Match) -> str:
        name = match.group(1)
        read = PLACEHOLDERS.get(name)
        if read is None:
            return match.group(0)
        value = read(doc)
        if not value:
            missing.append(name)
            return f"[{name}: fehlt]"
        return value

    return PLACEHOLDER.sub(replace, text), missing


class TextBlock(models.Model):
    """A passage for letters, kept by coordinators."""

    title = models.CharField(_("Bezeichnung"), max_length=120, unique=True)
    text = models.TextField(_("Text"))
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        app_label = "letters"
        verbose_name = _("Textbaustein")
        verbose_name_plural = _("Textbausteine")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class TextBlockForm(forms.ModelForm):
    class Meta:
        model = TextBlock
        fields = ["title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        unknown = sorted({n for n in PLACEHOLDER.findall(text) if n not in PLACEHOLDERS})
        if unknown:
            raise forms.ValidationError(
                _("Unbekannte Platzhalter: %(unknown)s. Möglich sind: %(known)s.")
                % {
                    "unknown": ", ".join(f"{{{n}}}" for n in unknown),
                    "known": ", ".join(f"{{{n}}}" for n in PLACEHOLDERS),
                }
            )
        return text
