"""Optional legal release by a qualified person (§ 6 Abs. 2 RDG)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import CaseEvent
from letters.models import Letter
from letters.services import (
    LetterNotReady,
    ReleaseRefused,
    letter_draft_create,
    letter_finalize,
    letter_release,
    letter_update,
)
from tests.factories import UserFactory
from tests.letters.conftest import complete


@pytest.fixture
def lawyer(team):
    user = UserFactory(username="volljuristin", groups=["caseworker"])
    team.members.add(user)
    return user


@pytest.fixture
def release_required(organisation, lawyer):
    organisation.release_required_kinds = [Letter.Kind.OBJECTION]
    organisation.save()
    organisation.qualified_persons.add(lawyer)
    return organisation


def test_a_kind_that_needs_release_cannot_be_final_without_it(
    case, caseworker, lawyer, release_required, cw_client
):
    lawyer.first_name, lawyer.last_name = "Lena", "Lorenz"
    lawyer.save()
    caseworker.first_name, caseworker.last_name = "Zora", "Zander"
    caseworker.save()
    letter = complete(
        letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=caseworker), caseworker
    )
    with pytest.raises(LetterNotReady, match="§ 6 Abs. 2 RDG"):
        letter_finalize(letter=letter, by=caseworker)
    letter_release(letter=letter, by=lawyer)
    assert case.events.filter(kind=CaseEvent.Kind.LETTER, data__action="release").exists()
    # Named as staff are named everywhere (staff_name), not by user name.
    page = cw_client.get(reverse("letters:detail", args=[letter.pk])).text
    assert "rechtlich freigegeben von Lena Lorenz" in page
    assert letter_finalize(letter=letter, by=caseworker).status == Letter.Status.FINAL
    page = cw_client.get(reverse("letters:detail", args=[letter.pk])).text
    assert " · Zora Zander" in page and "volljuristin" not in page


def test_only_a_qualified_person_may_release(case, caseworker, release_required):
    letter = letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=caseworker)
    with pytest.raises(ReleaseRefused, match="befähigt"):
        letter_release(letter=letter, by=caseworker)


def test_a_change_after_release_needs_a_new_release(case, caseworker, lawyer, release_required):
    letter = complete(
        letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=caseworker), caseworker
    )
    letter_release(letter=letter, by=lawyer)
    letter_update(letter=letter, by=caseworker, subject=letter.subject, body="Neuer Text.")
    letter.refresh_from_db()
    assert letter.released_by is None
    with pytest.raises(LetterNotReady, match="§ 6 Abs. 2 RDG"):
        letter_finalize(letter=letter, by=caseworker)


def test_other_kinds_need_no_release(case, caseworker, release_required):
    letter = complete(
        letter_draft_create(case=case, kind=Letter.Kind.FILE_INSPECTION, by=caseworker),
        caseworker,
    )
    assert letter_finalize(letter=letter, by=caseworker).status == Letter.Status.FINAL


def test_release_button_records_the_release(case, caseworker, lawyer, release_required):
    from tests.conftest import _logged_in

    letter = letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=caseworker)
    response = _logged_in(lawyer).post(reverse("letters:release", args=[letter.pk]))
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.released_by == lawyer
