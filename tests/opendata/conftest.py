"""Fixtures of the open-data tests: grants made through the real services, files in tmp."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from digital_ngo.accounts.models import Role
from digital_ngo.applications import services as application_services
from digital_ngo.applications.models import Application
from digital_ngo.funding.models import Funder
from digital_ngo.grants import services
from digital_ngo.grants.models import Grant, Report
from digital_ngo.registry.models import District, EconomicRegion
from tests.fixtures.grants import conclude, document, fill

START = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def var_in_tmp(settings: Any, tmp_path: Any) -> Any:
    """Generated files go to a temporary ``VAR_DIR``."""
    settings.VAR_DIR = tmp_path / "var"
    settings.SITE_URL = "https://qht.example.az"
    return settings.VAR_DIR


@pytest.fixture
def funded(complete: Application, ngo_admin: Any) -> Application:
    application_services.submit(user=ngo_admin, application=complete)
    Application.objects.filter(pk=complete.pk).update(
        status="funded", awarded_amount=Decimal("12000")
    )
    return Application.objects.get(pk=complete.pk)


@pytest.fixture
def grant(funded: Application, manager: Any) -> Grant:
    """A fresh grant: nothing paid, nothing reported."""
    return conclude(manager, funded, START)


@pytest.fixture
def full_grant(funded: Application, manager: Any, ngo_admin: Any, make_user: Any) -> Grant:
    """A closed grant with every optional field the exports fill.

    The NGO has an English name, address, district, region and website; the call has a
    co-funder, a published page and a recorded decision; the application names regions;
    both tranches are paid and the final report with indicator actuals is approved.
    """
    region = EconomicRegion.objects.first()
    district = District.objects.filter(region=region).first()
    assert region and district
    ngo = funded.ngo
    ngo.name_en = "Green Future Public Union"
    ngo.address = "Nizami küç. 10"
    ngo.region, ngo.district = region, district
    ngo.website = "https://green.example.az"
    ngo.save()
    funded.regions.set(EconomicRegion.objects.all()[:2])
    funded.target_group = "Gənclər"
    funded.save()
    call = funded.call
    call.funders.add(
        Funder.objects.create(
            code="ministry", kind=Funder.Kind.STATE_BODY, name_az="Nazirlik", name_en="Ministry"
        )
    )
    grant = conclude(manager, funded, START)
    finance = make_user(Role.FINANCE_OFFICER)
    monitor = make_user(Role.MONITORING_OFFICER)
    first, last = grant.tranches.all()
    services.record_payment(staff=finance, tranche=first, paid_on=START, reference="PP-001")
    report = grant.reports.get(kind=Report.Kind.FINAL)
    line = funded.budget_lines.first()
    assert line
    services.submit_report(
        user=ngo_admin,
        report=report,
        narrative="150 gənc təlim keçib.",
        values={i.pk: Decimal("150") for i in funded.indicators.all()},
        expenses=[
            services.ExpenseInput(
                budget_line=line,
                spent_on=date(2026, 4, 1),
                amount=Decimal("7000"),
                description="Təlim zalı",
                outlet=None,
                document=document(),
            )
        ],
    )
    services.review_report(staff=monitor, report=report, approve=True, comment="")
    services.record_payment(
        staff=finance, tranche=last, paid_on=date(2026, 9, 20), reference="PP-002"
    )
    grant.refresh_from_db()
    assert grant.status == Grant.Status.CLOSED
    return grant


@pytest.fixture
def other_grant(
    call: Any, field: Any, make_user: Any, make_ngo: Any, manager: Any, pdf_upload: Any
):
    """A second, fresh grant of another NGO in the same call (nothing paid or reported)."""
    ngo = make_ngo(name_az="İkinci İctimai Birlik")
    ngo.fields.add(field)
    admin = make_user(Role.NGO_ADMIN, ngo)
    application = application_services.start_application(
        user=admin,
        call=call,
        instrument="small",
        topic=call.topics.get(code="A"),
        field=field,
        title="Kənd məktəblərində oxu klubları",
    )
    fill(application)
    application_services.attach(
        user=admin,
        application=application,
        upload=pdf_upload(),
        required_document=call.required_documents.get(),
    )
    application_services.submit(user=admin, application=application)
    Application.objects.filter(pk=application.pk).update(
        status="funded", awarded_amount=Decimal("8000")
    )
    application.refresh_from_db()
    return conclude(manager, application, START)
