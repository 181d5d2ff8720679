"""App configuration of ``api``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "digital_ngo.api"
    verbose_name = _("API")

    def ready(self) -> None:
        from digital_ngo.api.authentication import connect

        connect()
