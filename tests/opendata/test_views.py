"""The open-data pages: public downloads and per-grant JSON, staff-only regeneration."""

import json

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from digital_ngo.accounts.models import Role
from digital_ngo.opendata import services
from tests.opendata.schemas import errors, threesixty_validators

pytestmark = pytest.mark.django_db
DOWNLOADS = ["json", "csv", "xlsx", "xml", "zip"]
ROLES = sorted({r.value for r in Role} | {"anonymous"})
STAFF = {"agency_admin", "programme_manager", "monitoring_officer", "finance_officer"}


def _login(client, users, role):
    if users[role] is not None:
        client.force_login(users[role])


@pytest.mark.parametrize("role", ROLES)
def test_everyone_sees_the_page_and_downloads(client, users, grant, role):
    _login(client, users, role)
    assert client.get(reverse("opendata:index")).status_code == 200
    for name in DOWNLOADS:
        response = client.get(reverse(f"opendata:{name}"))
        assert response.status_code == 404
        assert "opendata/not_generated.html" in [t.name for t in response.templates]
    services.regenerate()
    page = client.get(reverse("opendata:index")).content.decode()
    for text in ("https://creativecommons.org/licenses/by/4.0/", "AZ-IVI", "360G-qhtagentliyi"):
        assert text in page
    for name in DOWNLOADS:
        response = client.get(reverse(f"opendata:{name}"))
        assert response.status_code == 200, name
        body = b"".join(response.streaming_content)
        assert body
    assert (f'action="{reverse("opendata:regenerate")}"' in page) == (role in STAFF)


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_may_regenerate(client, users, role):
    _login(client, users, role)
    response = client.post(reverse("opendata:regenerate"))
    queued = DBTaskResult.objects.filter(task_path__endswith="regenerate_open_data")
    if role in STAFF:
        assert response.status_code == 302 and response.url == reverse("opendata:index")
        assert queued.count() == 1
    elif role == "anonymous":
        assert response.status_code == 302 and "login" in response.url
        assert not queued.exists()
    else:
        assert response.status_code == 403
        assert not queued.exists()


def test_regenerate_refuses_get(client, users):
    client.force_login(users["agency_admin"])
    assert client.get(reverse("opendata:regenerate")).status_code == 405


def test_the_queued_task_writes_the_files(client, users, grant, var_in_tmp):
    client.force_login(users["agency_admin"])
    client.post(reverse("opendata:regenerate"))
    from digital_ngo.opendata.tasks import regenerate_open_data

    assert regenerate_open_data.call() == {"grants": 1, "disbursements": 0, "results": 1}
    assert (var_in_tmp / "opendata" / "open-data.zip").exists()


def test_per_grant_json(client, full_grant):
    _package_validator, grant_validator = threesixty_validators()
    response = client.get(reverse("opendata:grant", args=[full_grant.number]))
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["id"] == f"360G-qhtagentliyi-{full_grant.number}"
    assert errors(grant_validator, data) == []
    assert client.get(reverse("opendata:grant", args=["QHT-1999-99999"])).status_code == 404
