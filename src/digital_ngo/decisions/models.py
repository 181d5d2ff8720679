"""The board's decision on a call and the appeals against it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Decision(models.Model):
    """The recorded award decision on a call: who, when, with what minutes."""

    call = models.OneToOneField(
        "funding.Call", verbose_name=_("call"), on_delete=models.PROTECT, related_name="decision"
    )
    minutes = models.TextField(_("minutes"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"))
    appeals_until = models.DateTimeField(_("appeals until"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return str(self.call)


class Appeal(models.Model):
    """An applicant's appeal against the decision, and its outcome."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        UPHELD = "upheld", _("Upheld")
        DISMISSED = "dismissed", _("Dismissed")

    application = models.OneToOneField(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="appeal",
    )
    text = models.TextField(_("grounds of the appeal"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING
    )
    outcome_note = models.TextField(_("reasons for the outcome"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return str(self.application)
