"""Decisions, rule by rule: ranking, the budget cut-off, the pass score, one grant a year,
the recorded decision with notices, and appeals within their window."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from digital_ngo.accounts.models import Role
from digital_ngo.applications import services as application_services
from digital_ngo.applications.models import Application
from digital_ngo.decisions import selectors, services
from digital_ngo.decisions.models import Appeal, Decision
from digital_ngo.funding.models import Call
from digital_ngo.registry.models import FieldOfActivity
from tests.fixtures.grants import close_call, fill

pytestmark = pytest.mark.django_db
Status = Application.Status


@pytest.fixture
def scored(make_user, make_ngo, call, manager, pdf_upload):
    """Scored applications: (score, requested) → Application, each by its own NGO."""
    field = FieldOfActivity.objects.get(slug="environment")

    def make(score, requested, ngo=None, user=None):
        if ngo is None:
            ngo = make_ngo()
            ngo.fields.add(field)
            user = make_user(Role.NGO_ADMIN, ngo)
        application = application_services.start_application(
            user=user,
            call=call,
            instrument="small",
            topic=call.topics.get(code="A"),
            field=field,
            title=f"Layihə {score}",
        )
        fill(application, requested=Decimal(requested))
        application_services.attach(
            user=user,
            application=application,
            upload=pdf_upload(),
            required_document=call.required_documents.get(),
        )
        application_services.submit(user=user, application=application)
        Application.objects.filter(pk=application.pk).update(
            status=Status.SCORED, score=Decimal(score)
        )
        return Application.objects.get(pk=application.pk)

    return make


def outcomes(call):
    return [(line.application.score, line.outcome) for line in selectors.propose_awards(call).lines]


def test_best_scores_are_funded_until_the_budget_runs_out(call, scored):
    Call.objects.filter(pk=call.pk).update(total_budget=Decimal("25000"))
    call.refresh_from_db()
    for score in (90, 80, 70, 40):
        scored(score, 12000)
    assert outcomes(call) == [
        (Decimal("90.00"), "funded"),
        (Decimal("80.00"), "funded"),
        (Decimal("70.00"), "reserve"),
        (Decimal("40.00"), "rejected"),
    ]
    assert selectors.propose_awards(call).awarded == Decimal("24000.00")


def test_one_grant_a_year_per_ngo_in_the_award_list(call, scored):
    first = scored(90, 10000)
    user = first.ngo.people.get()
    Application.objects.filter(pk=first.pk).update(status=Status.SCORED)
    second = scored(85, 10000, ngo=first.ngo, user=user)
    lines = {line.application.pk: line for line in selectors.propose_awards(call).lines}
    assert lines[first.pk].outcome == "funded" and lines[second.pk].outcome == "rejected"


def test_recording_the_decision_sets_statuses_and_notifies_with_scores(
    call, scored, make_user, django_capture_on_commit_callbacks
):
    Call.objects.filter(pk=call.pk).update(total_budget=Decimal("12000"))
    winner, reserve = scored(90, 12000), scored(80, 12000)
    admin = make_user(Role.AGENCY_ADMIN)
    with django_capture_on_commit_callbacks(execute=True):
        close_call(call)
        services.record_decision(
            staff=admin, call=call, minutes="Müşahidə Şurasının 3 saylı iclası"
        )
    winner.refresh_from_db()
    reserve.refresh_from_db()
    assert (winner.status, winner.awarded_amount) == (Status.FUNDED, Decimal("12000.00"))
    assert (reserve.status, reserve.awarded_amount) == (Status.RESERVE, None)
    assert len(mail.outbox) == 2 and "90" in mail.outbox[0].body + mail.outbox[1].body
    with pytest.raises(ValidationError):
        services.record_decision(staff=admin, call=call, minutes="again")


def test_only_an_administrator_records_and_not_during_evaluation(call, scored, manager, make_user):
    scored(90, 1000)
    pending = scored(60, 1000)
    close_call(call)
    with pytest.raises(PermissionDenied):
        services.record_decision(staff=manager, call=call, minutes="x")
    Application.objects.filter(pk=pending.pk).update(status=Status.UNDER_EVALUATION)
    with pytest.raises(ValidationError):
        services.record_decision(staff=make_user(Role.AGENCY_ADMIN), call=call, minutes="x")
    assert not Decision.objects.exists()


def test_appeal_once_within_the_window_and_ruling(call, scored, make_user, make_ngo):
    application = scored(40, 1000)
    admin = make_user(Role.AGENCY_ADMIN)
    applicant = application.ngo.people.get()
    with pytest.raises(ValidationError):  # no decision yet
        services.appeal(user=applicant, application=application, text="Ballar ədalətsizdir.")
    close_call(call)
    services.record_decision(staff=admin, call=call, minutes="x")
    with pytest.raises(PermissionDenied):
        services.appeal(
            user=make_user(Role.NGO_ADMIN, make_ngo()), application=application, text="x"
        )
    appeal = services.appeal(user=applicant, application=application, text="Ballar ədalətsizdir.")
    with pytest.raises(ValidationError):
        services.appeal(user=applicant, application=application, text="Yenə")
    ruled = services.rule_on_appeal(
        staff=admin, appeal=appeal, outcome="dismissed", note="Ballar əsaslıdır."
    )
    assert ruled.outcome == Appeal.Outcome.DISMISSED and ruled.decided_by == admin


def test_appeal_after_the_window_is_refused(call, scored, make_user):
    application = scored(40, 1000)
    close_call(call)
    services.record_decision(staff=make_user(Role.AGENCY_ADMIN), call=call, minutes="x")
    Decision.objects.update(appeals_until=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError):
        services.appeal(user=application.ngo.people.get(), application=application, text="Gec")


@pytest.mark.parametrize("role", sorted({r.value for r in Role} | {"anonymous"}))
def test_ranking_page_and_recording_permissions(client, users, call, scored, role):
    scored(90, 1000)
    if users[role] is not None:
        client.force_login(users[role])
    staff = {"agency_admin", "programme_manager", "monitoring_officer", "finance_officer"}
    status = client.get(reverse("decisions:ranking", args=[call.pk])).status_code
    assert status == (200 if role in staff else 302 if role == "anonymous" else 403)
    close_call(call)
    client.post(reverse("decisions:record", args=[call.pk]), {"minutes": "İclas"})
    assert Decision.objects.exists() == (role == "agency_admin")


def test_applicant_sees_scores_and_comments_only_after_the_decision(
    client, call, scored, make_user
):
    application = scored(90, 1000)
    applicant = application.ngo.people.get()
    from digital_ngo.reviews.models import Assignment, Score

    evaluator = make_user(Role.EVALUATOR, full_name="Gizli Ekspert")
    assignment = Assignment.objects.create(
        application=application, evaluator=evaluator, status="submitted", total=Decimal(90)
    )
    Score.objects.create(
        assignment=assignment, criterion=call.criteria.first(), value=9, comment="Güclü layihə"
    )
    client.force_login(applicant)
    url = reverse("applications:detail", args=[application.pk])
    assert "Güclü layihə" not in client.get(url).content.decode()
    close_call(call)
    services.record_decision(staff=make_user(Role.AGENCY_ADMIN), call=call, minutes="x")
    page = client.get(url).content.decode()
    assert "Güclü layihə" in page and "Gizli Ekspert" not in page


def test_the_decision_waits_for_the_call_to_close_and_every_check(
    call, scored, make_user, ngo_admin, complete
):
    scored(90, 12000)
    admin = make_user(Role.AGENCY_ADMIN)
    with translation.override("en"), pytest.raises(ValidationError, match="still open"):
        services.record_decision(staff=admin, call=call, minutes="x")
    application_services.submit(user=ngo_admin, application=complete)
    close_call(call)
    with translation.override("en"), pytest.raises(ValidationError, match="technical check"):
        services.record_decision(staff=admin, call=call, minutes="x")
    assert not Decision.objects.exists()
    assert Application.objects.get(pk=complete.pk).status == Status.SUBMITTED
