"""Writes of decisions: recording the award list, notifying applicants, appeals."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digital_ngo.accounts.models import User
from digital_ngo.applications.models import Application
from digital_ngo.applications.selectors import budget_of
from digital_ngo.applications.workflows import APPLICATION
from digital_ngo.core.notify import notify_ngo
from digital_ngo.core.templatetags.formatting import azn
from digital_ngo.core.workflow import perform
from digital_ngo.decisions.models import Appeal, Decision
from digital_ngo.decisions.selectors import (
    FUNDED,
    RESERVE,
    next_reserve,
    propose_awards,
    remaining_budget,
)
from digital_ngo.funding.models import Call
from digital_ngo.grants.models import Grant

STATUS_OF = {FUNDED: Application.Status.FUNDED, RESERVE: Application.Status.RESERVE}


@transaction.atomic
def record_decision(*, staff: User, call: Call, minutes: str) -> Decision:
    """Record the board's decision: the proposed award list becomes final; applicants are told."""
    if not staff.has_perm("decisions.record"):
        raise PermissionDenied(_("Only an agency administrator records the board's decision."))
    call = Call.objects.select_for_update().get(pk=call.pk)
    if Decision.objects.filter(call=call).exists():
        raise ValidationError(_("The decision on this call is already recorded."))
    if call.applications.filter(
        status__in=[Application.Status.ADMISSIBLE, Application.Status.UNDER_EVALUATION]
    ).exists():
        raise ValidationError(_("Some applications are still being evaluated."))
    now = timezone.now()
    decision = Decision.objects.create(
        call=call,
        minutes=minutes,
        decided_by=staff,
        decided_at=now,
        appeals_until=now + timedelta(days=call.appeal_days),
    )
    for line in propose_awards(call).lines:
        application = line.application
        application.status = STATUS_OF.get(line.outcome, Application.Status.REJECTED)
        application.awarded_amount = line.amount if line.outcome == FUNDED else None
        application.save(update_fields=["status", "awarded_amount"])
        notify_ngo(
            application.ngo,
            _("Decision on your application"),
            "decisions/email/decision.txt",
            {
                "application": application,
                "decision": decision,
                "reason": line.reason,
                "reviews": application.assignments.filter(status="submitted").prefetch_related(
                    "scores__criterion"
                ),
            },
        )
    return decision


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
    return Appeal.objects.create(application=application, text=text.strip(), submitted_by=user)


@transaction.atomic
def rule_on_appeal(*, staff: User, appeal: Appeal, outcome: str, note: str) -> Appeal:
    """Record the outcome of an appeal with its reasons and tell the applicant."""
    if not staff.has_perm("decisions.rule_on_appeal"):
        raise PermissionDenied(_("Only an agency administrator rules on appeals."))
    appeal = Appeal.objects.select_for_update().select_related("application__ngo").get(pk=appeal.pk)
    if appeal.outcome != Appeal.Outcome.PENDING:
        raise ValidationError(_("This appeal has already been decided."))
    if outcome not in {Appeal.Outcome.UPHELD, Appeal.Outcome.DISMISSED} or not note.strip():
        raise ValidationError(_("Choose an outcome and give its reasons."))
    appeal.outcome, appeal.outcome_note = outcome, note.strip()
    appeal.decided_by, appeal.decided_at = staff, timezone.now()
    appeal.save()
    # issue 11 §6 (holes): an upheld appeal re-opens the application's place in the ranking
    if outcome == Appeal.Outcome.UPHELD:
        reopen_place(staff=staff, appeal=appeal)
    # end issue 11 §6
    notify_ngo(
        appeal.application.ngo,
        _("Decision on your appeal"),
        "decisions/email/appeal.txt",
        {"appeal": appeal},
    )
    return appeal


# --- After the decision: awards withdrawn, reserves promoted, places re-opened (issue 11, §6) ---
# Every status change goes through the declared APPLICATION workflow (perform: row lock,
# table check, action log, notices in one transaction).


def _tell_ngo(subject: Any, template: str, **context: Any) -> Callable[[Application], None]:
    def notify(application: Application) -> None:
        notify_ngo(
            application.ngo,
            subject,
            template,
            {"application": application, **context},
            subject_args={"title": application.title},
        )

    return notify


@transaction.atomic
def withdraw_award(*, staff: User, application: Application, reason: str) -> Application:
    """A funded award declined by the NGO or cancelled by the agency, with the reason; the next
    reserve application that fits in the money set free is funded (:func:`promote_next_reserve`).

    An award whose grant agreement is already concluded is ended on the grant, not here.
    """
    if Grant.objects.filter(application=application).exists():
        raise ValidationError(
            _("The grant agreement is already concluded: end the grant instead of the award.")
        )
    withdrawn = perform(
        APPLICATION,
        application,
        "withdraw_award",
        by=staff,
        reason=reason,
        notify=_tell_ngo(
            gettext_lazy("Your award for “%(title)s” was withdrawn"),
            "decisions/email/withdrawn.txt",
            reason=reason.strip(),
        ),
    )
    promote_next_reserve(staff=staff, call=withdrawn.call, topic_id=withdrawn.topic_id)
    return withdrawn


@transaction.atomic
def promote_next_reserve(
    *, staff: User, call: Call, topic_id: int | None = None
) -> Application | None:
    """Fund the best reserve application that fits in the call's remaining budget (same topic
    first); its NGO is told. Returns it, or ``None`` when none fits."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    left = remaining_budget(call)
    candidate = next_reserve(call, topic_id, left)
    if candidate is None:
        return None
    amount = budget_of(candidate).requested

    def fund(locked: Application) -> None:
        locked.awarded_amount = amount

    return perform(
        APPLICATION,
        candidate,
        "promote",
        by=staff,
        reason=_("Funded from the reserve list: %(amount)s of the budget became free.")
        % {"amount": azn(left)},
        apply=fund,
        notify=_tell_ngo(
            gettext_lazy("Your application “%(title)s” is funded from the reserve list"),
            "decisions/email/promoted.txt",
        ),
    )


def reopen_place(*, staff: User, appeal: Appeal) -> Application | None:
    """An upheld appeal puts a not-funded or reserve application back in the ranking (scored)."""
    application = appeal.application
    if application.status not in APPLICATION["reopen"].sources:
        return None
    return perform(
        APPLICATION,
        application,
        "reopen",
        by=staff,
        reason=appeal.outcome_note,
        related=[appeal],
        apply=lambda locked: setattr(locked, "awarded_amount", None),
    )


SETTLE_ACTIONS = ("fund", "reserve", "reject")


@transaction.atomic
def settle_reopened(
    *, staff: User, application: Application, action: str, reason: str = ""
) -> Application:
    """Place an application re-opened by an appeal: fund it (within the remaining budget),
    put it on the reserve list, or not fund it; its NGO is told."""
    if action not in SETTLE_ACTIONS:
        raise ValidationError(_("Choose fund, reserve or do not fund."))
    call = Call.objects.select_for_update().get(pk=application.call_id)
    amount = budget_of(application).requested
    if action == "fund" and amount > remaining_budget(call):
        raise ValidationError(
            _("The remaining budget (%(left)s) does not cover %(amount)s.")
            % {"left": azn(remaining_budget(call)), "amount": azn(amount)}
        )

    def apply(locked: Application) -> None:
        locked.awarded_amount = amount if action == "fund" else None

    return perform(
        APPLICATION,
        application,
        action,
        by=staff,
        reason=reason,
        apply=apply,
        notify=_tell_ngo(
            gettext_lazy("New decision on your application “%(title)s”"),
            "decisions/email/settled.txt",
        ),
    )
