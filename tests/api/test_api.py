"""The REST API: public reads, token auth, the same permission rules as the pages,
report submission through the services, and clear 4xx bodies for bad input."""

import base64
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from digital_ngo.accounts.models import Role
from digital_ngo.applications import services as application_services
from digital_ngo.applications.models import Application
from digital_ngo.registry.models import Verification
from tests.conftest import PASSWORD, pdf_bytes
from tests.fixtures.grants import conclude

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def grant(complete, ngo_admin, manager):
    application_services.submit(user=ngo_admin, application=complete)
    Application.objects.filter(pk=complete.pk).update(
        status="funded", awarded_amount=Decimal("12000")
    )
    return conclude(manager, Application.objects.get(pk=complete.pk), date(2026, 3, 2))


def error_of(response):
    body = response.json()
    assert set(body) == {"error"} and {"status", "code", "message", "details"} <= set(body["error"])
    return body["error"]


def test_public_ngo_search_ignores_diacritics(api, make_ngo):
    make_ngo(name_az="Vətəndaş Cəmiyyəti Mərkəzi")
    make_ngo(name_az="Gizli QHT", verification=Verification.SUBMITTED)
    data = api.get("/api/ngos/", {"q": "vetendas"}).json()
    assert [n["name_az"] for n in data["results"]] == ["Vətəndaş Cəmiyyəti Mərkəzi"]
    assert api.get("/api/ngos/").json()["count"] == 1


def test_unknown_filters_and_huge_pages_are_4xx_with_a_clear_body(api):
    error = error_of(api.get("/api/ngos/", {"colour": "blue"}))
    assert error["status"] == 400 and "colour" in error["details"]
    assert error_of(api.get("/api/ngos/", {"page_size": "100000"}))["status"] == 400
    assert error_of(api.get("/api/projects/", {"call": "abc"}))["status"] == 400
    assert error_of(api.get("/api/ngos/999999/"))["status"] == 404


def test_calls_and_projects_are_public(api, grant, call):
    calls = api.get("/api/calls/").json()["results"]
    assert calls[0]["topics"][0]["code"] == "A" and calls[0]["is_open"]
    project = api.get(f"/api/projects/{grant.pk}/").json()
    assert project["number"] == grant.number and Decimal(project["amount"]) == Decimal("12000")
    assert project["indicators"][0]["target"] == "200.00"


def test_token_login_and_private_endpoints(api, ngo_admin, grant, make_user, make_ngo):
    assert error_of(api.get("/api/applications/"))["status"] == 401
    token = api.post("/api/token/", {"username": ngo_admin.email, "password": PASSWORD}).json()[
        "token"
    ]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert [a["id"] for a in api.get("/api/applications/").json()["results"]] == [
        grant.application_id
    ]
    assert len(api.get("/api/reports/").json()["results"]) == 1
    stranger = APIClient()
    stranger.force_authenticate(make_user(Role.NGO_ADMIN, make_ngo()))
    assert stranger.get("/api/applications/").json()["results"] == []
    assert error_of(stranger.get(f"/api/applications/{grant.application_id}/"))["status"] == 404
    assert (
        error_of(APIClient().get("/api/reports/", HTTP_AUTHORIZATION="Token nonsense"))["status"]
        == 401
    )


def test_an_ngo_submits_a_report_through_the_api(api, ngo_admin, grant):
    api.force_authenticate(ngo_admin)
    report = grant.reports.get()
    indicator = grant.application.indicators.get()
    line = grant.application.budget_lines.first()
    body = {
        "narrative": "Təlimlər keçirilib.",
        "values": [{"indicator": indicator.pk, "value": "180"}],
        "expenses": [
            {
                "budget_line": line.pk,
                "spent_on": "2026-04-01",
                "amount": "5000",
                "description": "Zal",
                "document": base64.b64encode(pdf_bytes()).decode(),
                "document_name": "qebz.pdf",
            }
        ],
    }
    response = api.post(f"/api/reports/{report.pk}/submit/", body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "submitted"
    again = api.post(f"/api/reports/{report.pk}/submit/", body, format="json")
    assert error_of(again)["status"] == 400


def test_bad_report_bodies_change_nothing(api, ngo_admin, grant, make_user, make_ngo):
    report = grant.reports.get()
    api.force_authenticate(ngo_admin)
    assert (
        error_of(api.post(f"/api/reports/{report.pk}/submit/", {"narrative": ""}, format="json"))[
            "status"
        ]
        == 400
    )
    outsider = APIClient()
    outsider.force_authenticate(make_user(Role.NGO_ADMIN, make_ngo()))
    assert (
        error_of(outsider.post(f"/api/reports/{report.pk}/submit/", {}, format="json"))["status"]
        == 404
    )
    report.refresh_from_db()
    assert report.status == "due"


def test_anonymous_use_is_rate_limited(api, settings):
    from django.core.cache import cache

    cache.clear()
    settings.API_ANON_RATE = "3/min"
    statuses = [api.get("/api/calls/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    cache.clear()


def test_schema_and_docs_are_served_without_a_cdn(client):
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200 and b"/api/reports/{id}/submit/" in schema.content
    docs = client.get(reverse("api:docs")).content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower()


@pytest.mark.parametrize("role", sorted({r.value for r in Role} | {"anonymous", "grantee"}))
def test_every_role_sees_what_the_pages_show(users, ngo_admin, grant, role):
    client = APIClient()
    user = ngo_admin if role == "grantee" else users[role]
    if user is not None:
        client.force_authenticate(user)
    staff = {"agency_admin", "programme_manager", "monitoring_officer", "finance_officer"}
    assert client.get("/api/projects/").status_code == 200  # public for everyone
    applications = client.get("/api/applications/")
    reports = client.get("/api/reports/")
    if role == "anonymous":
        assert applications.status_code == reports.status_code == 401
        return
    mine = {a["id"] for a in applications.json()["results"]}
    assert (grant.application_id in mine) == (role in staff | {"grantee"})
    report_ids = {r["id"] for r in reports.json()["results"]}
    assert (grant.reports.get().pk in report_ids) == (role in staff | {"grantee"})
    submit = client.post(f"/api/reports/{grant.reports.get().pk}/submit/", {}, format="json")
    assert submit.status_code == (400 if role == "grantee" else 403 if role in staff else 404)


def test_ordering_is_offered_and_checked(api, make_ngo):
    make_ngo(name_az="Zəfər Birliyi")
    make_ngo(name_az="Çinar Birliyi")
    names = [
        n["name_az"] for n in api.get("/api/ngos/", {"ordering": "-sort_key"}).json()["results"]
    ]
    assert names[:2] == ["Zəfər Birliyi", "Çinar Birliyi"]
    assert error_of(api.get("/api/ngos/", {"ordering": "password"}))["status"] == 400
    assert api.get("/api/projects/", {"ordering": "-amount"}).status_code == 200
