"""Reads of sector health: the one signal selector, the activity score and its explanation.

* :func:`signals` runs every registered source (``health.signals.SOURCES``) once over the
  NGOs asked for; it is the only place signals are computed.
* The **activity score** is the sum, over an NGO's signals, of the source's weight halved
  every ``half_life_days`` of the signal's age: ``Σ weight × 0.5 ^ (age / half-life)``.
* An NGO shows **no visible activity** when its latest signal is older than N months
  (default 24) or it has none.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from digital_ngo.health.models import ActivityCase, ActivityStatus
from digital_ngo.health.signals import SOURCES, Signal
from digital_ngo.registry.models import NGO
from digital_ngo.registry.selectors import DirectoryFilters, apply_filters

DEFAULT_MONTHS = 24


def signals(ngo_ids: set[int] | None = None) -> dict[int, list[Signal]]:
    """Every signal of the NGOs ``ngo_ids`` (all NGOs when None), newest first per NGO."""
    found: dict[int, list[Signal]] = defaultdict(list)
    for source in SOURCES.values():
        for signal in source.collect(ngo_ids):
            found[signal.ngo_id].append(signal)
    for rows in found.values():
        rows.sort(key=lambda s: s.on, reverse=True)
    return found


def score(rows: list[Signal], today: date) -> float:
    """The time-decayed weighted sum of ``rows`` (see the module's docstring)."""
    total = 0.0
    for signal in rows:
        source = SOURCES.get(signal.kind)
        if source is None:
            continue
        age = max(0, (today - signal.on).days)
        total += source.weight * 0.5 ** (age / source.half_life_days)
    return round(total, 2)


def months_ago(today: date, months: int) -> date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    day = min(today.day, 28)
    return date(year, month + 1, day)


def _date(day: date) -> str:
    return formats.date_format(day, "j E Y") if day else ""


def explain(rows: list[Signal], today: date) -> list[str]:
    """The score in words: what was seen last, then each kind of signal with its count."""
    if not rows:
        return [_("No visible activity recorded on the platform.")]
    last = rows[0]
    words = [
        _("Last seen: %(what)s, %(day)s.")
        % {
            "what": SOURCES[last.kind].noun if last.kind in SOURCES else last.kind,
            "day": _date(last.on),
        }
    ]
    by_kind: dict[str, list[Signal]] = defaultdict(list)
    for signal in rows:
        by_kind[signal.kind].append(signal)
    for kind, source in SOURCES.items():
        found = by_kind.get(kind, [])
        if not found:
            words.append(_("%(what)s: none.") % {"what": str(source.label).capitalize()})
            continue
        years: dict[int, int] = defaultdict(int)
        for signal in found:
            years[signal.on.year] += 1
        per_year = ", ".join(f"{year}: {n}" for year, n in sorted(years.items(), reverse=True)[:3])
        words.append(
            _("%(what)s: %(n)s, the last on %(day)s (by year: %(years)s).")
            % {
                "what": str(source.label).capitalize(),
                "n": len(found),
                "day": _date(found[0].on),
                "years": per_year,
            }
        )
    return words


@dataclass
class Row:
    ngo: NGO
    last: Signal | None
    score: float
    reasons: list[str]
    status: str = ActivityStatus.ACTIVE
    case: ActivityCase | None = None
    fields: list[str] = field(default_factory=list)


def _rows(ngos: QuerySet[NGO], today: date) -> list[Row]:
    ngos = ngos.select_related("region", "activity_case").prefetch_related("fields")
    items = list(ngos)
    found = signals({n.pk for n in items}) if len(items) < 2000 else signals()
    rows = []
    for ngo in items:
        mine = found.get(ngo.pk, [])
        case = getattr(ngo, "activity_case", None)
        rows.append(
            Row(
                ngo,
                mine[0] if mine else None,
                score(mine, today),
                explain(mine, today),
                case.status if case else ActivityStatus.ACTIVE,
                case,
                [f.name for f in ngo.fields.all()],
            )
        )
    return rows


def for_ngo(ngo: NGO, today: date | None = None) -> Row:
    """One NGO's score, latest signal and explanation."""
    day = today or timezone.localdate()
    mine = signals({ngo.pk}).get(ngo.pk, [])
    case = ActivityCase.objects.filter(ngo=ngo).first()
    return Row(
        ngo,
        mine[0] if mine else None,
        score(mine, day),
        explain(mine, day),
        case.status if case else ActivityStatus.ACTIVE,
        case,
    )


SORTS = {
    "name": lambda r: r.ngo.sort_key,
    "region": lambda r: (r.ngo.region.code if r.ngo.region else "~", r.ngo.sort_key),
    "legal_form": lambda r: (r.ngo.legal_form, r.ngo.sort_key),
    "last": lambda r: (r.last.on if r.last else date.min, r.ngo.sort_key),
    "score": lambda r: (r.score, r.ngo.sort_key),
}


def no_visible_activity(
    filters: DirectoryFilters | None = None,
    months: int = DEFAULT_MONTHS,
    today: date | None = None,
    sort: str = "name",
) -> list[Row]:
    """Verified NGOs with no signal in the last ``months`` months, with their reasons."""
    day = today or timezone.localdate()
    since = months_ago(day, months)
    ngos = apply_filters(NGO.objects.verified(), filters or DirectoryFilters())
    rows = [r for r in _rows(ngos, day) if r.last is None or r.last.on < since]
    key = SORTS.get(sort.lstrip("-"), SORTS["name"])
    return sorted(rows, key=key, reverse=sort.startswith("-"))


def counts(rows: list[Row], attribute: str) -> list[tuple[str, int]]:
    """How many of ``rows`` fall in each region (``region``) or field of activity (``field``)."""
    tally: dict[str, int] = defaultdict(int)
    for row in rows:
        if attribute == "region":
            tally[row.ngo.region.name if row.ngo.region else _("Abroad or unknown")] += 1
        else:
            for name in row.fields or [_("No field given")]:
                tally[name] += 1
    return sorted(tally.items(), key=lambda item: (-item[1], item[0]))


def inactive_ngo_ids() -> Any:
    """NGOs marked inactive (no visible activity): for the directory's filter."""
    return ActivityCase.objects.filter(status=ActivityStatus.INACTIVE).values("ngo_id")
