from django.contrib import admin
from django.urls import include, path

from advocacy.health import healthz, readyz
from cases.views import dashboard

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
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
