"""The award proposal: rank scored applications and fund the best within the budget.

Applications are ranked by score within each topic. The award list walks all
scored applications from the highest score down and funds each while the money
lasts, skipping those below the pass score and a second small, medium or large
grant for an NGO in the same year. Applications that passed but did not fit go
to the reserve list; the rest are not funded.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from digital_ngo.applications.models import Application
from digital_ngo.applications.selectors import FUNDED_STATES, budget_of, funded_this_year
from digital_ngo.funding.models import ONE_PER_YEAR, Call

FUNDED, RESERVE, REJECTED = "funded", "reserve", "rejected"


@dataclass
class Line:
    application: Application
    amount: Decimal
    outcome: str = REJECTED
    reason: str = ""


@dataclass
class Proposal:
    lines: list[Line] = field(default_factory=list)
    awarded: Decimal = Decimal(0)

    def by_topic(self) -> list[tuple[object, list[Line]]]:
        """Lines grouped by topic, topics in call order, best score first."""
        topics: dict[int, tuple[object, list[Line]]] = {}
        for line in self.lines:
            topic = line.application.topic
            topics.setdefault(topic.pk, (topic, []))[1].append(line)
        ordered = sorted(topics.values(), key=lambda item: (item[0].position, item[0].code))  # type: ignore[attr-defined]
        return ordered


def propose_awards(call: Call) -> Proposal:
    """The award list the data suggests for ``call``; the board records it as its decision."""
    scored = (
        Application.objects.filter(call=call, status=Application.Status.SCORED)
        .select_related("ngo", "topic")
        .prefetch_related("budget_lines")
        .order_by("-score", "submitted_at", "pk")
    )
    proposal, left, winners = Proposal(), call.total_budget, set()
    for application in scored:
        line = Line(application, budget_of(application).requested)
        limited = application.instrument in ONE_PER_YEAR
        if application.score is None or application.score < call.pass_score:
            line.reason = _("Below the pass score of %(score)s.") % {"score": call.pass_score}
        elif limited and (
            application.ngo_id in winners or funded_this_year(application.ngo, call.year)
        ):
            line.reason = _("The NGO already wins a grant this year.")
        elif line.amount > left:
            line.outcome, line.reason = RESERVE, _("Passed, but the budget is used up.")
        else:
            line.outcome = FUNDED
            left -= line.amount
            proposal.awarded += line.amount
            if limited:
                winners.add(application.ngo_id)
        proposal.lines.append(line)
    return proposal


# --- After the decision: the decided ranking and the money left (issue 11, §6) ---------------

WITHDRAWN, REOPENED = "withdrawn", "reopened"
DECIDED_OUTCOME: dict[str, str] = {
    Application.Status.FUNDED: FUNDED,
    Application.Status.AGREEMENT: FUNDED,
    Application.Status.RESERVE: RESERVE,
    Application.Status.REJECTED: REJECTED,
    Application.Status.WITHDRAWN: WITHDRAWN,
    Application.Status.SCORED: REOPENED,
}


def awarded_total(call: Call) -> Decimal:
    """What the call's funded applications (with or without an agreement) were awarded."""
    total = Application.objects.filter(
        call=call, status__in=FUNDED_STATES, awarded_amount__isnull=False
    ).aggregate(total=Sum("awarded_amount"))["total"]
    return total or Decimal(0)


def remaining_budget(call: Call) -> Decimal:
    """The call's budget less what is awarded and what was paid on grants since cancelled."""
    from digital_ngo.grants.models import Grant, Tranche

    paid_on_cancelled = Tranche.objects.filter(
        grant__application__call=call,
        grant__status=Grant.Status.CANCELLED,
        status=Tranche.Status.PAID,
    ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    return call.total_budget - awarded_total(call) - paid_on_cancelled


def _last_reasons(applications: list[Application]) -> dict[int, str]:
    """The reason of each application's latest logged step that gave one."""
    from django.contrib.contenttypes.models import ContentType

    from digital_ngo.core.models import ActionLog

    entries = ActionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(Application),
        object_id__in=[a.pk for a in applications],
    ).exclude(reason="")
    reasons: dict[int, str] = {}
    for entry in entries.order_by("created_at", "pk"):
        reasons[entry.object_id] = entry.reason
    return reasons


def decided_ranking(call: Call) -> Proposal:
    """The ranking as the board decided it, with what happened since (withdrawn, promoted,
    re-opened by an appeal): outcomes from the applications' statuses, amounts as awarded."""
    applications = list(
        Application.objects.filter(call=call, status__in=list(DECIDED_OUTCOME))
        .select_related("ngo", "topic")
        .prefetch_related("budget_lines")
        .order_by("-score", "submitted_at", "pk")
    )
    reasons = _last_reasons(applications)
    proposal = Proposal()
    for application in applications:
        outcome = DECIDED_OUTCOME[application.status]
        amount = application.awarded_amount
        if amount is None or outcome != FUNDED:
            amount = budget_of(application).requested
        else:
            proposal.awarded += amount
        proposal.lines.append(Line(application, amount, outcome, reasons.get(application.pk, "")))
    return proposal


def next_reserve(call: Call, topic_id: int | None, left: Decimal) -> Application | None:
    """The best reserve application that fits in ``left``: the same topic first, then the call.

    The one-grant-a-year rule still holds: an NGO already funded this year is passed over.
    """
    reserve = (
        Application.objects.filter(call=call, status=Application.Status.RESERVE)
        .select_related("ngo", "topic")
        .prefetch_related("budget_lines")
        .order_by("-score", "submitted_at", "pk")
    )
    ranked = sorted(reserve, key=lambda a: a.topic_id != topic_id)  # stable: keeps the score order
    for application in ranked:
        if budget_of(application).requested > left:
            continue
        if application.instrument in ONE_PER_YEAR and funded_this_year(application.ngo, call.year):
            continue
        return application
    return None
