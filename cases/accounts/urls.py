from django.urls import path

from cases.accounts import views

app_name = "users"

urlpatterns = [
    path("", views.user_list, name="list"),
    path("neu/", views.user_edit, name="create"),
    path("<int:pk>/", views.user_edit, name="edit"),
    path("<int:pk>/2fa-zuruecksetzen/", views.user_reset_mfa, name="reset_mfa"),
]
