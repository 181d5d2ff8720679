"""Reads of the media registry: the one check of registration on a day, search, segments."""

from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet

from aztext import fold
from digital_ngo.media.models import MediaContact, MediaOutlet


def registered_on(outlet: MediaOutlet | None, day: date) -> bool:
    """Whether ``outlet`` was in the media register on ``day`` (paid media services need it).

    The one place that answers it: a number, a period covering ``day``, and not removed
    from the register (a suspended outlet is still registered but may not be paid while
    suspended, so it counts as not registered).
    """
    if outlet is None or not outlet.registry_number or outlet.registered_from is None:
        return False
    if outlet.status != MediaOutlet.Status.ACTIVE:
        return False
    return outlet.registered_from <= day and (
        outlet.registered_to is None or day <= outlet.registered_to
    )


def search_outlets(
    query: str = "",
    *,
    kind: str = "",
    status: str = "",
    country: str = "",
    language: str = "",
) -> QuerySet[MediaOutlet]:
    """Outlets matching a diacritic-insensitive query and filters, by name."""
    outlets = MediaOutlet.objects.all()
    for term in fold(query).split():
        outlets = outlets.filter(Q(name_folded__contains=term) | Q(registry_number__icontains=term))
    if kind:
        outlets = outlets.filter(kind=kind)
    if status:
        outlets = outlets.filter(status=status)
    if country:
        outlets = outlets.filter(country=country)
    if language:
        outlets = outlets.filter(pk__in=_with_language(outlets, language))
    return outlets.order_by("name")


def _with_language(outlets: Iterable[MediaOutlet], language: str) -> list[int]:
    # JSON "contains" is not available on SQLite; the register is small (hundreds of rows).
    return [o.pk for o in outlets if language in (o.languages or [])]


def segment_contacts(
    *,
    kinds: Iterable[str] = (),
    countries: Iterable[str] = (),
    languages: Iterable[str] = (),
    statuses: Iterable[str] = (),
    outlet_ids: Iterable[int] = (),
    contact_ids: Iterable[int] = (),
) -> QuerySet[MediaContact]:
    """Contacts of the outlets in a segment, plus hand-picked outlets and persons.

    An empty filter does not restrict; with no filter and nothing hand-picked the
    segment is empty (a mailing to everyone must be asked for by ticking every kind).
    """
    kinds, countries, languages = list(kinds), list(countries), list(languages)
    statuses, outlet_ids, contact_ids = list(statuses), list(outlet_ids), list(contact_ids)
    query = Q(pk__in=[])
    if kinds or countries or languages or statuses:
        outlets = MediaOutlet.objects.all()
        if kinds:
            outlets = outlets.filter(kind__in=kinds)
        if countries:
            outlets = outlets.filter(country__in=countries)
        if statuses:
            outlets = outlets.filter(status__in=statuses)
        ids = [o.pk for o in outlets if not languages or set(languages) & set(o.languages or [])]
        query |= Q(outlet_id__in=ids)
    if outlet_ids:
        query |= Q(outlet_id__in=outlet_ids)
    if contact_ids:
        query |= Q(pk__in=contact_ids)
    return MediaContact.objects.filter(query).select_related("outlet").order_by("email")
