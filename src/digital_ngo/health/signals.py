"""The registry of activity-signal sources. Other apps add theirs with :func:`register`.

A source reads data the platform already has (nothing is typed in twice) and yields
:class:`Signal` rows: which NGO, what kind, on which day, with a label and a link. Its
``weight`` and ``half_life_days`` are the data of the activity score (see ``selectors``)
and are shown to staff on the activity page. Example, in another app's ``apps.ready``::

    from digital_ngo.health.signals import Source, register
    register(Source("event", gettext_lazy("event held"), weight=2, half_life_days=365,
                    collect=my_events_signals))
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Signal:
    """One dated trace of an NGO's activity, linked to where it came from."""

    ngo_id: int
    kind: str
    on: date
    label: str = ""
    url: str = ""


#: ``collect(ngo_ids)`` yields the signals of those NGOs (every NGO when ``None``).
Collect = Callable[[set[int] | None], Iterable[Signal]]


@dataclass(frozen=True)
class Source:
    kind: str
    label: Any
    weight: float
    half_life_days: int
    collect: Collect
    #: Words for "the last one was …", e.g. "a report on time"
    noun: Any = ""


SOURCES: dict[str, Source] = {}


def register(source: Source) -> Source:
    """Add (or replace) the source of ``source.kind``."""
    SOURCES[source.kind] = source
    return source
