from django.urls import path

from letters.views import editor, letters, representation, self_service, textblocks

app_name = "letters"

urlpatterns = [
    path("", letters.letter_list, name="list"),
    path("textbausteine/", textblocks.text_blocks, name="text_blocks"),
    path("textbausteine/<int:pk>/", textblocks.text_blocks, name="text_block_edit"),
    path(
        "textbausteine/<int:pk>/loeschen/",
        textblocks.text_block_delete,
        name="text_block_delete",
    ),
    path("selbst/", self_service.self_service_page, name="self_service"),
    path("neu/<str:reference>/", letters.letter_create, name="create"),
    path("paket/<str:reference>/", letters.letter_bundle, name="bundle"),
    path("<int:pk>/", letters.letter_detail, name="detail"),
    path("<int:pk>/bearbeiten/", letters.letter_edit, name="edit"),
    path("<int:pk>/neu-erzeugen/", letters.letter_regenerate, name="regenerate"),
    path("<int:pk>/vorschau/", letters.letter_preview, name="preview"),
    path("<int:pk>/vorschau.pdf", letters.letter_preview_pdf, name="preview_pdf"),
    path("<int:pk>/seite-<int:number>.png", editor.letter_page_image, name="page_image"),
    path("<int:pk>/endgueltig/", letters.letter_finalize, name="finalize"),
    path("<int:pk>/freigeben/", letters.letter_release, name="release"),
    path("<int:pk>/neue-version/", letters.letter_new_version, name="new_version"),
    path("<int:pk>/versandt/", letters.letter_mark_sent, name="mark_sent"),
    path("<int:pk>/pdf/", letters.letter_download, name="download"),
    path("<int:pk>/nachweis/", letters.letter_proof, name="proof"),
    path("organisation/", representation.organisation_edit, name="organisation"),
    path(
        "vollmacht/<str:reference>/",
        representation.power_of_attorney_list,
        name="powers",
    ),
    path(
        "vollmacht/<str:reference>/<int:pk>/widerruf/",
        representation.power_of_attorney_revoke_view,
        name="power_revoke",
    ),
    path(
        "vollmacht/<str:reference>/<int:pk>/scan/",
        representation.power_of_attorney_scan,
        name="power_scan",
    ),
    path(
        "vollmacht/<str:reference>/<int:pk>/scan/original/",
        representation.power_of_attorney_scan,
        {"original": True},
        name="power_scan_original",
    ),
]
