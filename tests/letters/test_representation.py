"""The group as representative (§ 13 SGB X): profile, Vollmacht, sender, checks."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
import time_machine
from django.apps import apps as django_apps

from cases.models import PowerOfAttorney
from letters.kinds import MATTER_OF_KIND, matter_needed
from letters.models import Letter
from letters.services import (
    LetterNotReady,
    RepresentationRefused,
    letter_draft_create,
    letter_finalize,
    letter_problems,
)
from tests.letters.conftest import address_window_text, complete, finalized, pdf_text


@pytest.fixture
def power(case):
    # The form the group printed without the Strafantrag (§ 158 StPO).
    return PowerOfAttorney.objects.create(
        person=case.person,
        signed_on=dt.date(2026, 3, 1),
        scan="vollmacht/2026/x.pdf",
        covers_administrative=True,
        covers_petitions=True,
        covers_court=True,
    )


def _draft(case, caseworker, kind=Letter.Kind.OBJECTION):
    return letter_draft_create(
        case=case, kind=kind, by=caseworker, sender=Letter.Sender.ORGANISATION
    )


def test_representative_letter_is_on_the_groups_letterhead_signed_for_the_group(
    case, caseworker, organisation, power
):
    caseworker.first_name, caseworker.last_name = "Kim", "Berger"
    caseworker.save()
    with time_machine.travel("2026-03-20 10:00 +01:00", tick=False):
        pdf = finalized(_draft(case, caseworker), caseworker).pdf.read()
    text = " ".join(pdf_text(pdf).split())
    assert "Erwerbslosen-Forum Datenschutz e. V." in text
    assert "in Vollmacht für Erika Mustermann" in text
    assert "die Vollmacht vom 01.03.2026 liegt bei (§ 13 Abs. 1 SGB X)" in text
    assert "für Erwerbslosen-Forum Datenschutz e. V. Kim Berger" in text
    assert "Unser Zeichen 2026-0042" in text
    assert "Vollmacht vom 01.03.2026" in text.split("Anlagen")[-1]  # enclosed
    # The return line is the group's, the recipient the Jobcenter.
    assert address_window_text(pdf).startswith("Erwerbslosen-Forum Datenschutz e. V.")


def test_no_representative_letter_without_a_valid_vollmacht(case, caseworker, organisation):
    letter = complete(_draft(case, caseworker), caseworker)
    with pytest.raises(LetterNotReady, match="keine gültige Vollmacht"):
        letter_finalize(letter=letter, by=caseworker)


def test_a_revoked_vollmacht_no_longer_counts(case, caseworker, organisation, power):
    power.revoked_on = dt.date(2026, 3, 10)
    power.save()
    letter = complete(_draft(case, caseworker), caseworker)
    with (
        time_machine.travel("2026-03-20 10:00 +01:00", tick=False),
        pytest.raises(LetterNotReady, match="keine gültige Vollmacht"),
    ):
        letter_finalize(letter=letter, by=caseworker)


def test_a_vollmacht_without_its_signed_scan_does_not_count(case, caseworker, organisation, power):
    power.scan = ""
    power.save()
    letter = complete(_draft(case, caseworker), caseworker)
    with pytest.raises(LetterNotReady, match="keine gültige Vollmacht"):
        letter_finalize(letter=letter, by=caseworker)


def test_only_a_signatory_of_the_profile_may_sign(case, caseworker, organisation, power):
    organisation.signatories.clear()
    letter = complete(_draft(case, caseworker), caseworker)
    with (
        time_machine.travel("2026-03-20 10:00 +01:00", tick=False),
        pytest.raises(LetterNotReady, match="nicht als zeichnungsberechtigt"),
    ):
        letter_finalize(letter=letter, by=caseworker)


def test_court_applications_stay_in_the_persons_name_unless_the_group_may_represent(
    case, caseworker, organisation, power
):
    # § 73 Abs. 2 SGG lists who may represent before the Sozialgericht.
    with pytest.raises(RepresentationRefused, match="§ 73 Abs. 2 SGG"):
        _draft(case, caseworker, kind=Letter.Kind.INTERIM_ORDER)
    organisation.may_represent_in_court = True
    organisation.save()
    letter = _draft(case, caseworker, kind=Letter.Kind.INTERIM_ORDER)
    assert letter.sender == "organisation"
    # Before the court the Vollmacht is filed in writing (§ 73 Abs. 6 Satz 1 SGG);
    # § 13 SGB X governs the administrative procedure, not the court.
    text = " ".join(pdf_text(finalized(letter, caseworker).pdf.read()).split())
    assert "liegt bei (§ 73 Abs. 6 Satz 1 SGG)" in text
    assert "§ 13 Abs. 1 SGB X" not in text


def test_complaint_in_the_persons_name_needs_the_art_80_mandate(
    case, caseworker, organisation, power
):
    letter = complete(_draft(case, caseworker, kind=Letter.Kind.DPA_COMPLAINT), caseworker)
    with (
        time_machine.travel("2026-03-20 10:00 +01:00", tick=False),
        pytest.raises(LetterNotReady, match="Art. 80 Abs. 1 DSGVO"),
    ):
        letter_finalize(letter=letter, by=caseworker)
    organisation.is_data_protection_body = True
    organisation.save()
    power.includes_complaint_mandate = True
    power.save()
    with time_machine.travel("2026-03-20 10:00 +01:00", tick=False):
        assert letter_finalize(letter=letter, by=caseworker).status == Letter.Status.FINAL


def test_the_vollmacht_form_offers_the_art_80_mandate_only_to_a_qualified_group(
    case, caseworker, organisation
):
    form = letter_draft_create(case=case, kind=Letter.Kind.POWER_OF_ATTORNEY, by=caseworker)
    assert "§ 13 SGB X" in form.body
    assert "Art. 80" not in form.body
    organisation.is_data_protection_body = True
    organisation.save()
    form = letter_draft_create(case=case, kind=Letter.Kind.POWER_OF_ATTORNEY, by=caseworker)
    assert "Art. 80 Abs. 1 DSGVO" in form.body
    assert form.sender == Letter.Sender.PERSON


def test_a_letter_in_the_persons_name_needs_no_vollmacht(case, caseworker, organisation):
    letter = letter_draft_create(case=case, kind=Letter.Kind.FILE_INSPECTION, by=caseworker)
    pdf = finalized(letter, caseworker).pdf.read()
    text = pdf_text(pdf)
    assert "Erwerbslosen-Forum" not in text
    assert "Unser Zeichen" not in text


# --- the matters the Vollmacht covers (letters.kinds.MATTER_OF_KIND) ---------------


def test_a_vollmacht_without_strafantraege_refuses_a_representative_strafantrag(
    case, caseworker, organisation, power
):
    # A Strafantrag by a representative needs a Vollmacht that covers it (§ 158 StPO);
    # the same Vollmacht covers the Widerspruch (§ 13 SGB X).
    strafantrag = complete(
        _draft(case, caseworker, kind=Letter.Kind.CRIMINAL_COMPLAINT), caseworker
    )
    with (
        time_machine.travel("2026-03-20 10:00 +01:00", tick=False),
        pytest.raises(LetterNotReady) as refused,
    ):
        letter_finalize(letter=strafantrag, by=caseworker)
    assert any(
        p.startswith(
            "Die Vollmacht vom 01.03.2026 deckt Strafanträge und Strafanzeigen (§ 158 StPO) "
            "nicht ab."
        )
        for p in refused.value.problems
    )
    with time_machine.travel("2026-03-20 10:00 +01:00", tick=False):
        widerspruch = finalized(_draft(case, caseworker), caseworker)
    assert widerspruch.status == Letter.Status.FINAL
    assert widerspruch.sender == Letter.Sender.ORGANISATION

    power.covers_criminal_complaints = True
    power.save()
    with time_machine.travel("2026-03-20 10:00 +01:00", tick=False):
        problems = letter_problems(strafantrag)
    assert not [p for p in problems if "deckt" in p]


def test_a_vollmacht_without_the_court_refuses_a_representative_court_application(
    case, caseworker, organisation, power
):
    # § 73 Abs. 2 SGG admits the group, but the person did not sign for the court.
    organisation.may_represent_in_court = True
    organisation.save()
    power.covers_court = False
    power.save()
    letter = complete(_draft(case, caseworker, kind=Letter.Kind.INTERIM_ORDER), caseworker)
    with (
        time_machine.travel("2026-03-20 10:00 +01:00", tick=False),
        pytest.raises(LetterNotReady, match=r"deckt Verfahren vor dem Sozialgericht \(§ 73 SGG\)"),
    ):
        letter_finalize(letter=letter, by=caseworker)


def test_every_kind_but_the_vollmacht_form_names_the_matter_it_needs():
    unmapped = set(Letter.Kind) - set(MATTER_OF_KIND)
    assert unmapped == {Letter.Kind.POWER_OF_ATTORNEY, Letter.Kind.STATUS_INQUIRY}
    # A Sachstandsanfrage needs what the letter it asks about needed.
    about = {"about": {"kind": Letter.Kind.CRIMINAL_COMPLAINT}}
    assert matter_needed(Letter.Kind.STATUS_INQUIRY, about) == "covers_criminal_complaints"


def test_the_vollmacht_pdf_names_exactly_the_chosen_matters(case, caseworker, organisation):
    organisation.is_data_protection_body = True  # the Art. 80 mandate is offered ...
    organisation.save()
    form = letter_draft_create(
        case=case,
        kind=Letter.Kind.POWER_OF_ATTORNEY,
        by=caseworker,
        # ... but not chosen; the court is chosen but the profile does not offer it.
        options={"matters": ["covers_administrative", "covers_petitions", "covers_court"]},
    )
    text = " ".join(pdf_text(finalized(form, caseworker).pdf.read()).split())
    assert "das Verwaltungsverfahren gegenüber dem Jobcenter (§ 13 SGB X)" in text
    assert "Petitionen an die Petitionsausschüsse und Dienstaufsichtsbeschwerden." in text
    assert "Strafanträgen" not in text
    assert "§ 158 StPO" not in text
    assert "Art. 80" not in text
    assert "Sozialgericht" not in text


def test_the_vollmacht_pdf_names_every_offered_matter_when_none_was_chosen(
    case, caseworker, organisation
):
    organisation.is_data_protection_body = True
    organisation.may_represent_in_court = True
    organisation.save()
    form = letter_draft_create(case=case, kind=Letter.Kind.POWER_OF_ATTORNEY, by=caseworker)
    text = " ".join(pdf_text(finalized(form, caseworker).pdf.read()).split())
    for phrase in (
        "(§ 13 SGB X)",
        "nach Art. 80 Abs. 1 DSGVO",
        "die Stellung von Strafanträgen in meinem Namen (§ 158 StPO)",
        "Dienstaufsichtsbeschwerden",
        "Verfahren vor dem Sozialgericht (§ 73 Abs. 2 SGG).",
    ):
        assert phrase in text


def test_a_vollmacht_form_naming_no_matter_cannot_be_made_final(case, caseworker, organisation):
    form = letter_draft_create(
        case=case, kind=Letter.Kind.POWER_OF_ATTORNEY, by=caseworker, options={"matters": []}
    )
    with pytest.raises(LetterNotReady, match="nennt keine Angelegenheit"):
        letter_finalize(letter=complete(form, caseworker), by=caseworker)


def test_the_migration_assumes_only_what_the_old_form_said(case):
    """The first Vollmacht form covered the Jobcenter and the petition
    committees; it did not mention Strafanträge (§ 158 StPO)."""
    old = PowerOfAttorney.objects.create(
        person=case.person, signed_on=dt.date(2025, 3, 1), includes_complaint_mandate=True
    )
    migration = importlib.import_module("cases.migrations.0021_power_of_attorney_matters")
    migration.matters_of_the_old_form(django_apps, None)
    old.refresh_from_db()
    assert old.covers_administrative and old.covers_petitions
    assert old.includes_complaint_mandate
    assert not old.covers_criminal_complaints
    assert not old.covers_court
