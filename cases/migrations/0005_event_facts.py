"""Timeline events keep facts, not sentences.

Until now each event stored its sentence (``summary``) in the language of the
request that caused it. This migration derives the facts of every existing
event from the rows it points at (incident, Bescheid, deadline, letter) and
from the stored sentence, so that old lines, too, are rendered in the
viewer's language; then it drops the column. A sentence that cannot be taken
apart (a change of several fields, an assignment) is kept as
``legacy_text`` and shown as it was.
"""

import re

from django.db import migrations

DATE = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")

STATUS_LABELS = {
    "neu": "new", "new": "new",
    "Sichtung": "triage", "triage": "triage",
    "in Bearbeitung": "open", "in progress": "open",
    "wartet": "waiting", "waiting": "waiting",
    "abgeschlossen": "closed", "closed": "closed",
    "archiviert": "archived", "archived": "archived",
    "abgelehnt": "rejected", "rejected": "rejected",
}

DEADLINE_ACTIONS = [
    ("Frist berechnet", "computed"), ("Deadline calculated", "computed"),
    ("Frist bestätigt", "confirmed"), ("Deadline confirmed", "confirmed"),
    ("Fristende geändert", "overridden"), ("Deadline date changed", "overridden"),
    ("Frist erledigt", "done"), ("Deadline done", "done"),
    ("Frist gegenstandslos", "cancelled"), ("Deadline moot", "cancelled"),
    ("Frist abgelaufen", "missed"), ("Deadline expired", "missed"),
    ("Frist neu berechnet", "recomputed"), ("Deadline recalculated", "recomputed"),
]

INTAKE_ACTIONS = [
    ("Aus Meldung", "converted"), ("Created from report", "converted"),
    ("Nachtrag", "added"), ("Addition from", "added"),
    ("Rückfrage", "asked"), ("Follow-up question", "asked"),
    ("Meldung", "attached"), ("Report", "attached"),
]


def _iso(match):
    return f"{match.group(3)}-{match.group(2)}-{match.group(1)}"


def _model(apps, app_label, name):
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def _facts(apps, event):
    text = event.summary or ""
    data = dict(event.data or {})
    kind = event.kind
    if kind == "status":
        match = re.match(r"Status: (.+) → (.+)$", text)
        old = STATUS_LABELS.get(match.group(1)) if match else None
        if old is None:
            return {**data, "legacy_text": text}
        return {**data, "from": old, "to": data.get("to") or STATUS_LABELS.get(match.group(2))}
    if kind == "evidence":
        title = text.split(": ", 1)[1] if ": " in text else ""
        return {**data, "title": title}
    if kind == "incident":
        incident = apps.get_model("cases", "Incident").objects.filter(pk=data.get("incident")).first()
        return {**data, "incident_kind": incident.kind} if incident else {**data, "legacy_text": text}
    if kind == "decision":
        decision = apps.get_model("cases", "Decision").objects.filter(pk=data.get("decision")).first()
        if decision is None:
            return {**data, "legacy_text": text}
        action = "corrected" if ("korrigiert" in text or "corrected" in text) else "recorded"
        return {
            **data,
            "action": action,
            "decision_kind": decision.kind,
            "dated_on": decision.dated_on.isoformat(),
        }
    if kind == "edit":
        if text in ("Fall anonymisiert", "Case anonymised"):
            return {**data, "action": "anonymised"}
        return {**data, "legacy_text": text}
    if kind == "deadline":
        Deadline = _model(apps, "deadlines", "Deadline")
        deadline = Deadline.objects.filter(pk=data.get("deadline")).first() if Deadline else None
        action = next((a for prefix, a in DEADLINE_ACTIONS if text.startswith(prefix)), None)
        if deadline is None or action is None:
            return {**data, "legacy_text": text}
        dates = [_iso(m) for m in DATE.finditer(text)]
        facts = {**data, "action": action, "rule": deadline.rule}
        if action in ("overridden", "recomputed") and len(dates) >= 2:
            facts.update(old=dates[-2], new=dates[-1])
            facts.setdefault("due_on", dates[-1])
        elif dates:
            facts["due_on"] = dates[-1]
        else:
            facts.setdefault("due_on", deadline.due_on.isoformat())
        return facts
    if kind == "letter":
        Letter = _model(apps, "letters", "Letter")
        letter = Letter.objects.filter(pk=data.get("letter")).first() if Letter else None
        if letter is None or not data.get("action"):
            return {**data, "legacy_text": text}
        facts = {**data, "letter_kind": letter.kind, "version": letter.version}
        if data["action"] == "sent":
            facts.setdefault("channel", letter.channel)
        return facts
    if kind == "intake":
        action = next((a for prefix, a in INTAKE_ACTIONS if text.startswith(prefix)), None)
        return {**data, "action": action} if action else {**data, "legacy_text": text}
    if kind == "assigned":
        return {**data, "legacy_text": text}
    return data  # created, note: the kind says it all


def forwards(apps, schema_editor):
    CaseEvent = apps.get_model("cases", "CaseEvent")
    batch = []
    for event in CaseEvent.objects.iterator(chunk_size=1000):
        event.data = _facts(apps, event)
        batch.append(event)
        if len(batch) >= 1000:
            CaseEvent.objects.bulk_update(batch, ["data"])
            batch = []
    CaseEvent.objects.bulk_update(batch, ["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_list_and_triage_indexes"),
        ("deadlines", "0001_initial"),
        ("letters", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="caseevent", name="summary"),
    ]
