"""Programmes and tasks as CSV for the open-data ZIP (public fields only, no staff comments)."""

import csv
from pathlib import Path

from digital_ngo.programmes import selectors
from digital_ngo.programmes.imports import COLUMNS, export_row
from digital_ngo.programmes.models import Programme, Task

PROGRAMMES_CSV = "state-programmes.csv"
TASKS_CSV = "state-programme-tasks.csv"
PROGRAMME_COLUMNS = [
    "code",
    "title_az",
    "title_en",
    "act_kind",
    "act_number",
    "act_date",
    "act_url",
    "starts_on",
    "ends_on",
    "responsible_body_az",
    "responsible_body_en",
    "tasks",
    "percent",
]


def write_csvs(directory: Path) -> list[str]:
    """Write both files into ``directory``; return their names."""
    summary = {row.programme.pk: row for row in selectors.summary().rows}
    with open(directory / PROGRAMMES_CSV, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(PROGRAMME_COLUMNS)
        for p in Programme.objects.all():
            row = summary[p.pk]
            writer.writerow(
                [
                    p.code,
                    p.title_az,
                    p.title_en,
                    p.act_kind,
                    p.act_number,
                    p.act_date.isoformat(),
                    p.act_url,
                    p.starts_on.isoformat(),
                    p.ends_on.isoformat(),
                    p.responsible_body_az,
                    p.responsible_body_en,
                    row.tasks,
                    "" if row.percent is None else row.percent,
                ]
            )
    with open(directory / TASKS_CSV, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for task in Task.objects.select_related("programme").order_by("pk"):
            writer.writerow(export_row(task))
    return [PROGRAMMES_CSV, TASKS_CSV]
