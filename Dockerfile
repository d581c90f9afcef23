# The app image: web (gunicorn), Celery worker and beat run from it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libfontconfig1 fonts-dejavu-core \
      postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml ./
RUN pip install --upgrade pip && pip install .
COPY . .
# The same script the production-build test runs (tests/production).
RUN scripts/build_static.sh \
 && useradd --system --home /app advocacy && mkdir -p /data && chown advocacy /data
USER advocacy
ENV ADVOCACY_VAR_DIR=/data
EXPOSE 8000
CMD ["gunicorn", "advocacy.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", "--preload"]
