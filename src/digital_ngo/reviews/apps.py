"""App configuration of ``reviews``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "digital_ngo.reviews"
    verbose_name = _("Evaluation")
