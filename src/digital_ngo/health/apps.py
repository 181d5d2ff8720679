"""App configuration of ``health`` (sector health: activity signals of NGOs)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HealthConfig(AppConfig):
    name = "digital_ngo.health"
    verbose_name = _("Sector health")

    def ready(self) -> None:
        from digital_ngo.health import sources, workflows  # noqa: F401  (register them)
