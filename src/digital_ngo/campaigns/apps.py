"""App configuration of ``campaigns``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "digital_ngo.campaigns"
    verbose_name = _("Statements and appeals")

    def ready(self) -> None:
        from digital_ngo.campaigns import workflows  # noqa: F401  (registers the workflows)
        from digital_ngo.campaigns.activity import register_sources

        register_sources()
