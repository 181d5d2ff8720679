"""Demo grants: agreements for the 2025 winners, tranches paid, reports at every stage —
one project closed with target vs actual, one media expense flagged, one report late."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from digital_ngo.accounts.models import Role, User
from digital_ngo.applications.models import Application, BudgetLine
from digital_ngo.grants import services
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
    )


def load_grants(manager: User, finance: User, monitor: User) -> int:
    """Conclude agreements for the funded demo applications and walk them forward (once)."""
    if Grant.objects.exists():
        return 0
    funded = list(Application.objects.filter(status=Application.Status.FUNDED).order_by("pk"))
    start = timezone.localdate() - timedelta(days=400)
    grants = [
        services.conclude_agreement(
            staff=manager, application=a, starts_on=start, signed_on=start - timedelta(days=10)
        )
        for a in funded
    ]
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
            services.review_report(
                staff=monitor, report=report, approve=True, comment="Hesabat tamdır."
            )
            last = grant.tranches.order_by("-number").first()
            assert last is not None
            services.record_payment(
                staff=finance,
                tranche=last,
                paid_on=grant.ends_on + timedelta(days=30),
                reference=f"ÖT-{grant.pk:04d}-2",
            )
        elif index == 1:  # submitted, with a media expense to an unregistered outlet
            _report(grant, Decimal("0.75"), media_outlet=unregistered)
        elif index == 2:  # returned for correction
            report = _report(grant, Decimal("0.6"))
            services.review_report(
                staff=monitor,
                report=report,
                approve=False,
                comment="Xərc sənədləri əlavə edilməyib.",
            )
        # the rest: the final report is overdue (the project ended months ago)
    return len(grants)
