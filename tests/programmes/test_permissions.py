"""Role matrix: every programmes and health view and API route, for every role and anonymous."""

from datetime import date

import pytest
from django.urls import reverse

from digital_ngo.accounts.models import Role
from digital_ngo.programmes import services

pytestmark = pytest.mark.django_db

STAFF = {"agency_admin", "programme_manager", "monitoring_officer", "finance_officer"}
MANAGERS = {"agency_admin", "programme_manager"}
NGO_PEOPLE = {"ngo_admin", "ngo_member"}
EVERYONE = {role.value for role in Role} | {"anonymous"}


def expected(role, allowed, denied=403):
    if role in allowed:
        return 200
    return 302 if role == "anonymous" else denied


@pytest.fixture
def task(make_task):
    return make_task(deadline=date(2025, 1, 1))


def login(client, users, role):
    if users[role] is not None:
        client.force_login(users[role])
    return client


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_public_pages_and_api(client, users, role, task):
    client = login(client, users, role)
    for url in [
        reverse("programmes:index"),
        reverse("programmes:index") + "?q=vetendas",
        reverse("programmes:programme", args=[task.programme_id]),
        "/api/programmes/",
        f"/api/programmes/{task.programme_id}/",
        "/api/tasks/",
        f"/api/tasks/{task.pk}/",
        "/api/tasks/?programme=vc&q=tapsirigi",
    ]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_api_is_read_only(client, users, role, task):
    client = login(client, users, role)
    assert client.post("/api/tasks/", {}).status_code in {401, 403, 405}
    assert client.delete(f"/api/programmes/{task.programme_id}/").status_code in {401, 403, 405}


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_staff_get_views(client, users, role, task, make_ngo):
    client = login(client, users, role)
    ngo = make_ngo()
    views = [
        (reverse("programmes:staff_tasks"), STAFF),
        (reverse("programmes:staff_tasks") + "?format=xlsx", STAFF),
        (reverse("programmes:staff_task", args=[task.pk]), STAFF),
        (reverse("programmes:annual_report", args=[2025]), STAFF),
        (reverse("programmes:import"), MANAGERS),
        (reverse("health:list"), STAFF),
        (reverse("health:list") + "?format=xlsx", STAFF),
        (reverse("health:ngo", args=[ngo.pk]), STAFF),
        (reverse("health:my_activity"), NGO_PEOPLE),
        (reverse("registry:staff_dashboard"), STAFF),
    ]
    for url, allowed in views:
        assert client.get(url).status_code == expected(role, allowed), url


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_staff_post_views(client, users, role, task, make_ngo):
    client = login(client, users, role)
    ngo = make_ngo()
    posts = [
        (reverse("programmes:move_task", args=[task.pk]), {"action": "start"}),
        (
            reverse("programmes:add_evidence", args=[task.pk]),
            {"kind": "link", "url": "https://example.az/x", "title": "Link", "is_public": "on"},
        ),
        (
            reverse("programmes:staff_task", args=[task.pk]),
            {"text_az": "Yeni mətn", "role": "executor", "recurrence": "once", "weight": "1"},
        ),
        (reverse("health:act", args=[ngo.pk, "notify"]), {}),
    ]
    for url, data in posts:
        status = client.post(url, data).status_code
        if role in MANAGERS:
            assert status == 302, url
        else:
            assert status == (302 if role == "anonymous" else 403), url
    task.refresh_from_db()
    assert (task.status == "in_progress") == (role in MANAGERS)


def test_public_page_hides_internal_evidence_and_comments(client, task, users):
    manager = users["programme_manager"]
    services.update_task(staff=manager, task=task, data={"staff_comment": "daxili qeyd XYZ"})
    services.add_evidence(
        staff=manager, task=task, kind="link", title="Açıq sübut", url="https://example.az/a"
    )
    services.add_evidence(
        staff=manager,
        task=task,
        kind="link",
        title="Daxili sübut",
        url="https://example.az/b",
        is_public=False,
    )
    html = client.get(reverse("programmes:programme", args=[task.programme_id])).content.decode()
    assert "Açıq sübut" in html and "Daxili sübut" not in html and "XYZ" not in html
    data = client.get(f"/api/tasks/{task.pk}/").json()
    assert [e["title"] for e in data["evidence"]] == ["Açıq sübut"]
    assert "staff_comment" not in data


def test_annual_report_pdf_and_xlsx(client, users, task):
    client.force_login(users["monitoring_officer"])
    pdf = client.get(reverse("programmes:annual_report", args=[2025]) + "?format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("programmes:annual_report", args=[2025]))
    assert xlsx.content[:2] == b"PK"
