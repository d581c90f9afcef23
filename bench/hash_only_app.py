"""The least a public submission can cost: a WSGI application without Django
that reads the request and hashes a new receipt code, nothing else.

``intake_throughput.py --floor`` serves it with the Dockerfile's gunicorn
command and sends it the same requests as the intake form gets (multipart,
two screenshots). Its submissions/s against the hashing ceiling is the
highest ratio any intake could reach with this server, client and machine.
"""

from __future__ import annotations

from cases.intake.codes import code_grouped, code_hash, code_new


def application(environ, start_response):
    if environ.get("PATH_INFO") == "/healthz":
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]
    length = int(environ.get("CONTENT_LENGTH") or 0)
    environ["wsgi.input"].read(length)
    code = code_new()
    code_hash(code)
    body = f"<p>Ihr Code: {code_grouped(code)}</p>".encode()
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    return [body]
