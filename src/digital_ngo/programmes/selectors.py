"""Reads of the programmes: roll-ups now and over time, public lists, search, staff lists."""

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from aztext import fold
from digital_ngo.programmes.models import Evidence, Programme, Task, TaskProgress, TaskStatus
from digital_ngo.programmes.rollup import Item, State, as_percent, rollup, series


def _items(tasks: Any) -> list[Item]:
    return [Item(t.status, t.percent, t.weight) for t in tasks]


@dataclass
class ProgrammeFigure:
    programme: Programme
    tasks: int
    percent: int | None
    counts: dict[str, int]


@dataclass
class Summary:
    """The overall figure ("67 tasks in 19 programmes: 97%") and each programme's."""

    tasks: int
    programmes: int
    percent: int | None
    exact: Fraction | None
    rows: list[ProgrammeFigure]


def summary() -> Summary:
    """Every programme with its roll-up, and the roll-up of all tasks."""
    programmes = list(Programme.objects.prefetch_related("tasks"))
    rows = []
    all_items: list[Item] = []
    for programme in programmes:
        tasks = list(programme.tasks.all())
        items = _items(tasks)
        all_items += items
        counts = {value: 0 for value in TaskStatus.values}
        for task in tasks:
            counts[task.status] += 1
        rows.append(ProgrammeFigure(programme, len(tasks), as_percent(rollup(items)), counts))
    exact = rollup(all_items)
    return Summary(len(all_items), len(programmes), as_percent(exact), exact, rows)


def programme_percent(programme: Programme) -> int | None:
    return as_percent(rollup(_items(programme.tasks.all())))


def public_tasks(programme: Programme | None = None, query: str = "") -> QuerySet[Task]:
    """Tasks with their public evidence; ``query`` matches the text without diacritics."""
    tasks = Task.objects.select_related("programme").prefetch_related(
        Prefetch(
            "evidence",
            queryset=Evidence.objects.filter(is_public=True).select_related("press_item", "grant"),
            to_attr="public_evidence",
        )
    )
    if programme is not None:
        tasks = tasks.filter(programme=programme)
    for word in fold(query).split()[:8]:
        tasks = tasks.filter(search_text__contains=word)
    return tasks


def months_between(first: date, last: date) -> list[date]:
    """The last day of each month from ``first``'s month to ``last`` (``last`` itself ends it)."""
    days = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        days.append(min(date.fromordinal(nxt.toordinal() - 1), last))
        year, month = nxt.year, nxt.month
    return days


def history_series(
    programme: Programme | None = None, until: date | None = None
) -> tuple[list[date], dict[int | None, list[Fraction | None]]]:
    """The roll-up at each month's end from the first recorded change to ``until`` (today)."""
    rows = TaskProgress.objects.select_related("task")
    if programme is not None:
        rows = rows.filter(task__programme=programme)
    states = [
        State(r.task_id, r.task.programme_id, r.changed_at, r.status, r.percent) for r in rows
    ]
    if not states:
        return [], {}
    first = timezone.localdate(min(s.at for s in states))
    days = months_between(first, until or timezone.localdate())
    weights = {r.task_id: r.task.weight for r in rows}
    return days, series(states, weights, days)


def rollup_as_of(day: date, programme: Programme | None = None) -> Fraction | None:
    """The roll-up as it stood at the end of ``day``, read from the progress history."""
    days, values = history_series(programme, until=day)
    if not days or days[-1] != day:
        return None
    key = programme.pk if programme is not None else None
    return values.get(key, [None])[-1]


def staff_tasks(
    *,
    programme: Programme | None = None,
    status: str = "",
    overdue: bool = False,
    query: str = "",
    today: date | None = None,
) -> QuerySet[Task]:
    """Tasks for the staff list, with filters."""
    tasks = public_tasks(programme, query).select_related("responsible")
    if status:
        tasks = tasks.filter(status=status)
    if overdue:
        tasks = tasks.filter(deadline__lt=today or timezone.localdate()).exclude(
            status__in=[TaskStatus.DONE, TaskStatus.CANCELLED]
        )
    return tasks


def overdue_count(today: date | None = None) -> int:
    return staff_tasks(overdue=True, today=today).count()


@dataclass
class YearReport:
    year: int
    year_end: date
    overall_at_end: int | None
    summary: Summary
    programmes: list[dict[str, Any]]


def year_report(year: int) -> YearReport:
    """Per programme: tasks with status and public evidence, roll-up now and at the year's end."""
    end = min(date(year, 12, 31), timezone.localdate())
    days, values = history_series(until=end)

    def at_end(key: int | None) -> int | None:
        return as_percent(dict(zip(days, values.get(key, []), strict=False)).get(end))

    programmes = []
    with_tasks = Programme.objects.annotate(n=Count("tasks")).filter(n__gt=0)
    for programme in with_tasks.order_by("act_date", "code"):
        tasks = list(
            programme.tasks.prefetch_related(
                Prefetch("evidence", queryset=Evidence.objects.filter(is_public=True))
            )
        )
        programmes.append(
            {
                "programme": programme,
                "tasks": tasks,
                "percent": as_percent(rollup(_items(tasks))),
                "percent_at_end": at_end(programme.pk),
            }
        )
    return YearReport(year, end, at_end(None), summary(), programmes)
