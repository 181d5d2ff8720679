"""Writes of the programmes: tasks, their status moves, evidence, and overdue notices.

Every status change goes through :func:`digital_ngo.core.workflow.perform` with the
``TASK`` workflow and leaves a :class:`TaskProgress` row (the history the roll-up reads
"as of" a date) and an action-log entry.
"""

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digital_ngo.accounts.models import Role, User
from digital_ngo.core.models import ActionLog
from digital_ngo.core.notify import notify_staff, notify_users
from digital_ngo.core.uploads import validate_document
from digital_ngo.core.workflow import perform, record_creation
from digital_ngo.programmes.models import Evidence, Programme, Task, TaskProgress, TaskStatus
from digital_ngo.programmes.workflows import TASK


def _require(user: User | None, permission: str, obj: Any = None) -> None:
    if user is None or not user.has_perm(permission, obj):
        raise PermissionDenied(_("You may not take this step."))


def validate_task(task: Task) -> None:
    """The checks a task must pass before it is written (also used by the import)."""
    errors: dict[str, str] = {}
    if task.weight is None or task.weight <= 0:
        errors["weight"] = _("The weight must be greater than 0.")
    if task.percent is not None and not 0 <= task.percent <= 100:
        errors["percent"] = _("The percentage must be between 0 and 100.")
    programme = task.programme
    if task.deadline and task.deadline < programme.starts_on:
        errors["deadline"] = _("The deadline is before the programme starts (%(day)s).") % {
            "day": programme.starts_on.isoformat()
        }
    if errors:
        raise ValidationError(errors)
    task.full_clean(exclude=["responsible"])


@transaction.atomic
def save_programme(*, staff: User, programme: Programme) -> Programme:
    """Create or change a programme."""
    _require(staff, "programmes.manage")
    programme.full_clean()
    programme.save()
    return programme


@transaction.atomic
def create_task(
    *, staff: User, programme: Programme, data: Mapping[str, Any], when: datetime | None = None
) -> Task:
    """Add a task to ``programme`` (not started); ``when`` backdates it (demo history only)."""
    _require(staff, "programmes.manage")
    task = Task(programme=programme, **data)
    task.status, task.percent = TaskStatus.NOT_STARTED, None
    validate_task(task)
    task.save()
    record_creation(TASK, task, "create", by=staff)
    _progress(task, staff, "", when)
    return task


def _progress(task: Task, by: User | None, reason: str, when: datetime | None) -> None:
    TaskProgress.objects.create(
        task=task,
        status=task.status,
        percent=task.percent,
        changed_by=by,
        reason=reason,
        changed_at=when or timezone.now(),
    )
    if when is not None:  # the demo's history: the log entry just written gets the same date
        ActionLog.objects.filter(pk=ActionLog.objects.latest("pk").pk).update(created_at=when)


def change_status(
    *,
    staff: User,
    task: Task,
    action: str,
    percent: int | None = None,
    reason: str = "",
    when: datetime | None = None,
) -> Task:
    """Move ``task`` by ``action`` (start, complete, partly, cancel, reopen); keep its history.

    ``partly`` needs a percentage between 0 and 100 (it may be repeated to update it).
    """
    if action == "partly":
        if percent is None:
            raise ValidationError({"percent": _("Give the percentage done.")})
        if not 0 <= percent <= 100:
            raise ValidationError({"percent": _("The percentage must be between 0 and 100.")})

    def apply(locked: Task) -> None:
        locked.percent = percent if action == "partly" else None
        if action in {"complete", "cancel"}:
            locked.overdue_notified_for = None

    with transaction.atomic():
        moved = perform(TASK, task, action, by=staff, reason=reason, apply=apply)
        _progress(moved, staff, reason, when)
    return moved


@transaction.atomic
def update_task(*, staff: User, task: Task, data: Mapping[str, Any]) -> Task:
    """Change a task's text, deadline, weight, responsible person or internal comment."""
    _require(staff, "programmes.manage")
    for name, value in data.items():
        setattr(task, name, value)
    validate_task(task)
    if task.deadline != Task.objects.get(pk=task.pk).deadline:
        task.overdue_notified_for = None
    task.save()
    return task


@transaction.atomic
def add_evidence(
    *,
    staff: User,
    task: Task,
    kind: str,
    title: str,
    is_public: bool = True,
    url: str = "",
    upload: UploadedFile | None = None,
    press_item: Any = None,
    grant: Any = None,
) -> Evidence:
    """Attach proof of execution to ``task``: a file, a link, a press clipping or a grant."""
    _require(staff, "programmes.add_evidence", task)
    needed: dict[str, Any] = {
        Evidence.Kind.FILE: upload,
        Evidence.Kind.LINK: url,
        Evidence.Kind.PRESS: press_item,
        Evidence.Kind.GRANT: grant,
    }
    if kind not in needed or not needed[kind]:
        raise ValidationError(_("Give the file, link, clipping or grant this evidence is."))
    if upload is not None:
        validate_document(upload)
    evidence = Evidence(
        task=task,
        kind=kind,
        title=title.strip() or str(press_item or grant or url or getattr(upload, "name", "")),
        url=url,
        press_item=press_item,
        grant=grant,
        is_public=is_public,
        added_by=staff,
    )
    if upload is not None:
        evidence.file = upload
    evidence.full_clean()
    evidence.save()
    return evidence


def overdue_tasks(today: date) -> Any:
    """Tasks past their deadline and neither done nor cancelled."""
    return (
        Task.objects.filter(deadline__lt=today)
        .exclude(status__in=[TaskStatus.DONE, TaskStatus.CANCELLED])
        .select_related("programme", "responsible")
    )


def notify_overdue_tasks(today: date | None = None) -> int:
    """Tell each overdue task's responsible staff member (or the managers) once per overdue spell.

    A spell is identified by the deadline that was missed: a task already notified for
    its current deadline is skipped, so the scheduler may call this every day. Returns
    how many tasks were notified now.
    """
    day = today or timezone.localdate()
    count = 0
    for task in overdue_tasks(day):
        with transaction.atomic():
            locked = Task.objects.select_for_update().get(pk=task.pk)
            if locked.overdue_notified_for == locked.deadline or not locked.is_overdue(day):
                continue
            subject = gettext_lazy("A programme task is overdue: %(task)s")
            context = {"task": task, "days": (day - task.deadline).days}  # type: ignore[operator]
            if task.responsible and task.responsible.is_active:
                notify_users(
                    [task.responsible],
                    subject,
                    "programmes/email/overdue.txt",
                    context,
                    subject_args={"task": task},
                )
            else:
                notify_staff(
                    [Role.PROGRAMME_MANAGER],
                    subject,
                    "programmes/email/overdue.txt",
                    context,
                    subject_args={"task": task},
                )
            Task.objects.filter(pk=task.pk).update(overdue_notified_for=locked.deadline)
            count += 1
    return count
