from django.urls import path, register_converter

from cases import (
    actions,
    audit_views,
    bulk_views,
    directory_views,
    glossary_views,
    retention_views,
    saved_search_views,
    statistics_views,
    views,
)

app_name = "cases"


class ReferenceConverter:
    """A case reference such as ``2026-0042``."""

    regex = r"[0-9]{4}-[0-9]{4,6}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ReferenceConverter, "ref")

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("neu/", views.case_create_view, name="case_create"),
    path("sammelaktion/", bulk_views.case_bulk, name="case_bulk"),
    path("suchen/", saved_search_views.saved_search_add, name="saved_search_add"),
    path(
        "suchen/<int:pk>/loeschen/",
        saved_search_views.saved_search_delete,
        name="saved_search_delete",
    ),
    path("protokoll/", audit_views.audit_log, name="audit_log"),
    path("statistik/", statistics_views.statistics, name="statistics"),
    path("glossar/", glossary_views.glossary, name="glossary"),
    path("jobcenter/", directory_views.jobcenter_list, name="jobcenter_list"),
    path("jobcenter/neu/", directory_views.jobcenter_edit, name="jobcenter_create"),
    path("jobcenter/<int:pk>/", directory_views.jobcenter_detail, name="jobcenter_detail"),
    path("jobcenter/<int:pk>/bearbeiten/", directory_views.jobcenter_edit, name="jobcenter_edit"),
    path("<ref:reference>/", views.case_detail, name="case_detail"),
    path("<ref:reference>/bearbeiten/", views.case_edit, name="case_edit"),
    path("<ref:reference>/drucken/", views.case_print, name="case_print"),
    path("<ref:reference>/notiz/", actions.note_add, name="note_add"),
    path("<ref:reference>/status/", actions.transition, name="transition"),
    path("<ref:reference>/zustaendigkeit/", actions.assignment, name="assignment"),
    path("<ref:reference>/vorfall/", actions.incident_add, name="incident_add"),
    path("<ref:reference>/bescheid/", actions.decision_add, name="decision_add"),
    path(
        "<ref:reference>/bescheid/<int:pk>/korrigieren/",
        actions.decision_edit,
        name="decision_edit",
    ),
    path(
        "<ref:reference>/person/export/",
        retention_views.person_data_export,
        name="person_export",
    ),
    path(
        "<ref:reference>/person/loeschen/",
        retention_views.person_data_erase,
        name="person_erase",
    ),
    path("<ref:reference>/beweismittel/", actions.evidence_upload, name="evidence_upload"),
    path(
        "<ref:reference>/beweismittel/<int:pk>/",
        actions.evidence_download,
        name="evidence_download",
    ),
    path(
        "<ref:reference>/beweismittel/<int:pk>/vorschau-<str:size>.png",
        actions.evidence_preview,
        name="evidence_preview",
    ),
    path(
        "<ref:reference>/beweismittel/<int:pk>/original/",
        actions.evidence_download,
        {"original": True},
        name="evidence_original",
    ),
]
