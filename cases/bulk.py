"""Several cases at once from the case list: assign someone, change the status.

Each case goes through the same service as on its own page (its event row,
its allowed transitions); one case that refuses does not stop the others, and
the answer says which were done and which refused, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from advocacy.auth import Staff
from cases.deadlines.models import ENDING_CASE_STATUSES
from cases.deadlines.services import deadlines_to_decide
from cases.models import Case
from cases.selectors import staff_users
from cases.services import TransitionNotAllowed, case_assign, case_transition

ACTION_ASSIGN = "assign"
ACTION_STATUS = "status"


class BulkActionForm(forms.Form):
    cases = forms.ModelMultipleChoiceField(
        label=_("Fälle"),
        queryset=Case.objects.none(),
        to_field_name="reference",
        error_messages={"required": _("Bitte wählen Sie mindestens einen Fall aus.")},
    )
    action = forms.ChoiceField(
        label=_("Aktion für die ausgewählten Fälle"),
        choices=[
            ("", _("– bitte wählen –")),
            (ACTION_ASSIGN, _("Zuständige Person hinzufügen")),
            (ACTION_STATUS, _("Status ändern")),
        ],
    )
    assignee = forms.ModelChoiceField(
        label=_("Person"), queryset=staff_users(), required=False, empty_label=_("– Person –")
    )
    to_status = forms.ChoiceField(
        label=_("neuer Status"),
        choices=[("", _("– Status –")), *Case.Status.choices],
        required=False,
    )

    def __init__(self, *args, user: Staff, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["cases"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Case.objects.visible_to(user)

    def clean(self):
        data = super().clean() or {}
        action = data.get("action")
        if action == ACTION_ASSIGN and not data.get("assignee"):
            self.add_error("assignee", _("Bitte wählen Sie die Person, die zuständig werden soll."))
        if action == ACTION_STATUS and not data.get("to_status"):
            self.add_error("to_status", _("Bitte wählen Sie den neuen Status."))
        return data


@dataclass
class BulkResult:
    done: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (reference, reason)


def cases_bulk_update(
    *, cases, by: Staff, action: str, assignee=None, to_status: str = ""
) -> BulkResult:
    """Apply one action to each case, each in its own transaction."""
    result = BulkResult()
    for case in sorted(cases, key=lambda c: c.reference):
        if action == ACTION_ASSIGN:
            with transaction.atomic():
                current = list(case.assignees.all())
                if assignee in current:
                    result.refused.append((case.reference, str(_("schon zuständig"))))
                    continue
                case_assign(case=case, by=by, assignees=[*current, assignee])
        elif action == ACTION_STATUS:
            if to_status in ENDING_CASE_STATUSES and deadlines_to_decide(case):
                # Closing decides each open deadline (keep or cancel with a
                # reason): that is done on the case's page, one by one.
                result.refused.append(
                    (
                        case.reference,
                        str(
                            _(
                                "offene Fristen – bitte auf der Fallseite für jede entscheiden "
                                "(weiter überwachen oder gegenstandslos)"
                            )
                        ),
                    )
                )
                continue
            try:
                case_transition(case=case, to_status=to_status, by=by)
            except TransitionNotAllowed as refusal:
                result.refused.append((case.reference, str(refusal)))
                continue
        result.done.append(case.reference)
    return result
