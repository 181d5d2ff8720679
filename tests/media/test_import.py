"""Importing the media register: dry run row by row, all-or-nothing commit, broken files."""

import io
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from digital_ngo.accounts.models import Role
from digital_ngo.media import selectors, services
from digital_ngo.media.models import MediaContact, MediaOutlet

pytestmark = pytest.mark.django_db
HEADER = ",".join(services.COLUMNS)


def _csv(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def test_dry_run_says_what_each_row_would_do_and_commit_applies_it() -> None:
    MediaOutlet.objects.create(name="Xalq qəzeti", kind="newspaper", registry_number="MR-1")
    MediaOutlet.objects.create(name="Şərq", kind="newspaper")
    content = _csv(
        "Xalq qəzeti,newspaper,MR-1,2022-11-01,,active,AZ,az,,redaksiya@xalq.az",
        "SERQ,newspaper,MR-9,2023-01-01,,suspended,AZ,az,,",  # matched by folded name
        'Yeni Kanal,tv,MR-7,2024-02-01,,active,AZ,"az,ru",https://kanal.az,a@kanal.az;b@kanal.az',
    )
    report = services.plan_import(services.read_table("register.csv", content))
    assert [r.action for r in report.rows] == ["change", "change", "create"]
    assert "registered_from" in report.rows[0].changes and "emails" in report.rows[0].changes
    assert report.rows[1].changes["status"] == ("active", "suspended")
    assert MediaOutlet.objects.count() == 2  # a dry run writes nothing
    services.commit_import(services.read_table("register.csv", content))
    assert MediaOutlet.objects.count() == 3
    assert MediaOutlet.objects.get(name="Şərq").registry_number == "MR-9"
    assert MediaContact.objects.filter(outlet__name="Yeni Kanal").count() == 2
    again = services.plan_import(services.read_table("register.csv", content))
    assert [r.action for r in again.rows] == ["unchanged"] * 3


def test_a_rejected_row_stops_the_whole_commit() -> None:
    content = _csv(
        "Yeni qəzet,newspaper,MR-2,2024-01-01,,active,AZ,az,,",
        "Başqa qəzet,newspaper,MR-2,2024-01-01,,active,AZ,az,,",  # duplicate register number
        "Pis sətir,satellite,MR-3,01.02.2024,,closed,XX,az,not-a-url,not-an-email",
    )
    report = services.plan_import(services.read_table("r.csv", content))
    assert [r.action for r in report.rows] == ["create", "reject", "reject"]
    assert "line 2" in " ".join(report.rows[1].reasons) or "2" in report.rows[1].reasons[0]
    assert len(report.rows[2].reasons) == 6
    with pytest.raises(ValidationError):
        services.commit_import(services.read_table("r.csv", content))
    assert not MediaOutlet.objects.exists()


def test_wrong_columns_and_bad_encoding_are_refused_clearly() -> None:
    with pytest.raises(ValidationError, match="Çatışmayan: registry_number"):
        services.read_table("r.csv", b"name,kind,number\nA,tv,1\n")
    with pytest.raises(ValidationError, match="UTF-8"):
        services.read_table("r.csv", _csv("Şirvan,newspaper,,,,,AZ,az,,").decode().encode("cp1254"))
    with pytest.raises(ValidationError):
        services.read_table("r.xlsx", b"not a workbook")


def test_xlsx_in_the_export_columns_round_trips() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(services.COLUMNS)
    sheet.append(
        ["Ekspress", "newspaper", "MR-5", date(2023, 5, 1), None, "active", "AZ", "az", "", ""]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    services.commit_import(services.read_table("r.xlsx", buffer.getvalue()))
    outlet = MediaOutlet.objects.get()
    assert outlet.registered_from == date(2023, 5, 1)
    assert services.export_rows()[0][:4] == ["Ekspress", "newspaper", "MR-5", "2023-05-01"]


def test_search_ignores_diacritics_and_the_expense_check_uses_status() -> None:
    outlet = MediaOutlet.objects.create(
        name="Şərq qəzeti",
        kind="newspaper",
        registry_number="MR-8",
        registered_from=date(2023, 1, 1),
    )
    assert list(selectors.search_outlets("serq QEZETI")) == [outlet]
    assert selectors.registered_on(outlet, date(2024, 1, 1))
    outlet.status = MediaOutlet.Status.SUSPENDED
    outlet.save()
    assert not selectors.registered_on(outlet, date(2024, 1, 1))


def test_import_page_dry_run_then_commit(client: Any, users: dict[str, Any]) -> None:
    client.force_login(users[Role.PROGRAMME_MANAGER])
    upload = io.BytesIO(_csv("Yeni qəzet,newspaper,MR-2,2024-01-01,,active,AZ,az,,"))
    upload.name = "r.csv"
    page = client.post("/staff/media/import/", {"file": upload})
    assert page.status_code == 200 and 'data-action="create"' in page.content.decode()
    assert not MediaOutlet.objects.exists()
    upload.seek(0)
    page = client.post("/staff/media/import/", {"file": upload, "commit": "on"})
    assert page.status_code == 200 and MediaOutlet.objects.count() == 1
    bad = io.BytesIO(b"name\nx\n")
    bad.name = "bad.csv"
    assert client.post("/staff/media/import/", {"file": bad}).status_code == 400
