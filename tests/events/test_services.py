"""Registrations: seats, waiting list in order, duplicates, windows, invitations; event rules."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from digital_ngo.core.models import ActionLog
from digital_ngo.events import services
from digital_ngo.events.models import Event, Registration
from tests.fixtures.events import person, register_and_confirm

pytestmark = pytest.mark.django_db

R = Registration.Status


def test_confirm_takes_seats_then_waiting_list(make_event, django_capture_on_commit_callbacks):
    event = make_event(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.register(event=event, person=person(1))
    assert first.status == R.PENDING
    assert "təsdiqləyin" in mail.outbox[0].subject  # Azerbaijani: the language registered in
    assert services.confirm(token=first.link_token).status == R.CONFIRMED
    assert register_and_confirm(event, 2).status == R.CONFIRMED
    third = register_and_confirm(event, 3)
    assert third.status == R.WAITING
    event.refresh_from_db()
    assert event.confirmed_count == 2


def test_full_event_offers_waiting_list_and_writes_nothing(make_event):
    event = make_event(capacity=1)
    register_and_confirm(event, 1)
    with pytest.raises(services.EventFull):
        services.register(event=event, person=person(2))
    assert not Registration.objects.filter(email="person2@example.org").exists()
    joined = services.register(event=event, person=person(2), accept_waiting_list=True)
    assert joined.status == R.PENDING


def test_cancel_promotes_the_first_in_order_with_an_email(
    make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    seated = register_and_confirm(event, 1)
    second = register_and_confirm(event, 2)
    third = register_and_confirm(event, 3)
    assert (second.status, third.status) == (R.WAITING, R.WAITING)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(token=seated.link_token)
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == (R.CONFIRMED, R.WAITING)
    promoted = [m for m in mail.outbox if m.to == [second.email]]
    assert promoted and promoted[0].attachments[0][2] == "image/png"
    event.refresh_from_db()
    assert event.confirmed_count == 1
    actions = list(
        ActionLog.objects.filter(workflow="event_registration").values_list("action", flat=True)
    )
    assert "promote" in actions


def test_cancelling_twice_changes_nothing(make_event):
    event = make_event()
    seated = register_and_confirm(event, 1)
    services.cancel(token=seated.link_token)
    with pytest.raises(ValidationError):
        services.cancel(token=seated.link_token)
    event.refresh_from_db()
    assert event.confirmed_count == 0


def test_duplicate_email_refused_by_service_and_database(make_event):
    event = make_event()
    services.register(event=event, person=person(1))
    with pytest.raises(ValidationError) as error:
        services.register(event=event, person=person(1, email="PERSON1@example.org"))
    assert "email" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            event=event, full_name="X", email="person1@example.org", country="AZ"
        )
    assert Registration.objects.filter(event=event).count() == 1


def test_registering_again_after_cancelling_is_allowed(make_event):
    event = make_event()
    first = services.register(event=event, person=person(1))
    services.cancel(token=first.link_token)
    again = services.register(event=event, person=person(1))
    assert again.pk != first.pk


def test_window_closed_or_not_open(make_event):
    now = timezone.now()
    closed = make_event(registration_closes_at=now - dt.timedelta(hours=1),
                        registration_opens_at=now - dt.timedelta(days=2))  # fmt: skip
    with pytest.raises(ValidationError, match=r"closed|bağlanıb"):
        services.register(event=closed, person=person(1))
    later = make_event(registration_opens_at=now + dt.timedelta(days=1))
    with pytest.raises(ValidationError):
        services.register(event=later, person=person(1))
    draft = make_event(publish=False)
    with pytest.raises(ValidationError):
        services.register(event=draft, person=person(1))
    assert not Registration.objects.exists()


def test_invitation_only_needs_a_code_used_within_its_limit(make_event, users):
    event = make_event(visibility="invitation")
    (code,) = services.add_invitation_codes(by=users["agency_admin"], event=event, count=1)
    with pytest.raises(ValidationError):
        services.register(event=event, person=person(1))
    with pytest.raises(ValidationError):
        services.register(event=event, person=person(1), invitation_code="WRONG123")
    services.register(event=event, person=person(1), invitation_code=code.code.lower())
    with pytest.raises(ValidationError, match=r"used up|istifadə"):
        services.register(event=event, person=person(2), invitation_code=code.code)
    assert Registration.objects.count() == 1


def test_ngo_account_registration_takes_a_seat_at_once(make_event, users):
    event = make_event()
    user = users["ngo_admin"]
    registration = services.register(
        event=event, person=person(1, organisation_ngo=user.ngo), user=user
    )
    assert registration.status == R.CONFIRMED
    with pytest.raises(PermissionDenied, match=r"verified NGO|təsdiqlənmiş"):
        services.register(event=event, person=person(2), user=users["evaluator"])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ends_at": "before"}, "ends_at"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"where": "abroad", "country": "", "city": ""}, "country"),
    ],
)
def test_bad_events_are_refused_whole(make_event, users, change, field):
    if change.get("ends_at") == "before":
        change = {"ends_at": timezone.now(), "starts_at": timezone.now() + dt.timedelta(days=1)}
    with pytest.raises(ValidationError) as error:
        make_event(**change)
    assert field in error.value.message_dict
    assert not Event.objects.exists()


def test_capacity_cannot_fall_below_seats_taken(make_event, users):
    event = make_event(capacity=3)
    for n in range(2):
        register_and_confirm(event, n)
    with pytest.raises(ValidationError) as error:
        services.update_event(by=users["agency_admin"], event=event, data={"capacity": 1})
    assert "capacity" in error.value.message_dict
    event.refresh_from_db()
    assert event.capacity == 3


def test_raising_capacity_seats_the_waiting_list(make_event, users):
    event = make_event(capacity=1)
    register_and_confirm(event, 1)
    waiting = register_and_confirm(event, 2)
    services.update_event(by=users["agency_admin"], event=event, data={"capacity": 2})
    waiting.refresh_from_db()
    assert waiting.status == R.CONFIRMED


def test_database_refuses_overfill(make_event):
    event = make_event(capacity=1)
    register_and_confirm(event, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(confirmed_count=2)
    event.refresh_from_db()
    assert event.confirmed_count == 1


def test_event_workflow_steps(make_event, users):
    event = make_event(publish=False)
    with pytest.raises(PermissionDenied):
        services.publish_event(by=users["ngo_admin"], event=event)
    event = services.publish_event(by=users["programme_manager"], event=event)
    with pytest.raises(ValidationError):  # not ended yet
        services.mark_held(by=users["agency_admin"], event=event)
    with pytest.raises(ValidationError):
        services.cancel_event(by=users["agency_admin"], event=event, reason="")
    event = services.cancel_event(by=users["agency_admin"], event=event, reason="Hava şəraiti")
    assert event.status == Event.Status.CANCELLED
