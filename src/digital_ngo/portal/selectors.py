"""Reads for the public portal: headline figures and the series behind its charts."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from digital_ngo.applications.models import Application
from digital_ngo.core.search import folded_search
from digital_ngo.funding.models import Call
from digital_ngo.grants.models import Grant, Tranche
from digital_ngo.registry.models import NGO, LegalForm

FUNDED = [Application.Status.FUNDED, Application.Status.AGREEMENT]


@dataclass(frozen=True)
class Headline:
    verified_ngos: int
    regions: int
    foreign_ngos: int
    by_legal_form: list[tuple[str, int]]
    calls: int
    funded_projects: int
    awarded: Decimal
    paid: Decimal


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    share: float  # of the largest value in the series, 0..1


def headline_figures() -> Headline:
    """Counts and sums for the home page."""
    verified = NGO.objects.verified()
    forms = dict(
        verified.values_list("legal_form").annotate(n=Count("pk")).values_list("legal_form", "n")
    )
    funded = Application.objects.filter(status__in=FUNDED)
    paid = Tranche.objects.filter(status=Tranche.Status.PAID).aggregate(total=Sum("amount"))[
        "total"
    ]
    return Headline(
        verified_ngos=verified.count(),
        regions=funded.exclude(regions=None).values("regions").distinct().count(),
        foreign_ngos=forms.get(LegalForm.FOREIGN, 0),
        by_legal_form=[(str(label), forms.get(value, 0)) for value, label in LegalForm.choices],
        calls=Call.objects.filter(is_published=True).count(),
        funded_projects=funded.count(),
        awarded=funded.aggregate(total=Sum("awarded_amount"))["total"] or Decimal(0),
        paid=paid or Decimal(0),
    )


def _bars(pairs: list[tuple[str, Decimal]]) -> list[Bar]:
    top = max((value for _, value in pairs), default=Decimal(0))
    return [Bar(label, value, float(value / top) if top else 0.0) for label, value in pairs]


def awarded_by(field: str, labels: dict[str, str] | None = None) -> list[Bar]:
    """AZN awarded to funded projects grouped by ``field`` (a lookup on Application)."""
    rows = (
        Application.objects.filter(status__in=FUNDED)
        .values_list(field)
        .annotate(total=Sum("awarded_amount"))
        .order_by(field)
    )
    return _bars(
        [((labels or {}).get(str(key), str(key)), total or Decimal(0)) for key, total in rows]
    )


def projects_by_region() -> list[Bar]:
    """How many funded projects reach each economic region."""
    rows = (
        Application.objects.filter(status__in=FUNDED)
        .values_list("regions__name_az")
        .annotate(n=Count("pk", filter=Q(regions__isnull=False)))
        .order_by("-n")
    )
    return _bars([(name, Decimal(n)) for name, n in rows if name])


def public_projects(call: int | None = None, region: str = "", query: str = "") -> QuerySet[Grant]:
    """Funded projects for the portal, newest first, by call, region and words of the query.

    Every word matches the NGO's name or the project title, ignoring case and diacritics.
    """
    grants = Grant.objects.select_related(
        "application__ngo", "application__topic", "application__call"
    )
    if call:
        grants = grants.filter(application__call_id=call)
    if region:
        grants = grants.filter(application__regions__code=region)
    grants = folded_search(
        grants, query, "application__search_text", "application__ngo__search_text"
    )
    return grants.distinct().order_by("-starts_on", "number")
