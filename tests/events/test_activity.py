"""Events feed the sector-health activity signals (once the health app exists)."""

import datetime as dt

import pytest
from django.utils import timezone

from digital_ngo.events import activity
from digital_ngo.events.models import Event
from tests.fixtures.events import register_and_confirm

signals = pytest.importorskip("digital_ngo.health.signals")

pytestmark = pytest.mark.django_db


def test_sources_registered_and_collect(make_event, make_ngo, users):
    assert {"event_organised", "event_attended"} <= set(signals.SOURCES)
    organiser, guest = make_ngo(), make_ngo()
    event = make_event(organiser_kind="ngo", organiser_ngo=organiser)
    register_and_confirm(event, 1, organisation_ngo=guest)
    Event.objects.filter(pk=event.pk).update(
        status="held", starts_at=timezone.now() - dt.timedelta(days=2),
        ends_at=timezone.now() - dt.timedelta(days=1),
    )  # fmt: skip
    assert [s.ngo_id for s in activity.organised(None)] == [organiser.pk]
    assert [s.ngo_id for s in activity.attended({guest.pk})] == [guest.pk]
    assert list(activity.attended({organiser.pk})) == []
