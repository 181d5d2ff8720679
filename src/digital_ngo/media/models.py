"""Media outlets and their registration in the state media register."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class MediaOutlet(models.Model):
    """A newspaper, broadcaster, agency or website, with its register entry if any."""

    class Kind(models.TextChoices):
        NEWSPAPER = "newspaper", _("Newspaper")
        MAGAZINE = "magazine", _("Magazine")
        NEWS_AGENCY = "news_agency", _("News agency")
        ONLINE = "online", _("Online outlet")
        TV = "tv", _("Television")
        RADIO = "radio", _("Radio")

    name = models.CharField(_("name"), max_length=255, unique=True)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    registry_number = models.CharField(
        _("media register number"), max_length=32, unique=True, null=True, blank=True
    )
    registered_from = models.DateField(_("registered from"), null=True, blank=True)
    registered_to = models.DateField(_("registered to"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("media outlet")
        verbose_name_plural = _("media outlets")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(registered_to__isnull=True)
                | Q(registered_from__isnull=False, registered_to__gte=F("registered_from")),
                name="outlet_registration_period_ordered",
                violation_error_message=_("The registration cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.name
