"""An application and its parts: logframe, workplan, budget lines, partners and documents."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from digital_ngo.funding.models import Instrument, money_field

POSITIVE = [MinValueValidator(Decimal("0"))]


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for correction")
        ADMISSIBLE = "admissible", _("Admissible")
        INADMISSIBLE = "inadmissible", _("Inadmissible")
        UNDER_EVALUATION = "under_evaluation", _("Under evaluation")
        SCORED = "scored", _("Scored")
        FUNDED = "funded", _("Funded")
        RESERVE = "reserve", _("Reserve list")
        REJECTED = "rejected", _("Not funded")
        AGREEMENT = "agreement", _("Agreement signed")
        WITHDRAWN = "withdrawn", _("Award declined or cancelled")

    call = models.ForeignKey(
        "funding.Call",
        verbose_name=_("call"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    ngo = models.ForeignKey(
        "registry.NGO",
        verbose_name=_("lead applicant"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    instrument = models.CharField(_("instrument"), max_length=16, choices=Instrument.choices)
    topic = models.ForeignKey("funding.Topic", verbose_name=_("topic"), on_delete=models.PROTECT)
    field = models.ForeignKey(
        "registry.FieldOfActivity", verbose_name=_("field of activity"), on_delete=models.PROTECT
    )
    title = models.CharField(_("project title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    target_group = models.CharField(_("target audience"), max_length=255, blank=True)
    beneficiaries = models.PositiveIntegerField(_("number of beneficiaries"), default=0)
    regions = models.ManyToManyField(
        "registry.EconomicRegion", verbose_name=_("regions"), blank=True
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), default=1, validators=[MinValueValidator(1)]
    )
    overall_objective = models.TextField(_("overall objective"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    was_returned = models.BooleanField(_("returned once"), default=False)
    check_note = models.TextField(_("technical check note"), blank=True)
    correction_deadline = models.DateTimeField(_("correct by"), null=True, blank=True)
    awarded_amount = money_field(_("awarded amount (AZN)"), null=True, blank=True)
    score = models.DecimalField(
        _("evaluation score"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The mean of the evaluators' weighted totals, out of 100."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["call", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        """Drafts while the call is open, and returned ones until their correction deadline."""
        if self.status == self.Status.DRAFT:
            return timezone.now() < self.call.closes_at
        return (
            self.status == self.Status.RETURNED
            and self.correction_deadline is not None
            and timezone.now() < self.correction_deadline
        )


class Partner(models.Model):
    """A partner NGO (local or foreign) of an application; the applicant is the lead."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="partners")
    ngo = models.ForeignKey("registry.NGO", verbose_name=_("partner NGO"), on_delete=models.PROTECT)
    role = models.CharField(_("role in the project"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [models.UniqueConstraint(fields=["application", "ngo"], name="partner_once")]

    def __str__(self) -> str:
        return str(self.ngo)


class Outcome(models.Model):
    """An expected outcome (result) of the project."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="outcomes")
    position = models.PositiveSmallIntegerField(_("no."), default=1)
    text = models.TextField(_("outcome"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.position}. {self.text[:60]}"


class Output(models.Model):
    """An output that contributes to one outcome."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="outputs")
    outcome = models.ForeignKey(
        Outcome, verbose_name=_("outcome"), on_delete=models.CASCADE, related_name="outputs"
    )
    position = models.PositiveSmallIntegerField(_("no."), default=1)
    text = models.TextField(_("output"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        ordering = ["outcome__position", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.outcome.position}.{self.position}. {self.text[:60]}"


class Indicator(models.Model):
    """How an outcome is measured: unit, baseline, target, milestones and means of verification."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="indicators"
    )
    outcome = models.ForeignKey(
        Outcome, verbose_name=_("outcome"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indicator"), max_length=255)
    unit = models.CharField(_("unit"), max_length=64)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, default=0)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    milestones = models.JSONField(
        _("milestones"),
        default=list,
        blank=True,
        help_text=_("Month and expected value, e.g. 3: 40, 6: 100."),
    )
    means_of_verification = models.CharField(_("means of verification"), max_length=255)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["outcome__position", "pk"]

    def __str__(self) -> str:
        return self.name


class Activity(models.Model):
    """A workplan activity and the project months it runs in."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="activities"
    )
    output = models.ForeignKey(
        Output,
        verbose_name=_("output"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    title = models.CharField(_("activity"), max_length=255)
    months = models.JSONField(_("months"), default=list, help_text=_("e.g. 1-3, 5"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class BudgetLine(models.Model):
    """unit cost × quantity × months in one category; co-funding reduces what is requested."""

    class Category(models.TextChoices):
        STAFF = "staff", _("Staff")
        TRAVEL = "travel", _("Travel")
        EQUIPMENT = "equipment", _("Equipment")
        EVENTS = "events", _("Events")
        MEDIA = "media", _("Media services")
        OTHER = "other", _("Other")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines"
    )
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    description = models.CharField(_("description"), max_length=255)
    unit_cost = money_field(_("unit cost (AZN)"), validators=POSITIVE)
    quantity = models.DecimalField(
        _("quantity"), max_digits=10, decimal_places=2, validators=POSITIVE
    )
    months = models.PositiveSmallIntegerField(
        _("months"), default=1, validators=[MinValueValidator(1)]
    )
    cofunding = money_field(_("co-funding (AZN)"), default=0, validators=POSITIVE)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["category", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit_cost__gte=0, quantity__gte=0, cofunding__gte=0),
                name="budget_line_not_negative",
            )
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def total(self) -> Decimal:
        return (self.unit_cost * self.quantity * self.months).quantize(Decimal("0.01"))

    @property
    def requested(self) -> Decimal:
        return self.total - self.cofunding


def _attachment_path(instance: "Attachment", filename: str) -> str:
    return f"applications/{instance.application_id}/{timezone.now():%Y%m%d%H%M%S}-{filename[-80:]}"


class Attachment(models.Model):
    """A file attached to an application: a required document or the partnership agreement."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    required_document = models.ForeignKey(
        "funding.RequiredDocument",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    is_partnership_agreement = models.BooleanField(_("partnership agreement"), default=False)
    file = models.FileField(_("file"), upload_to=_attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name
