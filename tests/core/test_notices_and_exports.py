"""In-app notices next to e-mails, XLSX downloads of staff lists, and the dashboards."""

import io

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from digital_ngo.accounts.models import Role
from digital_ngo.core.models import Notification
from digital_ngo.registry import services
from digital_ngo.registry.models import Verification

pytestmark = pytest.mark.django_db


def test_a_state_change_reaches_the_ngo_by_email_and_in_the_app(
    client, make_ngo, make_user, django_capture_on_commit_callbacks
):
    ngo = make_ngo(verification=Verification.SUBMITTED)
    person = make_user(Role.NGO_ADMIN, ngo)
    with django_capture_on_commit_callbacks(execute=True):
        services.verify_ngo(staff=make_user(Role.AGENCY_ADMIN), ngo=ngo)
    assert len(mail.outbox) == 1
    notice = Notification.objects.get(user=person)
    assert notice.subject == mail.outbox[0].subject and notice.read_at is None
    client.force_login(person)
    assert ">1</span>" in client.get(reverse("registry:my_ngo")).content.decode()
    assert notice.subject in client.get(reverse("notifications")).content.decode()
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_nobody_reads_someone_elses_notices(client, make_user):
    owner, other = make_user(Role.EVALUATOR), make_user(Role.EVALUATOR)
    Notification.objects.create(user=owner, subject="Şəxsi bildiriş", body="x")
    client.force_login(other)
    assert "Şəxsi bildiriş" not in client.get(reverse("notifications")).content.decode()
    client.logout()
    assert client.get(reverse("notifications")).status_code == 302


def sheet(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_staff_ngo_list_downloads_as_xlsx_with_azerbaijani_headers(client, make_ngo, make_user):
    make_ngo(name_az="Şəki Gənclər Birliyi")
    client.force_login(make_user(Role.MONITORING_OFFICER))
    rows = sheet(client.get(reverse("registry:staff_ngo_list"), {"format": "xlsx", "q": "seki"}))
    assert rows[0][:3] == ("Ad", "VÖEN", "Təşkilati-hüquqi forma")
    assert rows[1][0] == "Şəki Gənclər Birliyi" and len(rows) == 2


def test_application_and_grant_lists_download_as_xlsx(client, complete, ngo_admin, make_user):
    from digital_ngo.applications import services as application_services

    application_services.submit(user=ngo_admin, application=complete)
    client.force_login(make_user(Role.FINANCE_OFFICER))
    rows = sheet(
        client.get(
            reverse("applications:call_applications", args=[complete.call_id]), {"format": "xlsx"}
        )
    )
    assert rows[1][0] == complete.title and rows[1][-1] == 12000
    assert sheet(client.get(reverse("grants:list"), {"format": "xlsx"}))[0][0] == "Müqavilə"


def test_ngo_people_cannot_download_staff_lists(client, ngo_admin):
    client.force_login(ngo_admin)
    assert client.get(reverse("registry:staff_ngo_list"), {"format": "xlsx"}).status_code == 403
    grants = client.get(reverse("grants:list"), {"format": "xlsx"})
    assert not grants["Content-Type"].startswith("application/vnd")


def test_staff_dashboard_shows_the_pipeline_and_money(client, complete, ngo_admin, make_user):
    from digital_ngo.applications import services as application_services

    application_services.submit(user=ngo_admin, application=complete)
    client.force_login(make_user(Role.AGENCY_ADMIN))
    page = client.get(reverse("registry:staff_dashboard")).content.decode()
    assert "Mərhələlər üzrə müraciətlər" in page and "Təqdim edilib" in page and "ödənilib" in page


def test_calls_and_press_lists_download_as_xlsx(client, make_call, manager):
    make_call(name_az="COP29 birgə müsabiqəsi")
    client.force_login(manager)
    rows = sheet(client.get(reverse("funding:staff_calls"), {"format": "xlsx"}))
    assert rows[0][0] == "Müsabiqə" and rows[1][0] == "COP29 birgə müsabiqəsi"
    rows = sheet(client.get(reverse("press:staff_list"), {"format": "xlsx"}))
    assert rows[0][0] == "Başlıq" and len(rows) == 1


def test_staff_lists_also_download_as_csv_with_azerbaijani_headers(client, make_ngo, make_user):
    make_ngo(name_az="Şəki Gənclər Birliyi")
    client.force_login(make_user(Role.MONITORING_OFFICER))
    response = client.get(reverse("registry:staff_ngo_list"), {"format": "csv", "q": "seki"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Ad,VÖEN,Təşkilati-hüquqi forma")
    assert lines[1].startswith("Şəki Gənclər Birliyi")
