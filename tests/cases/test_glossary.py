"""Point 4 of the workspace issue: the terms explained where they are used."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from cases.models import Authority, Decision
from tests.factories import CaseFactory, DecisionFactory, JobcenterFactory

pytestmark = pytest.mark.django_db


def test_decision_form_leaves_the_legal_remedy_notice_unknown_until_checked(cw_client, team):
    case = CaseFactory(team=team)
    # The forms of the case page's panels (each loads when its panel is opened).
    page = "".join(
        cw_client.get(reverse(f"cases:{action}", args=[case.reference])).text
        for action in ("decision_add", "incident_add")
    )
    radios = re.findall(r'<input[^>]*name="has_correct_legal_remedy_notice"[^>]*>', page)
    assert len(radios) == 3
    checked = [r for r in radios if "checked" in r]
    assert len(checked) == 1 and 'value=""' in checked[0]
    assert "noch nicht geprüft" in page
    # The help texts name the rules behind the fields.
    assert "§ 66 Abs. 2 SGG" in page  # Rechtsbehelfsbelehrung
    assert "§ 84 Abs. 1 Satz 2 SGG" in page  # Bekanntgabe im Ausland
    assert "§ 77b Abs. 2 StGB" in page  # Kenntnis von der Person des Täters


def test_a_decision_saved_without_choosing_stays_unknown_and_the_page_says_so(cw_client, team):
    case = CaseFactory(team=team)
    response = cw_client.post(
        reverse("cases:decision_add", args=[case.reference]),
        {"kind": Decision.Kind.SANCTION, "dated_on": "2025-02-28", "posted_on": "2025-03-03"},
    )
    assert response.status_code == 302
    decision = case.decisions.get()
    assert decision.has_correct_legal_remedy_notice is None
    page = cw_client.get(reverse("cases:case_detail", args=[case.reference])).text
    assert "Rechtsbehelfsbelehrung noch nicht geprüft" in page
    assert "Rechtsbehelfsbelehrung fehlt oder ist falsch" not in page


def test_correcting_a_decision_keeps_the_checked_answer_selected(cw_client, team):
    case = CaseFactory(team=team)
    decision = DecisionFactory(case=case, has_correct_legal_remedy_notice=False)
    page = cw_client.get(reverse("cases:decision_edit", args=[case.reference, decision.pk])).text
    checked = [
        r
        for r in re.findall(r'<input[^>]*name="has_correct_legal_remedy_notice"[^>]*>', page)
        if "checked" in r
    ]
    assert len(checked) == 1 and 'value="False"' in checked[0]


def test_glossary_explains_terms_with_their_sections_and_abbreviations(cw_client):
    Authority.objects.create(
        kind=Authority.Kind.DATA_PROTECTION,
        name="Unabhängiges Landeszentrum für Datenschutz Schleswig-Holstein",
        short_name="ULD",
        street="Holstenstraße 98",
        postcode="24103",
        city="Kiel",
        state="SH",
    )
    page = cw_client.get(reverse("cases:glossary")).text
    assert 'id="kenntnis-von-der-person-des-taeters"' in page
    assert "§ 77b Abs. 2 Satz 1 StGB" in page
    assert 'id="rechtsbehelfsbelehrung"' in page
    assert "§ 66 Abs. 2 Satz 1 SGG" in page
    for short, full in [
        ("gE", "gemeinsame Einrichtung"),
        ("zkT", "zugelassener kommunaler Träger"),
        ("ULD", "Unabhängiges Landeszentrum für Datenschutz Schleswig-Holstein"),
    ]:
        assert f'<abbr title="{full}">{short}</abbr>' in page, short


def test_case_list_gives_the_jobcenter_kind_its_full_name(cw_client, team):
    CaseFactory(team=team, jobcenter=JobcenterFactory(kind="zkT"))
    page = cw_client.get(reverse("cases:case_list")).text
    assert '<abbr title="zugelassener kommunaler Träger">zkT</abbr>' in page
