"""An appeal's lifecycle: lodged by the applicant, then upheld or dismissed — one declared table."""

from django.utils.translation import gettext_lazy as _

from digital_ngo.core.workflow import Transition, Workflow, register
from digital_ngo.decisions.models import Appeal

OUTCOME = Appeal.Outcome

APPEAL = register(
    Workflow(
        name="appeal",
        model=Appeal,
        field="outcome",
        transitions=[
            Transition("lodge", (), OUTCOME.PENDING, "decisions.appeal", _("Lodge the appeal")),
            Transition(
                "uphold",
                (OUTCOME.PENDING,),
                OUTCOME.UPHELD,
                "decisions.rule_on_appeal",
                _("Uphold the appeal"),
                confirm=_("The application's place in the ranking is re-opened."),
                reason_required=True,
            ),
            Transition(
                "dismiss",
                (OUTCOME.PENDING,),
                OUTCOME.DISMISSED,
                "decisions.rule_on_appeal",
                _("Dismiss the appeal"),
                confirm=_("The decision on the application stands."),
                reason_required=True,
            ),
        ],
    )
)
