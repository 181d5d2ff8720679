"""Activity signals for the sector-health view: an NGO signed a statement, or is a member of a
coalition or platform (registered in ``apps.ready``; the data is the signatures and members)."""

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digital_ngo.campaigns.models import Signature
from digital_ngo.coalitions.models import Membership

COUNTED = [Signature.Status.CONFIRMED, Signature.Status.VERIFIED]


def signed(ngo_ids: set[int] | None) -> Iterator[Any]:
    """One signal per counted signature an NGO gave to a statement."""
    from digital_ngo.health.signals import Signal

    rows = Signature.objects.filter(status__in=COUNTED, ngo__isnull=False)
    if ngo_ids is not None:
        rows = rows.filter(ngo_id__in=ngo_ids)
    for ngo_id, statement_id, title, when in rows.values_list(
        "ngo_id", "statement_id", "statement__title_az", "confirmed_at"
    ):
        yield Signal(
            ngo_id=ngo_id,
            kind="statement_signed",
            on=timezone.localdate(when) if when else timezone.localdate(),
            label=title,
            url=reverse("campaigns:detail", args=[statement_id]),
        )


def membership(ngo_ids: set[int] | None) -> Iterator[Any]:
    """One signal per coalition an NGO joined (dated by joining; a membership still running
    also counts as of today)."""
    from digital_ngo.health.signals import Signal

    rows = Membership.objects.filter(ngo__isnull=False).select_related("coalition")
    if ngo_ids is not None:
        rows = rows.filter(ngo_id__in=ngo_ids)
    for member in rows:
        on = member.left_on or timezone.localdate()
        yield Signal(
            ngo_id=member.ngo_id,  # type: ignore[arg-type]
            kind="coalition_member",
            on=on,
            label=member.coalition.name_az,
            url=reverse("coalitions:detail", args=[member.coalition.slug]),
        )


def register_sources() -> None:
    from digital_ngo.health.signals import Source, register

    register(
        Source(
            "statement_signed",
            _("statements signed"),
            weight=1,
            half_life_days=365,
            collect=signed,
            noun=_("a statement signed"),
        )
    )
    register(
        Source(
            "coalition_member",
            _("coalition memberships"),
            weight=2,
            half_life_days=365,
            collect=membership,
            noun=_("a coalition membership"),
        )
    )
