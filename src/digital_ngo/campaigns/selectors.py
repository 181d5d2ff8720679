"""Reads: a statement's recipients and progress, public statements and signature tallies."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from digital_ngo.campaigns.models import Delivery, Signature, Statement
from digital_ngo.media.models import MediaContact
from digital_ngo.media.selectors import segment_contacts

COUNTING = (Signature.Status.CONFIRMED, Signature.Status.VERIFIED)


def recipients(statement: Statement) -> QuerySet[MediaContact]:
    """The contacts of the statement's segment (filters plus hand-picked outlets and persons)."""
    return segment_contacts(
        kinds=statement.segment_kinds,
        countries=statement.segment_countries,
        languages=statement.segment_languages,
        statuses=statement.segment_statuses,
        outlet_ids=statement.outlets.values_list("pk", flat=True) if statement.pk else [],
        contact_ids=statement.contacts.values_list("pk", flat=True) if statement.pk else [],
    )


def recipient_count(statement: Statement) -> dict[str, int]:
    """Addresses that will receive the statement and those that opted out (before sending)."""
    emails: dict[str, bool] = {}
    for contact in recipients(statement):
        email = contact.email.strip().lower()
        emails[email] = emails.get(email, False) or contact.opted_out
    opted_out = sum(1 for out in emails.values() if out)
    return {"total": len(emails), "opted_out": opted_out, "to_send": len(emails) - opted_out}


def progress(statement: Statement) -> dict[str, int]:
    """Deliveries by status, with ``total`` and ``done`` (no longer queued or being sent)."""
    counts = Counter(
        dict(
            Delivery.objects.filter(statement=statement)
            .values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
    )
    result = {status: counts.get(status, 0) for status in Delivery.Status.values}
    result["total"] = sum(counts.values())
    result["done"] = result["total"] - result["queued"] - result["sending"]
    result["percent"] = round(100 * result["done"] / result["total"]) if result["total"] else 0
    return result


def public_statements() -> QuerySet[Statement]:
    """Statements the public sees: approved ones that are, or were, open for signature."""
    return Statement.objects.exclude(status=Statement.Status.DRAFT).filter(
        signing_opens__isnull=False
    )


@dataclass
class Tally:
    total: int
    countries: int
    by_country: list[tuple[str, int]]


def tally(statement: Statement) -> Tally:
    """Counting signatures (confirmed or verified): total, countries, per country (most first)."""
    rows = list(
        Signature.objects.filter(statement=statement, status__in=COUNTING)
        .values_list("country")
        .annotate(n=Count("pk"))
        .order_by("-n", "country")
        .values_list("country", "n")
    )
    return Tally(total=sum(n for _c, n in rows), countries=len(rows), by_country=rows)


def counting_signatures(statement: Statement) -> QuerySet[Signature]:
    """The signatures that count, in the order they were confirmed (the export's order)."""
    return Signature.objects.filter(statement=statement, status__in=COUNTING).order_by(
        "confirmed_at", "pk"
    )
