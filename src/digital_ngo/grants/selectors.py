"""Reads of grants: target vs actual, budget vs spent, spending of tranches, lateness."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.utils import timezone

from digital_ngo.grants.calendar import working_days_late
from digital_ngo.grants.models import Expense, Grant, IndicatorValue, Report, Tranche

#: A later tranche needs at least this share of the previous tranche spent (eligible expenses).
SPENT_SHARE = Decimal("0.70")


@dataclass(frozen=True)
class IndicatorProgress:
    name: str
    unit: str
    baseline: Decimal
    target: Decimal
    actual: Decimal | None
    #: the report the actual comes from: its number, status and approval time
    report: "Report | None" = None

    @property
    def percent(self) -> int | None:
        span = self.target - self.baseline
        if self.actual is None or span == 0:
            return None
        return round(100 * (self.actual - self.baseline) / span)


@dataclass(frozen=True)
class LineProgress:
    category: str
    description: str
    budget: Decimal
    spent: Decimal

    @property
    def left(self) -> Decimal:
        return self.budget - self.spent


def indicator_progress(grant: Grant, approved_only: bool = False) -> list[IndicatorProgress]:
    """Each indicator's target against its latest actual, with the report it comes from.

    The public (portal, API, open data) sees only actuals from approved reports
    (``approved_only``); the NGO and staff also see those of a submitted report.
    """
    statuses = (
        [Report.Status.APPROVED]
        if approved_only
        else [Report.Status.SUBMITTED, Report.Status.APPROVED]
    )
    rows = []
    for indicator in grant.application.indicators.all():
        latest = (
            IndicatorValue.objects.filter(
                report__grant=grant, indicator=indicator, report__status__in=statuses
            )
            .select_related("report")
            .order_by("-report__number")
            .first()
        )
        rows.append(
            IndicatorProgress(
                indicator.name,
                indicator.unit,
                indicator.baseline,
                indicator.target,
                latest.value if latest else None,
                latest.report if latest else None,
            )
        )
    return rows


def eligible_spent(grant: Grant) -> Decimal:
    """Eligible expenses of ``grant``'s approved reports (what the tranche rule counts)."""
    total = Expense.objects.filter(
        report__grant=grant, is_eligible=True, report__status=Report.Status.APPROVED
    ).aggregate(total=Sum("amount"))["total"]
    return total or Decimal(0)


def budget_progress(grant: Grant) -> list[LineProgress]:
    rows = []
    for line in grant.application.budget_lines.all():
        spent = line.expenses.filter(is_eligible=True).aggregate(total=Sum("amount"))[
            "total"
        ] or Decimal(0)
        rows.append(
            LineProgress(line.get_category_display(), line.description, line.requested, spent)
        )
    return rows


def spending_gate(tranche: Tranche) -> tuple[Decimal, Decimal]:
    """(spent, needed): eligible spending so far, and what the rule requires before ``tranche``.

    All tranches paid before the previous one must be fully spent, and the previous one at 70%.
    """
    earlier = list(tranche.grant.tranches.filter(number__lt=tranche.number).order_by("number"))
    if not earlier:
        return Decimal(0), Decimal(0)
    needed = sum((t.amount for t in earlier[:-1]), Decimal(0)) + earlier[-1].amount * SPENT_SHARE
    return eligible_spent(tranche.grant), needed.quantize(Decimal("0.01"))


def days_late(report: Report, on: date | None = None) -> int:
    """Working days the report is (or was) late."""
    done = (
        timezone.localtime(report.submitted_at).date()
        if report.submitted_at
        else (on or timezone.localdate())
    )
    return working_days_late(report.due_on, done)


def grants_of(ngo_id: int) -> QuerySet[Grant]:
    return Grant.objects.filter(application__ngo_id=ngo_id).select_related("application")


def overdue_reports(on: date | None = None) -> QuerySet[Report]:
    """Reports past their due date and not submitted."""
    day = on or timezone.localdate()
    return Report.objects.filter(
        due_on__lt=day, status__in=[Report.Status.DUE, Report.Status.RETURNED]
    ).select_related("grant__application__ngo")


@dataclass(frozen=True)
class Money:
    awarded: Decimal
    committed: Decimal
    paid: Decimal


def money() -> Money:
    """AZN awarded by decisions, committed by agreements, and paid in tranches."""
    from digital_ngo.applications.models import Application

    awarded = Application.objects.filter(awarded_amount__isnull=False).aggregate(
        t=Sum("awarded_amount")
    )["t"]
    committed = Grant.objects.aggregate(t=Sum("amount"))["t"]
    paid = Tranche.objects.filter(status=Tranche.Status.PAID).aggregate(t=Sum("amount"))["t"]
    return Money(awarded or Decimal(0), committed or Decimal(0), paid or Decimal(0))


def reports_due_soon(days: int = 30, on: date | None = None) -> QuerySet[Report]:
    """Open reports due within ``days`` days."""
    day = on or timezone.localdate()
    return Report.objects.filter(
        due_on__gte=day,
        due_on__lte=day + timedelta(days=days),
        status__in=[Report.Status.DUE, Report.Status.RETURNED],
    ).select_related("grant__application__ngo")


def open_reports_of(ngo_id: int) -> QuerySet[Report]:
    """An NGO's reports still to submit, earliest first."""
    return (
        Report.objects.filter(
            grant__application__ngo_id=ngo_id,
            status__in=[Report.Status.DUE, Report.Status.RETURNED],
        )
        .select_related("grant")
        .order_by("due_on")
    )


@dataclass(frozen=True)
class VersionRow:
    label: str
    values: list[Decimal | None]


@dataclass(frozen=True)
class ReportVersions:
    """A report's submitted versions side by side: one column per version."""

    report: Report
    versions: list[int]
    indicators: list[VersionRow]
    expenses: list[VersionRow]


def report_versions(report: Report) -> ReportVersions:
    """Every version of ``report``'s indicator values and spending per budget line."""
    versions = list(range(1, report.version + 1))
    values = IndicatorValue.all_versions.filter(report=report).select_related("indicator")
    by_indicator: dict[str, dict[int, Decimal]] = {}
    for value in values:
        by_indicator.setdefault(value.indicator.name, {})[value.version] = value.value
    by_line: dict[str, dict[int, Decimal]] = {}
    for expense in Expense.all_versions.filter(report=report).select_related("budget_line"):
        row = by_line.setdefault(expense.budget_line.description, {})
        row[expense.version] = row.get(expense.version, Decimal(0)) + expense.amount
    return ReportVersions(
        report,
        versions,
        [VersionRow(name, [row.get(v) for v in versions]) for name, row in by_indicator.items()],
        [VersionRow(name, [row.get(v) for v in versions]) for name, row in by_line.items()],
    )


# --- Each reporting period's actual against the target, with its evidence (issue 11, §6) ------


@dataclass(frozen=True)
class PeriodValue:
    report: Report
    value: IndicatorValue

    @property
    def has_evidence(self) -> bool:
        return bool(self.value.evidence)


@dataclass(frozen=True)
class IndicatorPeriods:
    name: str
    unit: str
    baseline: Decimal
    target: Decimal
    periods: list[PeriodValue]


def indicator_periods(grant: Grant, public: bool = False) -> list[IndicatorPeriods]:
    """Each indicator's target and every reported period's actual with its evidence.

    For the grantee and the staff: every report no longer merely due (its status shown).
    For the public: approved reports only, and evidence only where the NGO made it public.
    """
    values = IndicatorValue.objects.filter(report__grant=grant).select_related("report")
    values = (
        values.filter(report__status=Report.Status.APPROVED)
        if public
        else values.exclude(report__status=Report.Status.DUE)
    )
    by_indicator: dict[int, list[PeriodValue]] = {}
    for value in values.order_by("report__number"):
        if public and not value.evidence_public:
            value.evidence = None  # type: ignore[assignment]  # not shown: the NGO keeps it private
        by_indicator.setdefault(value.indicator_id, []).append(PeriodValue(value.report, value))
    return [
        IndicatorPeriods(
            indicator.name,
            indicator.unit,
            indicator.baseline,
            indicator.target,
            by_indicator.get(indicator.pk, []),
        )
        for indicator in grant.application.indicators.order_by("pk")
    ]
