"""Writes of evaluation: assignment without conflicts, declarations, scores, the third evaluator.

Assignment balances load: each place goes to the evaluator with the fewest
applications in the call, among those with no conflict the registry shows.
A declared conflict recuses the evaluator and the place is filled again. When
the first two totals differ by more than the call's threshold, a third
evaluator is added; the application's score is the mean of all totals.
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digital_ngo.accounts.models import User
from digital_ngo.applications.models import Application
from digital_ngo.applications.workflows import APPLICATION
from digital_ngo.core.notify import notify_users
from digital_ngo.core.workflow import perform, record_creation
from digital_ngo.funding.models import Call
from digital_ngo.reviews import selectors
from digital_ngo.reviews.models import DECLARATION_QUESTIONS, Assignment, Score
from digital_ngo.reviews.workflows import ASSIGNMENT

AppStatus = Application.Status
Status = Assignment.Status


def _require(user: User, permission: str, obj: Any = None) -> None:
    if not user.has_perm(permission, obj):
        raise PermissionDenied(_("You may not do this."))


def _fill(
    application: Application, places: int, tiebreak: bool = False, by: User | None = None
) -> list[Assignment]:
    """Assign evaluators, as many as are free, until ``application`` has ``places`` active ones."""
    taken = application.assignments.exclude(status=Status.CONFLICT).count()
    already = set(application.assignments.values_list("evaluator_id", flat=True))
    load = selectors.call_load(application.call)
    candidates = [
        evaluator
        for evaluator in selectors.active_evaluators()
        if evaluator.pk not in already and not selectors.registry_conflicts(evaluator, application)
    ]
    candidates.sort(key=lambda evaluator: (load[evaluator.pk], evaluator.pk))
    made = [
        Assignment.objects.create(
            application=application, evaluator=evaluator, is_tiebreak=tiebreak
        )
        for evaluator in candidates[: max(places - taken, 0)]
    ]
    for assignment in made:
        record_creation(ASSIGNMENT, assignment, "assign", by=by)
        notify_users(
            [assignment.evaluator],
            gettext_lazy("An application to evaluate"),
            "reviews/email/assigned.txt",
            {"assignment": assignment},
        )
    return made


def _active(application: Application) -> list[Assignment]:
    return list(application.assignments.exclude(status=Status.CONFLICT))


def _diverges(application: Application) -> bool:
    """All regular evaluators submitted, no third one yet, and their totals are too far apart."""
    active = _active(application)
    if len(active) < application.call.evaluators_per_application or any(
        a.is_tiebreak for a in active
    ):
        return False
    if any(a.status != Status.SUBMITTED for a in active):
        return False
    totals = [a.total for a in active if a.total is not None]
    return max(totals) - min(totals) > application.call.divergence_threshold


def _places(application: Application) -> int:
    """The call's evaluators per application, plus one when a third evaluator is due or present."""
    third = _diverges(application) or application.assignments.filter(is_tiebreak=True).exists()
    return application.call.evaluators_per_application + (1 if third else 0)


@transaction.atomic
def assign_evaluators(*, staff: User, call: Call) -> tuple[int, list[str]]:
    """Give every admissible application of ``call`` its evaluators (and due third evaluators).

    Returns how many assignments were made and a note for each application that could
    not get enough evaluators without a conflict of interest.
    """
    _require(staff, "reviews.assign")
    applications = (
        Application.objects.select_for_update()
        .filter(call=call, status__in=[AppStatus.ADMISSIBLE, AppStatus.UNDER_EVALUATION])
        .select_related("call")
    )
    made, shortages = 0, []
    for application in applications:
        if application.status != AppStatus.UNDER_EVALUATION:
            application = perform(APPLICATION, application, "start_evaluation", by=staff)
        places = _places(application)
        made += len(_fill(application, places, tiebreak=_diverges(application), by=staff))
        if len(_active(application)) < places:
            shortages.append(
                _("Not enough evaluators without a conflict of interest for “%(title)s”.")
                % {"title": application.title}
            )
        _settle(application)
    return made, shortages


@transaction.atomic
def declare(
    *, evaluator: User, assignment: Assignment, answers: Mapping[str, bool], confidential: bool
) -> Assignment:
    """Sign the declaration; a conflict (declared, or in the registry) recuses the evaluator."""
    if set(answers) != set(DECLARATION_QUESTIONS) or not confidential:
        raise ValidationError(_("Answer every question and accept the confidentiality statement."))
    conflicts = selectors.registry_conflicts(evaluator, assignment.application)
    action = "recuse" if any(answers.values()) or conflicts else "declare"

    def apply(locked: Assignment) -> None:
        locked.answers = {**answers, "registry": conflicts}
        locked.declared_at = timezone.now()

    assignment = perform(ASSIGNMENT, assignment, action, by=evaluator, apply=apply)
    if assignment.status == Status.CONFLICT:
        # the place is filled again if an evaluator is free; otherwise the staff's next run does it
        _fill(assignment.application, _places(assignment.application), assignment.is_tiebreak)
    return assignment


def _validate_scores(assignment: Assignment, scores: Mapping[int, tuple[int, str]]) -> list[Score]:
    criteria = {c.pk: c for c in assignment.application.call.criteria.all()}
    if set(scores) != set(criteria):
        raise ValidationError(_("Score every criterion."))
    built = []
    for pk, (value, comment) in scores.items():
        criterion = criteria[pk]
        if not 0 <= value <= criterion.max_score:
            raise ValidationError(
                _("“%(criterion)s” takes a score from 0 to %(max)s.")
                % {"criterion": criterion.name, "max": criterion.max_score}
            )
        if not comment.strip():
            raise ValidationError(_("Comment on “%(criterion)s”.") % {"criterion": criterion.name})
        built.append(
            Score(assignment=assignment, criterion=criterion, value=value, comment=comment.strip())
        )
    return built


@transaction.atomic
def submit_scores(
    *, evaluator: User, assignment: Assignment, scores: Mapping[int, tuple[int, str]]
) -> Assignment:
    """Record an evaluator's scores and weighted total (out of 100), then settle the application."""

    def apply(locked: Assignment) -> None:
        rows = Score.objects.bulk_create(_validate_scores(locked, scores))
        locked.total = sum((row.weighted for row in rows), Decimal(0)).quantize(Decimal("0.01"))
        locked.submitted_at = timezone.now()

    assignment = perform(ASSIGNMENT, assignment, "submit_scores", by=evaluator, apply=apply)
    _settle(
        Application.objects.select_for_update()
        .select_related("call")
        .get(pk=assignment.application_id)
    )
    return assignment


def _settle(application: Application) -> None:
    """Call in a third evaluator on divergence, or score the application once all have submitted."""
    active = _active(application)
    if len(active) < application.call.evaluators_per_application or any(
        a.status != Status.SUBMITTED for a in active
    ):
        return
    if _diverges(application):
        _fill(application, len(active) + 1, tiebreak=True)
        return
    totals = [a.total for a in active if a.total is not None]

    def apply(locked: Application) -> None:
        locked.score = (sum(totals, Decimal(0)) / len(totals)).quantize(Decimal("0.01"))

    perform(APPLICATION, application, "score", by=None, apply=apply)
