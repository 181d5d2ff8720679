"""Coalitions and platforms, member organisations (local NGOs or foreign) and assemblies."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from digital_ngo.registry.models import BilingualName


class Coalition(BilingualName):
    """A coalition, network or international platform of organisations."""

    class Kind(models.TextChoices):
        COALITION = "coalition", _("Coalition")
        NETWORK = "network", _("Network")
        PLATFORM = "platform", _("International platform")

    slug = models.SlugField(_("short name"), unique=True)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    founded_at = models.CharField(_("founded at"), max_length=255, blank=True)
    seat = models.CharField(_("seat"), max_length=255, blank=True)
    governing_bodies = models.TextField(_("governing bodies"), blank=True)
    description_az = models.TextField(_("description (Azerbaijani)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("coalition or platform")
        verbose_name_plural = _("coalitions and platforms")
        ordering = ["name_az"]


class CoalitionDocument(models.Model):
    """A founding or other document of a coalition (charter, declaration)."""

    coalition = models.ForeignKey(Coalition, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to="coalitions/%Y/")
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class Membership(models.Model):
    """An organisation's membership: a registered NGO, or a foreign organisation by name."""

    class Role(models.TextChoices):
        FOUNDER = "founder", _("Founder")
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")

    coalition = models.ForeignKey(Coalition, on_delete=models.PROTECT, related_name="members")
    ngo = models.ForeignKey(
        "registry.NGO", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisation = models.CharField(_("organisation"), max_length=255)
    country = CountryField(_("country"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "organisation", "country", "joined_on"],
                name="membership_unique",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="membership_period_ordered",
                violation_error_message=_("A member cannot leave before joining."),
            ),
        ]

    def __str__(self) -> str:
        return self.organisation


class Assembly(models.Model):
    """A general assembly: when, where, how many attended and what it decided."""

    coalition = models.ForeignKey(Coalition, on_delete=models.PROTECT, related_name="assemblies")
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255)
    attendance = models.PositiveIntegerField(_("attendance"), default=0)
    countries_present = models.PositiveIntegerField(_("countries represented"), default=0)
    decisions = models.TextField(_("decisions"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("general assembly")
        verbose_name_plural = _("general assemblies")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.coalition} {self.held_on}"
