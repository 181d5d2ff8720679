"""App configuration of ``accounts``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "digital_ngo.accounts"
    verbose_name = _("Accounts")
