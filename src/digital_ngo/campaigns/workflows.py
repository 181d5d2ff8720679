"""Lifecycles of a statement (draft → approved → sending → sent) and of a signature."""

from django.utils.translation import gettext_lazy as _

from digital_ngo.campaigns.models import Signature, Statement
from digital_ngo.core.workflow import Transition, Workflow, register

S = Statement.Status
G = Signature.Status

STATEMENT = register(
    Workflow(
        name="statement",
        model=Statement,
        transitions=[
            Transition("create", (), S.DRAFT, "campaigns.create_statement", _("Draft")),
            Transition(
                "approve",
                (S.DRAFT,),
                S.APPROVED,
                "campaigns.approve_statement",
                _("Approve the statement"),
                confirm=_("The text is frozen and the statement may be sent or signed."),
            ),
            Transition(
                "send",
                (S.APPROVED,),
                S.SENDING,
                "campaigns.send_statement",
                _("Send to the recipients"),
                confirm=_("The statement is mailed to every recipient in the segment."),
            ),
            Transition("finish", (S.SENDING,), S.SENT, None, _("Sending finished")),
        ],
    )
)

SIGNATURE = register(
    Workflow(
        name="signature",
        model=Signature,
        transitions=[
            Transition("sign", (), G.PENDING, None, _("Signed")),
            Transition(
                "sign_as_ngo", (), G.CONFIRMED, "campaigns.sign_as_ngo", _("Signed by the NGO")
            ),
            Transition("confirm", (G.PENDING,), G.CONFIRMED, None, _("E-mail confirmed")),
            Transition(
                "verify",
                (G.CONFIRMED,),
                G.VERIFIED,
                "campaigns.review_signatures",
                _("Verify the signature"),
            ),
            Transition(
                "reject",
                (G.PENDING, G.CONFIRMED, G.VERIFIED),
                G.REJECTED,
                "campaigns.review_signatures",
                _("Reject the signature"),
                reason_required=True,
            ),
        ],
    )
)
