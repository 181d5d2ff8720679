"""Fixtures of the application tests: an open call, an eligible NGO and a complete application."""

from decimal import Decimal

import pytest

from digital_ngo.accounts.models import Role
from digital_ngo.applications import services
from digital_ngo.applications.models import Activity, BudgetLine, Indicator, Outcome
from digital_ngo.registry.models import FieldOfActivity


@pytest.fixture
def field():
    return FieldOfActivity.objects.get(slug="environment")


@pytest.fixture
def ngo_admin(make_user, make_ngo, field):
    ngo = make_ngo(name_az="Yaşıl Gələcək İctimai Birliyi")
    ngo.fields.add(field)
    return make_user(Role.NGO_ADMIN, ngo)


@pytest.fixture
def call(make_call):
    return make_call()


@pytest.fixture
def draft(ngo_admin, call, field):
    topic = call.topics.get(code="A")
    return services.start_application(
        user=ngo_admin,
        call=call,
        instrument="small",
        topic=topic,
        field=field,
        title="Şəhər parklarında ekoloji maarifləndirmə",
    )


def fill(application, requested=Decimal("12000")):
    """Make ``application`` complete: texts, logframe, workplan, budget and documents."""
    application.summary = "Gənclər üçün ekoloji təlimlər."
    application.overall_objective = "Ekoloji şüurun artırılması."
    application.duration_months = 6
    application.save()
    outcome = Outcome.objects.create(
        application=application, text="Gənclərin ekoloji biliyi artıb."
    )
    Indicator.objects.create(
        application=application,
        outcome=outcome,
        name="Təlim keçmiş gənclər",
        unit="nəfər",
        baseline=0,
        target=200,
        means_of_verification="İştirak siyahıları",
    )
    Activity.objects.create(application=application, title="Təlimlər", months=[1, 2, 3])
    BudgetLine.objects.create(
        application=application,
        category="events",
        description="Təlim zalı",
        unit_cost=requested,
        quantity=1,
        months=1,
    )
    return application


@pytest.fixture
def complete(draft, ngo_admin, pdf_upload):
    application = fill(draft)
    services.attach(
        user=ngo_admin,
        application=application,
        upload=pdf_upload(),
        required_document=application.call.required_documents.get(),
    )
    return application
