"""The chained signatory export: the command writes the download's bytes; verify finds tampering."""

import io
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from digital_ngo.accounts.models import Role
from digital_ngo.campaigns import services
from digital_ngo.campaigns.models import Signature, Statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(make_user: Any) -> Statement:
    author, approver = make_user(Role.PROGRAMME_MANAGER), make_user(Role.AGENCY_ADMIN)
    statement = services.create_statement(
        author=author,
        data={
            "title_az": "Bəyanat",
            "text_az": "Mətn",
            "signing_opens": timezone.now() - timedelta(1),
        },
    )
    statement = services.approve_statement(staff=approver, statement=statement)
    now = timezone.now()
    for i, country in enumerate(["AZ", "TR", "BR", "ZA", "AZ"]):
        Signature.objects.create(
            statement=statement,
            organisation=f"Təşkilat {i}",
            name_key=f"teskilat {i}",
            country=country,
            representative="Ad Soyad",
            email=f"x{i}@gmail.com",
            status=Signature.Status.CONFIRMED,
            confirmed_at=now + timedelta(seconds=i),
        )
    Signature.objects.create(
        statement=statement,
        organisation="Gözləyən",
        name_key="gozleyen",
        country="AZ",
        representative="A",
        email="p@gmail.com",
    )
    return statement


def _export(statement: Statement) -> bytes:
    out = io.BytesIO()

    class Buffer:
        buffer = out

        def write(self, _text: str) -> None:  # pragma: no cover - the command writes bytes
            raise AssertionError

        def flush(self) -> None:
            pass

    import sys

    saved, sys.stdout = sys.stdout, Buffer()  # type: ignore[assignment]
    try:
        call_command("export_signatures", str(statement.pk))
    finally:
        sys.stdout = saved
    return out.getvalue()


def _verify(path: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_signatures", str(path), stdout=out, stderr=err)
    except SystemExit as stop:
        return int(stop.code or 0), err.getvalue()
    return 0, out.getvalue()


def test_command_writes_the_download_bytes_and_the_page_shows_the_head(
    signed: Statement, tmp_path: Path
) -> None:
    client = Client()
    download = b"".join(client.get(f"/statements/{signed.pk}/signatures.jsonl").streaming_content)
    assert _export(signed) == download
    lines = download.splitlines()
    assert len(lines) == 6  # header + 5 counting signatures; the pending one is not listed
    head = json.loads(lines[-1])["hash"]
    assert head in client.get(f"/statements/{signed.pk}/").content.decode()
    path = tmp_path / "intact.jsonl"
    path.write_bytes(download)
    code, message = _verify(path)
    assert code == 0 and "intact" in message and head in message


def _tampered(signed: Statement, tmp_path: Path, change: Any) -> tuple[int, str]:
    lines = _export(signed).splitlines(keepends=True)
    change(lines)
    path = tmp_path / "tampered.jsonl"
    path.write_bytes(b"".join(lines))
    return _verify(path)


def test_an_edited_row_is_named(signed: Statement, tmp_path: Path) -> None:
    def edit(lines: list[bytes]) -> None:
        lines[3] = lines[3].replace("Təşkilat 2".encode(), "Təşkilat 9".encode())

    code, message = _tampered(signed, tmp_path, edit)
    assert code == 1 and "row 3 was altered" in message


def test_an_edited_and_rehashed_row_breaks_the_chain(signed: Statement, tmp_path: Path) -> None:
    from digital_ngo.campaigns.chain import canonical, digest

    def edit(lines: list[bytes]) -> None:
        row = json.loads(lines[2])
        row.pop("hash")
        row["country"] = "US"
        row["hash"] = digest(canonical(row))
        lines[2] = canonical(row) + b"\n"

    code, message = _tampered(signed, tmp_path, edit)
    assert code == 1 and "row 2 was altered" in message


def test_a_deleted_row_is_named(signed: Statement, tmp_path: Path) -> None:
    code, message = _tampered(signed, tmp_path, lambda lines: lines.pop(2))
    assert code == 1 and "row 2 was removed" in message
    code, message = _tampered(signed, tmp_path, lambda lines: lines.pop())
    assert code == 1 and "row 5 was removed" in message


def test_an_inserted_row_is_named(signed: Statement, tmp_path: Path) -> None:
    code, message = _tampered(signed, tmp_path, lambda lines: lines.insert(3, lines[2]))
    assert code == 1 and "inserted" in message and "line 4" in message
