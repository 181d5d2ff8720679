"""Reads of coalitions: public list, current members and members by country."""

from django.db.models import Count, Q, QuerySet

from digital_ngo.coalitions.models import Coalition, Membership


def public_coalitions() -> QuerySet[Coalition]:
    return Coalition.objects.annotate(
        current=Count("members", filter=Q(members__left_on__isnull=True))
    ).order_by("name_az")


def current_members(coalition: Coalition) -> QuerySet[Membership]:
    return coalition.members.filter(left_on__isnull=True).order_by("country", "organisation")


def members_by_country(coalition: Coalition) -> list[tuple[str, int]]:
    """(country code, current members), most members first."""
    return list(
        current_members(coalition)
        .values_list("country")
        .annotate(n=Count("pk"))
        .order_by("-n", "country")
        .values_list("country", "n")
    )
