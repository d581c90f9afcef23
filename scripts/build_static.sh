#!/bin/sh
# Collect the static files the production way: manifest storage with hashed
# names and compressed copies (DJANGO_DEBUG=0), into STATIC_ROOT.
# The Dockerfile runs this at build time and tests/production runs the same
# script, so the two cannot drift. PYTHON picks the interpreter (default:
# `python`, as in the image).
set -eu
cd "$(dirname "$0")/.."
# No secret is used by collectstatic; production settings require one.
DJANGO_DEBUG=0 ADVOCACY_TESTING=0 \
DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-collectstatic-at-build-time-only-never-used-to-sign-anything}" \
  "${PYTHON:-python}" manage.py collectstatic --noinput --clear -v 0
