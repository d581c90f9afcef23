from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "cases.intake"
    label = "intake"
    verbose_name = _("Eingang")

    def ready(self) -> None:
        # The rate-limit pepper's root is made when this module is first
        # imported: here, at start-up, so that gunicorn's master (--preload)
        # makes it once and every worker it forks shares it.
        from auditlog.registry import auditlog

        from cases.intake import throttle  # noqa: F401
        from cases.intake.models import IntakeSubmission

        # Opening a report is logged (cases.audit.read_logged); of changes
        # only the status, so the audit log holds no copy of the report.
        auditlog.register(IntakeSubmission, include_fields=["status"])

        # Registers the sentences of this app's timeline events.
        import cases.intake.events  # noqa: F401
