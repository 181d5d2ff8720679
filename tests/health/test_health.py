"""Sector health: signals, the score and its explanation for crafted NGOs, and the workflow."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from digital_ngo.core.models import ActionLog, Notification
from digital_ngo.health import selectors, services
from digital_ngo.health.signals import SOURCES, Signal, Source, register
from digital_ngo.registry.models import NGO

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


def backdate(ngo, day):
    when = timezone.make_aware(datetime.combine(day, time(10)))
    NGO.history.filter(id=ngo.pk).update(history_date=when)


def test_score_is_time_decayed_weighted_signals():
    profile = SOURCES["profile"]
    fresh = [Signal(1, "profile", TODAY)]
    one_half_life = [Signal(1, "profile", TODAY - timedelta(days=profile.half_life_days))]
    assert selectors.score(fresh, TODAY) == profile.weight
    assert selectors.score(one_half_life, TODAY) == round(profile.weight / 2, 2)
    assert selectors.score([], TODAY) == 0


def test_explanation_for_a_crafted_dormant_ngo(make_ngo):
    ngo = make_ngo(name_az="Yuxulu QHT")
    backdate(ngo, date(2022, 3, 14))
    with translation.override("en"):
        row = selectors.for_ngo(ngo, TODAY)
    assert row.reasons[0] == "Last seen: a profile update, 14 March 2022."
    assert "Grant applications: none." in row.reasons
    assert any(r.startswith("Profile updates: 1, the last on 14 March 2022") for r in row.reasons)
    assert [r.ngo for r in selectors.no_visible_activity(today=TODAY)] == [ngo]


def test_explanation_in_azerbaijani_and_a_recent_ngo_is_not_listed(make_ngo):
    quiet = make_ngo()
    backdate(quiet, date(2023, 1, 5))
    busy = make_ngo()
    backdate(busy, date(2026, 3, 14))
    with translation.override("az"):
        row = selectors.for_ngo(busy, TODAY)
    assert row.reasons[0] == "Son iz: profil yeniləməsi, 14 mart 2026."
    assert [r.ngo for r in selectors.no_visible_activity(today=TODAY)] == [quiet]
    assert [r.ngo for r in selectors.no_visible_activity(months=48, today=TODAY)] == []


def test_another_app_can_add_a_source(make_ngo):
    ngo = make_ngo()
    backdate(ngo, date(2020, 1, 1))
    try:
        register(
            Source(
                "event", "events", 2, 365, lambda ids: [Signal(ngo.pk, "event", TODAY)], "an event"
            )
        )
        assert selectors.for_ngo(ngo, TODAY).last.kind == "event"
        assert selectors.no_visible_activity(today=TODAY) == []
    finally:
        SOURCES.pop("event")


def test_workflow_notify_inactive_restore_never_deletes(make_ngo, users):
    admin = users["agency_admin"]
    ngo = make_ngo()
    backdate(ngo, date(2022, 1, 1))
    person = users["ngo_admin"]
    person.ngo = ngo
    person.save()
    case = services.notify(staff=admin, ngo=ngo, today=date.today() - timedelta(days=40))
    assert case.status == "notified"
    assert Notification.objects.filter(user=person).count() == 1
    case = services.mark_inactive(staff=admin, ngo=ngo)
    assert case.status == "inactive"
    assert services.restore_on_signals() == 0  # no new signal yet
    ngo.phone = "+994 50 000 00 00"
    ngo.save()  # a profile update today
    assert services.restore_on_signals() == 1
    assert services.restore_on_signals() == 0  # idempotent
    case.refresh_from_db()
    assert case.status == "active" and NGO.objects.filter(pk=ngo.pk).exists()
    actions = list(
        ActionLog.objects.filter(workflow="ngo_activity")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["open", "notify", "mark_inactive", "restore_on_signal"]


def test_inactive_only_after_the_reply_window(make_ngo, users):
    admin = users["agency_admin"]
    ngo = make_ngo()
    services.notify(staff=admin, ngo=ngo)
    with pytest.raises(ValidationError):
        services.mark_inactive(staff=admin, ngo=ngo)
    case = services.restore(staff=admin, ngo=ngo, reason="Cavab verdi")
    assert case.status == "active"


def test_directory_filters_inactive(client, make_ngo, users):
    admin = users["agency_admin"]
    ngo = make_ngo(name_az="Sakit Birlik")
    other = make_ngo(name_az="Fəal Birlik")
    services.notify(staff=admin, ngo=ngo, today=date.today() - timedelta(days=60))
    services.mark_inactive(staff=admin, ngo=ngo)
    html = client.get("/ngos/?activity=inactive").content.decode()
    assert "Sakit Birlik" in html and "Fəal Birlik" not in html
    html = client.get("/ngos/?activity=active").content.decode()
    assert "Sakit Birlik" not in html and other.name_az in html
