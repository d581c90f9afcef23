"""The glossary page: terms of art and abbreviations, with the § that decides."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cases.glossary import OTHER_ABBREVIATIONS, TERMS
from cases.models import Authority


def glossary(request: HttpRequest) -> HttpResponse:
    authorities = (
        Authority.objects.exclude(short_name="")
        .order_by("short_name")
        .values_list("short_name", "name")
        .distinct()
    )
    abbreviations = sorted(
        [
            *((t.abbreviation, t.term) for t in TERMS if t.abbreviation),
            *OTHER_ABBREVIATIONS.items(),
            *authorities,
        ],
        key=lambda pair: str(pair[0]).casefold(),
    )
    terms = sorted(TERMS, key=lambda t: str(t.term).casefold())
    return render(request, "cases/glossary.html", {"terms": terms, "abbreviations": abbreviations})
