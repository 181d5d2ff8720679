"""Writes of decisions: recording the award list, notifying applicants, appeals."""

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digital_ngo.accounts.models import Role, User
from digital_ngo.applications.models import Application
from digital_ngo.applications.workflows import APPLICATION
from digital_ngo.core.notify import notify_ngo, notify_staff
from digital_ngo.core.workflow import perform, record_creation
from digital_ngo.decisions.models import Appeal, Decision
from digital_ngo.decisions.selectors import FUNDED, RESERVE, propose_awards
from digital_ngo.decisions.workflows import APPEAL
from digital_ngo.funding.models import Call

STEP_OF = {FUNDED: "fund", RESERVE: "reserve"}


def decision_problems(call: Call) -> list[str]:
    """Why the board's decision cannot be recorded on ``call`` yet (empty: it can)."""
    problems = []
    if timezone.now() < call.closes_at:
        problems.append(_("The call is still open for submissions."))
    waiting = {
        Application.Status.SUBMITTED: _("Some submitted applications await the technical check."),
        Application.Status.RETURNED: _("Some returned applications await their correction."),
        Application.Status.ADMISSIBLE: _("Some applications are still being evaluated."),
        Application.Status.UNDER_EVALUATION: _("Some applications are still being evaluated."),
    }
    statuses = set(call.applications.values_list("status", flat=True))
    for status, message in waiting.items():
        if status in statuses and message not in problems:
            problems.append(message)
    return problems


@transaction.atomic
def record_decision(*, staff: User, call: Call, minutes: str) -> Decision:
    """Record the board's decision: the proposed award list becomes final; applicants are told."""
    if not staff.has_perm("decisions.record"):
        raise PermissionDenied(_("Only an agency administrator records the board's decision."))
    call = Call.objects.select_for_update().get(pk=call.pk)
    if Decision.objects.filter(call=call).exists():
        raise ValidationError(_("The decision on this call is already recorded."))
    problems = decision_problems(call)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    decision = Decision.objects.create(
        call=call,
        minutes=minutes,
        decided_by=staff,
        decided_at=now,
        appeals_until=now + timedelta(days=call.appeal_days),
    )
    for line in propose_awards(call).lines:
        _decide_line(staff, decision, line)
    return decision


def _decide_line(staff: User, decision: Decision, line: Any) -> None:
    def apply(locked: Application) -> None:
        locked.awarded_amount = line.amount if line.outcome == FUNDED else None

    perform(
        APPLICATION,
        line.application,
        STEP_OF.get(line.outcome, "reject"),
        by=staff,
        reason=str(line.reason or ""),
        related=[decision],
        apply=apply,
        notify=lambda application: notify_ngo(
            application.ngo,
            gettext_lazy("Decision on your application"),
            "decisions/email/decision.txt",
            {
                "application": application,
                "decision": decision,
                "reason": line.reason,
                "reviews": application.assignments.filter(status="submitted").prefetch_related(
                    "scores__criterion"
                ),
            },
        ),
    )


@transaction.atomic
def appeal(*, user: User, application: Application, text: str) -> Appeal:
    """Appeal the decision on one's own application, once and within the window."""
    application = (
        Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    )
    if not user.has_perm("decisions.appeal", application):
        raise PermissionDenied(_("Only the applicant may appeal."))
    decision = Decision.objects.filter(call=application.call).first()
    if decision is None or timezone.now() > decision.appeals_until:
        raise ValidationError(_("The appeal window is closed."))
    if Appeal.objects.filter(application=application).exists():
        raise ValidationError(_("This application has already been appealed."))
    if not text.strip():
        raise ValidationError({"text": _("Give the grounds of the appeal.")})
    lodged = Appeal.objects.create(application=application, text=text.strip(), submitted_by=user)
    record_creation(APPEAL, lodged, "lodge", by=user)
    notify_staff(
        [Role.AGENCY_ADMIN],
        gettext_lazy("An appeal was lodged: %(title)s"),
        "decisions/email/appeal_lodged.txt",
        {"appeal": lodged},
        subject_args={"title": application.title},
    )
    return lodged


def rule_on_appeal(*, staff: User, appeal: Appeal, outcome: str, note: str) -> Appeal:
    """Record the outcome of an appeal with its reasons and tell the applicant.

    An upheld appeal re-opens the application's place in the ranking (it is scored
    again, and staff fund it or put it on the reserve list).
    """
    if outcome not in {Appeal.Outcome.UPHELD, Appeal.Outcome.DISMISSED} or not note.strip():
        raise ValidationError(_("Choose an outcome and give its reasons."))

    def apply(locked: Appeal) -> None:
        locked.outcome_note = note.strip()
        locked.decided_by, locked.decided_at = staff, timezone.now()

    with transaction.atomic():
        ruled = perform(
            APPEAL,
            appeal,
            "uphold" if outcome == Appeal.Outcome.UPHELD else "dismiss",
            by=staff,
            reason=note,
            apply=apply,
            notify=lambda locked: notify_ngo(
                locked.application.ngo,
                gettext_lazy("Decision on your appeal"),
                "decisions/email/appeal.txt",
                {"appeal": locked},
            ),
        )
        application = ruled.application
        if ruled.outcome == Appeal.Outcome.UPHELD and application.status in {
            Application.Status.REJECTED,
            Application.Status.RESERVE,
        }:
            perform(APPLICATION, application, "reopen", by=staff, reason=note, related=[ruled])
    return ruled
