"""App configuration of ``core``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "digital_ngo.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from digital_ngo.core import signals

        signals.connect()
