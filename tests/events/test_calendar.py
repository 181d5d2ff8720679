"""iCalendar feeds parsed back with ``icalendar``; the growth-factor arithmetic; statistics."""

import datetime as dt
import zoneinfo

import pytest
from icalendar import Calendar

from digital_ngo.events import selectors
from digital_ngo.events.selectors import YearRow, growth, growth_factor


def _parse(response):  # type: ignore[no-untyped-def]
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


@pytest.mark.django_db
def test_feed_has_required_properties_and_time_zones(client, make_event):
    paris = dt.datetime(2027, 3, 4, 10, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
    abroad = make_event(where="abroad", country="FR", city="Strasburq", region=None,
                        time_zone="Europe/Paris", starts_at=paris,
                        ends_at=paris + dt.timedelta(hours=3))  # fmt: skip
    home = make_event()
    make_event(publish=False, title_az="Qaralama")
    cal = _parse(client.get("/events/calendar.ics"))
    assert str(cal["VERSION"]) == "2.0" and cal.get("PRODID")
    events = cal.walk("VEVENT")
    assert len(events) == 2  # the draft is not in the feed
    for item in events:
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert item.get(prop) is not None, prop
    by_uid = {str(e["UID"]): e for e in events}
    paris_event = by_uid[f"event-{abroad.pk}@digital-ngo.qht.gov.az"]
    assert paris_event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert paris_event.decoded("DTSTART") == paris
    home_event = by_uid[f"event-{home.pk}@digital-ngo.qht.gov.az"]
    assert home_event["DTSTART"].params["TZID"] == "Asia/Baku"
    zones = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    assert zones == {"Europe/Paris", "Asia/Baku"}
    assert b"TZID=Europe/Paris" in client.get("/events/calendar.ics").content


@pytest.mark.django_db
def test_single_event_file(client, make_event):
    event = make_event()
    cal = _parse(client.get(f"/events/{event.pk}/event.ics"))
    (item,) = cal.walk("VEVENT")
    assert str(item["SUMMARY"]) == event.title_az
    assert len(cal.walk("VTIMEZONE")) == 1


def test_growth_factor_arithmetic():
    assert growth_factor(2, 8) == 4.0
    assert growth_factor(8, 32) == 4.0
    assert growth_factor(3, 10) == 3.3
    assert growth_factor(4, 2) == 0.5
    assert growth_factor(0, 5) is None
    rows = [YearRow(2024, home=10, abroad=2), YearRow(2025, home=12, abroad=8)]
    abroad = next(g for g in growth(rows) if g.metric == "abroad")
    assert (abroad.start, abroad.end, abroad.factor) == (2024, 2025, 4.0)
    events = next(g for g in growth(rows) if g.metric == "events")
    assert events.factor == 1.7  # 20 / 12


@pytest.mark.django_db
def test_yearly_statistics_count_home_abroad_participants_countries(make_event):
    from tests.fixtures.events import register_and_confirm

    home = make_event()
    abroad = make_event(where="abroad", country="TR", city="İstanbul", region=None)
    register_and_confirm(home, 1, country="AZ")
    register_and_confirm(abroad, 2, country="TR")
    register_and_confirm(abroad, 3, country="DE", organisation_name="Müstəqil ekspert")
    (row,) = selectors.yearly_statistics()
    assert (row.home, row.abroad, row.participants) == (1, 1, 3)
    assert row.participant_countries == 3
    assert row.venue_countries == 2
    assert row.organisations == 2  # the agency and "Müstəqil ekspert"


@pytest.mark.django_db
def test_statistics_page_and_xlsx(client, make_event):
    make_event()
    page = client.get("/events/statistics/")
    assert page.status_code == 200 and b"<svg" in page.content
    xlsx = client.get("/events/statistics.xlsx")
    assert xlsx.content.startswith(b"PK")
