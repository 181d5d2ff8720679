"""Who may open each events page and API route: the allowed get 200, the others 302/403/404."""

import pytest
from django.urls import reverse

from digital_ngo.accounts.models import Role
from digital_ngo.events import tickets
from tests.fixtures.events import register_and_confirm

pytestmark = pytest.mark.django_db

STAFF = {"agency_admin", "programme_manager", "monitoring_officer", "finance_officer"}
MANAGERS = {"agency_admin", "programme_manager"}
NGO_PEOPLE = {"ngo_admin", "ngo_member"}
EVERYONE = {role.value for role in Role} | {"anonymous"}


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


def expected(role, allowed):
    if role in allowed:
        return 200
    return 302 if role == "anonymous" else 403


STAFF_VIEWS = [
    ("events:staff_list", False, STAFF),
    ("events:staff_detail", True, STAFF),
    ("events:check_in", True, STAFF),
    ("events:attendance", True, STAFF),
    ("events:create", False, MANAGERS),
    ("events:edit", True, MANAGERS),
]


@pytest.mark.parametrize("role", sorted(EVERYONE))
@pytest.mark.parametrize(("name", "with_pk", "allowed"), STAFF_VIEWS)
def test_staff_views(client, users, make_event, role, name, with_pk, allowed):
    args = [make_event().pk] if with_pk else []
    response = client_for(client, users[role]).get(reverse(name, args=args))
    assert response.status_code == expected(role, allowed)


@pytest.mark.parametrize("role", sorted(EVERYONE))
@pytest.mark.parametrize("action", ["publish", "cancel"])
def test_steps_only_for_managers(client, users, make_event, role, action):
    event = make_event(publish=False)
    response = client_for(client, users[role]).post(
        reverse("events:step", args=[event.pk, action]), {"reason": "Səbəb"}
    )
    assert response.status_code == (302 if role in MANAGERS | {"anonymous"} else 403)
    event.refresh_from_db()
    assert (event.status != "draft") == (role in MANAGERS)


@pytest.mark.parametrize("role", sorted(EVERYONE))
@pytest.mark.parametrize("url", ["codes", "photos"])
def test_codes_and_photos_only_for_managers(client, users, make_event, role, url):
    event = make_event(visibility="invitation")
    response = client_for(client, users[role]).post(
        f"/staff/events/{event.pk}/{url}/", {"count": 2, "uses": 1}
    )
    assert response.status_code == (302 if role in MANAGERS | {"anonymous"} else 403)
    if url == "codes":
        assert event.invitation_codes.count() == (2 if role in MANAGERS else 0)


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_check_in_post_only_for_staff(client, users, make_event, role):
    event = make_event()
    code = tickets.ticket_code(register_and_confirm(event, 1))
    response = client_for(client, users[role]).post(
        reverse("events:check_in", args=[event.pk]), {"code": code}
    )
    assert response.status_code == expected(role, STAFF)
    attended = event.registrations.filter(status="attended").exists()
    assert attended == (role in STAFF)


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_public_pages_open_to_everyone(client, users, make_event, role):
    event = make_event()
    draft = make_event(publish=False)
    registration = register_and_confirm(event, 1)
    client = client_for(client, users[role])
    for url in [
        "/events/", "/events/?view=month", "/events/statistics/", "/events/statistics.xlsx",
        "/events/calendar.ics", f"/events/{event.pk}/", f"/events/{event.pk}/event.ics",
        f"/events/r/{registration.link_token}/", f"/events/r/{registration.link_token}/ticket.pdf",
        "/api/events/", f"/api/events/{event.pk}/",
    ]:  # fmt: skip
        assert client.get(url).status_code == 200, url
    assert client.get(f"/events/{draft.pk}/").status_code == 404
    assert client.get(f"/api/events/{draft.pk}/").status_code == 404
    assert client.get("/events/r/not-a-token/").status_code == 404


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_api_registration_only_for_verified_ngo_people(client, users, make_event, role):
    event = make_event()
    client = client_for(client, users[role])
    response = client.post(
        f"/api/events/{event.pk}/register/",
        {"full_name": "Aygün Məmmədova", "email": "aygun@example.az", "country": "AZ"},
        content_type="application/json",
    )
    if role in NGO_PEOPLE:
        assert response.status_code == 201, response.content
        assert response.json()["status"] == "confirmed"
    else:
        assert response.status_code in (401, 403)
        assert response.json()["error"]["status"] in (401, 403)
    assert event.registrations.exists() == (role in NGO_PEOPLE)


def test_api_token_registration_full_and_duplicate(client, users, make_event):
    from rest_framework.authtoken.models import Token

    event = make_event(capacity=1)
    token = Token.objects.create(user=users["ngo_admin"])
    headers = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    body = {"full_name": "Aygün Məmmədova", "email": "aygun@example.az", "country": "AZ"}
    url = f"/api/events/{event.pk}/register/"
    assert client.post(url, body, content_type="application/json", **headers).status_code == 201
    duplicate = client.post(url, body, content_type="application/json", **headers)
    assert duplicate.status_code == 400 and "email" in duplicate.json()["error"]["details"]
    other = {**body, "email": "elvin@example.az"}
    full = client.post(url, other, content_type="application/json", **headers)
    assert full.status_code == 400
    waiting = client.post(
        url, {**other, "accept_waiting_list": True}, content_type="application/json", **headers
    )
    assert waiting.status_code == 201 and waiting.json()["status"] == "waiting"


def test_api_refuses_unknown_filters(client, make_event):
    make_event(where="abroad", country="TR", city="İstanbul", region=None)
    assert client.get("/api/events/?where=mars").status_code == 400
    assert client.get("/api/events/?colour=red").status_code == 400
    assert client.get("/api/events/?where=abroad").json()["count"] == 1
