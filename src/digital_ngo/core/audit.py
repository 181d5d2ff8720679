"""The audit trail: readable change lists from django-simple-history records.

Every domain model keeps ``history = HistoricalRecords()``; the middleware
records who made each change. These functions turn the stored rows into
entries a person can read: when, who, what kind of change, old → new.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

CHANGE_KINDS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass
class Change:
    field: str
    old: Any
    new: Any


@dataclass
class HistoryEntry:
    when: datetime
    who: Any
    kind: str
    record: str
    changes: list[Change] = field(default_factory=list)


def _label(model: type[models.Model], name: str) -> str:
    try:
        return str(getattr(model._meta.get_field(name), "verbose_name", name))
    except FieldDoesNotExist:  # a field removed since the record was written
        return name


def _display(record: Any, name: str, value: Any) -> Any:
    getter = getattr(record, f"get_{name}_display", None)
    if getter is not None and getattr(record, name, None) == value:
        return getter()
    return value


def entries_for(instance: models.Model) -> list[HistoryEntry]:
    """The readable history of one record, newest first."""
    records = list(instance.history.select_related("history_user").order_by("-history_date", "-pk"))  # type: ignore[attr-defined]
    model = type(instance)
    entries = []
    for index, record in enumerate(records):
        entry = HistoryEntry(
            when=record.history_date,
            who=record.history_user,
            kind=str(CHANGE_KINDS.get(record.history_type, record.history_type)),
            record=f"{model._meta.verbose_name}: {record.instance}",
        )
        previous = records[index + 1] if index + 1 < len(records) else None
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            entry.changes = [
                Change(
                    _label(model, c.field),
                    _display(previous, c.field, c.old),
                    _display(record, c.field, c.new),
                )
                for c in delta.changes
            ]
        entries.append(entry)
    return entries


def merged_history(*instances: models.Model) -> list[HistoryEntry]:
    """The histories of several related records as one list, newest first."""
    entries = [entry for instance in instances for entry in entries_for(instance)]
    return sorted(entries, key=lambda entry: entry.when, reverse=True)
