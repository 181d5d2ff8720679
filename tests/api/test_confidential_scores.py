"""The application's mean score and awarded amount follow the page's visibility rules in the API.

Agency staff see them at every stage; the lead NGO's people only once the board has decided
the call; an assigned evaluator never (with two evaluators, each could compute the other's).
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from digital_ngo.accounts.models import Role
from digital_ngo.applications.models import Application
from digital_ngo.decisions.models import Decision
from digital_ngo.reviews.models import Assignment

CONFIDENTIAL = ["score", "awarded_amount"]
STAGES = ["under_evaluation", "scored", "decided"]
#: role → whether it sees the confidential fields before / after the decision
pytestmark = pytest.mark.django_db

SEES = {
    Role.AGENCY_ADMIN: (True, True),
    Role.PROGRAMME_MANAGER: (True, True),
    Role.MONITORING_OFFICER: (True, True),
    Role.FINANCE_OFFICER: (True, True),
    Role.EVALUATOR: (False, False),
    Role.NGO_ADMIN: (False, True),
    Role.NGO_MEMBER: (False, True),
}


@pytest.fixture
def staged(draft, make_user, manager):
    def make(stage: str) -> Application:
        status = "scored" if stage == "decided" else stage
        Application.objects.filter(pk=draft.pk).update(
            status=status, score=Decimal("71.50"), awarded_amount=Decimal("12000")
        )
        if stage == "decided":
            Decision.objects.create(
                call=draft.call,
                decided_by=manager,
                decided_at=timezone.now(),
                appeals_until=timezone.now() + timedelta(days=10),
            )
        return Application.objects.get(pk=draft.pk)

    return make


def user_for(role, application, make_user):
    if role in (Role.NGO_ADMIN, Role.NGO_MEMBER):
        return make_user(role, ngo=application.ngo)
    user = make_user(role)
    if role == Role.EVALUATOR:
        Assignment.objects.create(
            application=application, evaluator=user, status=Assignment.Status.SUBMITTED
        )
    return user


@pytest.mark.parametrize("name", CONFIDENTIAL)
@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("role", list(SEES))
def test_confidential_field_per_role_and_stage(client, staged, make_user, role, stage, name):
    application = staged(stage)
    client.force_login(user_for(role, application, make_user))
    response = client.get(f"/api/applications/{application.pk}/")
    assert response.status_code == 200
    sees = SEES[role][stage == "decided"]
    value = response.json()[name]
    if sees:
        assert value is not None and Decimal(value) > 0
    else:
        assert value is None
    # the list says the same as the detail
    [row] = [
        r for r in client.get("/api/applications/").json()["results"] if r["id"] == application.pk
    ]
    assert row[name] == value
