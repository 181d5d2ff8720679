"""Media outlets, their registration in the state media register, and their contacts."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from aztext import fold


class MediaOutlet(models.Model):
    """A newspaper, broadcaster, agency or website, with its register entry if any."""

    class Kind(models.TextChoices):
        NEWSPAPER = "newspaper", _("Newspaper")
        MAGAZINE = "magazine", _("Magazine")
        NEWS_AGENCY = "news_agency", _("News agency")
        ONLINE = "online", _("Website")
        TV = "tv", _("Television")
        RADIO = "radio", _("Radio")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        REMOVED = "removed", _("Removed from the register")

    name = models.CharField(_("name"), max_length=255, unique=True)
    #: ``name`` folded by aztext (case and diacritics): search and de-duplication use it.
    name_folded = models.CharField(max_length=255, db_index=True, editable=False, default="")
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    registry_number = models.CharField(
        _("media register number"), max_length=32, unique=True, null=True, blank=True
    )
    registered_from = models.DateField(_("registered from"), null=True, blank=True)
    registered_to = models.DateField(_("registered to"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    country = CountryField(_("country"), default="AZ")
    #: ISO 639-1 codes, comma-separated in import files (``az,ru``).
    languages = models.JSONField(_("languages"), default=list, blank=True)
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

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)


class MediaContact(models.Model):
    """A person or desk at an outlet who receives the agency's statements by e-mail."""

    outlet = models.ForeignKey(
        MediaOutlet, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("outlet")
    )
    name = models.CharField(_("name"), max_length=255, blank=True)
    position = models.CharField(_("position"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    #: Set when the person unsubscribed (by the link in a message, or told the staff).
    opted_out_at = models.DateTimeField(_("opted out"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("media contact")
        verbose_name_plural = _("media contacts")
        ordering = ["outlet__name", "email"]
        constraints = [
            models.UniqueConstraint(fields=["outlet", "email"], name="media_contact_unique_email")
        ]

    def __str__(self) -> str:
        return f"{self.name or self.email} ({self.outlet})"

    @property
    def opted_out(self) -> bool:
        return self.opted_out_at is not None
