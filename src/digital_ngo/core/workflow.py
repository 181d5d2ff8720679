"""Declared lifecycles: one transition table per record kind and one function that moves a record.

A :class:`Workflow` lists every allowed move of one model's status field:
the action's name, the states it may start from, the state it leads to, the
django-rules permission the acting user needs on the record, and what must
hold (guards). :func:`perform` is the only code that changes such a status:

1. it locks the record's row (``select_for_update``) and re-reads its state;
2. it refuses, with a translated message and no change, a move the table does
   not allow from that state, by that user, or whose guards fail — so a second
   click, a stale button or a replayed request changes nothing (idempotence);
3. it applies the service's own changes, writes the new state, records an
   :class:`~digital_ngo.core.models.ActionLog` entry (who, when, from → to,
   reason, related records) and queues the notices, all in one transaction.

Services call ``perform``; views, the API, tasks and the scheduler call services.
"""

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _

#: A guard returns ``None`` when the move may happen, or the translated reason why not.
Guard = Callable[[Any], "str | Promise | None"]


@dataclass(frozen=True)
class Transition:
    """One allowed move: ``action`` takes a record from any of ``sources`` to ``target``.

    A transition with no ``sources`` is the creation of a record in ``target``
    (logged by :func:`record_creation`; ``perform`` never takes it).
    """

    action: str
    sources: tuple[str, ...]
    target: str
    #: The django-rules permission checked against the record; ``None``: the platform only
    #: (the scheduler or a background job acting with no user).
    permission: str | None
    label: Promise | str
    #: Shown before an irreversible move, saying what will happen.
    confirm: Promise | str | None = None
    reason_required: bool = False
    #: Whether the NGO concerned sees this step in its public timeline.
    public: bool = True
    guards: tuple[Guard, ...] = ()


class TransitionRefused(ValidationError):
    """A move the table does not allow now (wrong state, already done, or a guard failed)."""


@dataclass
class Workflow:
    """The transition table of one model's status field."""

    name: str
    model: type[models.Model]
    transitions: Sequence[Transition]
    field: str = "status"
    _by_action: dict[str, Transition] = dataclasses.field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_action = {t.action: t for t in self.transitions}
        if len(self._by_action) != len(self.transitions):
            raise ValueError(f"{self.name}: two transitions share an action name")
        states = set(self._choices())
        for t in self.transitions:
            unknown = {*t.sources, t.target} - states
            if unknown:
                raise ValueError(f"{self.name}.{t.action}: unknown states {sorted(unknown)}")

    def _choices(self) -> dict[str, str]:
        field = self.model._meta.get_field(self.field)
        return {value: str(label) for value, label in getattr(field, "choices", None) or ()}

    def __getitem__(self, action: str) -> Transition:
        return self._by_action[action]

    @property
    def states(self) -> list[str]:
        return list(self._choices())

    def state_label(self, state: str) -> str:
        return self._choices().get(state, state)

    def available(self, user: Any, obj: models.Model) -> list[Transition]:
        """The moves ``user`` may make on ``obj`` now (for buttons; ``perform`` checks again)."""
        state = getattr(obj, self.field)
        return [
            t
            for t in self.transitions
            if state in t.sources
            and t.permission is not None
            and user.has_perm(t.permission, obj)
            and not _failed_guards(t, obj)
        ]

    def can(self, user: Any, obj: models.Model, action: str) -> bool:
        return any(t.action == action for t in self.available(user, obj))


def _failed_guards(transition: Transition, obj: Any) -> list[str]:
    return [str(reason) for guard in transition.guards if (reason := guard(obj)) is not None]


REGISTRY: dict[str, Workflow] = {}


def register(workflow: Workflow) -> Workflow:
    """Make a workflow known to the exhaustive tests and the timeline."""
    REGISTRY[workflow.name] = workflow
    return workflow


def _check(workflow: Workflow, transition: Transition, obj: Any, by: Any) -> None:
    state = getattr(obj, workflow.field)
    if state not in transition.sources:
        if state == transition.target:
            raise TransitionRefused(
                _("This was already done: the record is %(state)s.")
                % {"state": workflow.state_label(state)},
                code="already_done",
            )
        raise TransitionRefused(
            _("“%(action)s” is not possible while the record is %(state)s.")
            % {"action": transition.label, "state": workflow.state_label(state)},
            code="wrong_state",
        )
    if by is None:
        if transition.permission is not None:
            raise PermissionDenied(_("This step needs a person to take it."))
    elif transition.permission is None or not by.has_perm(transition.permission, obj):
        raise PermissionDenied(_("You may not take this step."))
    failed = _failed_guards(transition, obj)
    if failed:
        raise TransitionRefused(failed, code="guard")


def record_creation(
    workflow: Workflow, obj: models.Model, action: str, *, by: Any, reason: str = ""
) -> None:
    """Log the start of ``obj``'s life by ``action`` (a transition with no source states)."""
    from digital_ngo.core.models import ActionLog

    transition = workflow[action]
    if transition.sources or getattr(obj, workflow.field) != transition.target:
        raise ValueError(f"{workflow.name}.{action} is not a creation step")
    ActionLog.record(
        obj,
        workflow=workflow.name,
        action=action,
        target=transition.target,
        actor=by,
        reason=reason,
        public=transition.public,
    )


def perform(
    workflow: Workflow,
    obj: models.Model,
    action: str,
    *,
    by: Any,
    reason: str = "",
    related: Iterable[models.Model] = (),
    apply: Callable[[Any], None] | None = None,
    notify: Callable[[Any], None] | None = None,
) -> Any:
    """Move ``obj`` by ``action`` under a row lock; log it; queue notices. Returns the fresh row.

    ``apply`` makes the service's own changes to the locked record (it may raise
    ``ValidationError``; the record is saved by ``perform``); ``notify`` queues the
    notices once the move is written. ``by`` is the acting user, or ``None`` for the
    platform itself (only for transitions with no permission).
    """
    from digital_ngo.core.models import ActionLog

    try:
        transition = workflow[action]
    except KeyError:
        raise TransitionRefused(_("Unknown step."), code="unknown") from None
    reason = reason.strip()
    if transition.reason_required and not reason:
        raise ValidationError({"reason": _("Give a reason for this step.")})
    with transaction.atomic():
        locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        _check(workflow, transition, locked, by)
        source = getattr(locked, workflow.field)
        if apply is not None:
            apply(locked)
        setattr(locked, workflow.field, transition.target)
        locked.save()
        ActionLog.record(
            locked,
            workflow=workflow.name,
            action=transition.action,
            source=source,
            target=transition.target,
            actor=by,
            reason=reason,
            related=related,
            public=transition.public,
        )
        if notify is not None:
            notify(locked)
    return locked
