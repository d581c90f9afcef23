"""A small URLconf with a careful and a careless view, to prove that the
access walks and the form fuzzing catch what they are meant to catch."""

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.template import Context, Template
from django.urls import include, path

from cases.models import Case, Team


def careful_case(request: HttpRequest, reference: str) -> HttpResponse:
    if not Case.objects.visible_to(request.user).filter(reference=reference).exists():
        raise Http404
    return HttpResponse(reference)


def careless_case(request: HttpRequest, reference: str) -> HttpResponse:
    case = Case.objects.filter(reference=reference).first()
    if case is None:
        raise Http404
    return HttpResponse(case.title)


class _NameForm(forms.Form):
    name = forms.CharField(max_length=5)


def half_saving_form(request: HttpRequest) -> HttpResponse:
    """Writes a row, then refuses the input: the half-save fuzzing must catch."""
    Team.objects.create(name=f"halb {Team.objects.count()}")
    form = _NameForm(request.POST)
    form.is_valid()
    return HttpResponse(Template("{{ form.errors }}").render(Context({"form": form})))


def crashing_form(request: HttpRequest) -> HttpResponse:
    int(request.POST.get("number", "x"))  # ValueError → 500 on anything but a number
    return HttpResponse("ok")


@login_not_required
def careless_public(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


sample_cases = (
    [
        path("offen/", careless_public, name="careless_public"),
        path("formular/halb/", half_saving_form, name="half_saving_form"),
        path("formular/absturz/", crashing_form, name="crashing_form"),
        path("<str:reference>/", careful_case, name="case_detail"),
        path("<str:reference>/bearbeiten/", careless_case, name="case_edit"),
    ],
    "cases",
)

urlpatterns = [
    path("konto/", include("allauth.urls")),
    path("faelle/", include(sample_cases)),
]


def handler404(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A plain 404 (the project's page links to views this URLconf lacks)."""
    return HttpResponse("nicht gefunden", status=404)
