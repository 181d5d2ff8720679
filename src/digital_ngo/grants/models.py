"""A grant, its tranches and payments, its reports, indicator actuals and expenses."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from digital_ngo.funding.models import money_field


class Grant(models.Model):
    """The agreement that follows an award: amount, period, tranches and reports."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Being implemented")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    application = models.OneToOneField(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="grant",
    )
    number = models.CharField(_("agreement number"), max_length=32, unique=True)
    amount = money_field(_("amount (AZN)"))
    signed_on = models.DateField(_("signed"), null=True, blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    agreement = models.FileField(_("agreement (PDF)"), upload_to="agreements/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["-starts_on", "number"]

    def __str__(self) -> str:
        return f"{self.number} — {self.application.title}"


class Report(models.Model):
    """An interim or final report due on a date; a later tranche waits for its approval."""

    class Kind(models.TextChoices):
        INTERIM = "interim", _("Interim report")
        FINAL = "final", _("Final report")

    class Status(models.TextChoices):
        DUE = "due", _("Due")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for correction")
        APPROVED = "approved", _("Approved")

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(_("no."))
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DUE
    )
    narrative = models.TextField(_("narrative"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    review_comment = models.TextField(_("monitoring comment"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    version = models.PositiveSmallIntegerField(
        _("version"), default=0, help_text=_("How many times the report was submitted.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["grant", "number"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "number"], name="report_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.DUE, self.Status.RETURNED}


class Tranche(models.Model):
    """A part of the grant, paid in order; later ones follow an approved report."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        PAID = "paid", _("Paid")
        WITHHELD = "withheld", _("Withheld")

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="tranches")
    number = models.PositiveSmallIntegerField(_("no."))
    percent = models.PositiveSmallIntegerField(_("percent"))
    amount = money_field(_("amount (AZN)"))
    after_report = models.OneToOneField(
        Report,
        verbose_name=_("paid after approval of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="unlocks",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    reference = models.CharField(_("payment reference"), max_length=64, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        ordering = ["grant", "number"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "number"], name="tranche_number_unique"),
            models.UniqueConstraint(
                fields=["reference"],
                condition=~models.Q(reference=""),
                name="payment_reference_unique",
                violation_error_message=_("This payment reference is already used."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.percent}%"


class CurrentVersionManager(models.Manager):  # type: ignore[type-arg]
    """Rows of a report's current version; earlier versions stay, marked superseded."""

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return super().get_queryset().filter(superseded_at__isnull=True)


class Versioned(models.Model):
    """A row of a report kept for ever: a resubmission supersedes it instead of deleting it."""

    version = models.PositiveSmallIntegerField(_("version"), default=1)
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)

    objects = CurrentVersionManager()
    all_versions = models.Manager()  # noqa: DJ012 (the default manager comes first)

    class Meta:
        abstract = True


class IndicatorValue(Versioned):
    """The actual value of an indicator reported in one report, with evidence."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="indicator_values")
    indicator = models.ForeignKey(
        "applications.Indicator", verbose_name=_("indicator"), on_delete=models.PROTECT
    )
    value = models.DecimalField(_("actual value"), max_digits=14, decimal_places=2)
    evidence = models.FileField(_("evidence"), upload_to="evidence/", blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        base_manager_name = "all_versions"
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator", "version"], name="one_value_per_report_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class Expense(Versioned):
    """Money spent on a budget line; ineligible expenses are flagged with the reason."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="expenses")
    budget_line = models.ForeignKey(
        "applications.BudgetLine",
        verbose_name=_("budget line"),
        on_delete=models.PROTECT,
        related_name="expenses",
    )
    spent_on = models.DateField(_("date"))
    amount = money_field(_("amount (AZN)"))
    description = models.CharField(_("description"), max_length=255)
    outlet = models.ForeignKey(
        "media.MediaOutlet",
        verbose_name=_("media outlet"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    document = models.FileField(_("supporting document"), upload_to="expenses/", blank=True)
    is_eligible = models.BooleanField(_("eligible"), default=True)
    ineligibility_reason = models.CharField(_("why ineligible"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        base_manager_name = "all_versions"
        ordering = ["spent_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="expense_positive")
        ]

    def __str__(self) -> str:
        return f"{self.description}: {self.amount}"


ZERO = Decimal(0)
