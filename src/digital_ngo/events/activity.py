"""Activity signals for the sector-health view: an NGO organised or attended an event.

Registered in ``apps.ready`` when the ``health`` app's signal registry exists; until
then this module is inert.
"""

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from digital_ngo.events.models import BAKU, Event, Registration

SEATED = ["confirmed", "attended"]


def organised(ngo_ids: set[int] | None) -> Iterator[Any]:
    """One signal per held event an NGO organised (or partnered in)."""
    from digital_ngo.health.signals import Signal

    events = Event.objects.filter(status=Event.Status.HELD)
    for event in events.prefetch_related("partner_ngos"):
        ids = {event.organiser_ngo_id} if event.organiser_kind == "ngo" else set()
        ids |= {ngo.pk for ngo in event.partner_ngos.all()}
        for ngo_id in ids - {None}:
            if ngo_ids is None or ngo_id in ngo_ids:
                yield Signal(
                    ngo_id=ngo_id,  # type: ignore[arg-type]
                    kind="event_organised",
                    on=event.starts_at.astimezone(BAKU).date(),
                    label=event.title_az,
                    url=reverse("events:detail", args=[event.pk]),
                )


def attended(ngo_ids: set[int] | None) -> Iterator[Any]:
    """One signal per NGO and held event its people attended."""
    from digital_ngo.health.signals import Signal

    rows = Registration.objects.filter(
        status__in=SEATED, event__status=Event.Status.HELD, organisation_ngo__isnull=False
    )
    if ngo_ids is not None:
        rows = rows.filter(organisation_ngo_id__in=ngo_ids)
    seen = rows.values_list(
        "organisation_ngo_id", "event_id", "event__starts_at", "event__title_az"
    )
    for ngo_id, event_id, starts_at, title in seen.distinct():
        yield Signal(
            ngo_id=ngo_id,
            kind="event_attended",
            on=starts_at.astimezone(BAKU).date(),
            label=title,
            url=reverse("events:detail", args=[event_id]),
        )


def register_sources() -> bool:
    """Add the two sources to the health registry; False when there is no such registry."""
    try:
        from digital_ngo.health.signals import Source, register
    except ImportError:
        return False
    register(Source("event_organised", _("event organised"), weight=3, half_life_days=365,
                    collect=organised, noun=_("an event organised")))  # fmt: skip
    register(Source("event_attended", _("event attended"), weight=1, half_life_days=365,
                    collect=attended, noun=_("an event attended")))  # fmt: skip
    return True
