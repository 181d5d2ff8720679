"""Demo grants: agreements for the past call's winners, tranches paid, reports at every stage —
one project closed with target vs actual, one media expense flagged, one report returned, and
overdue reports on each rung of the sanction ladder — on one calendar relative to today."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.utils import timezone

from digital_ngo.accounts.models import Role, User
from digital_ngo.applications.models import Application, BudgetLine
from digital_ngo.decisions.models import Decision
from digital_ngo.grants import services
from digital_ngo.grants.calendar import is_working_day
from digital_ngo.grants.models import Grant, Report
from digital_ngo.media.models import MediaOutlet
from digital_ngo.registry.demo import demo_pdf


def _people(application: Application) -> User:
    user = application.ngo.people.filter(role=Role.NGO_ADMIN).first()
    if user is None:
        raise ValueError(f"{application.ngo} has no administrator")
    return user


def _report(grant: Grant, share: Decimal, media_outlet: MediaOutlet | None = None) -> Report:
    report = grant.reports.order_by("number").first()
    assert report is not None
    lines = grant.application.budget_lines.exclude(category="media").order_by("pk")
    expenses = [  # each line spent in the same share, with its receipt
        services.ExpenseInput(
            budget_line=line,
            spent_on=grant.starts_on + timedelta(days=40),
            amount=(line.requested * share).quantize(Decimal("0.01")),
            description=line.description,
            document=demo_pdf("qebz"),
        )
        for line in lines
        if line.requested > 0
    ]
    if media_outlet is not None:
        media = BudgetLine.objects.create(
            application=grant.application,
            category="media",
            description="Media xidmətləri",
            unit_cost=Decimal("300"),
            quantity=1,
            months=1,
        )
        expenses.append(
            services.ExpenseInput(
                budget_line=media,
                spent_on=grant.starts_on + timedelta(days=50),
                amount=Decimal("300"),
                description="Televiziya süjeti",
                outlet=media_outlet,
                document=demo_pdf("qebz-media"),
            )
        )
    values = {
        i.pk: (i.target * Decimal("0.9")).quantize(Decimal("1"))
        for i in grant.application.indicators.all()
    }
    return services.submit_report(
        user=_people(grant.application),
        report=report,
        narrative="Planlaşdırılmış təlimlər keçirilib, iştirakçılar sorğulanıb.",
        values=values,
        expenses=expenses,
        evidence={pk: _evidence_pdf() for pk in values},
    )


def _evidence_pdf() -> SimpleUploadedFile:
    content = demo_pdf("İştirakçıların qeydiyyat siyahısı")
    return SimpleUploadedFile("istirakci-siyahisi.pdf", content.read(), "application/pdf")


#: Working days late of the overdue final reports: one per rung of the sanction ladder
#: (``services.propose_sanction``): a warning, tranche withheld + ban, one-year ban,
#: two-year ban + recovery.
OVERDUE_RUNGS = (10, 22, 45, 80)
WEEK = timedelta(days=7)


def working_days_before(day: date, count: int) -> date:
    """The date ``count`` working days before ``day`` (so a report due then is that late)."""
    while count > 0:
        if is_working_day(day):
            count -= 1
        day -= timedelta(days=1)
    return day


def _due_plan(count: int, today: date) -> list[date | None]:
    """Each grant's final report due date: closed, overdue on each rung, recently submitted,
    returned, then still running (due in four months). ``None``: the earliest start."""
    plan: list[date | None] = [None]
    plan += [working_days_before(today, late) for late in OVERDUE_RUNGS]
    plan += [today - timedelta(days=4), today - timedelta(days=25)]
    return (plan + [today + timedelta(days=120)] * count)[:count]


def _start_for(application: Application, due: date | None, earliest: date) -> date:
    """An agreement start so that the final report falls due on ``due`` (never before
    ``earliest``, the end of the appeal window); the earliest start when ``due`` is None."""
    if due is None:
        return earliest
    months = application.duration_months or 12
    start = due - services.REPORT_GRACE - timedelta(days=round(months * 30.44))
    return max(start, earliest)


def _agreements(manager: User, earliest: date, today: date) -> list[Grant]:
    funded = list(Application.objects.filter(status=Application.Status.FUNDED).order_by("pk"))
    grants = []
    for application, due in zip(funded, _due_plan(len(funded), today), strict=True):
        starts_on = _start_for(application, due, earliest)
        grant = services.conclude_agreement(
            staff=manager,
            application=application,
            starts_on=starts_on,
            signed_on=starts_on - timedelta(days=7),
        )
        signed = datetime.combine(
            grant.starts_on - timedelta(days=7), time(10), tzinfo=timezone.get_current_timezone()
        )
        Grant.objects.filter(pk=grant.pk).update(created_at=signed)
        if due is not None:  # exact day (the schedule rounds to whole months)
            Report.objects.filter(grant=grant, kind=Report.Kind.FINAL).update(
                due_on=max(due, grant.ends_on + timedelta(days=1))
            )
        grants.append(grant)
    return grants


def _submitted_on(report: Report, days_before_due: int) -> None:
    """Date a submitted report's submission before its due date (not today)."""
    when = datetime.combine(
        report.due_on - timedelta(days=days_before_due),
        time(11),
        tzinfo=timezone.get_current_timezone(),
    )
    Report.objects.filter(pk=report.pk).update(submitted_at=when)


def load_grants(manager: User, finance: User, monitor: User) -> int:
    """Conclude agreements for the funded demo applications and walk them forward (once).

    On one calendar relative to today: agreements start after the past call's appeal
    window; the overdue final reports are spread over the sanction ladder's rungs.
    """
    if Grant.objects.exists():
        return 0
    today = timezone.localdate()
    decision = Decision.objects.order_by("decided_at").first()
    earliest = today - timedelta(days=400)
    if decision is not None:
        earliest = timezone.localtime(decision.appeals_until).date() + timedelta(days=21)
    grants = _agreements(manager, earliest, today)
    unregistered = MediaOutlet.objects.filter(registry_number__isnull=True).first()
    for index, grant in enumerate(grants):
        first = grant.tranches.get(number=1)
        services.record_payment(
            staff=finance,
            tranche=first,
            paid_on=grant.starts_on + timedelta(days=5),
            reference=f"ÖT-{grant.pk:04d}-1",
        )
        if index == 0:  # closed: report approved, last tranche paid
            report = _report(grant, Decimal("0.85"))
            _submitted_on(report, 5)
            services.review_report(
                staff=monitor, report=report, approve=True, comment="Hesabat tamdır."
            )
            Report.objects.filter(pk=report.pk).update(approved_at=F("submitted_at") + WEEK)
            for value in report.indicator_values.all():  # the NGO shows its evidence publicly
                services.set_evidence_public(
                    user=_people(grant.application), value=value, public=True
                )
            last = grant.tranches.order_by("-number").first()
            assert last is not None
            services.record_payment(
                staff=finance,
                tranche=last,
                paid_on=min(grant.ends_on + timedelta(days=30), today),
                reference=f"ÖT-{grant.pk:04d}-2",
            )
        elif index == 1 + len(
            OVERDUE_RUNGS
        ):  # submitted, a media expense to an unregistered outlet
            _submitted_on(_report(grant, Decimal("0.75"), media_outlet=unregistered), 2)
        elif index == 2 + len(OVERDUE_RUNGS):  # returned for correction
            report = _report(grant, Decimal("0.6"))
            _submitted_on(report, 3)
            services.review_report(
                staff=monitor,
                report=report,
                approve=False,
                comment="Xərc sənədləri əlavə edilməyib.",
            )
        # 1..4: final reports overdue, one per rung of the ladder; the rest not yet due
    return len(grants)
