"""After the board's decision: the decided ranking, awards withdrawn with the next reserve
promoted within the budget, and upheld appeals re-opening an application's place."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from digital_ngo.accounts.models import Role
from digital_ngo.applications.models import Application
from digital_ngo.core.models import ActionLog
from digital_ngo.core.workflow import TransitionRefused
from digital_ngo.decisions import selectors, services
from digital_ngo.funding.models import Call
from tests.decisions.test_decisions import scored  # noqa: F401  (fixture)
from tests.fixtures.grants import close_call

pytestmark = pytest.mark.django_db
Status = Application.Status


@pytest.fixture
def admin(make_user):
    return make_user(Role.AGENCY_ADMIN)


@pytest.fixture
def decided(call, scored, admin):  # noqa: F811
    """Budget 25 000: 90 and 80 funded (12 000 each, 1 000 left), 70 (12 000) and 60 (5 000)
    on the reserve list, 40 below the pass score."""
    Call.objects.filter(pk=call.pk).update(total_budget=Decimal("25000"))
    call.refresh_from_db()
    apps = {
        score: scored(score, requested)
        for score, requested in ((90, 12000), (80, 12000), (70, 12000), (60, 5000), (40, 1000))
    }
    close_call(call)
    services.record_decision(staff=admin, call=call, minutes="Şuranın 5 saylı iclası")
    for application in apps.values():
        application.refresh_from_db()
    return apps


def test_the_ranking_after_the_decision_shows_the_decided_outcomes(client, call, decided, admin):
    proposal = selectors.decided_ranking(call)
    outcomes = [(line.application.score, line.outcome, line.amount) for line in proposal.lines]
    assert outcomes == [
        (Decimal("90.00"), "funded", Decimal("12000.00")),
        (Decimal("80.00"), "funded", Decimal("12000.00")),
        (Decimal("70.00"), "reserve", Decimal("12000.00")),
        (Decimal("60.00"), "reserve", Decimal("5000.00")),
        (Decimal("40.00"), "rejected", Decimal("1000.00")),
    ]
    assert proposal.awarded == Decimal("24000.00")
    client.force_login(admin)
    page = client.get(reverse("decisions:ranking", args=[call.pk])).content.decode()
    assert "Layihə 70" in page and "Layihə 90" in page
    assert "24000" in re.sub(r"\s", "", page)


def test_a_withdrawn_award_promotes_the_best_reserve_that_fits(
    call, decided, admin, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_award(
            staff=admin, application=decided[80], reason="Təşkilat qrantdan imtina etdi."
        )
    for application in decided.values():
        application.refresh_from_db()
    assert decided[80].status == Status.WITHDRAWN
    # 13 000 free: the 70 (12 000) is the best reserve that fits
    assert decided[70].status == Status.FUNDED
    assert decided[70].awarded_amount == Decimal("12000.00")
    assert decided[60].status == Status.RESERVE
    assert selectors.remaining_budget(call) == Decimal("1000.00")
    recipients = {address for message in mail.outbox for address in message.to}
    assert decided[70].ngo.people.get().email in recipients
    assert decided[80].ngo.people.get().email in recipients
    log = ActionLog.objects.filter(object_id=decided[70].pk, action="promote").get()
    assert log.actor == admin and log.from_state == "reserve" and log.to_state == "funded"
    line = {ln.application.pk: ln for ln in selectors.decided_ranking(call).lines}
    assert line[decided[80].pk].outcome == "withdrawn"
    assert line[decided[80].pk].reason == "Təşkilat qrantdan imtina etdi."


def test_no_reserve_is_promoted_beyond_the_remaining_budget(call, decided, admin):
    Call.objects.filter(pk=call.pk).update(total_budget=Decimal("24500"))
    services.withdraw_award(staff=admin, application=decided[80], reason="Ləğv edildi.")
    for application in decided.values():
        application.refresh_from_db()
    # 12 500 free: 70 (12 000) fits
    assert decided[70].status == Status.FUNDED
    services.withdraw_award(staff=admin, application=decided[90], reason="Ləğv edildi.")
    decided[60].refresh_from_db()
    assert decided[60].status == Status.FUNDED  # 12 500 free again: 60 (5 000) is next


def test_withdrawing_needs_a_reason_an_administrator_and_happens_once(
    call, decided, admin, manager
):
    with pytest.raises(ValidationError):
        services.withdraw_award(staff=admin, application=decided[90], reason=" ")
    with pytest.raises(PermissionDenied):
        services.withdraw_award(staff=manager, application=decided[90], reason="x")
    services.withdraw_award(staff=admin, application=decided[90], reason="İmtina")
    with pytest.raises(TransitionRefused):
        services.withdraw_award(staff=admin, application=decided[90], reason="İmtina")
    with pytest.raises(TransitionRefused):  # a reserve application has no award to withdraw
        services.withdraw_award(staff=admin, application=decided[60], reason="x")


def test_an_upheld_appeal_reopens_the_place_and_staff_fund_or_reserve_it(call, decided, admin):
    rejected = decided[40]
    appeal = services.appeal(
        user=rejected.ngo.people.get(), application=rejected, text="Ballar səhv toplanıb."
    )
    services.rule_on_appeal(
        staff=admin, appeal=appeal, outcome="upheld", note="Ballar yenidən hesablandı."
    )
    rejected.refresh_from_db()
    assert rejected.status == Status.SCORED
    log = ActionLog.objects.get(object_id=rejected.pk, action="reopen")
    assert log.reason == "Ballar yenidən hesablandı."
    line = {ln.application.pk: ln for ln in selectors.decided_ranking(call).lines}
    assert line[rejected.pk].outcome == "reopened"
    settled = services.settle_reopened(staff=admin, application=rejected, action="fund")
    assert settled.status == Status.FUNDED and settled.awarded_amount == Decimal("1000.00")


def test_a_reopened_application_is_funded_only_within_the_budget(call, decided, admin):
    reserve = decided[70]
    appeal = services.appeal(user=reserve.ngo.people.get(), application=reserve, text="Etiraz")
    services.rule_on_appeal(staff=admin, appeal=appeal, outcome="upheld", note="Əsaslıdır.")
    reserve.refresh_from_db()
    with pytest.raises(ValidationError):
        services.settle_reopened(staff=admin, application=reserve, action="fund")
    settled = services.settle_reopened(staff=admin, application=reserve, action="reserve")
    assert settled.status == Status.RESERVE and settled.awarded_amount is None


def test_a_dismissed_appeal_changes_no_place(call, decided, admin):
    rejected = decided[40]
    appeal = services.appeal(user=rejected.ngo.people.get(), application=rejected, text="x")
    services.rule_on_appeal(staff=admin, appeal=appeal, outcome="dismissed", note="Əsassızdır.")
    rejected.refresh_from_db()
    assert rejected.status == Status.REJECTED


@pytest.mark.parametrize("role", sorted({r.value for r in Role} | {"anonymous"}))
def test_withdraw_and_settle_views_are_for_administrators_only(client, users, decided, role):
    if users[role] is not None:
        client.force_login(users[role])
    url = reverse("decisions:withdraw_award", args=[decided[90].pk])
    response = client.post(url, {"reason": "İmtina"})
    assert response.status_code == (302 if role in {"agency_admin", "anonymous"} else 403)
    decided[90].refresh_from_db()
    assert (decided[90].status == Status.WITHDRAWN) == (role == "agency_admin")
    Application.objects.filter(pk=decided[40].pk).update(status=Status.SCORED)
    response = client.post(reverse("decisions:settle", args=[decided[40].pk]), {"action": "reject"})
    assert response.status_code == (302 if role in {"agency_admin", "anonymous"} else 403)
    decided[40].refresh_from_db()
    assert (decided[40].status == Status.REJECTED) == (role == "agency_admin")


def test_a_cancelled_grant_frees_its_unpaid_money_for_the_next_reserve(
    call, decided, admin, make_user
):
    from datetime import date

    from digital_ngo.grants import services as grant_services
    from digital_ngo.grants.models import Grant, Tranche
    from tests.fixtures.grants import conclude

    decided_long_ago(call)
    grant = conclude(admin, decided[80], date(2026, 3, 2))
    first = grant.tranches.get(number=1)  # 80% of 12 000 paid before the cancellation
    grant_services.record_payment(
        staff=make_user(Role.FINANCE_OFFICER),
        tranche=first,
        paid_on=date(2026, 3, 5),
        reference="P1",
    )
    with pytest.raises(ValidationError):
        grant_services.cancel_grant(staff=admin, grant=grant, reason="  ")
    grant_services.cancel_grant(staff=admin, grant=grant, reason="Layihə icra olunmur.")
    grant.refresh_from_db()
    for application in decided.values():
        application.refresh_from_db()
    assert grant.status == Grant.Status.CANCELLED
    assert decided[80].status == Status.WITHDRAWN
    # 1 000 left + 12 000 awarded − 9 600 already paid = 3 400: only the 60 (5 000)… does not
    # fit either; nothing is promoted, and the paid money stays counted
    assert selectors.remaining_budget(call) == Decimal("3400.00")
    assert decided[70].status == Status.RESERVE and decided[60].status == Status.RESERVE
    assert Tranche.objects.get(pk=first.pk).status == Tranche.Status.PAID
    with pytest.raises(TransitionRefused):
        grant_services.cancel_grant(staff=admin, grant=grant, reason="Yenə")


def test_a_cancelled_grant_with_nothing_paid_promotes_the_next_reserve(call, decided, admin):
    from datetime import date

    from digital_ngo.grants import services as grant_services
    from tests.fixtures.grants import conclude

    decided_long_ago(call)
    grant = conclude(admin, decided[80], date(2026, 3, 2))
    grant_services.cancel_grant(staff=admin, grant=grant, reason="Təşkilat ləğv olunub.")
    decided[70].refresh_from_db()
    assert decided[70].status == Status.FUNDED


def decided_long_ago(call):
    """Move the decision and its appeal window before the agreements of these tests."""
    from datetime import datetime

    from django.utils import timezone

    from digital_ngo.decisions.models import Decision

    Decision.objects.filter(call=call).update(
        decided_at=timezone.make_aware(datetime(2026, 1, 10)),
        appeals_until=timezone.make_aware(datetime(2026, 1, 25)),
    )
