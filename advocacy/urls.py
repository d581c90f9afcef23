from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from advocacy.access import public
from cases.views import dashboard


@public
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("konto/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("verwaltung/", admin.site.urls),
    path("konten/", include("advocacy.users_urls")),
    path("meldung/", include("cases.intake.urls")),
    path("fristen/", include("cases.deadlines.urls")),
    path("briefe/", include("letters.urls")),
    path("faelle/", include("cases.urls")),
    path("", dashboard, name="dashboard"),
]
