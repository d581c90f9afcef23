"""Django admin for coordinators: search, filters, audit fields read-only;
opening a record of a person or case is logged as a read (``cases.audit``)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cases.audit import AdminReadsLogged
from cases.events import event_text
from cases.models import (
    Authority,
    Case,
    CaseEvent,
    Decision,
    Evidence,
    Incident,
    Jobcenter,
    Person,
    Team,
)
from cases.search import case_search_refresh

STAMPS = ("created_at", "updated_at")


class RefreshesCaseSearch:
    """An edit in the admin changes what cases are found by: rebuild their search rows."""

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)  # type: ignore[misc]
        obj = form.instance
        ids = [obj.pk] if isinstance(obj, Case) else obj.cases.values_list("pk", flat=True)
        case_search_refresh(case_ids=ids)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    filter_horizontal = ["members"]


@admin.register(Jobcenter)
class JobcenterAdmin(RefreshesCaseSearch, admin.ModelAdmin):
    list_display = ["name", "kind", "district_key", "city", "state", "checked_on", "is_active"]
    list_filter = ["kind", "state", "is_active"]
    search_fields = ["name", "city", "postcode", "district_key"]
    readonly_fields = STAMPS


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "city",
        "state",
        "jurisdiction_state",
        "is_federal",
        "checked_on",
    ]
    list_filter = ["kind", "state", "is_federal"]
    search_fields = ["name", "short_name", "city", "district_keys"]
    readonly_fields = STAMPS


@admin.register(Person)
class PersonAdmin(AdminReadsLogged, RefreshesCaseSearch, admin.ModelAdmin):
    list_display = ["__str__", "city", "is_anonymous", "created_at"]
    list_filter = ["is_anonymous"]
    search_fields = ["name", "email", "customer_number"]
    readonly_fields = STAMPS


class IncidentInline(admin.StackedInline):
    model = Incident
    extra = 0
    readonly_fields = STAMPS


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    readonly_fields = STAMPS


@admin.register(Case)
class CaseAdmin(AdminReadsLogged, RefreshesCaseSearch, admin.ModelAdmin):
    list_display = ["reference", "title", "person", "jobcenter", "team", "status", "created_at"]
    list_filter = ["status", "team", "jobcenter__state", "jobcenter__kind"]
    search_fields = ["reference", "title", "person__name", "jobcenter__name"]
    list_select_related = ["person", "jobcenter", "team"]
    autocomplete_fields = ["person", "jobcenter"]
    filter_horizontal = ["assignees"]
    readonly_fields = ["reference", "status", "closed_at", *STAMPS]
    inlines = [IncidentInline, DecisionInline]


@admin.register(CaseEvent)
class CaseEventAdmin(AdminReadsLogged, admin.ModelAdmin):
    list_display = ["at", "case", "kind", "text", "by"]
    list_filter = ["kind"]
    search_fields = ["case__reference"]
    list_select_related = ["case", "by"]
    readonly_fields = ["case", "kind", "at", "by", "text", "note", "data"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # the timeline is append-only

    @admin.display(description=_("Was"))
    def text(self, event: CaseEvent) -> str:
        return event_text(event)


@admin.register(Evidence)
class EvidenceAdmin(AdminReadsLogged, admin.ModelAdmin):
    list_display = ["title", "case", "content_type", "size", "created_at"]
    list_filter = ["content_type"]
    search_fields = ["title", "case__reference", "sha256"]
    list_select_related = ["case"]
    readonly_fields = [
        "original",
        "sanitized",
        "original_name",
        "sha256",
        "content_type",
        "size",
        "uploaded_by",
        *STAMPS,
    ]
