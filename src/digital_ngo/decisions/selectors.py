"""The award proposal: rank scored applications and fund the best within the budget.

Applications are ranked by score within each topic. The award list walks all
scored applications from the highest score down and funds each while the money
lasts, skipping those below the pass score and a second small, medium or large
grant for an NGO in the same year. Applications that passed but did not fit go
to the reserve list; the rest are not funded.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from digital_ngo.applications.models import Application
from digital_ngo.applications.selectors import budget_of, funded_this_year
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
