"""Writes of decisions: recording the award list, notifying applicants, appeals."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digital_ngo.accounts.models import User
from digital_ngo.applications.models import Application
from digital_ngo.core.notify import notify_ngo
from digital_ngo.decisions.models import Appeal, Decision
from digital_ngo.decisions.selectors import FUNDED, RESERVE, propose_awards
from digital_ngo.funding.models import Call

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
    notify_ngo(
        appeal.application.ngo,
        _("Decision on your appeal"),
        "decisions/email/appeal.txt",
        {"appeal": appeal},
    )
    return appeal
