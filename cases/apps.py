from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Fälle")

    def ready(self) -> None:
        # Registers the sentences of the cases app's own timeline events.
        import cases.events  # noqa: F401
        from cases.audit import register_audited_models

        register_audited_models()
