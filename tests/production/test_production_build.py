"""The app built and run the production way answers every page.

Builds the static files with the Dockerfile's own build script, migrates
with the compose ``migrate`` command, starts the Dockerfile's gunicorn CMD and
the compose ``worker`` and ``beat`` commands with DJANGO_DEBUG=0 against a
fresh database on the throw-away PostgreSQL and the throw-away Redis, then:
walks the public pages anonymously and the staff pages after a real login
with password and TOTP set-up, failing on any 5xx and on any static file the
manifest cannot serve; renders a letter PDF through the web and reads it back
(the recipient must lie in the DIN 5008 address window); submits a public
report and waits for the worker's notification; and checks /readyz and compose's healthcheck of web.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import os
import re
import time

import pdfplumber
import pytest
import yaml

from tests.advocacy.test_auth import current_totp
from tests.harness.faults import form_values, plausible_submission, sent_mails
from tests.harness.urlwalk import routes
from tests.production.stack import (
    ROOT,
    Browser,
    Processes,
    compose_command,
    dockerfile,
    free_port,
    fresh_database,
    local,
    production_env,
    run,
    wait_for,
)

MM_PER_PT = 25.4 / 72
DEMO = ("demo", "demo-passwort-2026")
HASHED = re.compile(r"\.[0-9a-f]{12}\.\w+$")
LINK = re.compile(r'(?:href|src)="(/[^"#]*)"')
PAGE_LIMIT = 160
QUERY_LIMIT = 25


def test_the_dockerfile_builds_with_the_shared_script_and_installs_dependencies_first():
    recipe = dockerfile()
    assert any("scripts/build_static.sh" in line for line in recipe["run"]), recipe["run"]
    assert not any("collectstatic" in line for line in recipe["run"]), "use the script"
    text = (ROOT / "Dockerfile").read_text()
    # The dependency layer: only pyproject.toml is copied before installing.
    assert text.index("COPY pyproject.toml") < text.index("pip install .") < text.index("COPY . .")
    assert recipe["cmd"][0] == "gunicorn"
    assert compose_command("web") == recipe["cmd"]


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    database = os.environ.get("DATABASE_URL", "")
    redis = os.environ.get("REDIS_URL", "")
    if not database.startswith("postgres") or not redis.startswith("redis"):
        pytest.skip("needs the throw-away PostgreSQL and Redis (scripts/with_services.py)")
    workdir = tmp_path_factory.mktemp("production")
    port = free_port()
    processes = Processes(workdir)
    with fresh_database(database) as database_url:
        env = production_env(
            database_url=database_url,
            redis_base=redis.rsplit("/", 1)[0],
            workdir=workdir,
            port=port,
        )
        started = time.monotonic()
        steps = {}
        for step, argv in (
            ("build", ["sh", "scripts/build_static.sh"]),
            ("migrate", local(compose_command("migrate"))),
            ("demo data", [env["PYTHON"], "manage.py", "demo_data"]),
        ):
            begun = time.monotonic()
            run(argv, env)
            steps[step] = time.monotonic() - begun
        schedule = str(workdir / "celerybeat-schedule")
        gunicorn = local(dockerfile()["cmd"], **{"0.0.0.0:8000": f"127.0.0.1:{port}"})
        try:
            processes.start("web", gunicorn, env)
            processes.start("worker", local(compose_command("worker")), env)
            processes.start(
                "beat",
                local(compose_command("beat"), **{"/data/celerybeat-schedule": schedule}),
                env,
            )
            browser = Browser(port)
            wait_for(
                lambda: browser.request("GET", "/healthz")[0] == 200,
                timeout=60,
                what="gunicorn",
            )
            timings = ", ".join(f"{step} {seconds:.0f}s" for step, seconds in steps.items())
            print(f"\nproduction stack up in {time.monotonic() - started:.0f}s ({timings})")
            yield {"port": port, "workdir": workdir, "processes": processes, "env": env}
        finally:
            processes.stop()


def crawl(browser: Browser, start: list[str], *, skip: tuple[str, ...]) -> tuple[set, set]:
    """GET every in-site link reachable from ``start``; fail on a 5xx.
    Returns the pages visited and the static files they reference."""
    seen: set[str] = set()
    statics: set[str] = set()
    queue = list(start)
    queries = 0
    while queue and len(seen) < PAGE_LIMIT:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        status, headers, body = browser.request("GET", path)
        assert status < 500, (path, status, body[:500])
        if "text/html" not in headers.get("Content-Type", ""):
            continue
        for link in LINK.findall(body.decode(errors="replace")):
            link = html.unescape(link)
            if link.startswith("/static/"):
                statics.add(link)
            elif link not in seen and not link.startswith(skip):
                if "?" in link:
                    queries += 1
                    if queries > QUERY_LIMIT:
                        continue
                queue.append(link)
    return seen, statics


def assert_statics_served(browser: Browser, statics: set[str]) -> None:
    assert statics, "pages reference no static files"
    for path in statics:
        assert HASHED.search(path), f"{path} is not a hashed (manifest) name"
        status, headers, _body = browser.request("GET", path)
        assert status == 200, (path, status)
        assert "max-age=315360000" in headers.get("Cache-Control", ""), path


def login_with_totp_setup(browser: Browser) -> None:
    """Password, then the TOTP set-up the app insists on, through the pages."""
    browser.go("GET", "/konto/login/")
    path, status, _h, body = browser.go(
        "POST",
        "/konto/login/",
        {
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
            "login": DEMO[0],
            "password": DEMO[1],
        },
    )
    for _step in range(4):
        page = body.decode()
        if "/reauthenticate/" in path:
            path, status, _h, body = browser.go(
                "POST",
                path,
                {"csrfmiddlewaretoken": browser.cookies["csrftoken"], "password": DEMO[1]},
            )
        elif "/totp/activate" in path:
            tag = re.search(r"<input[^>]*authenticator_secret[^>]*>", page)
            assert tag, page[:2000]
            secret = re.search(r'value="([A-Z2-7]{16,})"', tag.group())
            assert secret, tag.group()
            path, status, _h, body = browser.go(
                "POST",
                path,
                {
                    "csrfmiddlewaretoken": browser.cookies["csrftoken"],
                    "code": current_totp(secret.group(1)),
                },
            )
        else:
            break
    assert status == 200, (path, status)
    status = browser.request("GET", "/")[0]
    assert status == 200, f"not logged in after TOTP set-up ({path}, {status})"


def form_with_field(page: str, name: str) -> str:
    """The POST form of ``page`` that has a field ``name`` (the navigation's
    logout form comes first on staff pages)."""
    for form in re.findall(r"<form[^>]*>.*?</form>", page, re.S | re.I):
        if f'name="{name}"' in form and 'method="post"' in form.lower():
            return form
    raise AssertionError(f"no form with a field {name!r}")


def letter_pdf_through_the_web(browser: Browser, references: list[str]) -> tuple[list, bytes, int]:
    """Create a letter draft on the first case that allows one; return the
    recipient lines of its HTML preview and its PDF."""
    for reference in references:
        _p, status, _h, body = browser.go("GET", f"/briefe/neu/{reference}/")
        if status != 200:
            continue
        snippet = form_with_field(body.decode(), "kind")
        form = form_values(snippet)
        fields, _files = plausible_submission(snippet)
        fields["csrfmiddlewaretoken"] = browser.cookies["csrftoken"]
        # As a caseworker leaves it: the competent authority is found by the
        # routing (another one is refused with a message).
        fields["recipient"] = ""
        for kind in form.choices.get("kind", []):
            path, status, _h, _body = browser.go(
                "POST", f"/briefe/neu/{reference}/", {**fields, "kind": kind}
            )
            assert status < 500, (reference, kind, status)
            found = re.match(r"/briefe/(\d+)/bearbeiten/", path)
            if not found:
                continue
            pk = found.group(1)
            _p, status, _h, preview = browser.go("GET", f"/briefe/{pk}/vorschau/")
            assert status == 200
            block = re.search(r'<div class="recipient">(.*?)</div>', preview.decode(), re.S)
            assert block, "no recipient in the preview"
            lines = [
                html.unescape(re.sub(r"<[^>]+>", "", line)).strip()
                for line in block.group(1).split("<br>")
            ]
            _p, status, headers, pdf = browser.go("GET", f"/briefe/{pk}/vorschau.pdf")
            assert status == 200 and headers["Content-Type"] == "application/pdf"
            return [line for line in lines if line], pdf, int(pk)
    raise AssertionError(f"no letter could be drafted for {references}")


def test_the_production_build_serves_every_page_and_renders_letters(stack):
    port = stack["port"]
    processes = stack["processes"]
    skip = ("/konto/logout", "/i18n/", "/static/")

    # The public side, anonymously.
    anonymous = Browser(port)
    public_pages, statics = crawl(
        anonymous, ["/meldung/", "/konto/login/", "/meldung/status/"], skip=skip
    )
    assert "/meldung/" in public_pages
    assert anonymous.request("GET", "/gibt-es-nicht/")[0] in (302, 404)
    _p, status, _h, form_page = anonymous.go("GET", "/meldung/")
    assert status == 200
    form_opened = time.monotonic()

    # Staff, after a real login with password and TOTP.
    staff = Browser(port)
    login_with_totp_setup(staff)
    staff_pages, staff_statics = crawl(staff, ["/"], skip=(*skip, "/verwaltung/"))
    assert_statics_served(anonymous, statics | staff_statics)
    references = sorted(
        {m.group(1) for p in staff_pages if (m := re.fullmatch(r"/faelle/(\d{4}-\d{4})/", p))}
    )
    assert references, "the walk found no case pages"
    assert len(staff_pages) > 30, sorted(staff_pages)

    # A letter rendered by gunicorn: the DIN 5008 stylesheet must be applied.
    recipient, pdf, letter_pk = letter_pdf_through_the_web(staff, references)

    # Every URL pattern once more, also those no link leads to.
    values = {"reference": references[0], "pk": letter_pk}
    patterns = 0
    for route in routes():
        if route.label.startswith("account_logout"):
            continue
        try:
            url = route.url(values)
        except AssertionError:
            continue
        status = staff.request("GET", url)[0]
        assert status < 500, (route.label, url, status)
        patterns += 1
    assert patterns > 50
    # Address field, form B: 20 mm from the left, 45 mm from the top, 85 × 45 mm.
    window = tuple(mm / MM_PER_PT for mm in (20, 45, 105, 90))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        inside = " ".join((doc.pages[0].within_bbox(window).extract_text() or "").split())
    assert len(recipient) >= 2, recipient
    for line in recipient:
        assert " ".join(line.split()) in inside, (line, inside)

    # A public report: stored, receipt code shown, staff notified by the worker.
    fields, _files = plausible_submission(form_with_field(form_page.decode(), "kind"))
    fields["csrfmiddlewaretoken"] = anonymous.cookies["csrftoken"]
    time.sleep(max(0.0, 3.5 - (time.monotonic() - form_opened)))  # the form's time trap
    _p, status, _h, done = anonymous.go("POST", "/meldung/", fields)
    assert status == 200, done[:2000]
    assert re.search(rb"\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}", done), "no receipt code"
    mail_dir = stack["workdir"] / "mail"
    mails = wait_for(lambda: sent_mails(mail_dir), timeout=60, what="the worker's mail")
    assert mails[0]["Message-ID"].startswith("<intake-outbox.")

    # Monitoring: every dependency ready once beat's heartbeat went through.
    def ready():
        status, _h, body = anonymous.request("GET", "/readyz")
        return status == 200 and body

    wait_for(ready, timeout=30, what="/readyz to report ready")
    # Compose's healthcheck of web, as the container runs it (this port).
    healthcheck = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["web"][
        "healthcheck"
    ]["test"]
    assert healthcheck[0] == "CMD"
    run(local(healthcheck[1:]) + [f"http://127.0.0.1:{port}/healthz"], stack["env"])
    processes.assert_alive()
    # Django logs every 5xx as "Internal Server Error" (a 403 is logged too,
    # with its traceback, and is fine).
    assert "Internal Server Error" not in processes.log("web"), processes.log("web")[-3000:]
    print(
        f"walked {len(public_pages)} public and {len(staff_pages)} staff pages "
        f"and {patterns} URL patterns, "
        f"{len(statics | staff_statics)} static files, at {dt.datetime.now(dt.UTC):%H:%M:%S}"
    )
