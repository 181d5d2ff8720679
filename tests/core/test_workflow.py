"""The declared workflows, exhaustively: every transition of every table from every state.

For each registered table and each (action, state) pair, ``perform`` must move the
record only where the table allows it, and refuse everywhere else with a translated
message that changes nothing. Creation steps are never performed.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from digital_ngo.core.models import ActionLog
from digital_ngo.core.workflow import REGISTRY, TransitionRefused, perform

pytestmark = pytest.mark.django_db

# importing the apps' workflows registers them
import digital_ngo.applications.workflows  # noqa: E402
import digital_ngo.campaigns.workflows  # noqa: E402
import digital_ngo.decisions.workflows  # noqa: E402
import digital_ngo.grants.workflows  # noqa: E402
import digital_ngo.registry.workflows  # noqa: E402
import digital_ngo.reviews.workflows  # noqa: E402, F401

PAIRS = [
    (name, transition.action, state)
    for name, workflow in sorted(REGISTRY.items())
    for transition in workflow.transitions
    if transition.sources
    for state in workflow.states
]


@pytest.fixture
def superuser(make_user):
    """Holds every permission: the table's states alone decide (roles are tested below)."""
    from digital_ngo.accounts.models import Role

    user = make_user(Role.AGENCY_ADMIN)
    user.is_superuser = True
    user.save()
    return user


def test_every_lifecycle_is_declared():
    assert {"application", "assignment", "appeal", "grant", "report", "tranche"} <= set(REGISTRY)
    assert {"ngo_verification", "sanction"} <= set(REGISTRY)


@pytest.mark.parametrize(("name", "action", "state"), PAIRS)
def test_state_pairs(name, action, state, workflow_records, superuser):
    workflow = REGISTRY[name]
    record = workflow_records(name)
    type(record).objects.filter(pk=record.pk).update(**{workflow.field: state})
    record.refresh_from_db()
    transition = workflow[action]
    by = None if transition.permission is None else superuser
    before = ActionLog.objects.count()
    if state in transition.sources:
        try:
            moved = perform(workflow, record, action, by=by, reason="Səbəb")
        except ValidationError as error:  # a guard of the table may still refuse, and say why
            assert error.messages
            assert getattr(type(record).objects.get(pk=record.pk), workflow.field) == state
            return
        assert getattr(moved, workflow.field) == transition.target
        assert ActionLog.objects.count() == before + 1
    else:
        with translation.override("az"), pytest.raises(TransitionRefused) as refused:
            perform(workflow, record, action, by=by, reason="Səbəb")
        assert refused.value.messages[0]
        record.refresh_from_db()
        assert getattr(record, workflow.field) == state
        assert ActionLog.objects.count() == before


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_wrong_roles_are_refused(name, workflow_records, users):
    """Every role without a step's permission is refused it, and nothing changes."""
    workflow = REGISTRY[name]
    record = workflow_records(name)
    for transition in workflow.transitions:
        if not transition.sources or transition.permission is None:
            continue
        type(record).objects.filter(pk=record.pk).update(**{workflow.field: transition.sources[0]})
        record.refresh_from_db()
        for role, user in users.items():
            if user is None or user.has_perm(transition.permission, record):
                continue
            with pytest.raises(PermissionDenied):
                perform(workflow, record, transition.action, by=user, reason="Səbəb")
            record.refresh_from_db()
            assert getattr(record, workflow.field) == transition.sources[0], role


def test_a_second_identical_step_is_refused_as_already_done(workflow_records, superuser):
    workflow = REGISTRY["tranche"]
    tranche = workflow_records("tranche")
    perform(workflow, tranche, "withhold", by=superuser, reason="Gecikmə")
    with translation.override("en"), pytest.raises(TransitionRefused, match="already done"):
        perform(workflow, tranche, "withhold", by=superuser, reason="Gecikmə")
    assert ActionLog.objects.filter(action="withhold").count() == 1


def test_a_step_needing_a_reason_refuses_without_one(workflow_records, superuser):
    workflow = REGISTRY["tranche"]
    tranche = workflow_records("tranche")
    with pytest.raises(ValidationError):
        perform(workflow, tranche, "withhold", by=superuser, reason="  ")
    tranche.refresh_from_db()
    assert tranche.status == "scheduled"


@pytest.fixture
def workflow_records(complete, ngo_admin, manager, make_user, make_event):
    """One record of each workflow's model, built through the services where it matters."""
    from decimal import Decimal

    from digital_ngo.accounts.models import Role
    from digital_ngo.applications.models import Application
    from digital_ngo.campaigns.models import Signature, Statement
    from digital_ngo.decisions.models import Appeal
    from digital_ngo.registry.models import Sanction
    from digital_ngo.reviews.models import Assignment
    from tests.fixtures.grants import conclude

    Application.objects.filter(pk=complete.pk).update(
        status="funded", awarded_amount=Decimal("12000")
    )
    from datetime import date

    grant = conclude(manager, Application.objects.get(pk=complete.pk), date(2026, 3, 2))
    admin = make_user(Role.AGENCY_ADMIN)
    evaluator = make_user(Role.EVALUATOR)
    records = {
        "application": lambda: Application.objects.get(pk=complete.pk),
        "grant": lambda: grant,
        "report": lambda: grant.reports.get(),
        "tranche": lambda: grant.tranches.order_by("-number").first(),
        "assignment": lambda: Assignment.objects.create(application=complete, evaluator=evaluator),
        "appeal": lambda: Appeal.objects.create(
            application=complete, text="Əsaslar", submitted_by=ngo_admin
        ),
        "ngo_verification": lambda: complete.ngo,
        "sanction": lambda: Sanction.objects.create(
            ngo=complete.ngo,
            kind="warning",
            starts_on=date(2026, 5, 1),
            reason="x",
            imposed_by=admin,
        ),
        "statement": lambda: Statement.objects.create(title_az="B", text_az="M", author=manager),
        "signature": lambda: Signature.objects.create(
            statement=Statement.objects.create(title_az="B", text_az="M", author=manager),
            organisation="T",
            name_key="t",
            country="AZ",
            representative="R",
            email="r@example.org",
        ),
    }
    records["programme_task"] = _programme_task
    records["ngo_activity"] = lambda: _activity_case(complete.ngo)
    records["event"] = lambda: make_event(publish=False)
    records["event_registration"] = lambda: _registration(make_event())
    return lambda name: records[name]()


def test_the_ngo_sees_the_public_steps_of_its_registration(client, make_user, make_ngo):
    from digital_ngo.accounts.models import Role
    from digital_ngo.registry import services
    from digital_ngo.registry.models import Verification

    ngo = make_ngo(verification=Verification.SUBMITTED)
    person = make_user(Role.NGO_ADMIN, ngo)
    staff = make_user(Role.AGENCY_ADMIN)
    services.return_registration(staff=staff, ngo=ngo, reasons="Nizamnamə imzalanmayıb.")
    client.force_login(person)
    html = client.get("/my/ngo/").content.decode()
    assert "Düzəliş üçün qaytarın" in html
    assert "Nizamnamə imzalanmayıb." in html
    assert staff.full_name not in html  # who acted stays with the agency


def _programme_task():  # type: ignore[no-untyped-def]
    from datetime import date

    from digital_ngo.programmes.models import Programme, Task

    programme = Programme.objects.create(
        code="wf",
        title_az="Proqram",
        act_kind="decree",
        act_number="1",
        act_date=date(2021, 1, 1),
        starts_on=date(2024, 1, 1),
        ends_on=date(2026, 12, 31),
        responsible_body_az="Agentlik",
    )
    return Task.objects.create(programme=programme, number="1.1", text_az="Tapşırıq")


def _activity_case(ngo):  # type: ignore[no-untyped-def]
    from digital_ngo.health.models import ActivityCase

    return ActivityCase.objects.create(ngo=ngo)


def _registration(event):  # type: ignore[no-untyped-def]
    from digital_ngo.events import services
    from tests.fixtures.events import person

    return services.register(event=event, person=person(1))
