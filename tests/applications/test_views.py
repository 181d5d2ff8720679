"""Application views: who may open what, and editing a section through its formset."""

import pytest
from django.urls import reverse

from digital_ngo.accounts.models import Role
from digital_ngo.applications import services
from digital_ngo.applications.models import Application

pytestmark = pytest.mark.django_db
EVERYONE = sorted({r.value for r in Role} | {"anonymous", "lead"})
STAFF = {"agency_admin", "programme_manager", "monitoring_officer", "finance_officer"}


def login(client, users, ngo_admin, role):
    user = ngo_admin if role == "lead" else users[role]
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("role", EVERYONE)
def test_who_sees_and_edits_an_application(client, users, ngo_admin, complete, role):
    client = login(client, users, ngo_admin, role)
    detail = client.get(reverse("applications:detail", args=[complete.pk])).status_code
    assert detail == (200 if role in STAFF | {"lead"} else 302 if role == "anonymous" else 404)
    edit = client.get(
        reverse("applications:edit_section", args=[complete.pk, "budget"])
    ).status_code
    assert edit == (
        200 if role == "lead" else 302 if role == "anonymous" else 403 if role in STAFF else 404
    )
    client.post(reverse("applications:submit", args=[complete.pk]))
    submitted = Application.objects.get(pk=complete.pk).status == Application.Status.SUBMITTED
    assert submitted == (role == "lead")


@pytest.mark.parametrize("role", EVERYONE)
def test_who_runs_the_technical_check(client, users, ngo_admin, complete, role):
    services.submit(user=ngo_admin, application=complete)
    login(client, users, ngo_admin, role).post(
        reverse("applications:check", args=[complete.pk, "admissible"])
    )
    admissible = Application.objects.get(pk=complete.pk).status == Application.Status.ADMISSIBLE
    assert admissible == (role in {"agency_admin", "programme_manager"})


@pytest.mark.parametrize("role", EVERYONE)
def test_call_applications_list_is_for_staff(client, users, ngo_admin, complete, role):
    status = (
        login(client, users, ngo_admin, role)
        .get(reverse("applications:call_applications", args=[complete.call_id]))
        .status_code
    )
    assert status == (200 if role in STAFF else 302 if role == "anonymous" else 403)


def test_budget_section_saves_lines_and_refuses_negative_costs(client, ngo_admin, draft):
    client.force_login(ngo_admin)
    url = reverse("applications:edit_section", args=[draft.pk, "budget"])
    row = {
        "category": "staff",
        "description": "Layihə rəhbəri",
        "unit_cost": "800",
        "quantity": "1",
        "months": "6",
        "cofunding": "0",
    }
    data = {"budget-TOTAL_FORMS": "1", "budget-INITIAL_FORMS": "0"}
    response = client.post(
        url, data | {f"budget-0-{k}": v for k, v in (row | {"unit_cost": "-5"}).items()}
    )
    assert response.status_code == 200 and not draft.budget_lines.exists()
    response = client.post(url, data | {f"budget-0-{k}": v for k, v in row.items()})
    assert response.status_code == 302
    assert draft.budget_lines.get().total == 4800


def test_workplan_months_are_typed_as_ranges(client, ngo_admin, draft):
    client.force_login(ngo_admin)
    url = reverse("applications:edit_section", args=[draft.pk, "workplan"])
    data = {
        "activities-TOTAL_FORMS": "1",
        "activities-INITIAL_FORMS": "0",
        "activities-0-title": "Təlimlər",
        "activities-0-months": "1-3, 5",
    }
    assert client.post(url, data).status_code == 302
    assert draft.activities.get().months == [1, 2, 3, 5]
    bad = data | {"activities-0-months": "5-2"}
    assert client.post(url, bad).status_code == 200


def test_start_page_shows_eligibility_before_starting(client, make_user, make_ngo, call):
    from datetime import date

    from digital_ngo.registry.models import Sanction

    ngo = make_ngo()
    Sanction.objects.create(
        ngo=ngo,
        kind="ban",
        starts_on=date(2026, 1, 1),
        reason="Gecikmə",
        imposed_by=make_user(Role.AGENCY_ADMIN),
    )
    client.force_login(make_user(Role.NGO_MEMBER, ngo))
    page = client.get(reverse("applications:start", args=[call.pk])).content.decode()
    assert "Gecikmə" in page and 'name="title"' not in page
