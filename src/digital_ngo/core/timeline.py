"""An object's timeline: its workflow steps (action log) and field changes (history), newest first.

Staff see everything; an NGO sees the public steps of its own records (who acted
is shown by role only, and internal steps and field-level changes are left out).
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from digital_ngo.core.audit import Change, entries_for
from digital_ngo.core.models import ActionLog


@dataclass
class TimelineEntry:
    when: datetime
    who: Any
    title: str
    record: str
    reason: str = ""
    changes: list[Change] = field(default_factory=list)
    is_step: bool = False


def _label(entry: ActionLog) -> str:
    from digital_ngo.core.workflow import REGISTRY

    workflow = REGISTRY.get(entry.workflow)
    if workflow is None:
        return entry.action
    try:
        transition_label = str(workflow[entry.action].label)
    except KeyError:
        return entry.action
    if entry.to_state:
        return f"{transition_label}: {workflow.state_label(entry.to_state)}"
    return transition_label


def _model_label(step: ActionLog) -> str:
    return f"{step.content_type.app_label}.{step.content_type.model}"


def steps_for(*instances: models.Model, public_only: bool = False) -> list[ActionLog]:
    """The action-log entries of ``instances``, newest first."""
    query = models.Q()
    for instance in instances:
        query |= models.Q(
            content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
        )
    if not instances:
        return []
    rows = ActionLog.objects.filter(query).select_related("actor")
    if public_only:
        rows = rows.filter(public=True)
    return list(rows)


def timeline(*instances: models.Model, public_only: bool = False) -> list[TimelineEntry]:
    """Steps and (for staff) field changes of ``instances`` merged, newest first."""
    names = {(type(i)._meta.label_lower, i.pk): f"{i._meta.verbose_name}: {i}" for i in instances}
    entries = [
        TimelineEntry(
            when=step.created_at,
            who=None if public_only else step.actor,
            title=_label(step),
            record=names.get((_model_label(step), step.object_id), ""),
            reason=step.reason,
            is_step=True,
        )
        for step in steps_for(*instances, public_only=public_only)
    ]
    if not public_only:
        for instance in instances:
            if hasattr(instance, "history"):
                entries.extend(
                    TimelineEntry(
                        when=e.when, who=e.who, title=e.kind, record=e.record, changes=e.changes
                    )
                    for e in entries_for(instance)
                )
    return sorted(entries, key=lambda entry: entry.when, reverse=True)
