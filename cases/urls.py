from django.urls import path, register_converter

from cases.views import (
    actions,
    audit,
    bulk,
    cases,
    directory,
    glossary,
    retention,
    saved_searches,
    statistics,
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
    path("", cases.dashboard, name="dashboard"),
    path("faelle/", cases.case_list, name="case_list"),
    path("faelle/neu/", cases.case_create_view, name="case_create"),
    path("faelle/sammelaktion/", bulk.case_bulk, name="case_bulk"),
    path("faelle/suchen/", saved_searches.saved_search_add, name="saved_search_add"),
    path(
        "faelle/suchen/<int:pk>/loeschen/",
        saved_searches.saved_search_delete,
        name="saved_search_delete",
    ),
    path("faelle/protokoll/", audit.audit_log, name="audit_log"),
    path("faelle/statistik/", statistics.statistics, name="statistics"),
    path("faelle/glossar/", glossary.glossary, name="glossary"),
    path("faelle/jobcenter/", directory.jobcenter_list, name="jobcenter_list"),
    path("faelle/verzeichnis/luecken/", directory.directory_quality, name="directory_quality"),
    path("faelle/verzeichnis/behoerde/neu/", directory.authority_add, name="authority_add"),
    path("faelle/jobcenter/neu/", directory.jobcenter_edit, name="jobcenter_create"),
    path(
        "faelle/jobcenter/vorschlaege/",
        directory.jobcenter_suggestions,
        name="jobcenter_suggestions",
    ),
    path("faelle/jobcenter/<int:pk>/", directory.jobcenter_detail, name="jobcenter_detail"),
    path("faelle/jobcenter/<int:pk>/bearbeiten/", directory.jobcenter_edit, name="jobcenter_edit"),
    path("faelle/<ref:reference>/", cases.case_detail, name="case_detail"),
    path("faelle/<ref:reference>/bearbeiten/", cases.case_edit, name="case_edit"),
    path("faelle/<ref:reference>/drucken/", cases.case_print, name="case_print"),
    path("faelle/<ref:reference>/notiz/", actions.note_add, name="note_add"),
    path("faelle/<ref:reference>/status/", actions.transition, name="transition"),
    path("faelle/<ref:reference>/zustaendigkeit/", actions.assignment, name="assignment"),
    path("faelle/<ref:reference>/vorfall/", actions.incident_add, name="incident_add"),
    path("faelle/<ref:reference>/bescheid/", actions.decision_add, name="decision_add"),
    path("faelle/<ref:reference>/ergebnis/", actions.outcome_add, name="outcome_add"),
    path(
        "faelle/<ref:reference>/bescheid/<int:pk>/korrigieren/",
        actions.decision_edit,
        name="decision_edit",
    ),
    path(
        "faelle/<ref:reference>/person/export/",
        retention.person_data_export,
        name="person_export",
    ),
    path(
        "faelle/<ref:reference>/person/loeschen/",
        retention.person_data_erase,
        name="person_erase",
    ),
    path("faelle/<ref:reference>/beweismittel/", actions.evidence_upload, name="evidence_upload"),
    path(
        "faelle/<ref:reference>/beweismittel/<int:pk>/",
        actions.evidence_download,
        name="evidence_download",
    ),
    path(
        "faelle/<ref:reference>/beweismittel/<int:pk>/vorschau-<str:size>.png",
        actions.evidence_preview,
        name="evidence_preview",
    ),
    path(
        "faelle/<ref:reference>/beweismittel/<int:pk>/original/",
        actions.evidence_download,
        {"original": True},
        name="evidence_original",
    ),
]
