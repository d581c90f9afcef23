from django.urls import path

from cases.intake.views import public, staff

app_name = "intake"

urlpatterns = [
    path("", public.intake_form, name="form"),
    path("danke/", public.intake_done, name="done"),
    path("danke/beleg/", public.intake_receipt_print, name="receipt_print"),
    path("datenschutz/", public.intake_privacy, name="privacy"),
    path("impressum/", public.intake_imprint, name="imprint"),
    path("was-darf-das-jobcenter/", public.intake_help, name="help"),
    path("status/", public.intake_status, name="status"),
    path("status/nachtrag/", public.intake_status_add, name="status_add"),
    path("eingang/", staff.inbox, name="inbox"),
    path("eingang/<int:pk>/", staff.detail, name="detail"),
    path("eingang/<int:pk>/fall-anlegen/", staff.convert, name="convert"),
    path("eingang/<int:pk>/zuordnen/", staff.attach, name="attach"),
    path("eingang/<int:pk>/rueckfrage/", staff.ask, name="ask"),
    path("eingang/<int:pk>/ablehnen/", staff.reject, name="reject"),
    path(
        "eingang/datei/<int:pk>/",
        staff.file_download,
        {"which": "sanitized"},
        name="file",
    ),
    path(
        "eingang/datei/<int:pk>/vorschau-<str:size>.png",
        staff.file_preview,
        name="file_preview",
    ),
    path(
        "eingang/datei/<int:pk>/original/",
        staff.file_download,
        {"which": "original"},
        name="file_original",
    ),
]
