from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cases.models import Case


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    cases = Case.objects.visible_to(request.user).select_related("jobcenter", "person")[:20]
    return render(request, "cases/dashboard.html", {"cases": cases})
