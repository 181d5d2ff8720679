"""App configuration of ``programmes``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "digital_ngo.programmes"
    verbose_name = _("State programmes")

    def ready(self) -> None:
        from digital_ngo.programmes import workflows  # noqa: F401  (registers the workflow)
