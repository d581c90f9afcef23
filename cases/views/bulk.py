"""The case list's bulk actions (see ``cases.bulk``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from advocacy.auth import StaffRequest
from cases.bulk import BulkActionForm, cases_bulk_update


@require_POST
def case_bulk(request: StaffRequest) -> HttpResponse:
    form = BulkActionForm(request.POST, user=request.user)
    back = request.POST.get("next", "")
    if not back.startswith(reverse("cases:case_list")) or not url_has_allowed_host_and_scheme(
        back, allowed_hosts=None
    ):
        back = reverse("cases:case_list")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(back)
    data = form.cleaned_data
    result = cases_bulk_update(
        cases=data["cases"],
        by=request.user,
        action=data["action"],
        assignee=data["assignee"],
        to_status=data["to_status"],
    )
    if result.done:
        count = len(result.done)
        messages.success(
            request,
            ngettext(
                "Erledigt für %(count)d Fall: %(refs)s",
                "Erledigt für %(count)d Fälle: %(refs)s",
                count,
            )
            % {"count": count, "refs": ", ".join(result.done)},
        )
    for reference, reason in result.refused:
        messages.warning(
            request, _("%(ref)s nicht geändert: %(reason)s") % {"ref": reference, "reason": reason}
        )
    return redirect(back)
