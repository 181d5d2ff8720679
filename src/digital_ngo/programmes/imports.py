"""Bulk update of tasks from XLSX or CSV in the export's columns: a dry run, then all or nothing.

:func:`read_rows` reads the file; :func:`plan` checks every row and says what it would
create or change, or why it fails; :func:`apply` writes the plan in one transaction, and
only when no row failed. The columns are :data:`COLUMNS` (the staff export writes them).
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from digital_ngo.accounts.models import User
from digital_ngo.programmes import services
from digital_ngo.programmes.models import AgencyRole, Programme, Recurrence, Task, TaskStatus
from digital_ngo.programmes.workflows import ACTION_TO

COLUMNS = [
    "programme",
    "number",
    "text_az",
    "text_en",
    "role",
    "recurrence",
    "deadline",
    "weight",
    "status",
    "percent",
]
MAX_ROWS = 5000


class ImportError_(ValidationError):
    """The file as a whole cannot be read (format, encoding, columns)."""


def export_row(task: Task) -> list[Any]:
    """One task in the import's columns."""
    return [
        task.programme.code,
        task.number,
        task.text_az,
        task.text_en,
        task.role,
        task.recurrence,
        task.deadline.isoformat() if task.deadline else "",
        f"{task.weight.normalize():f}",
        task.status,
        "" if task.percent is None else task.percent,
    ]


def read_rows(name: str, content: bytes) -> list[dict[str, str]]:
    """The file's rows as dicts of text; refuses a bad format, encoding or set of columns."""
    if name.lower().endswith(".xlsx"):
        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
            raw = [
                ["" if v is None else _text(v) for v in row]
                for row in sheet.iter_rows(values_only=True)
            ]
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise ImportError_(_("The file is not a readable XLSX workbook.")) from error
    elif name.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportError_(
                _("The file is not UTF-8 text. Save the CSV as UTF-8 and try again.")
            ) from error
        raw = list(csv.reader(io.StringIO(text)))
    else:
        raise ImportError_(_("Upload an XLSX or CSV file."))
    raw = [row for row in raw if any(cell.strip() for cell in row)]
    if not raw:
        raise ImportError_(_("The file has no rows."))
    header = [cell.strip() for cell in raw[0]]
    if header[: len(COLUMNS)] != COLUMNS or any(header[len(COLUMNS) :]):
        raise ImportError_(
            _("The columns must be, in this order: %(columns)s. The file has: %(found)s.")
            % {"columns": ", ".join(COLUMNS), "found": ", ".join(header) or "—"}
        )
    if len(raw) - 1 > MAX_ROWS:
        raise ImportError_(_("At most %(n)s rows at once.") % {"n": MAX_ROWS})
    return [dict(zip(COLUMNS, [*row, *[""] * len(COLUMNS)], strict=False)) for row in raw[1:]]


def _text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class RowPlan:
    """What one row would do: ``create``, ``change`` or ``same``; or its errors."""

    line: int
    programme: str
    number: str
    action: str = ""
    changes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    task: Task | None = None
    data: dict[str, Any] = field(default_factory=dict)
    status: str = ""
    percent: int | None = None


def _parse(row: dict[str, str], plan: RowPlan) -> None:
    errors = plan.errors
    data: dict[str, Any] = {"text_az": row["text_az"].strip(), "text_en": row["text_en"].strip()}
    if not data["text_az"]:
        errors.append(_("The Azerbaijani text is empty."))
    data["role"] = row["role"].strip() or AgencyRole.EXECUTOR
    if data["role"] not in AgencyRole.values:
        errors.append(
            _("Unknown role “%(v)s”: use %(ok)s.")
            % {"v": data["role"], "ok": ", ".join(AgencyRole.values)}
        )
    data["recurrence"] = row["recurrence"].strip() or Recurrence.ONCE
    if data["recurrence"] not in Recurrence.values:
        errors.append(
            _("Unknown recurrence “%(v)s”: use %(ok)s.")
            % {"v": data["recurrence"], "ok": ", ".join(Recurrence.values)}
        )
    deadline = row["deadline"].strip()
    data["deadline"] = None
    if deadline:
        try:
            data["deadline"] = date.fromisoformat(deadline[:10])
        except ValueError:
            errors.append(_("The deadline “%(v)s” is not a date (YYYY-MM-DD).") % {"v": deadline})
    weight = row["weight"].strip().replace(",", ".") or "1"
    try:
        data["weight"] = Decimal(weight)
        if not data["weight"].is_finite() or data["weight"] <= 0:
            errors.append(
                _("The weight must be a number greater than 0, not “%(v)s”.") % {"v": weight}
            )
        elif data["weight"] >= 10_000 or data["weight"] != data["weight"].quantize(Decimal("0.01")):
            errors.append(_("The weight must be below 10 000 with at most two decimals."))
    except InvalidOperation:
        errors.append(_("The weight must be a number greater than 0, not “%(v)s”.") % {"v": weight})
    plan.status = row["status"].strip() or TaskStatus.NOT_STARTED
    if plan.status not in TaskStatus.values:
        errors.append(
            _("Unknown status “%(v)s”: use %(ok)s.")
            % {"v": plan.status, "ok": ", ".join(TaskStatus.values)}
        )
    percent = row["percent"].strip()
    if percent:
        try:
            plan.percent = int(Decimal(percent.rstrip("%")))
            if not 0 <= Decimal(percent.rstrip("%")) <= 100:
                raise ValueError
        except (InvalidOperation, ValueError):
            errors.append(
                _("The percentage must be between 0 and 100, not “%(v)s”.") % {"v": percent}
            )
            plan.percent = None
    if plan.status == TaskStatus.PARTLY_DONE and plan.percent is None and not errors:
        errors.append(_("A partly done task needs its percentage."))
    plan.data = data


def _moves(current: str, wanted: str) -> list[str]:
    """The workflow steps from ``current`` to ``wanted``, or raise if there is no such path."""
    if current == wanted:
        return []
    if wanted == TaskStatus.NOT_STARTED:
        raise ValueError
    steps = []
    if current in {TaskStatus.DONE, TaskStatus.CANCELLED} or (
        current == TaskStatus.PARTLY_DONE and wanted == TaskStatus.IN_PROGRESS
    ):
        steps.append("reopen")
        current = TaskStatus.IN_PROGRESS
    if current != wanted:
        steps.append(ACTION_TO[TaskStatus(wanted)])
    return steps


def plan(rows: list[dict[str, str]]) -> list[RowPlan]:
    """Check every row against the database and each other; nothing is written."""
    programmes = {p.code: p for p in Programme.objects.all()}
    existing = {(t.programme.code, t.number): t for t in Task.objects.select_related("programme")}
    seen: dict[tuple[str, str], int] = {}
    plans = []
    for line, row in enumerate(rows, start=2):
        result = RowPlan(line, row["programme"].strip(), row["number"].strip())
        plans.append(result)
        programme = programmes.get(result.programme)
        if programme is None:
            result.errors.append(_("Unknown programme “%(v)s”.") % {"v": result.programme})
        if not result.number:
            result.errors.append(_("The task number is empty."))
        key = (result.programme, result.number)
        if key in seen:
            result.errors.append(
                _("Task number %(n)s appears twice (also on line %(line)s).")
                % {"n": result.number, "line": seen[key]}
            )
        seen.setdefault(key, line)
        _parse(row, result)
        if programme is None or result.errors:
            continue
        result.task = existing.get(key)
        task = result.task or Task(programme=programme, number=result.number)
        before = {name: getattr(task, name) for name in result.data}
        for name, value in result.data.items():
            setattr(task, name, value)
        try:
            services.validate_task(task) if result.task else _validate_new(task)
        except ValidationError as error:
            result.errors += error.messages
            continue
        current = result.task.status if result.task else TaskStatus.NOT_STARTED
        try:
            steps = _moves(current, result.status)
        except ValueError:
            result.errors.append(_("A task cannot go back to “not started”."))
            continue
        if result.task is None:
            result.action = "create"
            result.changes = [_("new task")]
        else:
            result.changes = [
                f"{_label(n)}: {before[n] or '—'} → {v or '—'}"
                for n, v in result.data.items()
                if before[n] != v
            ]
        if steps or (
            result.status == TaskStatus.PARTLY_DONE
            and (result.task is None or result.task.percent != result.percent)
        ):
            result.changes.append(
                _("status: %(old)s → %(new)s")
                % {
                    "old": TaskStatus(current).label,
                    "new": TaskStatus(result.status).label
                    + (f" ({result.percent}%)" if result.status == TaskStatus.PARTLY_DONE else ""),
                }
            )
        if result.task is not None:
            result.action = "change" if result.changes else "same"
    return plans


def _label(name: str) -> str:
    return str(getattr(Task._meta.get_field(name), "verbose_name", name))


def _validate_new(task: Task) -> None:
    task.status = TaskStatus.NOT_STARTED
    services.validate_task(task)


def has_errors(plans: list[RowPlan]) -> bool:
    return any(p.errors for p in plans)


@transaction.atomic
def apply(*, staff: User, rows: list[dict[str, str]]) -> list[RowPlan]:
    """Plan again and write every row, or nothing if any row fails (raises ValidationError)."""
    plans = plan(rows)
    if has_errors(plans):
        raise ValidationError(_("Nothing was imported: correct the rows marked as failing."))
    reason = _("Bulk import")
    for p in plans:
        if p.action == "same":
            continue
        if p.task is None:
            programme = Programme.objects.get(code=p.programme)
            task = services.create_task(
                staff=staff, programme=programme, data={"number": p.number, **p.data}
            )
        else:
            task = services.update_task(staff=staff, task=p.task, data=p.data)
        for step in _moves(task.status, p.status):
            task = services.change_status(
                staff=staff, task=task, action=step, percent=p.percent, reason=reason
            )
        if p.status == TaskStatus.PARTLY_DONE and task.percent != p.percent:
            task = services.change_status(
                staff=staff, task=task, action="partly", percent=p.percent, reason=reason
            )
    return plans
