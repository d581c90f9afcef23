from django.urls import path

from advocacy import users

app_name = "users"

urlpatterns = [
    path("", users.user_list, name="list"),
    path("neu/", users.user_edit, name="create"),
    path("<int:pk>/", users.user_edit, name="edit"),
    path("<int:pk>/2fa-zuruecksetzen/", users.user_reset_mfa, name="reset_mfa"),
]
