from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = _("Briefe")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from letters.models import Letter

        # Reads of letters are logged (cases.audit.read_logged); of changes
        # only the status, so the audit log holds no copy of the letter text.
        auditlog.register(Letter, include_fields=["status"])

        # Registers the sentences of this app's timeline events.
        import letters.events  # noqa: F401

        # Registers which of them the reporter of a case sees as a stage.
        import letters.stages  # noqa: F401
