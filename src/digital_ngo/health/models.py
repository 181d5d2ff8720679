"""An NGO's visible-activity case: the staff workflow notify → inactive → restored.

Never a deletion and never a ban: "inactive (no visible activity)" is a label that the next
signal, or a staff member, takes away.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ActivityStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    NOTIFIED = "notified", _("Notified of no visible activity")
    INACTIVE = "inactive", _("Inactive (no visible activity)")


class ActivityCase(models.Model):
    ngo = models.OneToOneField(
        "registry.NGO",
        verbose_name=_("NGO"),
        on_delete=models.CASCADE,
        related_name="activity_case",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.ACTIVE
    )
    notified_on = models.DateField(_("notified on"), null=True, blank=True)
    reply_by = models.DateField(_("reply by"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity case")
        verbose_name_plural = _("activity cases")

    def __str__(self) -> str:
        return f"{self.ngo}: {self.get_status_display()}"
