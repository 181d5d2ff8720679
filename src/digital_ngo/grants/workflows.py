"""The lifecycles of a grant, its reports and its tranches: declared transition tables.

A report is submitted (again after a return), then approved or returned by
monitoring; a tranche is paid by finance in order, withheld by a sanction, and a
payment recorded in error is voided with a reason (never edited in place); a
grant closes itself once every tranche is settled and the final report approved,
or is cancelled by the agency with a reason; a sanction is imposed and may be
voided with a reason.
"""

from django.utils.translation import gettext_lazy as _

from digital_ngo.core.workflow import Transition, Workflow, register
from digital_ngo.grants.models import Grant, Report, Tranche

G, R, T = Grant.Status, Report.Status, Tranche.Status

GRANT = register(
    Workflow(
        name="grant",
        model=Grant,
        transitions=[
            Transition("conclude", (), G.ACTIVE, "grants.conclude", _("Conclude the agreement")),
            Transition("close", (G.ACTIVE,), G.CLOSED, None, _("Close the grant")),
            Transition(
                "cancel",
                (G.ACTIVE,),
                G.CANCELLED,
                "decisions.record",
                _("Cancel the grant"),
                confirm=_("The grant is cancelled; no further tranche will be paid."),
                reason_required=True,
            ),
        ],
    )
)

REPORT = register(
    Workflow(
        name="report",
        model=Report,
        transitions=[
            Transition(
                "submit",
                (R.DUE, R.RETURNED),
                R.SUBMITTED,
                "grants.report",
                _("Submit the report"),
                confirm=_("The report goes to the agency's monitoring officer."),
            ),
            Transition(
                "approve",
                (R.SUBMITTED,),
                R.APPROVED,
                "grants.review_report",
                _("Approve the report"),
                confirm=_("Its figures become public and the next tranche may be paid."),
            ),
            Transition(
                "return",
                (R.SUBMITTED,),
                R.RETURNED,
                "grants.review_report",
                _("Return the report"),
                reason_required=True,
            ),
        ],
    )
)

TRANCHE = register(
    Workflow(
        name="tranche",
        model=Tranche,
        transitions=[
            Transition(
                "pay",
                (T.SCHEDULED,),
                T.PAID,
                "grants.pay",
                _("Record the payment"),
                confirm=_("The payment is recorded and counted in the public totals."),
            ),
            Transition(
                "withhold",
                (T.SCHEDULED,),
                T.WITHHELD,
                "grants.sanction",
                _("Withhold the tranche"),
                reason_required=True,
            ),
            Transition(
                "void_payment",
                (T.PAID,),
                T.SCHEDULED,
                "grants.pay",
                _("Void the payment"),
                confirm=_("The payment is voided; the tranche awaits payment again."),
                reason_required=True,
            ),
        ],
    )
)
