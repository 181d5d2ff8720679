"""Events at home and abroad: registration, tickets, check-in, calendar and statistics."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "digital_ngo.events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from digital_ngo.events import workflows  # noqa: F401  (registers the workflows)
        from digital_ngo.events.activity import register_sources

        register_sources()
