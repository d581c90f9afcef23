from django.contrib import admin

from cases.audit import AdminReadsLogged
from cases.deadlines.models import Deadline, DeadlinePreference, DigestLog, ReminderLog


@admin.register(Deadline)
class DeadlineAdmin(AdminReadsLogged, admin.ModelAdmin):
    read_of = staticmethod(lambda deadline: deadline.case)
    list_display = ["title", "case", "due_on", "status", "confirmed_at"]
    list_filter = ["status", "rule"]
    search_fields = ["title", "case__reference"]
    raw_id_fields = ["case", "decision", "incident", "letter", "confirmed_by", "created_by"]


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["deadline", "step", "user", "sent_at"]
    raw_id_fields = ["deadline", "user"]


@admin.register(DigestLog)
class DigestLogAdmin(admin.ModelAdmin):
    list_display = ["user", "iso_year", "iso_week", "sent_at"]
    raw_id_fields = ["user"]


@admin.register(DeadlinePreference)
class DeadlinePreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "reminder_days", "wants_weekly_digest"]
    exclude = ["calendar_token"]
    raw_id_fields = ["user"]
