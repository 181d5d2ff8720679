"""The visible-activity case's lifecycle: one declared transition table."""

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from digital_ngo.core.workflow import Transition, Workflow, register
from digital_ngo.health.models import ActivityCase, ActivityStatus

S = ActivityStatus


def reply_window_passed(case: ActivityCase) -> Promise | None:
    if case.reply_by is None or case.reply_by >= timezone.localdate():
        return _("The NGO's reply window is still open.")
    return None


ACTIVITY = register(
    Workflow(
        name="ngo_activity",
        model=ActivityCase,
        transitions=[
            Transition("open", (), S.ACTIVE, "health.manage", _("Open the case")),
            Transition(
                "notify",
                (S.ACTIVE,),
                S.NOTIFIED,
                "health.manage",
                _("Notify the NGO"),
                confirm=_("The NGO's people get an e-mail and a notice asking for news."),
            ),
            Transition(
                "mark_inactive",
                (S.NOTIFIED,),
                S.INACTIVE,
                "health.manage",
                _("Mark inactive (no visible activity)"),
                confirm=_("The directory shows the NGO as inactive until a new signal."),
                guards=(reply_window_passed,),
            ),
            Transition(
                "restore",
                (S.NOTIFIED, S.INACTIVE),
                S.ACTIVE,
                "health.manage",
                _("Restore as active"),
                reason_required=True,
            ),
            Transition(
                "restore_on_signal",
                (S.NOTIFIED, S.INACTIVE),
                S.ACTIVE,
                None,
                _("Restored: a new activity signal"),
            ),
        ],
    )
)
