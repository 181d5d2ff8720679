"""The pages end to end through the test client: register, confirm, cancel, edit, bad input."""

import pytest
from django.core import mail

from digital_ngo.events.models import Event, Registration

pytestmark = pytest.mark.django_db


def form(n=1, **extra):  # type: ignore[no-untyped-def]
    return {"full_name": f"Leyla Həsənova {n}", "email": f"leyla{n}@example.az",
            "country": "AZ", "organisation_name": "Gənclər Birliyi", **extra}  # fmt: skip


def test_register_confirm_cancel(client, make_event, django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/events/{event.pk}/register/", form())
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.link_token in mail.outbox[0].body
    client.post(f"/events/r/{registration.link_token}/confirm/")
    page = client.get(f"/events/r/{registration.link_token}/")
    assert b"<svg" in page.content and b"ticket-code" in page.content
    full = client.post(f"/events/{event.pk}/register/", form(2))
    assert full.status_code == 400
    assert "gözləmə siyahısına" in full.content.decode().lower()
    assert Registration.objects.count() == 1
    client.post(f"/events/{event.pk}/register/", form(2, accept_waiting_list="on"))
    second = Registration.objects.get(email="leyla2@example.az")
    client.post(f"/events/r/{second.link_token}/confirm/")
    second.refresh_from_db()
    assert second.status == "waiting"
    client.post(f"/events/r/{registration.link_token}/cancel/")
    second.refresh_from_db()
    assert second.status == "confirmed"


def test_duplicate_is_refused_with_a_message(client, make_event):
    event = make_event()
    client.post(f"/events/{event.pk}/register/", form())
    response = client.post(f"/events/{event.pk}/register/", form())
    assert response.status_code == 400
    assert Registration.objects.count() == 1


def test_english_messages(client, make_event):
    event = make_event()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post(f"/events/{event.pk}/register/", form())
    response = client.post(f"/events/{event.pk}/register/", form())
    assert "already registered" in response.content.decode()


def test_staff_creates_event_in_its_time_zone(client, users):
    client.force_login(users["programme_manager"])
    data = {
        "title_az": "Cenevrə sessiyası", "kind": "conference", "format": "in_person",
        "organiser_kind": "agency", "where": "abroad", "country": "CH", "city": "Cenevrə",
        "venue": "Millətlər Sarayı", "time_zone": "Europe/Zurich", "capacity": 50,
        "visibility": "public", "language_list": ["az", "en"],
        "starts_local": "2027-06-10T10:00", "ends_local": "2027-06-10T13:00",
    }  # fmt: skip
    response = client.post("/staff/events/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get()
    assert event.starts_at.isoformat() == "2027-06-10T08:00:00+00:00"  # 10:00 CEST
    assert event.starts_baku.hour == 12
    bad = client.post("/staff/events/new/", {**data, "time_zone": "Europe/Atlantis"})
    assert bad.status_code == 200 and "Europe/Atlantis" in bad.content.decode()
    before = client.post("/staff/events/new/", {**data, "ends_local": "2027-06-10T09:00"})
    assert before.status_code == 200
    assert Event.objects.count() == 1


def test_month_view_shows_the_event(client, make_event):
    event = make_event()
    month = event.starts_baku.strftime("%Y-%m")
    response = client.get(f"/events/?view=month&month={month}")
    assert event.title_az in response.content.decode()
    assert client.get("/events/?view=month&month=garbage").status_code == 200
    assert client.get("/events/?where=abroad&region=nowhere").status_code == 200


def test_photos_are_served_for_public_events_only(client, make_event, users):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from digital_ngo.events import services
    from tests.conftest import pdf_bytes  # noqa: F401  (same helpers module)

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "blue").save(buffer, "PNG")
    event, draft = make_event(), make_event(publish=False)
    shown = services.add_photo(
        by=users["agency_admin"], event=event,
        image=SimpleUploadedFile("a.png", buffer.getvalue(), "image/png"),
    )  # fmt: skip
    hidden = services.add_photo(
        by=users["agency_admin"], event=draft,
        image=SimpleUploadedFile("b.png", buffer.getvalue(), "image/png"),
    )  # fmt: skip
    assert client.get(f"/events/photos/{shown.pk}/").status_code == 200
    assert client.get(f"/events/photos/{hidden.pk}/").status_code == 404
    assert f"/events/photos/{shown.pk}/" in client.get(f"/events/{event.pk}/").content.decode()
