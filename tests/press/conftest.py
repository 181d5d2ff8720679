"""Fixtures of the press tests: staff, uploads of every kind and a real worker run."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from digital_ngo.accounts.models import Role
from digital_ngo.press.demo import render_page


@pytest.fixture
def staff(make_user):
    return make_user(Role.MONITORING_OFFICER, full_name="Elçin Quliyev")


@pytest.fixture
def text_file():
    def make(text: str, name: str = "clipping.txt") -> SimpleUploadedFile:
        return SimpleUploadedFile(name, text.encode("utf-8"), "text/plain")

    return make


@pytest.fixture
def image_file():
    def make(text: str) -> SimpleUploadedFile:
        return SimpleUploadedFile("scan.png", render_page(text), "image/png")

    return make


@pytest.fixture
def pdf_pages():
    """A PDF of ``count`` blank pages (no text layer, so each page goes through OCR)."""

    def make(count: int) -> SimpleUploadedFile:
        buffer = io.BytesIO()
        pages = [Image.new("L", (300, 400), "white") for _ in range(count)]
        pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:], resolution=72)
        return SimpleUploadedFile("scan.pdf", buffer.getvalue(), "application/pdf")

    return make


@pytest.fixture
def run_worker():
    """Run the database task worker until the queue is empty, as in production."""

    def run() -> None:
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    return run
