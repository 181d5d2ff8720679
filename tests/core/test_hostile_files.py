"""Hostile exports and uploads: formulas in staff lists, files that lie about their type."""

import csv
import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image

from digital_ngo.accounts.models import Role
from digital_ngo.core.exports import neutralise
from digital_ngo.core.uploads import validate_document
from digital_ngo.press import reading

FORMULAS = ["=1+2", "+994 50 000", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


@pytest.mark.parametrize("value", FORMULAS)
def test_neutralise_keeps_the_text_readable(value):
    assert neutralise(value) == "'" + value
    assert neutralise("Şəki " + value) == "Şəki " + value


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_staff_export_writes_no_formula(client, make_ngo, make_user, kind):
    make_ngo(name_az='=HYPERLINK("http://evil.example","Bax") Birliyi')
    client.force_login(make_user(Role.MONITORING_OFFICER))
    response = client.get(reverse("registry:staff_ngo_list"), {"format": kind})
    if kind == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        names = [row[0] for row in rows[1:]]
    else:
        book = load_workbook(io.BytesIO(response.content))
        names = [row[0].value for row in book.active.iter_rows(min_row=2)]
        assert all(row[0].data_type == "s" for row in book.active.iter_rows(min_row=2))
    assert names == ['\'=HYPERLINK("http://evil.example","Bax") Birliyi']


def png(width: int, height: int, *, truncate: bool = False) -> bytes:
    image = Image.new("L", (min(width, 64), min(height, 64)), "white")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    data = buffer.getvalue()
    if (width, height) != image.size:  # a bomb: the header claims a huge size
        ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
        chunk = b"IHDR" + ihdr
        data = (
            data[:8]
            + struct.pack(">I", 13)
            + chunk
            + struct.pack(">I", zlib.crc32(chunk))
            + data[33:]
        )
    return data[: len(data) // 2] if truncate else data


def pdf(pages: int) -> bytes:
    buffer = io.BytesIO()
    images = [Image.new("L", (20, 20), "white") for _ in range(pages)]
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:])
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("scan.png", png(200, 200, truncate=True), "damaged"),
        ("bomb.png", png(30000, 30000), "limit"),
        ("random.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40, "damaged"),
        ("long.pdf", pdf(101), "limit"),
    ],
)
def test_uploads_are_parsed_not_sniffed(settings, name, content, message):
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile(name, content, "application/pdf"))
    assert message in " ".join(error.value.messages)


def test_a_polyglot_is_stored_under_its_proven_type():
    polyglot = png(40, 40) + b"<html><script>alert(1)</script></html>"
    upload = SimpleUploadedFile("page.html", polyglot, "text/html")
    checked = validate_document(upload)
    assert (checked.mime, upload.name, upload.content_type) == (
        "image/png",
        "page.png",
        "image/png",
    )


def test_ocr_reads_a_huge_page_at_a_bounded_size(settings):
    settings.PRESS_OCR_MAX_PIXELS = 1_000_000
    big = Image.new("L", (4000, 3000), "white")
    assert reading.bounded(big).width * reading.bounded(big).height <= 1_000_000
