"""Reads about calls."""

from django.db.models import QuerySet

from digital_ngo.funding.models import Call


def public_calls() -> QuerySet[Call]:
    """Published calls, the most recent first."""
    return Call.objects.filter(is_published=True).prefetch_related("funders", "instruments")


def staff_calls() -> QuerySet[Call]:
    """Every call, drafts included."""
    return Call.objects.prefetch_related("funders")
