"""Letters and the case page name the same breached BfDI criteria.

For every incident kind the criteria speak about and every combination of
the three answers (yes / no / unknown), the case page's "Verstoß" lines and
the letters' criteria sentences come from ``cases.criteria`` alone, so they
name the same breaches (one source for every rule).
"""

from __future__ import annotations

import itertools
import re
from html import unescape

import pytest
from django.urls import reverse

from cases.criteria import criteria_hints
from cases.models import Incident
from cases.services import incident_record
from letters.models import Letter
from letters.services import letter_draft_create

ANSWERS = (True, False, None)
KINDS = (
    Incident.Kind.PROFILE_RESEARCH,
    Incident.Kind.FAKE_PROFILE,
    Incident.Kind.SEARCH_ENGINE,
    Incident.Kind.THIRD_PARTY,
    Incident.Kind.DATA_PASSED_ON,
)
LETTERS_WITH_CRITERIA = (
    Letter.Kind.OBJECTION,
    Letter.Kind.DPA_COMPLAINT,
    Letter.Kind.INTERIM_ORDER,
    Letter.Kind.PETITION,
)


def _all_hints() -> dict[str, tuple[str, str]]:
    """code → (text on the case page, sentence in a letter), for every breach."""
    found = {}
    for kind, asked, informed, suspicion in itertools.product(KINDS, *[ANSWERS] * 3):
        for hint in criteria_hints(
            kind=kind,
            was_asked_first=asked,
            was_informed_afterwards=informed,
            was_fraud_suspicion_stated=suspicion,
        ):
            if hint.is_breach:
                found[hint.code] = (hint.text, hint.letter_text)
    return found


HINTS = _all_hints()


def _page_breaches(html: str) -> set[str]:
    items = re.findall(r'<li class="text-danger">(.*?)</li>', html, flags=re.S)
    shown = {" ".join(unescape(re.sub(r"<[^>]+>", "", item)).split()) for item in items}
    return {code for code, (text, _letter) in HINTS.items() if any(text in line for line in shown)}


def _letter_breaches(body: str) -> set[str]:
    flat = " ".join(body.split())
    return {code for code, (_text, letter) in HINTS.items() if letter in flat}


def test_every_breach_has_a_letter_sentence():
    assert HINTS, "no breach found at all"
    for code, (text, letter) in HINTS.items():
        assert text and letter, code


@pytest.mark.parametrize("kind", KINDS)
def test_letters_and_case_page_name_the_same_breaches(case, caseworker, cw_client, kind):
    case.incidents.all().delete()
    # Recorded as staff do, so that the case page's timeline shows it.
    incident = incident_record(case=case, by=caseworker, kind=kind, description="Vorfall")
    decision = case.decisions.get()
    decision.incidents.set([incident])  # the Widerspruch argues the link
    url = reverse("cases:case_detail", args=[case.reference])
    for asked, informed, suspicion in itertools.product(*[ANSWERS] * 3):
        Incident.objects.filter(pk=incident.pk).update(
            kind=kind,
            was_asked_first=asked,
            was_informed_afterwards=informed,
            was_fraud_suspicion_stated=suspicion,
        )
        on_page = _page_breaches(cw_client.get(url).content.decode())
        combination = (kind, asked, informed, suspicion)
        for letter_kind in LETTERS_WITH_CRITERIA:
            letter = letter_draft_create(case=case, kind=letter_kind, by=caseworker)
            assert _letter_breaches(letter.body) == on_page, (letter_kind, combination)
