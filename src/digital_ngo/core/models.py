"""In-app notices (each e-mailed message is also kept here) and the action log."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.subject


class ActionLog(models.Model):
    """One step taken on a record: who, when, which action, from → to, why, and what it touched.

    Written by :func:`digital_ngo.core.workflow.perform` for every status change and by
    services for other recorded actions (a payment voided, an affiliation declared).
    Rows are only ever added.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    obj = GenericForeignKey("content_type", "object_id")
    workflow = models.CharField(_("workflow"), max_length=64)
    action = models.CharField(_("action"), max_length=64)
    from_state = models.CharField(_("from"), max_length=32, blank=True)
    to_state = models.CharField(_("to"), max_length=32, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    related = models.JSONField(_("related records"), default=list, blank=True)
    public = models.BooleanField(_("shown to the NGO"), default=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("action log entry")
        verbose_name_plural = _("action log")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]

    def __str__(self) -> str:
        return f"{self.workflow}.{self.action}: {self.from_state} → {self.to_state}"

    @classmethod
    def record(
        cls,
        obj: models.Model,
        *,
        workflow: str,
        action: str,
        actor: Any,
        source: str = "",
        target: str = "",
        reason: str = "",
        related: Iterable[models.Model] = (),
        public: bool = True,
    ) -> "ActionLog":
        """Append one entry about ``obj``."""
        return cls.objects.create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            workflow=workflow,
            action=action,
            from_state=source,
            to_state=target,
            actor=actor,
            reason=reason,
            related=[{"model": r._meta.label_lower, "pk": r.pk, "label": str(r)} for r in related],
            public=public,
        )


class SentOnce(models.Model):
    """A key recording that a scheduled notice or job was done, so that it is done only once.

    The scheduler's jobs claim a key (e.g. ``report-due:14:<report id>:<due date>``)
    before sending; the unique constraint makes a second run, or a second scheduler
    on another machine, send nothing twice.
    """

    key = models.CharField(_("key"), max_length=200, unique=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("scheduled step done")
        verbose_name_plural = _("scheduled steps done")

    def __str__(self) -> str:
        return self.key


class SchedulerRun(models.Model):
    """One run of one scheduled job: when, how long, and what it did (the scheduler's log)."""

    job = models.CharField(_("job"), max_length=64, db_index=True)
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    done = models.PositiveIntegerField(_("items done"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("scheduler run")
        verbose_name_plural = _("scheduler runs")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.job} {self.started_at:%Y-%m-%d %H:%M}"
