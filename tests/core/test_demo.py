"""``load_demo``: realistic data for every role, reproducible and idempotent."""

import pytest
from django.core.management import call_command

from digital_ngo.accounts.demo import DEMO_PASSWORD
from digital_ngo.accounts.models import Role, User
from digital_ngo.registry.models import NGO, LegalForm, Sanction, Verification
from digital_ngo.registry.validators import normalize_voen

pytestmark = pytest.mark.django_db


def test_load_demo_twice_creates_the_data_once(capsys):
    call_command("load_demo")
    first = (NGO.objects.count(), User.objects.count(), Sanction.objects.count())
    call_command("load_demo")
    assert (NGO.objects.count(), User.objects.count(), Sanction.objects.count()) == first
    assert first[0] == 300
    output = capsys.readouterr().out
    assert DEMO_PASSWORD in output and "admin@qht-demo.az" in output


def test_demo_covers_every_role_form_and_state():
    call_command("load_demo")
    assert {user.role for user in User.objects.all()} == {role.value for role in Role}
    assert set(NGO.objects.values_list("legal_form", flat=True)) == set(LegalForm.values)
    assert set(NGO.objects.values_list("verification", flat=True)) == set(Verification.values)
    assert NGO.objects.exclude(region=None).values("region").distinct().count() >= 10
    assert NGO.objects.filter(search_text__contains="vetendas").exists()
    for voen in NGO.objects.exclude(voen=None).values_list("voen", flat=True)[:300]:
        assert normalize_voen(voen) == voen
    admin = User.objects.get(email="admin@qht-demo.az")
    assert admin.check_password(DEMO_PASSWORD)


def test_scale_multiplies_the_data():
    call_command("load_demo", scale=3)
    assert NGO.objects.count() == 900


def test_demo_shows_the_grant_cycle_and_the_press_archive():
    from digital_ngo.applications.models import Application
    from digital_ngo.funding.models import Call
    from digital_ngo.press.models import PressItem

    call_command("load_demo")
    assert Call.objects.open_now().count() == 1
    states = set(Application.objects.values_list("status", flat=True))
    assert {
        "draft",
        "submitted",
        "returned",
        "inadmissible",
        "under_evaluation",
        "scored",
    } <= states
    assert Application.objects.filter(status="scored", score__isnull=False).exists()
    assert PressItem.objects.filter(status="published").exists()


def test_demo_has_grants_at_every_stage():
    from digital_ngo.grants.models import Expense, Grant, Report

    call_command("load_demo")
    assert set(Grant.objects.values_list("status", flat=True)) == {"active", "closed"}
    assert {"due", "submitted", "returned", "approved"} <= set(
        Report.objects.values_list("status", flat=True)
    )
    assert Expense.objects.filter(is_eligible=False, budget_line__category="media").exists()


def test_demo_calendar_is_coherent_and_shows_each_sanction_rung():
    """Issue 11 §6: the past call closed in the year it is named after and was decided after
    it closed; agreements start after the appeal window; overdue reports on each rung; the
    current call is open now; one evaluator is kept away from an application by a link."""
    from django.utils import timezone

    from digital_ngo.decisions.models import Decision
    from digital_ngo.funding.models import Call
    from digital_ngo.grants import services as grant_services
    from digital_ngo.grants.models import Grant, Report
    from digital_ngo.registry.models import Affiliation
    from digital_ngo.reviews.models import Assignment

    call_command("load_demo")
    now = timezone.now()
    past, current = Call.objects.order_by("year")
    assert past.closes_at < now and timezone.localtime(past.closes_at).year == past.year
    assert current.opens_at < now < current.closes_at
    decision = Decision.objects.get(call=past)
    assert past.closes_at < decision.decided_at < decision.appeals_until < now
    assert past.applications.filter(submitted_at__gt=past.closes_at).count() == 0
    for grant in Grant.objects.all():
        assert grant.starts_on > timezone.localtime(decision.appeals_until).date()
        assert grant.created_at < now and grant.ends_on < grant.reports.get(kind="final").due_on
        for report in grant.reports.exclude(submitted_at=None):
            assert report.submitted_at < now
    rungs = {
        tuple(proposal.kinds)
        for report in Report.objects.filter(status=Report.Status.DUE)
        if (proposal := grant_services.propose_sanction(report)) is not None
    }
    assert rungs == {
        ("warning",),
        ("tranche_withheld", "ban"),
        ("ban",),
        ("ban", "recovery"),
    }
    assert past.applications.filter(status="withdrawn").count() == 1
    link = Affiliation.objects.get(email__iexact="evaluator2@qht-demo.az")
    assert link.person.email == "evaluator2@qht-demo.az"
    assert not Assignment.objects.filter(evaluator=link.person, application__ngo=link.ngo).exists()
    assert link.ngo.applications.filter(assignments__isnull=False).exists()
