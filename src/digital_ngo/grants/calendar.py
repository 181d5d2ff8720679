"""Working days in Azerbaijan: weekends and public holidays (as data) do not count."""

import json
from datetime import date, timedelta
from functools import cache
from pathlib import Path

HOLIDAYS_FILE = Path(__file__).resolve().parent / "data" / "holidays.json"


@cache
def holidays() -> frozenset[date]:
    """Public holidays from ``data/holidays.json``."""
    data = json.loads(HOLIDAYS_FILE.read_text(encoding="utf-8"))
    return frozenset(date.fromisoformat(day) for day in data["holidays"])


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in holidays()


def working_days_late(due: date, done: date) -> int:
    """Working days after ``due`` up to and including ``done`` (0 if on time)."""
    late, day = 0, due
    while day < done:
        day += timedelta(days=1)
        late += is_working_day(day)
    return late
