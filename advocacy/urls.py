from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from advocacy.health import healthz, readyz

# The admin's own login form would skip the second factor: staff log in
# through allauth (with TOTP) and come back.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("konto/", include("allauth.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("verwaltung/", admin.site.urls),
    path("konten/", include("cases.accounts.urls")),
    path("meldung/", include("cases.intake.urls")),
    path("fristen/", include("cases.deadlines.urls")),
    path("briefe/", include("letters.urls")),
    path("transparenz/", include("transparency.urls")),
    path("", include("cases.urls")),
]
