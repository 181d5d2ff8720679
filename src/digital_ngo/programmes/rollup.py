"""The one roll-up of task completion, now or as of any date.

A task's completion is 100 when done, its percentage when partly done and 0 otherwise;
a cancelled task leaves the denominator. The roll-up of a set of tasks (a programme, or
every programme) is the mean of their completions weighted by ``weight``:

    roll-up = Σ weight × completion / Σ weight      (over tasks not cancelled)

It is computed exactly (``Fraction``), so it does not depend on the order of the tasks;
with no task left it is ``None`` (shown as "—").
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils import timezone

DONE, PARTLY, CANCELLED = "done", "partly_done", "cancelled"


@dataclass(frozen=True)
class Item:
    """What the roll-up needs of a task."""

    status: str
    percent: int | None
    weight: Decimal | Fraction | int


def completion(status: str, percent: int | None) -> int:
    """A task's completion in percent: done 100, partly done its percentage, otherwise 0."""
    if status == DONE:
        return 100
    if status == PARTLY:
        return percent or 0
    return 0


def rollup(items: Iterable[Item]) -> Fraction | None:
    """The weighted mean completion (0–100) of ``items``, cancelled ones left out."""
    total = Fraction(0)
    weights = Fraction(0)
    for item in items:
        if item.status == CANCELLED:
            continue
        weight = Fraction(item.weight)
        total += weight * completion(item.status, item.percent)
        weights += weight
    return total / weights if weights else None


def as_percent(value: Fraction | None) -> int | None:
    """The roll-up rounded to a whole percent for display (half up)."""
    if value is None:
        return None
    return int(
        (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal(1), ROUND_HALF_UP)
    )


@dataclass(frozen=True)
class State:
    """A task's state from ``at`` on (a row of its progress history)."""

    task: int
    group: int
    at: datetime
    status: str
    percent: int | None


def series(
    states: Iterable[State], weights: dict[int, Decimal], days: list[date]
) -> dict[int | None, list[Fraction | None]]:
    """The roll-up on each of ``days`` (at the day's end), per group and overall (key ``None``).

    ``states`` are progress rows; a task counts from its first row on, in the state of its
    latest row up to that day. The same :func:`rollup` is applied at every point.
    """
    ordered = sorted(states, key=lambda s: (s.at, s.task))
    result: dict[int | None, list[Fraction | None]] = defaultdict(list)
    current: dict[int, State] = {}
    groups = sorted({s.group for s in ordered})
    index = 0
    for day in sorted(days):
        while index < len(ordered) and timezone.localdate(ordered[index].at) <= day:
            current[ordered[index].task] = ordered[index]
            index += 1
        items = {
            task: Item(state.status, state.percent, weights[task])
            for task, state in current.items()
        }
        result[None].append(rollup(items.values()))
        for group in groups:
            result[group].append(rollup(items[t] for t, s in current.items() if s.group == group))
    return dict(result)
