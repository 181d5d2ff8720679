"""Reads of the events app: the public calendar with its filters, staff lists and statistics."""

import calendar
import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from digital_ngo.events.models import BAKU, Event, Registration, Where

SEATED = [Registration.Status.CONFIRMED, Registration.Status.ATTENDED]


@dataclass
class EventFilters:
    where: str = ""
    region: str = ""  # economic region code
    country: str = ""  # ISO code
    organiser: str = ""  # "agency", "ngo:<pk>" or "other"
    kind: str = ""
    when: str = ""  # "upcoming" or "past"


def public_events(filters: EventFilters | None = None) -> QuerySet[Event]:
    """Events the public sees (not drafts), filtered."""
    events = Event.objects.public().select_related("region", "district", "organiser_ngo")
    f = filters or EventFilters()
    if f.where in (Where.HOME, Where.ABROAD):
        events = events.filter(where=f.where)
    if f.region:
        events = events.filter(region__code=f.region)
    if f.country:
        events = events.filter(country=f.country.upper())
    if f.organiser.startswith("ngo:") and f.organiser[4:].isdigit():
        events = events.filter(organiser_kind="ngo", organiser_ngo_id=int(f.organiser[4:]))
    elif f.organiser in ("agency", "ngo", "other"):
        events = events.filter(organiser_kind=f.organiser)
    if f.kind:
        events = events.filter(kind=f.kind)
    now = dt.datetime.now(dt.UTC)
    if f.when == "upcoming":
        events = events.filter(ends_at__gte=now)
    elif f.when == "past":
        events = events.filter(ends_at__lt=now).order_by("-starts_at")
    return events


@dataclass
class Day:
    date: dt.date
    in_month: bool
    events: list[Event] = field(default_factory=list)


def month_grid(events: QuerySet[Event], year: int, month: int) -> list[list[Day]]:
    """Weeks (Monday first) of ``month`` with the events starting each day (Baku time)."""
    first = dt.datetime(year, month, 1, tzinfo=BAKU)
    last = (first + dt.timedelta(days=32)).replace(day=1)
    by_day: dict[dt.date, list[Event]] = defaultdict(list)
    for event in events.filter(
        starts_at__gte=first - dt.timedelta(days=7), starts_at__lt=last + dt.timedelta(days=7)
    ):
        by_day[event.starts_at.astimezone(BAKU).date()].append(event)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [[Day(day, day.month == month, by_day.get(day, [])) for day in week] for week in weeks]


def staff_events() -> QuerySet[Event]:
    return (
        Event.objects.select_related("region", "organiser_ngo")
        .annotate(
            waiting=Count("registrations", filter=Q(registrations__status="waiting")),
            attended=Count("registrations", filter=Q(registrations__status="attended")),
        )
        .order_by("-starts_at")
    )


def attendance(event: Event) -> QuerySet[Registration]:
    return event.registrations.select_related("organisation_ngo", "checked_in_by").order_by(
        "status", "full_name"
    )


def waiting_list(event: Event) -> QuerySet[Registration]:
    return event.registrations.filter(status=Registration.Status.WAITING).order_by(
        "waiting_since", "pk"
    )


# --- statistics ----------------------------------------------------------------------------


@dataclass
class YearRow:
    year: int
    home: int = 0
    abroad: int = 0
    participants: int = 0
    participant_countries: int = 0
    venue_countries: int = 0
    organisations: int = 0

    @property
    def events(self) -> int:
        return self.home + self.abroad


METRICS = ("events", "home", "abroad", "participants", "participant_countries",
           "venue_countries", "organisations")  # fmt: skip


def growth_factor(previous: int, current: int) -> float | None:
    """``current / previous`` rounded to one decimal (×4.0); None if nothing before."""
    if previous <= 0:
        return None
    return round(current / previous, 1)


def yearly_statistics() -> list[YearRow]:
    """Per calendar year (of the start, Baku time) of events held or coming (not cancelled)."""
    events = Event.objects.public().exclude(status=Event.Status.CANCELLED)
    rows: dict[int, YearRow] = {}
    venue_countries: dict[int, set[str]] = defaultdict(set)
    organisations: dict[int, set[str]] = defaultdict(set)
    countries: dict[int, set[str]] = defaultdict(set)
    year_of: dict[int, int] = {}
    for event in events.only("pk", "starts_at", "where", "country", "organiser_kind",
                             "organiser_ngo_id", "organiser_name"):  # fmt: skip
        year = event.starts_at.astimezone(BAKU).year
        year_of[event.pk] = year
        row = rows.setdefault(year, YearRow(year))
        if event.where == Where.ABROAD:
            row.abroad += 1
        else:
            row.home += 1
        venue_countries[year].add(str(event.country or "AZ"))
        organisations[year].add(_organiser_key(event))
    for event_id, ngo_id, name, country in Registration.objects.filter(
        status__in=SEATED, event_id__in=year_of
    ).values_list("event_id", "organisation_ngo_id", "organisation_name", "country"):
        year = year_of[event_id]
        rows[year].participants += 1
        countries[year].add(str(country))
        if ngo_id or name.strip():
            organisations[year].add(f"ngo:{ngo_id}" if ngo_id else f"name:{name.strip().lower()}")
    for year, row in rows.items():
        row.participant_countries = len(countries[year])
        row.venue_countries = len(venue_countries[year])
        row.organisations = len(organisations[year])
    return [rows[year] for year in sorted(rows)]


def _organiser_key(event: Event) -> str:
    if event.organiser_kind == "ngo" and event.organiser_ngo_id:
        return f"ngo:{event.organiser_ngo_id}"
    if event.organiser_kind == "other":
        return f"name:{event.organiser_name.strip().lower()}"
    return "agency"


@dataclass
class Growth:
    metric: str
    start: int
    end: int
    factor: float | None


def growth(rows: list[YearRow]) -> list[Growth]:
    """Year-over-year growth factor of each metric between consecutive years."""
    result = []
    for before, after in itertools.pairwise(rows):
        for metric in METRICS:
            result.append(
                Growth(
                    metric,
                    before.year,
                    after.year,
                    growth_factor(getattr(before, metric), getattr(after, metric)),
                )
            )
    return result


def chart_series(rows: list[YearRow], metric: str) -> list[Any]:
    from digital_ngo.portal.selectors import Bar

    top = max((getattr(row, metric) for row in rows), default=0)
    return [
        Bar(str(row.year), getattr(row, metric), (getattr(row, metric) / top) if top else 0.0)
        for row in rows
    ]
