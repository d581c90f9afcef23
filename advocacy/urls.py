from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.i18n import set_language


@login_not_required
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("konto/", include("allauth.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("verwaltung/", admin.site.urls),
    path("konten/", include("cases.accounts.urls")),
    path("meldung/", include("cases.intake.urls")),
    path("fristen/", include("cases.deadlines.urls")),
    path("briefe/", include("letters.urls")),
    path("", include("cases.urls")),
]
