"""State programmes, the agency's tasks in them, their evidence and their progress over time.

``TaskProgress`` keeps every status change with its date, percentage, who and why: the
roll-up "as of any date" is read from it. ``search_text`` holds the ``aztext`` folding of a
task's texts, so search ignores diacritics.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aztext import fold


def _in_english() -> bool:
    return (get_language() or "az").startswith("en")


class ActKind(models.TextChoices):
    DECREE = "decree", _("Presidential decree")
    ORDER = "order", _("Presidential order")
    CABINET = "cabinet", _("Cabinet of Ministers decision")


class Programme(models.Model):
    """A state programme that gives the agency tasks."""

    code = models.SlugField(_("code"), unique=True, help_text=_("Short reference used in imports."))
    title_az = models.CharField(_("title (Azerbaijani)"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    act_kind = models.CharField(_("approving act"), max_length=16, choices=ActKind.choices)
    act_number = models.CharField(_("act number"), max_length=32)
    act_date = models.DateField(_("act date"))
    act_url = models.URLField(_("link to the act"), blank=True)
    starts_on = models.DateField(_("period from"))
    ends_on = models.DateField(_("period to"))
    responsible_body_az = models.CharField(_("responsible body (Azerbaijani)"), max_length=255)
    responsible_body_en = models.CharField(
        _("responsible body (English)"), max_length=255, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("state programme")
        verbose_name_plural = _("state programmes")
        ordering = ["act_date", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="programme_ends_after_start",
                violation_error_message=_("The period must not end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.title_en if _in_english() and self.title_en else self.title_az

    @property
    def responsible_body(self) -> str:
        if _in_english() and self.responsible_body_en:
            return self.responsible_body_en
        return self.responsible_body_az


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    PARTLY_DONE = "partly_done", _("Partly done")
    CANCELLED = "cancelled", _("Cancelled")


class AgencyRole(models.TextChoices):
    EXECUTOR = "executor", _("Executor")
    CO_EXECUTOR = "co_executor", _("Co-executor")


class Recurrence(models.TextChoices):
    ONCE = "once", _("Once, by the deadline")
    YEARLY = "yearly", _("Every year")


class Task(models.Model):
    """One task a programme gives the agency; its status moves only by the declared workflow."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("state programme"), on_delete=models.PROTECT, related_name="tasks"
    )
    number = models.CharField(_("task number"), max_length=16)
    text_az = models.TextField(_("text (Azerbaijani)"))
    text_en = models.TextField(_("text (English)"), blank=True)
    role = models.CharField(
        _("agency's role"), max_length=16, choices=AgencyRole.choices, default=AgencyRole.EXECUTOR
    )
    recurrence = models.CharField(
        _("recurrence"), max_length=8, choices=Recurrence.choices, default=Recurrence.ONCE
    )
    deadline = models.DateField(
        _("deadline"), null=True, blank=True, help_text=_("For a yearly task: this year's date.")
    )
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=1)
    status = models.CharField(
        _("status"), max_length=16, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    percent = models.PositiveSmallIntegerField(
        _("percent done"), null=True, blank=True, help_text=_("For a partly done task, 0–100.")
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible staff member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programme_tasks",
    )
    staff_comment = models.TextField(_("staff comments (internal)"), blank=True)
    #: The deadline of the overdue spell already notified (none: not notified in this spell).
    overdue_notified_for = models.DateField(null=True, blank=True, editable=False)
    search_text = models.TextField(editable=False, default="")
    history = HistoricalRecords(excluded_fields=["search_text", "overdue_notified_for"])

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["programme__act_date", "programme__code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"],
                name="task_number_unique_in_programme",
                violation_error_message=_("This programme already has a task with this number."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="task_weight_positive",
                violation_error_message=_("The weight must be greater than 0."),
            ),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__lte=100),
                name="task_percent_at_most_100",
                violation_error_message=_("The percentage must be between 0 and 100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.number}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = fold(" ".join(filter(None, [self.number, self.text_az, self.text_en])))
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def text(self) -> str:
        return self.text_en if _in_english() and self.text_en else self.text_az

    def is_overdue(self, today: object = None) -> bool:
        day = today or timezone.localdate()
        return (
            self.deadline is not None
            and self.deadline < day  # type: ignore[operator]
            and self.status not in {TaskStatus.DONE, TaskStatus.CANCELLED}
        )


class TaskProgress(models.Model):
    """A task's state from ``changed_at`` on: written with every status move (and at creation)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(_("status"), max_length=16, choices=TaskStatus.choices)
    percent = models.PositiveSmallIntegerField(_("percent done"), null=True, blank=True)
    changed_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("task progress")
        verbose_name_plural = _("task progress")
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.task}: {self.status} ({self.changed_at:%Y-%m-%d})"


class Evidence(models.Model):
    """Proof of a task's execution: a file, a link, a press clipping or a grant."""

    class Kind(models.TextChoices):
        FILE = "file", _("File")
        LINK = "link", _("Link")
        PRESS = "press", _("Press clipping")
        GRANT = "grant", _("Grant")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to="programme-evidence/", blank=True)
    press_item = models.ForeignKey(
        "press.PressItem",
        verbose_name=_("press clipping"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    grant = models.ForeignKey(
        "grants.Grant",
        verbose_name=_("grant"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_public = models.BooleanField(_("public"), default=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return self.title
