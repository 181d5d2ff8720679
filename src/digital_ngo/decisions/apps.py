"""App configuration of ``decisions``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "digital_ngo.decisions"
    verbose_name = _("Decisions and appeals")
