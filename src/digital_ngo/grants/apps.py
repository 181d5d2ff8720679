"""App configuration of ``grants``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "digital_ngo.grants"
    verbose_name = _("Grants and reports")
