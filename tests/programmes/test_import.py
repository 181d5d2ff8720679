"""Bulk import: the dry run says row by row what would happen; commit writes all or nothing."""

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import Workbook

from digital_ngo.programmes import imports
from digital_ngo.programmes.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """The messages are asserted in English (they are Azerbaijani by default)."""
    with translation.override("en"):
        yield


def csv_bytes(rows, header=imports.COLUMNS, encoding="utf-8"):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def row(number="2.1", programme="vc", weight="1", status="not_started", percent="", deadline=""):
    return [
        programme,
        number,
        "Yeni tapşırıq: şəhid ailələri",
        "New task",
        "executor",
        "once",
        deadline,
        weight,
        status,
        percent,
    ]


def test_dry_run_then_commit_creates_and_changes(make_task, manager):
    existing = make_task(number="1.1")
    content = csv_bytes([row("1.1", status="done"), row("2.1", status="partly_done", percent="40")])
    plans = imports.plan(imports.read_rows("t.csv", content))
    assert [p.action for p in plans] == ["change", "create"]
    assert not imports.has_errors(plans)
    assert Task.objects.count() == 1  # a dry run writes nothing
    imports.apply(staff=manager, rows=imports.read_rows("t.csv", content))
    existing.refresh_from_db()
    created = Task.objects.get(number="2.1")
    assert existing.status == "done"
    assert (created.status, created.percent) == ("partly_done", 40)
    assert created.progress.count() == 2  # created, then partly done


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (row(weight="0"), "greater than 0"),
        (row(weight="-2"), "greater than 0"),
        (row(weight="abc"), "greater than 0"),
        (row(status="partly_done", percent="140"), "between 0 and 100"),
        (row(programme="nope"), "Unknown programme"),
        (row(deadline="2023-05-01"), "before the programme starts"),
        (row(deadline="31.12.2024"), "not a date"),
    ],
)
def test_bad_rows_fail_with_a_reason_and_nothing_is_written(programme, manager, bad, message):
    content = csv_bytes([row("3.1"), bad])
    rows = imports.read_rows("t.csv", content)
    plans = imports.plan(rows)
    assert plans[0].errors == []
    assert any(message in e for e in plans[1].errors), plans[1].errors
    with pytest.raises(ValidationError):
        imports.apply(staff=manager, rows=rows)
    assert not Task.objects.exists()


def test_duplicate_numbers_in_the_file(programme):
    plans = imports.plan(imports.read_rows("t.csv", csv_bytes([row("4.1"), row("4.1")])))
    assert plans[0].errors == [] and "appears twice" in plans[1].errors[0]


def test_wrong_columns_and_bad_encoding_refuse_the_file(programme):
    with pytest.raises(imports.ImportError_, match="columns"):
        imports.read_rows("t.csv", csv_bytes([row()], header=["a", "b"]))
    with pytest.raises(imports.ImportError_, match="UTF-8"):
        imports.read_rows("t.csv", csv_bytes([row()], encoding="utf-16"))
    with pytest.raises(imports.ImportError_, match="XLSX"):
        imports.read_rows("t.xlsx", b"not a zip at all")
    with pytest.raises(imports.ImportError_):
        imports.read_rows("t.txt", b"x")


def test_xlsx_in_the_exports_columns_round_trips(make_task, manager):
    task = make_task(number="5.1", deadline=date(2025, 3, 1))
    book = Workbook()
    book.active.append(imports.COLUMNS)
    exported = imports.export_row(task)
    exported[8] = "done"
    book.active.append(exported)
    buffer = io.BytesIO()
    book.save(buffer)
    rows = imports.read_rows("t.xlsx", buffer.getvalue())
    assert rows[0]["deadline"] == "2025-03-01"
    imports.apply(staff=manager, rows=rows)
    task.refresh_from_db()
    assert task.status == "done"


def test_import_page_dry_run_and_commit(client, manager, programme):
    client.force_login(manager)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("t.csv", csv_bytes([row("6.1", status="done")]), "text/csv")
    html = client.post("/staff/programmes/import/", {"file": upload}).content.decode()
    assert "6.1" in html and not Task.objects.exists()
    response = client.post("/staff/programmes/import/", {"commit": "1"})
    assert response.status_code == 302
    assert Task.objects.get(number="6.1").status == "done"
