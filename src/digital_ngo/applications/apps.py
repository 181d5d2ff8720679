"""App configuration of ``applications``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "digital_ngo.applications"
    verbose_name = _("Applications")
