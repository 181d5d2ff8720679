"""Declared lifecycles of the registry: an NGO's registration (technical check) and sanctions.

A sanction is imposed and may be voided with a reason; it is never deleted.
"""

from django.utils.translation import gettext_lazy as _

from digital_ngo.core.workflow import Transition, Workflow, register
from digital_ngo.registry.models import NGO, Sanction, Verification

V = Verification
SA = Sanction.Status

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

SANCTION = register(
    Workflow(
        name="sanction",
        model=Sanction,
        transitions=[
            Transition("impose", (), SA.ACTIVE, "registry.impose_sanction", _("Impose")),
            Transition(
                "void",
                (SA.ACTIVE,),
                SA.VOIDED,
                "registry.impose_sanction",
                _("Void the sanction"),
                confirm=_("The sanction stops counting; the record and the reason stay."),
                reason_required=True,
            ),
        ],
    )
)
