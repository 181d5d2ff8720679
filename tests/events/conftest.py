"""Fixtures of the events tests: events made through the service, and participants."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from digital_ngo.events import services
from digital_ngo.events.models import Event
from digital_ngo.registry.models import EconomicRegion


@pytest.fixture
def make_event(users: dict[str, Any]) -> Callable[..., Event]:
    """A published event (through the services) starting in 10 days, 3 seats unless told."""

    def make(publish: bool = True, **fields: Any) -> Event:
        start = timezone.now() + dt.timedelta(days=10)
        data: dict[str, Any] = {
            "title_az": "Vətəndaş cəmiyyəti forumu",
            "title_en": "Civil society forum",
            "kind": "forum",
            "where": "home",
            "region": EconomicRegion.objects.get(code="baki"),
            "venue": "Konqres Mərkəzi",
            "time_zone": "Asia/Baku",
            "starts_at": start,
            "ends_at": start + dt.timedelta(hours=4),
            "capacity": 3,
        }
        data.update(fields)
        event = services.create_event(by=users["agency_admin"], data=data)
        if publish:
            event = services.publish_event(by=users["agency_admin"], event=event)
        return event

    return make


def person(n: int, **fields: Any) -> services.Participant:
    values: dict[str, Any] = {
        "full_name": f"İştirakçı {n}",
        "email": f"person{n}@example.org",
        "country": "AZ",
        "organisation_name": "Müstəqil ekspert",
    }
    values.update(fields)
    return services.Participant(**values)


def register_and_confirm(event: Event, n: int, **fields: Any) -> Any:
    registration = services.register(
        event=event, person=person(n, **fields), accept_waiting_list=True
    )
    return services.confirm(token=registration.link_token)
