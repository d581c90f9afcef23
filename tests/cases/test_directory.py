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
