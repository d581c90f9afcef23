"""A small URLconf with a careful and a careless view, to prove that the
access walks catch what they are meant to catch."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import include, path

from advocacy.access import public
from cases.models import Case


def careful_case(request: HttpRequest, reference: str) -> HttpResponse:
    if not Case.objects.visible_to(request.user).filter(reference=reference).exists():
        raise Http404
    return HttpResponse(reference)


def careless_case(request: HttpRequest, reference: str) -> HttpResponse:
    case = Case.objects.filter(reference=reference).first()
    if case is None:
        raise Http404
    return HttpResponse(case.title)


@public
def careless_public(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


sample_cases = (
    [
        path("offen/", careless_public, name="careless_public"),
        path("<str:reference>/", careful_case, name="case_detail"),
        path("<str:reference>/bearbeiten/", careless_case, name="case_edit"),
    ],
    "cases",
)

urlpatterns = [
    path("konto/", include("allauth.urls")),
    path("faelle/", include(sample_cases)),
]
