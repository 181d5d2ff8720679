"""Funders, calls, the instruments a call offers, its priority topics and evaluation rubric."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from digital_ngo.registry.models import BilingualName


def money_field(verbose_name: Any, **kwargs: Any) -> models.DecimalField:  # type: ignore[type-arg]
    """An amount of manats with qəpiks (up to 9 999 999 999.99)."""
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


class Instrument(models.TextChoices):
    SMALL = "small", _("Small grant")
    MEDIUM = "medium", _("Medium grant")
    LARGE = "large", _("Large grant")
    TRAVEL = "travel", _("Travel grant")
    STATE_ORDER = "state_order", _("State social order")
    SUBSIDY = "subsidy", _("Subsidy")


#: Grants of which an NGO may win at most one a calendar year (travel grants are excepted).
ONE_PER_YEAR = frozenset({Instrument.SMALL, Instrument.MEDIUM, Instrument.LARGE})

#: The agency's 2026 caps (AZN) and maximum durations (months), used as defaults for new calls.
DEFAULT_INSTRUMENTS = {
    Instrument.SMALL: (Decimal("15000"), 6),
    Instrument.MEDIUM: (Decimal("30000"), 9),
    Instrument.LARGE: (Decimal("50000"), 12),
}
DEFAULT_TRANCHES = [80, 20]


class Funder(BilingualName):
    """The agency or a co-funder (ministry, state body, private partner)."""

    class Kind(models.TextChoices):
        AGENCY = "agency", _("The Agency")
        STATE_BODY = "state_body", _("State body")
        PRIVATE = "private", _("Private partner")
        INTERNATIONAL = "international", _("International partner")

    code = models.SlugField(_("code"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["name_az"]


class CallQuerySet(models.QuerySet["Call"]):
    def open_now(self) -> "CallQuerySet":
        now = timezone.now()
        return self.filter(is_published=True, opens_at__lte=now, closes_at__gt=now)


class Call(BilingualName):
    """A call for proposals: who funds it, when it is open, how much it can give."""

    year = models.PositiveSmallIntegerField(_("year"))
    description = models.TextField(_("description"), blank=True)
    funders = models.ManyToManyField(Funder, verbose_name=_("funders"), related_name="calls")
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    total_budget = money_field(_("total budget (AZN)"))
    evaluators_per_application = models.PositiveSmallIntegerField(
        _("evaluators per application"), default=2, validators=[MinValueValidator(1)]
    )
    divergence_threshold = models.DecimalField(
        _("divergence threshold (points of 100)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("20"),
        help_text=_("A third evaluator is assigned when two totals differ by more."),
    )
    pass_score = models.DecimalField(
        _("pass score (of 100)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("50"),
        help_text=_("Applications below it are not funded even if money remains."),
    )
    appeal_days = models.PositiveSmallIntegerField(_("days to appeal a decision"), default=10)
    correction_days = models.PositiveSmallIntegerField(
        _("days to correct a returned application"), default=5
    )
    tranches = models.JSONField(
        _("tranche percentages"),
        default=list,
        help_text=_(
            "For example [80, 20] or [40, 40, 20]; each later tranche follows an approved report."
        ),
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_it_opens",
                violation_error_message=_("The call must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(total_budget__gt=0),
                name="call_budget_positive",
                violation_error_message=_("The budget must be more than zero."),
            ),
        ]

    def is_open(self, at: object = None) -> bool:
        moment = at or timezone.now()
        return self.is_published and self.opens_at <= moment < self.closes_at  # type: ignore[operator]


class CallInstrument(models.Model):
    """An instrument a call offers, with its cap and maximum duration."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="instruments")
    instrument = models.CharField(_("instrument"), max_length=16, choices=Instrument.choices)
    max_amount = money_field(_("maximum amount (AZN)"), validators=[MinValueValidator(1)])
    max_months = models.PositiveSmallIntegerField(
        _("maximum duration (months)"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("instrument of a call")
        verbose_name_plural = _("instruments of a call")
        ordering = ["max_amount"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "instrument"], name="one_instrument_entry_per_call"
            )
        ]

    def __str__(self) -> str:
        return str(self.get_instrument_display())


class Topic(BilingualName):
    """A priority topic of a call (A, B, C …), possibly coalition-only and with its own cap."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="topics")
    code = models.CharField(_("code"), max_length=4)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    coalition_required = models.BooleanField(
        _("coalition required"),
        default=False,
        help_text=_(
            "At least one local and one foreign NGO, led by the local NGO, "
            "with a partnership agreement."
        ),
    )
    max_amount = money_field(_("topic cap (AZN)"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["call", "code"], name="topic_code_unique_in_call")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Criterion(BilingualName):
    """An evaluation criterion with its weight (percent of the total) and score range."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    weight = models.DecimalField(
        _("weight (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    max_score = models.PositiveSmallIntegerField(
        _("highest score"), default=10, validators=[MinValueValidator(1)]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position", "pk"]


class RequiredDocument(BilingualName):
    """A document every application to a call must (or may) attach."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="required_documents")
    is_mandatory = models.BooleanField(_("mandatory"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["position", "pk"]
