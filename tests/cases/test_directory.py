"""The Jobcenter import and the shipped directory."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from cases.models import Authority, Jobcenter
from cases.routing import FEDERAL, supervising_dpa

pytestmark = pytest.mark.django_db

CSV = """name,kind,Bundesland,street,postcode,city,email,fax
Jobcenter Musterstadt,gE,Berlin,Musterweg 1,10115,Berlin,post@jc.example,030 123
Jobcenter Ohne Art,XY,BE,,,Berlin,,
Jobcenter Landkreis Beispiel,zkT,BY,Amtsplatz 2,8371,Beispielstadt,,
Jobcenter Landkreis Optional,zkT,BY,Amtsplatz 3,83714,Miesbach,kein-mail,
"""


def run_import(tmp_path, text):
    path = tmp_path / "jobcenter.csv"
    path.write_text(text, encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("import_jobcenters", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_reports_invalid_lines_and_imports_the_valid_ones(tmp_path):
    out, err = run_import(tmp_path, CSV)
    assert "Zeile 3: kind:" in err
    assert "Zeile 4: postcode:" in err
    assert "Zeile 5: email:" in err
    assert "Zeile 2" not in err
    assert "1 neu" in out and "3 fehlerhaft" in out
    jobcenter = Jobcenter.objects.get()
    assert (jobcenter.name, jobcenter.state, jobcenter.fax) == (
        "Jobcenter Musterstadt",
        "BE",
        "030 123",
    )


def test_import_twice_updates_instead_of_duplicating(tmp_path):
    run_import(tmp_path, CSV)
    out, _ = run_import(tmp_path, CSV.replace("Musterweg 1", "Musterweg 9"))
    assert "0 neu, 1 aktualisiert" in out
    assert Jobcenter.objects.get().street == "Musterweg 9"


def test_import_accepts_semicolon_csv(tmp_path):
    text = "name;kind;Bundesland;street;postcode;city;email;fax\nJC Süd;zkT;BY;;;Erlangen;;\n"
    out, err = run_import(tmp_path, text)
    assert not err
    assert Jobcenter.objects.get().kind == "zkT"


def test_shipped_directory_has_bfdi_and_all_16_land_authorities():
    call_command("load_directory", stdout=StringIO())
    dpas = Authority.objects.filter(kind=Authority.Kind.DATA_PROTECTION)
    bfdi = dpas.get(is_federal=True)
    assert (bfdi.street, bfdi.postcode, bfdi.city) == (
        "Graurheindorfer Straße 153",
        "53117",
        "Bonn",
    )
    states = set(dpas.filter(is_federal=False).values_list("jurisdiction_state", flat=True))
    assert len(states) == 16
    assert Jobcenter.objects.filter(kind="gE").count() >= 5
    assert Jobcenter.objects.filter(kind="zkT").count() >= 5


def test_load_directory_is_idempotent():
    call_command("load_directory", stdout=StringIO())
    counts = (Authority.objects.count(), Jobcenter.objects.count())
    out = StringIO()
    call_command("load_directory", stdout=out)
    assert (Authority.objects.count(), Jobcenter.objects.count()) == counts
    assert "0 neu, 0 aktualisiert" in out.getvalue()


def test_every_shipped_zkt_has_its_land_authority_in_the_directory():
    call_command("load_directory", stdout=StringIO())
    for jobcenter in Jobcenter.objects.all():
        level = supervising_dpa(jobcenter_kind=jobcenter.kind, state=jobcenter.state).level
        if level == FEDERAL:
            assert Authority.objects.filter(kind="dsb", is_federal=True).exists()
        else:
            assert Authority.objects.filter(kind="dsb", jurisdiction_state=level).exists()


def test_jobcenter_pages_show_the_supervising_authority(cw_client, coord_client):
    from django.urls import reverse

    call_command("load_directory", stdout=StringIO())
    miesbach = Jobcenter.objects.get(name="Jobcenter Landkreis Miesbach")
    listing = cw_client.get(reverse("cases:jobcenter_list"), {"q": "miesbach"}).text
    assert "Jobcenter Landkreis Miesbach" in listing and "Jobcenter Köln" not in listing
    detail = cw_client.get(reverse("cases:jobcenter_detail", args=[miesbach.pk])).text
    assert "Der Bayerische Landesbeauftragte für den Datenschutz" in detail
    response = coord_client.post(
        reverse("cases:jobcenter_edit", args=[miesbach.pk]),
        {
            "name": miesbach.name,
            "kind": "zkT",
            "city": "Miesbach",
            "state": "BY",
            "fax": "08025 1",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    miesbach.refresh_from_db()
    assert miesbach.fax == "08025 1"


# --- The shipped directory routes by district (§ 57 SGG, § 143 GVG) ---------


@pytest.mark.parametrize(
    ("jobcenter", "court", "prosecutor", "general_prosecutor"),
    [
        (
            "Jobcenter Landkreis Miesbach",
            "Sozialgericht München",
            "Staatsanwaltschaft München II",
            "Generalstaatsanwaltschaft München",
        ),
        (
            "Jobcenter Stadt Erlangen (GGFA)",
            "Sozialgericht Nürnberg",
            "Staatsanwaltschaft Nürnberg-Fürth",
            "Generalstaatsanwaltschaft Nürnberg",
        ),
        (
            "Jobcenter Dresden",
            "Sozialgericht Dresden",
            "Staatsanwaltschaft Dresden",
            "Generalstaatsanwaltschaft Dresden",
        ),
    ],
)
def test_shipped_directory_routes_by_the_jobcenters_district(
    jobcenter, court, prosecutor, general_prosecutor
):
    from cases.authorities import general_prosecutor_above, prosecutor_for, social_court_for

    call_command("load_directory", stdout=StringIO())
    found = Jobcenter.objects.get(name=jobcenter)
    assert social_court_for(found).authority.name == court
    sta = prosecutor_for(found).authority
    assert sta.name == prosecutor
    assert general_prosecutor_above(sta).authority.name == general_prosecutor


def test_shipped_directory_refuses_a_district_without_a_court():
    # § 9 Abs. 2 GerOrgG RP splits the Rhein-Hunsrück-Kreis between the
    # Sozialgerichte Koblenz and Mainz: the directory refuses rather than
    # guessing either (§ 57 Abs. 1 SGG).
    from cases.authorities import prosecutor_for, social_court_for
    from tests.factories import JobcenterFactory

    call_command("load_directory", stdout=StringIO())
    simmern = JobcenterFactory(
        name="Jobcenter Rhein-Hunsrück", state="RP", district_key="07140", city="Simmern"
    )
    assert social_court_for(simmern).authority is None
    assert "07140" in social_court_for(simmern).missing
    assert prosecutor_for(simmern).authority is None
    # Jena's court is shipped (§ 1 Abs. 2 Nr. 1 ThürAGSGG), its prosecutor is not.
    jena = Jobcenter.objects.get(name="Jobcenter Jena (jenarbeit)")
    assert social_court_for(jena).authority.name == "Sozialgericht Altenburg"
    assert prosecutor_for(jena).authority is None
    assert "16053" in prosecutor_for(jena).missing


def test_shipped_courts_and_prosecutors_never_claim_one_district_twice():
    call_command("load_directory", stdout=StringIO())
    for kind in (Authority.Kind.SOCIAL_COURT, Authority.Kind.PROSECUTOR):
        seen: dict[str, str] = {}
        for authority in Authority.objects.filter(kind=kind):
            for key in authority.served_districts:
                assert key not in seen, (key, seen.get(key), authority.name)
                seen[key] = authority.name


def test_every_shipped_entry_with_a_checked_date_names_its_source():
    call_command("load_directory", stdout=StringIO())
    for model in (Authority, Jobcenter):
        for entry in model.objects.exclude(checked_on=None):
            assert entry.source.strip(), entry


def test_shipped_titles_of_the_renamed_commissioners_are_current():
    # BfDI: Louisa Specht-Riemenschneider since 3 Sept 2024; Niedersachsen:
    # Denis Lehmkemper since September 2023; Sachsen-Anhalt: Maria Christina
    # Rost since 2024.
    call_command("load_directory", stdout=StringIO())
    names = set(Authority.objects.filter(kind="dsb").values_list("name", flat=True))
    assert "Die Bundesbeauftragte für den Datenschutz und die Informationsfreiheit" in names
    assert "Der Landesbeauftragte für den Datenschutz Niedersachsen" in names
    assert "Die Landesbeauftragte für den Datenschutz Sachsen-Anhalt" in names
    assert "Der Bundesbeauftragte für den Datenschutz und die Informationsfreiheit" not in names


FULL_CSV = """name;kind;Bundesland;district_key;street;postcode;city;email;fax;social_court;prosecutor;dpo_name;dpo_email;dpo_address;supervisor_name;supervisor_address;source;checked_on
Jobcenter Landkreis Miesbach;zkT;BY;09182;Rosenheimer Straße 3;83714;Miesbach;;08025 1;SG München;StA München II;Datenschutzbeauftragter;datenschutz@example.org;;Landratsamt Miesbach, Landrat;Rosenheimer Straße 1-3|83714 Miesbach;https://example.org/jc;2026-11-28
Jobcenter Falscher Kreis;zkT;BY;14612;;;Dresden;;;;;;;;;;;
Jobcenter Falsches Gericht;zkT;BY;09562;;;Erlangen;;;SG München;;;;;;;;
Jobcenter Unbekanntes Gericht;gE;BY;09562;;;Erlangen;;;SG Nirgendwo;;;;;;;;
"""


def test_import_takes_the_fields_of_a_complete_list(tmp_path):
    call_command("load_directory", stdout=StringIO())
    out, err = run_import(tmp_path, FULL_CSV)
    assert "Zeile 3: district_key:" in err and "gehört nicht zum Land BY" in err
    assert "Zeile 4: social_court:" in err and "nicht für den Kreis 09562 zuständig" in err
    assert "Zeile 5: social_court:" in err and "SG Nirgendwo" in err
    assert "Zeile 2" not in err
    miesbach = Jobcenter.objects.get(name="Jobcenter Landkreis Miesbach")
    assert miesbach.district_key == "09182"
    assert miesbach.social_court.name == "Sozialgericht München"
    assert miesbach.prosecutor.name == "Staatsanwaltschaft München II"
    assert miesbach.dpo_email == "datenschutz@example.org"
    assert miesbach.supervisor_address == "Rosenheimer Straße 1-3\n83714 Miesbach"
    assert miesbach.source == "https://example.org/jc"
    assert str(miesbach.checked_on) == "2026-11-28"
    assert not Jobcenter.objects.filter(name__startswith="Jobcenter Falsch").exists()


def test_a_shorter_list_leaves_the_other_fields_alone(tmp_path):
    call_command("load_directory", stdout=StringIO())
    run_import(tmp_path, FULL_CSV)
    run_import(
        tmp_path,
        "name,kind,Bundesland,city,fax\nJobcenter Landkreis Miesbach,zkT,BY,Miesbach,08025 2\n",
    )
    miesbach = Jobcenter.objects.get(name="Jobcenter Landkreis Miesbach")
    assert miesbach.fax == "08025 2"
    assert miesbach.social_court is not None and miesbach.dpo_email


@pytest.mark.parametrize(
    ("court", "prefix"),
    [
        # Art. 1 Abs. 1 AGSGG: one Sozialgericht per Regierungsbezirk; the
        # third digit of the Kreisschlüssel is the Regierungsbezirk.
        ("Sozialgericht München", "091"),
        ("Sozialgericht Landshut", "092"),
        ("Sozialgericht Regensburg", "093"),
        ("Sozialgericht Bayreuth", "094"),
        ("Sozialgericht Nürnberg", "095"),
        ("Sozialgericht Würzburg", "096"),
        ("Sozialgericht Augsburg", "097"),
    ],
)
def test_each_shipped_bavarian_court_serves_only_its_regierungsbezirk(court, prefix):
    call_command("load_directory", stdout=StringIO())
    served = Authority.objects.get(kind="sg", name=court).served_districts
    assert served and all(key.startswith(prefix) for key in served)


def test_an_existing_directory_is_renamed_in_place_not_duplicated():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("cases.migrations.0015_directory_current_titles")
    Authority.objects.create(
        kind="dsb",
        name="Der Bundesbeauftragte für den Datenschutz und die Informationsfreiheit",
        city="Bonn",
        state="NW",
        is_federal=True,
    )
    migration.rename(apps, None)
    call_command("load_directory", stdout=StringIO())
    assert Authority.objects.filter(kind="dsb", is_federal=True).count() == 1


def test_shipped_petition_committees_of_the_bundestag_and_all_16_landtage():
    # § 48 Abs. 1 SGB II: a zkT's petition goes to its Landtag, never to the
    # Bundestag instead; a gE's to the Bundestag (§ 47 Abs. 1 SGB II).
    from advocacy.models import Bundesland
    from cases.authorities import petitions_committee_for

    call_command("load_directory", stdout=StringIO())
    for state in Bundesland.values:
        zkt = Jobcenter(name="Jobcenter X", kind=Jobcenter.Kind.ZKT, state=state)
        found = petitions_committee_for(zkt).authority
        assert found is not None and found.jurisdiction_state == state, state
    ge = Jobcenter(name="Jobcenter Y", kind=Jobcenter.Kind.GE, state="TH")
    assert petitions_committee_for(ge).authority.name == "Deutscher Bundestag, Petitionsausschuss"
