"""App configuration of ``portal``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "digital_ngo.portal"
    verbose_name = _("Public portal")
