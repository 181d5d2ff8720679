"""Indicator evidence: each reporting period's actual against the target with its evidence,
downloadable by the grantee and staff; public only when the NGO says so and the report is
approved."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from digital_ngo.accounts.models import Role
from digital_ngo.grants import selectors, services
from digital_ngo.grants.models import IndicatorValue, Report
from tests.grants.test_grants import START, expense, funded, grant, monitor  # noqa: F401
from tests.registry.test_permissions import EVERYONE, STAFF, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(grant, ngo_admin, pdf_upload):  # noqa: F811
    report = grant.reports.get(kind=Report.Kind.FINAL)
    indicator = grant.application.indicators.get()
    services.submit_report(
        user=ngo_admin,
        report=report,
        narrative="150 gənc təlim keçib.",
        values={indicator.pk: Decimal("150")},
        expenses=[expense(grant, "9000", day=START)],
        evidence={indicator.pk: pdf_upload("istirak-siyahisi.pdf")},
    )
    return IndicatorValue.objects.get(report=report)


def test_periods_show_actual_against_target_with_evidence(grant, reported):  # noqa: F811
    (row,) = selectors.indicator_periods(grant)
    assert row.target == Decimal("200") and [p.value.value for p in row.periods] == [150]
    assert row.periods[0].has_evidence
    assert selectors.indicator_periods(grant, public=True)[0].periods == []  # not approved


def test_public_page_shows_approved_figures_and_only_public_evidence(
    client,
    grant,  # noqa: F811
    reported,
    ngo_admin,
    monitor,  # noqa: F811
):
    url = reverse("portal:project", args=[grant.number])
    evidence_url = reverse("portal:public_evidence", args=[grant.number, reported.pk])
    services.set_evidence_public(user=ngo_admin, value=reported, public=True)
    assert evidence_url not in client.get(url).content.decode()  # only submitted
    assert client.get(evidence_url).status_code == 404
    services.review_report(staff=monitor, report=reported.report, approve=True, comment="")
    page = client.get(url).content.decode()
    assert evidence_url in page
    assert client.get(evidence_url).status_code == 200
    services.set_evidence_public(user=ngo_admin, value=reported, public=False)
    assert evidence_url not in client.get(url).content.decode()
    assert client.get(evidence_url).status_code == 404


def test_only_the_grantee_makes_evidence_public(reported, make_user):
    with pytest.raises(PermissionDenied):
        services.set_evidence_public(user=make_user(Role.AGENCY_ADMIN), value=reported, public=True)


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_who_downloads_evidence(client, users, reported, ngo_admin, role):
    client = client_for(client, users[role])
    status = client.get(reverse("grants:evidence", args=[reported.pk])).status_code
    assert status == (200 if role in STAFF else 302 if role == "anonymous" else 404)
    client.force_login(ngo_admin)
    response = client.get(reverse("grants:evidence", args=[reported.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_who_toggles_public_evidence(client, users, reported, role):
    client = client_for(client, users[role])
    client.post(reverse("grants:evidence_public", args=[reported.pk]), {"public": "1"})
    reported.refresh_from_db()
    assert reported.evidence_public is False  # nobody here is the grantee's person


def test_the_grantee_toggles_on_the_grant_page(client, grant, reported, ngo_admin):  # noqa: F811
    client.force_login(ngo_admin)
    page = client.get(reverse("grants:detail", args=[grant.pk])).content.decode()
    assert reverse("grants:evidence", args=[reported.pk]) in page
    client.post(reverse("grants:evidence_public", args=[reported.pk]), {"public": "1"})
    reported.refresh_from_db()
    assert reported.evidence_public is True
