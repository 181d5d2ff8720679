"""Evaluation, rule by rule: conflict-free balanced assignment, declarations, scores in range,
the weighted total, a third evaluator on divergence, and who sees what."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from digital_ngo.accounts.models import Role
from digital_ngo.applications import services as application_services
from digital_ngo.applications.models import Application
from digital_ngo.registry.models import Affiliation
from digital_ngo.reviews import services
from digital_ngo.reviews.models import DECLARATION_QUESTIONS, Assignment

pytestmark = pytest.mark.django_db
NO = dict.fromkeys(DECLARATION_QUESTIONS, False)


@pytest.fixture
def evaluators(make_user):
    return [make_user(Role.EVALUATOR, full_name=f"Ekspert {n}") for n in range(1, 5)]


@pytest.fixture
def admissible(complete, ngo_admin, manager):
    application_services.submit(user=ngo_admin, application=complete)
    return application_services.declare_admissible(staff=manager, application=complete)


def scores_for(application, values):
    criteria = list(application.call.criteria.all())
    return {c.pk: (v, "Əsaslandırılmış şərh") for c, v in zip(criteria, values, strict=True)}


def review(assignment, values):
    services.declare(
        evaluator=assignment.evaluator, assignment=assignment, answers=NO, confidential=True
    )
    return services.submit_scores(
        evaluator=assignment.evaluator,
        assignment=assignment,
        scores=scores_for(assignment.application, values),
    )


def test_assignment_excludes_registry_conflicts_and_balances_load(admissible, evaluators, manager):
    linked = evaluators[0]
    Affiliation.objects.create(
        person=linked,
        ngo=admissible.ngo,
        role=Affiliation.Role.BOARD,
        ends_on=date.today() - timedelta(days=300),
    )
    made, shortages = services.assign_evaluators(staff=manager, call=admissible.call)
    chosen = {a.evaluator for a in admissible.assignments.all()}
    assert made == 2 and shortages == [] and linked not in chosen
    assert Application.objects.get(pk=admissible.pk).status == Application.Status.UNDER_EVALUATION


def test_an_old_link_is_no_longer_a_conflict(admissible, evaluators, manager, make_user):
    for evaluator in evaluators[1:]:
        evaluator.is_active = False
        evaluator.save()
    old, recent = evaluators[0], make_user(Role.EVALUATOR)
    Affiliation.objects.create(
        person=old, ngo=admissible.ngo, role="member", ends_on=date.today() - timedelta(days=800)
    )
    Affiliation.objects.create(person=recent, ngo=admissible.ngo, role="employee", ends_on=None)
    made, shortages = services.assign_evaluators(staff=manager, call=admissible.call)
    assert made == 1 and shortages  # only the old link is allowed: one place stays empty
    assert [a.evaluator for a in admissible.assignments.all()] == [old]


def test_a_declared_conflict_recuses_and_the_place_is_filled_again(admissible, evaluators, manager):
    services.assign_evaluators(staff=manager, call=admissible.call)
    first = admissible.assignments.first()
    services.declare(
        evaluator=first.evaluator,
        assignment=first,
        answers=NO | {"family_tie": True},
        confidential=True,
    )
    statuses = sorted(admissible.assignments.values_list("status", flat=True))
    assert statuses == ["assigned", "assigned", "conflict"]


def test_declaration_needs_every_answer_and_confidentiality(admissible, evaluators, manager):
    services.assign_evaluators(staff=manager, call=admissible.call)
    assignment = admissible.assignments.first()
    for answers, confidential in [({"family_tie": False}, True), (NO, False)]:
        with pytest.raises(ValidationError):
            services.declare(
                evaluator=assignment.evaluator,
                assignment=assignment,
                answers=answers,
                confidential=confidential,
            )
    assert Assignment.objects.get(pk=assignment.pk).status == Assignment.Status.ASSIGNED


def test_scores_give_a_weighted_total_and_the_mean_scores_the_application(
    admissible, evaluators, manager
):
    services.assign_evaluators(staff=manager, call=admissible.call)
    first, second = admissible.assignments.all()
    assert review(first, [8, 6]).total == Decimal("72.00")  # 8/10×60 + 6/10×40
    assert Application.objects.get(pk=admissible.pk).score is None
    assert review(second, [7, 7]).total == Decimal("70.00")
    application = Application.objects.get(pk=admissible.pk)
    assert application.status == Application.Status.SCORED and application.score == Decimal("71.00")


def test_divergent_totals_bring_in_a_third_evaluator(admissible, evaluators, manager):
    services.assign_evaluators(staff=manager, call=admissible.call)
    first, second = admissible.assignments.all()
    review(first, [10, 10])
    review(second, [4, 4])  # 100 vs 40: more than the 20-point threshold
    third = admissible.assignments.get(is_tiebreak=True)
    assert Application.objects.get(pk=admissible.pk).status == Application.Status.UNDER_EVALUATION
    review(third, [7, 7])
    application = Application.objects.get(pk=admissible.pk)
    assert application.score == Decimal("70.00") and application.status == Application.Status.SCORED


@pytest.mark.parametrize("values", [[11, 5], [-1, 5]])
def test_scores_out_of_range_are_refused(admissible, evaluators, manager, values):
    services.assign_evaluators(staff=manager, call=admissible.call)
    assignment = admissible.assignments.first()
    services.declare(
        evaluator=assignment.evaluator, assignment=assignment, answers=NO, confidential=True
    )
    with pytest.raises(ValidationError):
        services.submit_scores(
            evaluator=assignment.evaluator,
            assignment=assignment,
            scores=scores_for(admissible, values),
        )
    assert not assignment.scores.exists()


def test_evaluators_work_only_on_their_own_assignments(admissible, evaluators, manager):
    services.assign_evaluators(staff=manager, call=admissible.call)
    assignment = admissible.assignments.first()
    other = next(e for e in evaluators if e != assignment.evaluator)
    with pytest.raises(PermissionDenied):
        services.declare(evaluator=other, assignment=assignment, answers=NO, confidential=True)


def test_application_opens_to_an_evaluator_only_after_a_clean_declaration(
    client, admissible, evaluators, manager
):
    services.assign_evaluators(staff=manager, call=admissible.call)
    assignment = admissible.assignments.first()
    unassigned = next(
        e for e in evaluators if not admissible.assignments.filter(evaluator=e).exists()
    )
    detail = reverse("applications:detail", args=[admissible.pk])
    client.force_login(assignment.evaluator)
    assert client.get(detail).status_code == 404
    client.post(
        reverse("reviews:declare", args=[assignment.pk]),
        {**dict.fromkeys(NO, "no"), "confidential": "on"},
    )
    assert client.get(detail).status_code == 200
    client.force_login(unassigned)
    assert client.get(detail).status_code == 404
    assert client.get(reverse("reviews:score", args=[assignment.pk])).status_code == 404


def test_evaluators_never_see_each_others_scores(client, admissible, evaluators, manager):
    services.assign_evaluators(staff=manager, call=admissible.call)
    first, second = admissible.assignments.all()
    services.declare(evaluator=first.evaluator, assignment=first, answers=NO, confidential=True)
    criteria = list(admissible.call.criteria.all())
    secret = "Birinci ekspertin gizli şərhi"
    services.submit_scores(
        evaluator=first.evaluator,
        assignment=first,
        scores={c.pk: (v, secret) for c, v in zip(criteria, [9, 3], strict=True)},
    )
    services.declare(evaluator=second.evaluator, assignment=second, answers=NO, confidential=True)
    client.force_login(second.evaluator)
    page = client.get(reverse("reviews:score", args=[second.pk])).content.decode()
    assert secret not in page
    visible = re.sub(r"<[^>]*>", " ", page)  # text only: ids and tokens may hold any digits
    assert not re.search(r"(?<![\d.,])66(?:[.,]0+)?(?![\d.,])", visible)  # 9/10×60 + 3/10×40
    assert (
        client.get(reverse("reviews:call_evaluation", args=[admissible.call_id])).status_code == 403
    )


@pytest.mark.parametrize("role", sorted({r.value for r in Role} | {"anonymous"}))
def test_staff_pages_of_evaluation(client, users, admissible, role):
    if users[role] is not None:
        client.force_login(users[role])
    staff = {"agency_admin", "programme_manager", "monitoring_officer", "finance_officer"}
    page = client.get(reverse("reviews:call_evaluation", args=[admissible.call_id])).status_code
    assert page == (200 if role in staff else 302 if role == "anonymous" else 403)
    client.post(reverse("reviews:assign", args=[admissible.call_id]))
    assigned = (
        Application.objects.get(pk=admissible.pk).status == Application.Status.UNDER_EVALUATION
    )
    assert assigned == (role in {"agency_admin", "programme_manager"})
    mine = client.get(reverse("reviews:mine")).status_code
    assert mine == (200 if role == "evaluator" else 302 if role == "anonymous" else 403)
