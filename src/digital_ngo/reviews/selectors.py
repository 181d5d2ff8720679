"""Reads of evaluation: conflicts found in the registry, evaluator load, results per call."""

from collections import Counter
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from digital_ngo.accounts.models import Role, User
from digital_ngo.applications.models import Application
from digital_ngo.funding.models import Call
from digital_ngo.registry.models import Affiliation
from digital_ngo.reviews.models import Assignment

#: How long a past link to an NGO still counts as a conflict of interest.
CONFLICT_WINDOW = timedelta(days=2 * 365)


def involved_ngo_ids(application: Application) -> set[int]:
    """The lead applicant and every partner."""
    return {application.ngo_id, *application.partners.values_list("ngo_id", flat=True)}


def registry_conflicts(
    evaluator: User, application: Application, today: date | None = None
) -> list[str]:
    """Links, now or in the last 2 years, between ``evaluator`` and the NGOs of ``application``."""
    since = (today or timezone.localdate()) - CONFLICT_WINDOW
    links = (
        Affiliation.objects.current()
        .of_person(evaluator)  # by account, else by e-mail (issue 11 §6)
        .filter(ngo_id__in=involved_ngo_ids(application))
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=since))
        .select_related("ngo")
    )
    return [
        _("%(role)s of %(ngo)s") % {"role": link.get_role_display(), "ngo": link.ngo.name}
        for link in links
    ]


def active_evaluators() -> QuerySet[User]:
    return User.objects.filter(role=Role.EVALUATOR, is_active=True).order_by("pk")


def call_load(call: Call) -> Counter[int]:
    """How many applications of ``call`` each evaluator reviews (recusals not counted)."""
    counts = (
        Assignment.objects.filter(application__call=call)
        .exclude(status=Assignment.Status.CONFLICT)
        .values_list("evaluator_id", flat=True)
    )
    return Counter(counts)


def my_assignments(evaluator: User) -> QuerySet[Assignment]:
    return Assignment.objects.filter(evaluator=evaluator).select_related(
        "application__call", "application__topic"
    )


def call_results(call: Call) -> QuerySet[Application]:
    """Applications of ``call`` in or after evaluation, with their assignments, best first."""
    return (
        Application.objects.filter(call=call)
        .exclude(
            status__in=[
                Application.Status.DRAFT,
                Application.Status.SUBMITTED,
                Application.Status.RETURNED,
                Application.Status.INADMISSIBLE,
            ]
        )
        .select_related("ngo", "topic")
        .prefetch_related("assignments__evaluator")
        .order_by("topic__position", "-score", "pk")
    )
