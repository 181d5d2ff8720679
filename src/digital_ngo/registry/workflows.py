"""The NGO registration's lifecycle (technical check): one declared transition table."""

from django.utils.translation import gettext_lazy as _

from digital_ngo.core.workflow import Transition, Workflow, register
from digital_ngo.registry.models import NGO, Verification

V = Verification

VERIFICATION = register(
    Workflow(
        name="ngo_verification",
        model=NGO,
        field="verification",
        transitions=[
            Transition(
                "register",
                (),
                V.SUBMITTED,
                "registry.register_ngo",
                _("Register the NGO"),
            ),
            Transition(
                "verify",
                (V.SUBMITTED,),
                V.VERIFIED,
                "registry.verify_ngo",
                _("Verify the registration"),
                confirm=_("The NGO joins the public directory and may apply for grants."),
            ),
            Transition(
                "return",
                (V.SUBMITTED,),
                V.RETURNED,
                "registry.verify_ngo",
                _("Return for correction"),
                reason_required=True,
            ),
            Transition(
                "resubmit",
                (V.RETURNED,),
                V.SUBMITTED,
                "registry.edit_registration",
                _("Resubmit the corrected registration"),
            ),
        ],
    )
)
