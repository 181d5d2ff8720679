"""A task's lifecycle: one declared transition table (see ``core.workflow``)."""

from django.utils.translation import gettext_lazy as _

from digital_ngo.core.workflow import Transition, Workflow, register
from digital_ngo.programmes.models import Task, TaskStatus

S = TaskStatus
OPEN = (S.NOT_STARTED, S.IN_PROGRESS, S.PARTLY_DONE)
PERMISSION = "programmes.change_task_status"

TASK = register(
    Workflow(
        name="programme_task",
        model=Task,
        transitions=[
            Transition("create", (), S.NOT_STARTED, "programmes.manage", _("Add the task")),
            Transition("start", (S.NOT_STARTED,), S.IN_PROGRESS, PERMISSION, _("Start")),
            Transition("complete", OPEN, S.DONE, PERMISSION, _("Mark done")),
            Transition("partly", OPEN, S.PARTLY_DONE, PERMISSION, _("Record as partly done")),
            Transition(
                "cancel",
                OPEN,
                S.CANCELLED,
                PERMISSION,
                _("Cancel"),
                confirm=_("The task leaves the roll-up."),
                reason_required=True,
            ),
            Transition(
                "reopen",
                (S.DONE, S.PARTLY_DONE, S.CANCELLED),
                S.IN_PROGRESS,
                PERMISSION,
                _("Reopen"),
                reason_required=True,
            ),
        ],
    )
)

#: The step that leads to each status (used by the import to move a task to a given status).
ACTION_TO = {
    S.IN_PROGRESS: "start",
    S.DONE: "complete",
    S.PARTLY_DONE: "partly",
    S.CANCELLED: "cancel",
}
