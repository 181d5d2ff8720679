"""Reads about applications: eligibility, budget totals and what is missing before submission."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from digital_ngo.applications.models import Application
from digital_ngo.core.templatetags.formatting import azn as format_azn
from digital_ngo.funding.models import ONE_PER_YEAR, Call, CallInstrument, Topic
from digital_ngo.registry.models import NGO, FieldOfActivity, LegalForm
from digital_ngo.registry.selectors import ineligibility_reasons

#: Application states in which a project counts as funded for the one-a-year rule.
FUNDED_STATES = frozenset({Application.Status.FUNDED, Application.Status.AGREEMENT})


@dataclass(frozen=True)
class Budget:
    total: Decimal
    cofunding: Decimal
    requested: Decimal
    by_category: dict[str, Decimal]


def funded_this_year(ngo: NGO, year: int) -> bool:
    """Whether ``ngo`` already has a funded small, medium or large project in ``year``."""
    return Application.objects.filter(
        ngo=ngo, call__year=year, instrument__in=ONE_PER_YEAR, status__in=FUNDED_STATES
    ).exists()


def eligibility_problems(
    ngo: NGO,
    call: Call,
    instrument: str | None = None,
    field: FieldOfActivity | None = None,
    check_window: bool = True,
) -> list[str]:
    """Why ``ngo`` may not apply to ``call`` (for ``instrument`` in ``field``); empty if it may.

    ``check_window=False`` skips the submission window, for corrections after a return.
    """
    problems = list(ineligibility_reasons(ngo))
    if ngo.legal_form == LegalForm.FOREIGN:
        problems.append(_("A foreign NGO can take part only as a partner of a local NGO."))
    if check_window and not call.is_open():
        problems.append(_("The call is not open for applications."))
    if field is not None and not ngo.fields.filter(pk=field.pk).exists():
        problems.append(_("The project's field is not among the NGO's fields of activity."))
    if instrument in ONE_PER_YEAR and funded_this_year(ngo, call.year):
        problems.append(
            _(
                "The NGO already has a funded project in %(year)s; only one small, medium or "
                "large grant a year is allowed."
            )
            % {"year": call.year}
        )
    return problems


def budget_of(application: Application) -> Budget:
    """Totals of the application's budget lines."""
    lines = list(application.budget_lines.all())
    by_category: dict[str, Decimal] = {}
    for line in lines:
        by_category[line.category] = by_category.get(line.category, Decimal(0)) + line.total
    total = sum((line.total for line in lines), Decimal(0))
    cofunding = sum((line.cofunding for line in lines), Decimal(0))
    return Budget(total, cofunding, total - cofunding, by_category)


def coalition_problems(application: Application) -> list[str]:
    """The coalition rule: a local lead, at least one foreign partner, a partnership agreement."""
    partners = [partner.ngo for partner in application.partners.select_related("ngo")]
    problems = []
    if not any(ngo.legal_form == LegalForm.FOREIGN for ngo in partners):
        problems.append(_("This topic needs at least one foreign partner NGO."))
    if not application.attachments.filter(is_partnership_agreement=True).exists():
        problems.append(_("Upload the partnership agreement that names the lead applicant."))
    return problems


def cap_problems(application: Application, budget: Budget) -> list[str]:
    """The instrument's and topic's caps and the instrument's duration, broken by ``budget``."""
    problems = []
    offer = CallInstrument.objects.filter(
        call=application.call, instrument=application.instrument
    ).first()
    if offer is None:
        return [_("The call does not offer this instrument.")]
    if budget.requested > offer.max_amount:
        problems.append(
            _("The requested amount %(amount)s is over the cap of %(cap)s.")
            % {"amount": format_azn(budget.requested), "cap": format_azn(offer.max_amount)}
        )
    topic: Topic = application.topic
    if topic.max_amount is not None and budget.requested > topic.max_amount:
        problems.append(
            _("The requested amount %(amount)s is over the topic's cap of %(cap)s.")
            % {"amount": format_azn(budget.requested), "cap": format_azn(topic.max_amount)}
        )
    if application.duration_months > offer.max_months:
        problems.append(
            _("The project lasts %(months)s months; this instrument allows at most %(max)s.")
            % {"months": application.duration_months, "max": offer.max_months}
        )
    return problems


def _content_problems(application: Application, budget: Budget) -> list[str]:
    problems = []
    if not application.summary.strip() or not application.overall_objective.strip():
        problems.append(_("Write the summary and the overall objective."))
    if not application.outcomes.exists() or not application.indicators.exists():
        problems.append(_("The logframe needs at least one outcome with an indicator."))
    if not application.activities.exists():
        problems.append(_("The workplan needs at least one activity."))
    late = [
        a.title
        for a in application.activities.all()
        if max(a.months, default=0) > application.duration_months
    ]
    if late:
        problems.append(
            _("Activities run past the project's last month: %(titles)s.")
            % {"titles": ", ".join(late)}
        )
    if budget.requested <= 0:
        problems.append(_("The budget requests nothing."))
    return problems


def _document_problems(application: Application) -> list[str]:
    attached = set(application.attachments.values_list("required_document_id", flat=True))
    missing = [
        d.name
        for d in application.call.required_documents.filter(is_mandatory=True)
        if d.pk not in attached
    ]
    return [_("Attach: %(names)s.") % {"names": ", ".join(missing)}] if missing else []


def submission_problems(application: Application) -> list[str]:
    """Everything that stops ``application`` from being submitted now; empty when it can be."""
    budget = budget_of(application)
    returned = application.status == Application.Status.RETURNED
    problems = eligibility_problems(
        application.ngo,
        application.call,
        application.instrument,
        application.field,
        check_window=not returned,
    )
    if returned and not application.is_editable:
        problems.append(_("The correction deadline has passed."))
    problems += _content_problems(application, budget) + cap_problems(application, budget)
    if application.topic.coalition_required:
        problems += coalition_problems(application)
    return problems + _document_problems(application)


def ngo_applications(ngo: NGO) -> QuerySet[Application]:
    """An NGO's applications as lead applicant, newest first."""
    return Application.objects.filter(ngo=ngo).select_related("call", "topic")


def call_applications(call: Call, status: str = "") -> QuerySet[Application]:
    """The applications to a call (submitted ones first), for the staff."""
    applications = Application.objects.filter(call=call).exclude(status=Application.Status.DRAFT)
    if status:
        applications = applications.filter(status=status)
    return applications.select_related("ngo", "topic").order_by("submitted_at")


def open_calls_for(ngo: NGO) -> list[tuple[Call, list[str]]]:
    """Open calls with the problems ``ngo`` would have applying (shown before it starts)."""
    now = timezone.now()
    calls = Call.objects.filter(is_published=True, opens_at__lte=now, closes_at__gt=now)
    return [(call, eligibility_problems(ngo, call)) for call in calls]


def pipeline() -> list[tuple[str, int]]:
    """How many applications are in each state, over all calls (drafts excluded)."""
    counts = dict(
        Application.objects.exclude(status=Application.Status.DRAFT)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [
        (str(label), counts.get(value, 0))
        for value, label in Application.Status.choices
        if value != Application.Status.DRAFT
    ]
