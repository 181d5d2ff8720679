"""Writes of sector health: the staff workflow on an NGO's visible activity.

notify the NGO (e-mail + in-app, in each person's language, Azerbaijani by default) →
after the reply window, mark it "inactive (no visible activity)" → restored automatically
on its next signal (:func:`restore_on_signals`, for the scheduler) or by staff. Each step
goes through ``core.workflow.perform`` and so lands in the action log. Nothing is deleted
and nothing is banned.
"""

from datetime import date, timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from digital_ngo.accounts.models import User
from digital_ngo.core.notify import notify_ngo
from digital_ngo.core.workflow import perform, record_creation
from digital_ngo.health import selectors
from digital_ngo.health.models import ActivityCase, ActivityStatus
from digital_ngo.health.workflows import ACTIVITY
from digital_ngo.registry.models import NGO


def reply_days() -> int:
    return int(settings.ACTIVITY_REPLY_DAYS)


@transaction.atomic
def case_for(ngo: NGO, by: User | None = None) -> ActivityCase:
    """The NGO's case, opened (active) the first time it is needed."""
    case, created = ActivityCase.objects.get_or_create(ngo=ngo)
    if created:
        record_creation(ACTIVITY, case, "open", by=by)
    return case


def notify(*, staff: User, ngo: NGO, today: date | None = None) -> ActivityCase:
    """Ask the NGO for news of its activity; the reply window starts today."""
    day = today or timezone.localdate()
    row = selectors.for_ngo(ngo, day)

    def apply(locked: ActivityCase) -> None:
        locked.notified_on = day
        locked.reply_by = day + timedelta(days=reply_days())

    return perform(
        ACTIVITY,
        case_for(ngo, staff),
        "notify",
        by=staff,
        apply=apply,
        notify=lambda locked: notify_ngo(
            ngo,
            gettext_lazy("The agency sees no recent activity of %(ngo)s"),
            "health/email/notified.txt",
            {"case": locked, "reasons": row.reasons},
            subject_args={"ngo": ngo.name_az},
        ),
    )


def mark_inactive(*, staff: User, ngo: NGO) -> ActivityCase:
    """Label the NGO "inactive (no visible activity)" once its reply window has passed."""
    return perform(
        ACTIVITY,
        case_for(ngo, staff),
        "mark_inactive",
        by=staff,
        notify=lambda locked: notify_ngo(
            ngo,
            gettext_lazy("%(ngo)s is shown as inactive (no visible activity)"),
            "health/email/inactive.txt",
            {"case": locked},
            subject_args={"ngo": ngo.name_az},
        ),
    )


def restore(*, staff: User, ngo: NGO, reason: str) -> ActivityCase:
    """Staff restore the NGO as active (e.g. after its reply)."""
    return perform(
        ACTIVITY,
        case_for(ngo, staff),
        "restore",
        by=staff,
        reason=reason,
        apply=_clear,
        notify=lambda locked: _tell_restored(ngo),
    )


def _clear(locked: ActivityCase) -> None:
    locked.notified_on = locked.reply_by = None


def _tell_restored(ngo: NGO) -> None:
    notify_ngo(
        ngo,
        gettext_lazy("%(ngo)s is shown as active again"),
        "health/email/restored.txt",
        subject_args={"ngo": ngo.name_az},
    )


def _tell_restored_after(ngo: NGO, _locked: ActivityCase) -> None:
    _tell_restored(ngo)


def restore_on_signals(today: date | None = None) -> int:
    """Restore every notified or inactive NGO with a signal since it was notified.

    Idempotent (the scheduler may call it daily); returns how many were restored.
    """
    cases = list(
        ActivityCase.objects.filter(
            status__in=[ActivityStatus.NOTIFIED, ActivityStatus.INACTIVE]
        ).select_related("ngo")
    )
    found = selectors.signals({c.ngo_id for c in cases}) if cases else {}
    restored = 0
    for case in cases:
        latest = found.get(case.ngo_id, [])
        if latest and case.notified_on and latest[0].on > case.notified_on:
            reason = f"{latest[0].kind}: {latest[0].on.isoformat()}"
            perform(
                ACTIVITY,
                case,
                "restore_on_signal",
                by=None,
                reason=reason,
                apply=_clear,
                notify=partial(_tell_restored_after, case.ngo),
            )
            restored += 1
    return restored
