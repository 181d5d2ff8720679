"""iCalendar (RFC 5545) feeds built with the ``icalendar`` library.

Each VEVENT carries its start and end in the event's own zone (``DTSTART;TZID=…``) and
the calendar a VTIMEZONE for every zone used, so Google, Apple and Outlook show the
right local time anywhere.
"""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar
from icalendar import Event as VEvent

from digital_ngo.events.models import Event

PRODID = "-//QHT Agentliyi//Digital NGO events//AZ"


def _vevent(event: Event, site: str) -> VEvent:
    item = VEvent()
    item.add("uid", f"event-{event.pk}@digital-ngo.qht.gov.az")
    item.add("dtstamp", dt.datetime.now(dt.UTC))
    item.add("dtstart", event.starts_local)
    item.add("dtend", event.ends_local)
    item.add("summary", event.title)
    url = site + reverse("events:detail", args=[event.pk])
    item.add("description", f"{event.description}\n\n{url}".strip())
    item.add("location", event.place_display or event.online_url)
    item.add("url", url)
    item.add(
        "organizer",
        f"MAILTO:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}",
        parameters={"CN": event.organiser_display},
    )
    item.add("status", "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED")
    item.add("last-modified", event.created_at.astimezone(dt.UTC))
    return item


def calendar_bytes(events: Iterable[Event], *, name: str, language: str = "az") -> bytes:
    """A VCALENDAR with ``events`` and the VTIMEZONEs they need."""
    site = str(settings.SITE_URL).rstrip("/")
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    with translation.override(language):
        for event in events:
            cal.add_component(_vevent(event, site))
    cal.add_missing_timezones()
    return cal.to_ical()  # type: ignore[no-any-return]


def google_calendar_link(event: Event) -> str:
    """An "add to Google Calendar" link (times in UTC)."""
    from urllib.parse import urlencode

    fmt = "%Y%m%dT%H%M%SZ"
    dates = f"{event.starts_at.astimezone(dt.UTC):{fmt}}/{event.ends_at.astimezone(dt.UTC):{fmt}}"
    query = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": dates,
        "details": event.description[:500],
        "location": event.place_display,
        "ctz": event.time_zone,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query)
