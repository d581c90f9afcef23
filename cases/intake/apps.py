from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "cases.intake"
    label = "intake"
    verbose_name = _("Eingang")

    def ready(self) -> None:
        # Registers the sentences of this app's timeline events.
        import cases.intake.events  # noqa: F401
