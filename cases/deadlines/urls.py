from django.urls import path

from cases.deadlines import views

app_name = "deadlines"

urlpatterns = [
    path("", views.deadline_list, name="list"),
    path("kalender/", views.deadline_calendar, name="calendar"),
    path("einstellungen/", views.preferences, name="preferences"),
    path("einstellungen/kalender/neu/", views.calendar_regenerate, name="calendar_regenerate"),
    path("einstellungen/kalender/widerrufen/", views.calendar_revoke, name="calendar_revoke"),
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("vorfall/<int:pk>/taeter/", views.incident_offender, name="incident_offender"),
    path("<int:pk>/", views.deadline_detail, name="detail"),
    path("<int:pk>/bestaetigen/", views.deadline_action, {"action": "confirm"}, name="confirm"),
    path("<int:pk>/erledigt/", views.deadline_action, {"action": "done"}, name="done"),
    path("<int:pk>/aendern/", views.deadline_action, {"action": "override"}, name="override"),
    path(
        "<int:pk>/wiedereinsetzung/",
        views.deadline_action,
        {"action": "reinstate"},
        name="reinstate",
    ),
    path("<int:pk>/ueberpruefung/", views.deadline_action, {"action": "review"}, name="review"),
    path("<int:pk>/antwort/", views.deadline_action, {"action": "answer"}, name="answer"),
    path("<int:pk>/gegenstandslos/", views.deadline_action, {"action": "cancel"}, name="cancel"),
]
