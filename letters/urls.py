from django.urls import path

from letters import editor_views, representation_views, self_service_views, textblock_views, views

app_name = "letters"

urlpatterns = [
    path("", views.letter_list, name="list"),
    path("textbausteine/", textblock_views.text_blocks, name="text_blocks"),
    path("textbausteine/<int:pk>/", textblock_views.text_blocks, name="text_block_edit"),
    path(
        "textbausteine/<int:pk>/loeschen/",
        textblock_views.text_block_delete,
        name="text_block_delete",
    ),
    path("selbst/", self_service_views.self_service_page, name="self_service"),
    path("neu/<str:reference>/", views.letter_create, name="create"),
    path("paket/<str:reference>/", views.letter_bundle, name="bundle"),
    path("<int:pk>/", views.letter_detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.letter_edit, name="edit"),
    path("<int:pk>/neu-erzeugen/", views.letter_regenerate, name="regenerate"),
    path("<int:pk>/vorschau/", views.letter_preview, name="preview"),
    path("<int:pk>/vorschau.pdf", views.letter_preview_pdf, name="preview_pdf"),
    path("<int:pk>/seite-<int:number>.png", editor_views.letter_page_image, name="page_image"),
    path("<int:pk>/endgueltig/", views.letter_finalize, name="finalize"),
    path("<int:pk>/freigeben/", views.letter_release, name="release"),
    path("<int:pk>/neue-version/", views.letter_new_version, name="new_version"),
    path("<int:pk>/versandt/", views.letter_mark_sent, name="mark_sent"),
    path("<int:pk>/pdf/", views.letter_download, name="download"),
    path("<int:pk>/nachweis/", views.letter_proof, name="proof"),
    path("organisation/", representation_views.organisation_edit, name="organisation"),
    path(
        "vollmacht/<str:reference>/",
        representation_views.power_of_attorney_list,
        name="powers",
    ),
    path(
        "vollmacht/<str:reference>/<int:pk>/widerruf/",
        representation_views.power_of_attorney_revoke_view,
        name="power_revoke",
    ),
    path(
        "vollmacht/<str:reference>/<int:pk>/scan/",
        representation_views.power_of_attorney_scan,
        name="power_scan",
    ),
]
