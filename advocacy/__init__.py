"""Project package: settings, URLs, Celery app and shared helpers."""

from advocacy.celery import app as celery_app

__all__ = ["celery_app"]
