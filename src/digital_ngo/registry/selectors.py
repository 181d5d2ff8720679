"""Reads of the registry: the public directory, staff queues, eligibility."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from aztext import fold
from digital_ngo.core.audit import HistoryEntry, merged_history
from digital_ngo.registry.models import NGO, NGOStatus, Sanction, Verification


@dataclass(frozen=True)
class DirectoryFilters:
    """What a visitor may filter the public directory by; every field is optional."""

    q: str = ""
    legal_form: str = ""
    region: str = ""
    field: str = ""
    status: str = ""


def search_ngos(queryset: QuerySet[NGO], query: str) -> QuerySet[NGO]:
    """Keep NGOs whose names contain every word of ``query``, ignoring case and diacritics."""
    for term in fold(query).split():
        queryset = queryset.filter(search_text__contains=term)
    return queryset


def public_directory(filters: DirectoryFilters) -> QuerySet[NGO]:
    """Verified NGOs for the public directory, filtered and in Azerbaijani order."""
    ngos = NGO.objects.verified().select_related("region", "district")
    return apply_filters(ngos, filters).order_by("sort_key", "pk")


def apply_filters(ngos: QuerySet[NGO], filters: DirectoryFilters) -> QuerySet[NGO]:
    """Narrow ``ngos`` by the directory filters and the search words."""
    if filters.legal_form:
        ngos = ngos.filter(legal_form=filters.legal_form)
    if filters.region:
        ngos = ngos.filter(region__code=filters.region)
    if filters.field:
        ngos = ngos.filter(
            Exists(
                NGO.fields.through.objects.filter(
                    ngo_id=OuterRef("pk"), fieldofactivity__slug=filters.field
                )
            )
        )
    if filters.status:
        ngos = ngos.filter(status=filters.status)
    return search_ngos(ngos, filters.q)


def active_bans(on: date | None = None) -> QuerySet[Sanction]:
    """Bans in force on ``on`` (today by default)."""
    day = on or timezone.localdate()
    return Sanction.objects.filter(
        kind=Sanction.Kind.BAN, status=Sanction.Status.ACTIVE, starts_on__lte=day
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))


def ineligibility_reasons(ngo: NGO, on: date | None = None) -> list[str]:
    """Why ``ngo`` may not take part in competitions on ``on``; empty when it may."""
    reasons = []
    if not ngo.is_verified:
        reasons.append(_("The NGO has not passed the agency's technical check."))
    if ngo.status != NGOStatus.ACTIVE:
        reasons.append(_("The NGO is %(status)s.") % {"status": ngo.get_status_display().lower()})
    for ban in active_bans(on).filter(ngo=ngo):
        reasons.append(
            _("Banned from competitions until %(end)s: %(reason)s")
            % {"end": ban.ends_on or "—", "reason": ban.reason}
        )
    return reasons


def with_active_ban_flag(queryset: QuerySet[NGO], on: date | None = None) -> QuerySet[NGO]:
    """Annotate ``is_banned`` on each NGO of ``queryset``."""
    return queryset.annotate(is_banned=Exists(active_bans(on).filter(ngo=OuterRef("pk"))))


def verification_queue() -> QuerySet[NGO]:
    """NGOs awaiting the technical check, oldest submission first."""
    return NGO.objects.filter(verification=Verification.SUBMITTED).order_by("submitted_at", "pk")


def staff_ngo_list(filters: DirectoryFilters, verification: str = "") -> QuerySet[NGO]:
    """Every NGO for the staff, with the same filters as the directory plus verification."""
    ngos = NGO.objects.select_related("region")
    if verification:
        ngos = ngos.filter(verification=verification)
    return with_active_ban_flag(apply_filters(ngos, filters)).order_by("sort_key", "pk")


def record_history(ngo: NGO) -> list[HistoryEntry]:
    """The audit trail of an NGO together with its documents and sanctions."""
    return merged_history(ngo, *ngo.documents.all(), *ngo.sanctions.all())
