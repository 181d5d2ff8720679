"""Reads of the open data: the grants to export (few queries per chunk) and the generated files."""

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from digital_ngo.applications.models import Outcome
from digital_ngo.decisions.models import Decision
from digital_ngo.grants.models import Grant, IndicatorValue, Report, Tranche

#: The generated files, by the name used in URLs and templates.
FILES = {
    "json": "360giving.json",
    "csv": "360giving.csv",
    "xlsx": "360giving.xlsx",
    "xml": "iati-activities.xml",
    "zip": "open-data.zip",
}
METADATA = "metadata.json"
#: Report states whose indicator values are published (not due, not returned for correction).
#: Only figures monitoring approved are published.
REPORTED = [Report.Status.APPROVED]


def output_dir() -> Path:
    """Where the generated files live: ``VAR_DIR/opendata``."""
    return Path(settings.VAR_DIR) / "opendata"


def export_grants() -> QuerySet[Grant]:
    """Every grant, with what the exports need prefetched (use ``.iterator(chunk_size=…)``)."""
    return (
        Grant.objects.select_related(
            "application__call__decision",
            "application__ngo__district",
            "application__ngo__region",
            "application__topic",
            "application__field",
        )
        .prefetch_related(
            "application__call__funders",
            "application__regions",
            "application__budget_lines",
            Prefetch("tranches", queryset=Tranche.objects.order_by("number")),
            Prefetch(
                "application__outcomes",
                queryset=Outcome.objects.prefetch_related("indicators"),
            ),
            Prefetch(
                "reports",
                queryset=Report.objects.filter(status__in=REPORTED)
                .order_by("number")
                .prefetch_related("indicator_values"),
                to_attr="published_reports",
            ),
        )
        .order_by("number")
    )


def export_grant(number: str) -> Grant | None:
    """One grant by agreement number, prefetched like :func:`export_grants`."""
    return export_grants().filter(number=number).first()


def award_date(grant: Grant) -> date:
    """The date of the board's decision on the call, or the day the grant was created."""
    try:
        decided: datetime = grant.application.call.decision.decided_at
    except Decision.DoesNotExist:
        decided = grant.created_at
    return timezone.localdate(decided)


def paid_tranches(grant: Grant) -> list[Tranche]:
    """Tranches paid, in order (from the prefetched tranches)."""
    return [t for t in grant.tranches.all() if t.status == Tranche.Status.PAID and t.paid_on]


def amount_disbursed(grant: Grant) -> Decimal:
    return sum((t.amount for t in paid_tranches(grant)), Decimal(0))


def latest_actual(grant: Grant, indicator_id: int) -> tuple[IndicatorValue, Report] | None:
    """The indicator's value in the latest approved report, with that report."""
    reports: list[Report] | None = getattr(grant, "published_reports", None)
    if reports is None:
        reports = list(grant.reports.filter(status__in=REPORTED).order_by("number"))
    for report in reversed(reports):
        for value in report.indicator_values.all():
            if value.indicator_id == indicator_id:
                return value, report
    return None


@dataclass(frozen=True)
class Generated:
    """What the last regeneration wrote."""

    generated_at: datetime
    counts: dict[str, int]
    sizes: dict[str, int]


def generated(directory: Path | None = None) -> Generated | None:
    """The metadata of the generated files, or ``None`` if they were never generated."""
    path = (directory or output_dir()) / METADATA
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    return Generated(
        datetime.fromisoformat(data["generated_at"]),
        dict(data.get("counts", {})),
        dict(data.get("sizes", {})),
    )
