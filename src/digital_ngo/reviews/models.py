"""Assignments of evaluators to applications, their declarations and their scores."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

#: The standard declaration: each question answered yes means a conflict of interest.
DECLARATION_QUESTIONS = {
    "financial_interest": _(
        "Do you or a close person have a financial interest in the project or the applicants?"
    ),
    "governance_link": _(
        "Were you, in the last 2 years, a founder, member, employee or board member "
        "of an applicant or partner?"
    ),
    "family_tie": _("Do you have family or close personal ties with people of the applicants?"),
    "prior_advice": _("Did you advise on or help prepare this application?"),
    "perceived_bias": _("Could anything make others doubt your impartiality?"),
}


class Assignment(models.Model):
    """One evaluator asked to review one application."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Awaiting declaration")
        DECLARED = "declared", _("Declared; reviewing")
        CONFLICT = "conflict", _("Recused for a conflict of interest")
        SUBMITTED = "submitted", _("Scores submitted")

    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluator"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ASSIGNED
    )
    is_tiebreak = models.BooleanField(_("third evaluator"), default=False)
    answers = models.JSONField(_("declaration answers"), default=dict, blank=True)
    declared_at = models.DateTimeField(_("declaration signed"), null=True, blank=True)
    total = models.DecimalField(
        _("weighted total"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("scores submitted"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "evaluator"], name="evaluator_once_per_application"
            )
        ]

    def __str__(self) -> str:
        return f"{self.evaluator} → {self.application}"


class Score(models.Model):
    """An evaluator's score on one criterion, with a comment."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        "funding.Criterion", verbose_name=_("criterion"), on_delete=models.PROTECT
    )
    value = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"], name="one_score_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"

    @property
    def weighted(self) -> Decimal:
        return Decimal(self.value) / self.criterion.max_score * self.criterion.weight
