"""Check-in: valid, already checked in (when, by whom), wrong event, forged, not confirmed."""

import pytest
from django.core.exceptions import PermissionDenied

from digital_ngo.events import services, tickets
from digital_ngo.events.models import Registration
from tests.fixtures.events import register_and_confirm

pytestmark = pytest.mark.django_db


def test_valid_then_reused(make_event, users):
    event = make_event()
    registration = register_and_confirm(event, 1)
    code = tickets.ticket_code(registration)
    staff = users["monitoring_officer"]
    first = services.check_in(by=staff, event=event, code=code.lower())
    assert first.outcome == "valid"
    registration.refresh_from_db()
    assert registration.status == Registration.Status.ATTENDED
    assert registration.checked_in_by == staff
    again = services.check_in(by=users["finance_officer"], event=event, code=code)
    assert again.outcome == "already"
    assert staff.full_name in again.message
    registration.refresh_from_db()
    assert registration.checked_in_by == staff  # the second scan changed nothing


def test_wrong_event(make_event, users):
    here, there = make_event(), make_event(title_az="Başqa tədbir")
    registration = register_and_confirm(there, 1)
    result = services.check_in(
        by=users["agency_admin"], event=here, code=tickets.ticket_code(registration)
    )
    assert result.outcome == "wrong_event"
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


@pytest.mark.parametrize(
    "tamper",
    [
        lambda code: code[:-1] + ("A" if code[-1] != "A" else "B"),  # one letter changed
        lambda code: "-".join([*code.split("-")[:2], "AAAAAAAAAAAAAAAA"]),
        lambda code: code.split("-")[0] + "-999999-" + code.split("-")[2],  # another id
        lambda code: "garbage",
        lambda code: "",
    ],
)
def test_forged_codes(make_event, users, tamper):
    event = make_event()
    registration = register_and_confirm(event, 1)
    result = services.check_in(
        by=users["agency_admin"], event=event, code=tamper(tickets.ticket_code(registration))
    )
    assert result.outcome == "forged"
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_code_of_another_registration_does_not_open_this_one(make_event, users):
    event = make_event()
    one, two = register_and_confirm(event, 1), register_and_confirm(event, 2)
    mac_of_one = tickets.ticket_code(one).split("-")[2]
    forged = f"{event.pk}-{two.pk}-{mac_of_one}"
    assert services.check_in(by=users["agency_admin"], event=event, code=forged).outcome == "forged"


def test_waiting_or_cancelled_ticket_has_no_seat(make_event, users):
    event = make_event(capacity=1)
    register_and_confirm(event, 1)
    waiting = register_and_confirm(event, 2)
    result = services.check_in(
        by=users["agency_admin"], event=event, code=tickets.ticket_code(waiting)
    )
    assert result.outcome == "not_confirmed"


def test_only_staff_check_in(make_event, users):
    event = make_event()
    registration = register_and_confirm(event, 1)
    with pytest.raises(PermissionDenied):
        services.check_in(
            by=users["ngo_admin"], event=event, code=tickets.ticket_code(registration)
        )


def test_ticket_pdf_and_qr(make_event):
    registration = register_and_confirm(make_event(), 1)
    assert tickets.ticket_pdf(registration).startswith(b"%PDF")
    assert tickets.qr_png(tickets.ticket_code(registration)).startswith(b"\x89PNG")
