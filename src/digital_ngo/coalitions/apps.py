"""App configuration of ``coalitions``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionsConfig(AppConfig):
    name = "digital_ngo.coalitions"
    verbose_name = _("Coalitions and platforms")
