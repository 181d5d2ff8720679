"""App configuration of ``press``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    name = "digital_ngo.press"
    verbose_name = _("Press and documents archive")
