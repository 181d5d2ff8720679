"""The application's lifecycle, from draft to the board's decision: one declared transition table.

Who may take each step is a django-rules permission on the application; the
platform itself (``permission=None``) scores an application once every
evaluator has submitted. The decision's outcomes (funded, reserve, not funded)
are taken by recording the board's decision; a reserve application is funded
when a funded one is declined or cancelled; an upheld appeal re-opens the
application's place in the ranking (back to scored).
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from digital_ngo.applications.models import Application
from digital_ngo.core.workflow import Transition, Workflow, register

S = Application.Status


def _still_editable(application: Application) -> Promise | None:
    if application.is_editable:
        return None
    return _("The application can no longer be changed.")


def _not_returned_before(application: Application) -> Promise | None:
    return _("An application can be returned only once.") if application.was_returned else None


APPLICATION = register(
    Workflow(
        name="application",
        model=Application,
        transitions=[
            Transition("start", (), S.DRAFT, "applications.apply", _("Start the application")),
            Transition(
                "submit",
                (S.DRAFT, S.RETURNED),
                S.SUBMITTED,
                "applications.submit_application",
                _("Submit the application"),
                confirm=_(
                    "The application is sent to the agency and can no longer be changed "
                    "unless the agency returns it."
                ),
                guards=(_still_editable,),
            ),
            Transition(
                "admit",
                (S.SUBMITTED,),
                S.ADMISSIBLE,
                "applications.check_application",
                _("Declare admissible"),
                confirm=_("The application goes to evaluation."),
            ),
            Transition(
                "return",
                (S.SUBMITTED,),
                S.RETURNED,
                "applications.check_application",
                _("Return for correction"),
                reason_required=True,
                guards=(_not_returned_before,),
            ),
            Transition(
                "reject_inadmissible",
                (S.SUBMITTED,),
                S.INADMISSIBLE,
                "applications.check_application",
                _("Declare inadmissible"),
                confirm=_("The application leaves the competition; the NGO is told why."),
                reason_required=True,
            ),
            Transition(
                "start_evaluation",
                (S.ADMISSIBLE,),
                S.UNDER_EVALUATION,
                "reviews.assign",
                _("Send to the evaluators"),
            ),
            Transition(
                "score", (S.UNDER_EVALUATION,), S.SCORED, None, _("Scored by the evaluators")
            ),
            Transition("fund", (S.SCORED,), S.FUNDED, "decisions.record", _("Fund")),
            Transition(
                "reserve", (S.SCORED,), S.RESERVE, "decisions.record", _("Put on the reserve list")
            ),
            Transition("reject", (S.SCORED,), S.REJECTED, "decisions.record", _("Do not fund")),
            Transition(
                "promote",
                (S.RESERVE,),
                S.FUNDED,
                "decisions.record",
                _("Fund from the reserve list"),
                confirm=_("The reserve application is funded and its NGO is told."),
            ),
            Transition(
                "conclude",
                (S.FUNDED,),
                S.AGREEMENT,
                "grants.conclude",
                _("Conclude the grant agreement"),
                confirm=_("The agreement, its tranches and its report schedule are created."),
            ),
            Transition(
                "withdraw_award",
                (S.FUNDED, S.AGREEMENT),
                S.WITHDRAWN,
                "decisions.record",
                _("Award declined or cancelled"),
                reason_required=True,
                confirm=_("The award is cancelled and the next reserve application is funded."),
            ),
            Transition(
                "reopen",
                (S.REJECTED, S.RESERVE),
                S.SCORED,
                "decisions.rule_on_appeal",
                _("Place re-opened by an upheld appeal"),
                reason_required=True,
            ),
        ],
    )
)
