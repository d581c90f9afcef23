from django.urls import path

from cases.intake import views_public, views_staff

app_name = "intake"

urlpatterns = [
    path("", views_public.intake_form, name="form"),
    path("danke/", views_public.intake_done, name="done"),
    path("datenschutz/", views_public.intake_privacy, name="privacy"),
    path("status/", views_public.intake_status, name="status"),
    path("status/nachtrag/", views_public.intake_status_add, name="status_add"),
    path("eingang/", views_staff.inbox, name="inbox"),
    path("eingang/<int:pk>/", views_staff.detail, name="detail"),
    path("eingang/<int:pk>/fall-anlegen/", views_staff.convert, name="convert"),
    path("eingang/<int:pk>/zuordnen/", views_staff.attach, name="attach"),
    path("eingang/<int:pk>/rueckfrage/", views_staff.ask, name="ask"),
    path("eingang/<int:pk>/ablehnen/", views_staff.reject, name="reject"),
    path(
        "eingang/datei/<int:pk>/",
        views_staff.file_download,
        {"which": "sanitized"},
        name="file",
    ),
    path(
        "eingang/datei/<int:pk>/vorschau-<str:size>.png",
        views_staff.file_preview,
        name="file_preview",
    ),
    path(
        "eingang/datei/<int:pk>/original/",
        views_staff.file_download,
        {"which": "original"},
        name="file_original",
    ),
]
