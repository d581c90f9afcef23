from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "cases.deadlines"
    label = "deadlines"
    verbose_name = _("Fristen")

    def ready(self) -> None:
        # Registers the sentences of this app's timeline events.
        import cases.deadlines.events  # noqa: F401
