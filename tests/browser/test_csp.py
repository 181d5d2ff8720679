"""Content-Security-Policy: sent on every page, and the main pages (HTMX, charts, forms) run
under it in a real Chromium without a single violation in the console."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page, expect

from digital_ngo.accounts.models import Role
from digital_ngo.press import services
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_main_pages_have_no_csp_violation(page: Page, make_user, make_ngo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    make_ngo(name_az="Şəki Gənclər Birliyi")
    staff = make_user(Role.MONITORING_OFFICER)
    item = services.upload_item(
        user=staff,
        title="Xəbər",
        upload=SimpleUploadedFile("x.txt", "Gənclər təşkilatı".encode(), "text/plain"),
    )
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    response = page.goto("/")
    assert response is not None
    assert "script-src 'self'" in response.headers["content-security-policy"]
    for path in ["/", "/press/", "/ngos/"]:
        page.goto(path)
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(staff.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Daxil olun").click()
    expect(page).to_have_url(re.compile(r"/staff/$"))
    page.goto(f"/staff/press/{item.pk}/")
    # the progress panel polls through HTMX every 2 s: wait for one swap
    with page.expect_response(re.compile(r"progress")):
        pass
    violations = [m for m in messages if "Content Security Policy" in m or "Refused to" in m]
    assert violations == []
