"""Polite error pages: never Django's bare defaults, for staff or the public."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """An expired or missing form token: explain, and point back to the form."""
    return render(request, "errors/csrf.html", status=403)
