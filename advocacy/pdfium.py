"""PDFium (pypdfium2), which draws a PDF's pages as pictures (the previews of
evidence, the pages of a letter in the editor).

PDFium is not thread-safe: no two threads of a process may call it at the
same time, not even for different documents; doing so corrupts or crashes
the process (pypdfium2's documentation, "Incompatibility with Threading").
The development server and the test server answer each request in a thread
of its own, and a page with several pictures of a letter asks for them at
once: valid PDFs then failed to open ("Data format error") or the process
died of a segmentation fault. Every use of PDFium holds ``LOCK`` from
opening the document until it is closed (closing it closes its pages and
bitmaps too). gunicorn's sync workers and Celery's prefork workers run one
request or task per process; for them the lock is never contended."""

from __future__ import annotations

import threading

LOCK = threading.Lock()
