"""Run `manage.py check --deploy --fail-level WARNING` with production-like values."""

import os
import subprocess
import sys

env = dict(os.environ)
env.update(
    {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "deploy-check-" + "k7#Qv9!pZ2@xL5$wR8^tY1&uI4*oP6(aS3)dF0-gH" * 2,
        "DJANGO_ALLOWED_HOSTS": "fallakte.example.org",
        "SITE_URL": "https://fallakte.example.org",
        "DATABASE_URL": "postgres://advocacy:secret@db:5432/advocacy",
        "REDIS_URL": "redis://redis:6379/0",
        "CELERY_BROKER_URL": "redis://redis:6379/1",
        "EMAIL_URL": "smtp://mail:1025",
    }
)
for name in (
    "ADVOCACY_TESTING",
    "DJANGO_SECURE_SSL_REDIRECT",
    "DJANGO_SECURE_COOKIES",
    "DJANGO_HSTS_SECONDS",
):
    env.pop(name, None)
sys.exit(
    subprocess.call(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], env=env
    )
)
