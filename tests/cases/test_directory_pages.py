"""The data-quality page, adding an authority from a refusal, and the
Jobcenter form's district checks."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from cases.models import Authority, Jobcenter
from tests.factories import AuthorityFactory, CaseFactory, JobcenterFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_quality_page_lists_what_each_entry_lacks(cw_client, django_assert_max_num_queries):
    court = AuthorityFactory(
        kind=Authority.Kind.SOCIAL_COURT, name="Sozialgericht Nürnberg", district_keys="09562"
    )
    JobcenterFactory(name="Jobcenter Erlangen", district_key="09562", state="BY", fax="09131 1")
    JobcenterFactory(name="Jobcenter Jena", district_key="16053", state="TH", street="", fax="")
    with django_assert_max_num_queries(12):
        page = cw_client.get(reverse("cases:directory_quality")).text
    jena = page[page.index("Jobcenter Jena") :].split("</tr>")[0]
    assert "Straße" in jena and "Fax" in jena
    assert "Sozialgericht" in jena and "Staatsanwaltschaft" in jena
    erlangen = page[page.index("Jobcenter Erlangen") :].split("</tr>")[0]
    assert "Sozialgericht" not in erlangen  # served by Nürnberg
    assert "Staatsanwaltschaft" in erlangen
    assert court.name in page  # the court itself lacks a fax


def test_quality_page_with_the_shipped_directory(cw_client):
    call_command("load_directory", stdout=StringIO())
    page = cw_client.get(reverse("cases:directory_quality")).text
    assert "Jobcenter Jena (jenarbeit)" in page
    miesbach = page[page.index("Jobcenter Landkreis Miesbach") :].split("</tr>")[0]
    assert "Sozialgericht" not in miesbach and "Staatsanwaltschaft" not in miesbach


def test_refused_letter_links_a_coordinator_to_add_the_missing_court(coord_client, team):
    # § 57 Abs. 1 SGG: Jena's court is missing; the letter is refused, the
    # coordinator adds it from the refusal and the letter can be made.
    jobcenter = JobcenterFactory(
        name="Jobcenter Jena",
        kind=Jobcenter.Kind.ZKT,
        district_key="16053",
        state="TH",
        court_party="Stadt Jena\nAm Anger 15\n07743 Jena",
    )
    case = CaseFactory(team=team, jobcenter=jobcenter, person=PersonFactory())
    create = reverse("letters:create", args=[case.reference])
    response = coord_client.post(create, {"kind": "eilantrag"})
    assert response.status_code == 400
    page = response.text
    assert "Sozialgericht für den Kreis 16053" in page
    link = (
        page.split('id="recipient-fix"')[1].split('href="')[1].split('"')[0].replace("&amp;", "&")
    )
    assert "kind=sg" in link and "district=16053" in link
    form = coord_client.get(link)
    assert form.status_code == 200
    response = coord_client.post(
        link,
        {
            "kind": "sg",
            "name": "Sozialgericht Gotha",
            "city": "Gotha",
            "state": "TH",
            "district_key": "16053",
            "source": "https://example.org/sg",
        },
    )
    assert response.status_code == 302
    assert response["Location"].startswith(create)
    court = Authority.objects.get(name="Sozialgericht Gotha")
    assert court.served_districts == ["16053"]
    response = coord_client.post(create, {"kind": "eilantrag"})
    assert response.status_code == 302
    assert case.letters.get().recipient_authority == court


def test_an_existing_court_can_take_the_district(coord_client):
    court = AuthorityFactory(kind=Authority.Kind.SOCIAL_COURT, name="SG X", district_keys="16051")
    response = coord_client.post(
        reverse("cases:authority_add") + "?kind=sg",
        {"kind": "sg", "existing": court.pk, "district_key": "16053"},
    )
    assert response.status_code == 302
    court.refresh_from_db()
    assert court.served_districts == ["16051", "16053"]


def test_caseworkers_get_no_link_and_may_not_add_authorities(cw_client, team):
    jobcenter = JobcenterFactory(district_key="16053", state="TH")
    case = CaseFactory(team=team, jobcenter=jobcenter)
    page = cw_client.post(
        reverse("letters:create", args=[case.reference]), {"kind": "strafantrag"}
    ).text
    assert "Staatsanwaltschaft für den Kreis 16053" in page
    assert 'id="recipient-fix"' not in page
    assert cw_client.get(reverse("cases:authority_add")).status_code == 403


def test_jobcenter_form_refuses_a_court_of_another_district(coord_client):
    court = AuthorityFactory(
        kind=Authority.Kind.SOCIAL_COURT, name="Sozialgericht Nürnberg", district_keys="09562"
    )
    data = {"name": "Jobcenter Landkreis Miesbach", "kind": "zkT", "city": "Miesbach"}
    response = coord_client.post(
        reverse("cases:jobcenter_create"),
        {**data, "state": "BY", "district_key": "09182", "social_court": court.pk},
    )
    assert response.status_code == 200
    assert "nicht für den Kreis 09182 zuständig" in response.text
    response = coord_client.post(
        reverse("cases:jobcenter_create"), {**data, "state": "SN", "district_key": "09182"}
    )
    assert "gehört nicht zum Land SN" in response.text
    assert not Jobcenter.objects.exists()


def test_case_edit_records_the_persons_residence_district(cw_client, team):
    # § 57 Abs. 1 SGG: the residence decides the court; a wrong key is refused.
    case = CaseFactory(team=team, jobcenter=JobcenterFactory(state="BY", district_key="09182"))
    url = reverse("cases:case_edit", args=[case.reference])
    data = {"title": case.title, "jobcenter": case.jobcenter.pk, "person_name": "Erika M."}
    response = cw_client.post(url, {**data, "person_residence_district_key": "9562"})
    assert "kein Kreisschlüssel" in response.text
    response = cw_client.post(url, {**data, "person_residence_district_key": "09562"})
    assert response.status_code == 302
    case.person.refresh_from_db()
    assert case.person.residence_district_key == "09562"


def test_a_missing_general_prosecutor_is_added_above_the_prosecutor(coord_client):
    # § 172 Abs. 1 StPO: the Beschwerde goes to the GenStA above the StA.
    sta = AuthorityFactory(kind=Authority.Kind.PROSECUTOR, name="Staatsanwaltschaft Jena")
    url = reverse("cases:authority_add") + f"?kind=gsta&below={sta.pk}"
    response = coord_client.post(
        url,
        {
            "kind": "gsta",
            "name": "Thüringer Generalstaatsanwaltschaft",
            "city": "Jena",
            "state": "TH",
        },
    )
    assert response.status_code == 302
    sta.refresh_from_db()
    assert sta.superior.name == "Thüringer Generalstaatsanwaltschaft"


def test_authority_choices_give_short_names_with_their_full_names(coord_client):
    AuthorityFactory(
        kind=Authority.Kind.DATA_PROTECTION,
        name="Berliner Beauftragte für Datenschutz und Informationsfreiheit",
        short_name="BlnBDI",
    )
    AuthorityFactory(
        kind=Authority.Kind.GENERAL_PROSECUTOR,
        name="Generalstaatsanwaltschaft Berlin",
        short_name="GenStA Berlin",
    )
    page = coord_client.get(reverse("cases:authority_add") + "?kind=dsb").text
    assert (
        ">BlnBDI – Berliner Beauftragte für Datenschutz und Informationsfreiheit</option>" in page
    )
    assert ">BlnBDI</option>" not in page
    assert ">GenStA Berlin – Generalstaatsanwaltschaft Berlin</option>" in page
