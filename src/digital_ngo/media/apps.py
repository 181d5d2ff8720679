"""App configuration of ``media``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "digital_ngo.media"
    verbose_name = _("Media registry")
