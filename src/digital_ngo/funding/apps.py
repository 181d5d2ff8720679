"""App configuration of ``funding``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "digital_ngo.funding"
    verbose_name = _("Funding and calls")
