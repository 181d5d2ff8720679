"""Calls: defaults, completeness before publication, fixed rules once open, who may do what."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from digital_ngo.accounts.models import Role
from digital_ngo.funding import services
from digital_ngo.funding.models import Call, Criterion, Funder, Instrument

pytestmark = pytest.mark.django_db


def test_new_call_offers_the_2026_instruments_and_80_20_tranches(make_call):
    call = make_call(published=False)
    caps = {i.instrument: (i.max_amount, i.max_months) for i in call.instruments.all()}
    assert caps == {
        Instrument.SMALL: (Decimal("15000"), 6),
        Instrument.MEDIUM: (Decimal("30000"), 9),
        Instrument.LARGE: (Decimal("50000"), 12),
    }
    assert call.tranches == [80, 20]


def test_publication_needs_criteria_weights_of_100(make_call, manager):
    call = make_call(published=False)
    Criterion.objects.filter(call=call).first().delete()
    assert any("100" in problem for problem in services.readiness_problems(call))
    with pytest.raises(ValidationError):
        services.publish_call(user=manager, call=call)
    assert not Call.objects.get(pk=call.pk).is_published


@pytest.mark.parametrize("tranches", [[80, 30], [0, 100], [60, 30], [50.5, 49.5], "80,20"])
def test_tranches_must_be_whole_positive_percentages_of_100(manager, tranches):
    data = {
        "name_az": "X",
        "year": 2026,
        "opens_at": timezone.now(),
        "closes_at": timezone.now() + timedelta(days=1),
        "total_budget": Decimal(1000),
        "tranches": tranches,
    }
    with pytest.raises(ValidationError):
        services.create_call(user=manager, data=data, funders=[])
    assert not Call.objects.exists()


def test_call_must_close_after_it_opens(manager):
    now = timezone.now()
    data = {
        "name_az": "X",
        "year": 2026,
        "opens_at": now,
        "closes_at": now,
        "total_budget": Decimal(1),
    }
    with pytest.raises(ValidationError):
        services.create_call(user=manager, data=data, funders=[])


@pytest.mark.parametrize("role", [Role.MONITORING_OFFICER, Role.FINANCE_OFFICER, Role.EVALUATOR])
def test_only_admins_and_programme_managers_manage_calls(make_user, make_call, role):
    call = make_call(published=False)
    with pytest.raises(PermissionDenied):
        services.publish_call(user=make_user(role), call=call)


def test_is_open_follows_the_window(make_call):
    assert make_call().is_open()
    assert not make_call(opens_in_days=2).is_open()
    assert not make_call(published=False).is_open()


def test_staff_create_a_call_with_topics_and_criteria_through_the_form(client, manager):
    client.force_login(manager)
    agency = Funder.objects.get(code="agency")
    data = {
        "name_az": "COP29 birgə müsabiqəsi",
        "year": "2026",
        "funders": [agency.pk],
        "opens_at": "2026-07-16T10:00",
        "closes_at": "2026-08-16T18:00",
        "total_budget": "300000",
        "evaluators_per_application": "2",
        "divergence_threshold": "20",
        "correction_days": "5",
        "tranches": "40, 40, 20",
        "pass_score": "50",
        "appeal_days": "10",
    }
    for prefix, rows in {
        "instruments": [{"instrument": "medium", "max_amount": "30000", "max_months": "6"}],
        "topics": [{"code": "A", "position": "1", "name_az": "İqlim", "coalition_required": "on"}],
        "criteria": [{"position": "1", "name_az": "Təsir", "weight": "100", "max_score": "10"}],
        "documents": [],
    }.items():
        data |= {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
        for n, row in enumerate(rows):
            data |= {f"{prefix}-{n}-{key}": value for key, value in row.items()}
    response = client.post(reverse("funding:new_call"), data)
    call = Call.objects.get()
    assert response.status_code == 302, response.content.decode()[:2000]
    assert call.tranches == [40, 40, 20] and call.created_by == manager
    assert call.topics.get().coalition_required
    assert services.readiness_problems(call) == []
    client.post(reverse("funding:publish_call", args=[call.pk]))
    assert Call.objects.get().is_published


def test_an_opened_call_keeps_its_rules(client, manager, make_call):
    call = make_call()
    from digital_ngo.funding.forms import CallForm

    form = CallForm({"tranches": "100"}, instance=call)
    form.is_valid()
    with pytest.raises(ValidationError):
        services.save_call_setup(user=manager, form=form, formsets=[])


STAFF_VIEWS = ["funding:staff_calls", "funding:new_call"]


@pytest.mark.parametrize("role", sorted({r.value for r in Role} | {"anonymous"}))
def test_view_permissions(client, users, make_call, role):
    published, draft = make_call(), make_call(published=False)
    if users[role] is not None:
        client.force_login(users[role])
    managers = {"agency_admin", "programme_manager"}
    staff = managers | {"monitoring_officer", "finance_officer"}
    for name in [*STAFF_VIEWS, "funding:edit_call"]:
        args = [draft.pk] if name == "funding:edit_call" else []
        status = client.get(reverse(name, args=args)).status_code
        assert status == (200 if role in managers else 302 if role == "anonymous" else 403), name
    assert client.get(reverse("funding:call_list")).status_code == 200
    assert client.get(reverse("funding:call_detail", args=[published.pk])).status_code == 200
    draft_status = client.get(reverse("funding:call_detail", args=[draft.pk])).status_code
    assert draft_status == (200 if role in staff else 404)
    response = client.post(reverse("funding:publish_call", args=[draft.pk]))
    assert Call.objects.get(pk=draft.pk).is_published == (role in managers)
    if role not in managers:
        assert response.status_code in {302, 403}
