"""Statements in a real Chromium: an organisation signs, confirms by the e-mail link and sees
the public tally change; staff send an appeal and watch its progress while a worker sends
through a real SMTP server (aiosmtpd). Screenshots at 1280 and 375 px go to ``test-results/``.
"""

import re
import threading
from datetime import timedelta
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.db import connection
from django.utils import timezone
from playwright.sync_api import Page, expect

from digital_ngo.accounts.models import Role
from digital_ngo.campaigns import mailing, services
from digital_ngo.campaigns.models import Statement
from digital_ngo.media.models import MediaContact, MediaOutlet
from tests.browser.conftest import RESULTS_DIR
from tests.browser.test_grant_cycle import log_in
from tests.campaigns.conftest import Recorder, _free_port

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _statement(make_user: Any, **fields: Any) -> Statement:
    author, approver = make_user(Role.PROGRAMME_MANAGER), make_user(Role.AGENCY_ADMIN)
    data = {
        "title_az": "Qlobal Cənub bəyanatı",
        "text_az": "Biz, aşağıda imza edənlər...",
        **fields,
    }
    statement = services.create_statement(author=author, data=data)
    return services.approve_statement(staff=approver, statement=statement)


def test_sign_confirm_by_the_email_link_and_see_the_tally_change(
    page: Page, make_user: Any
) -> None:
    statement = _statement(make_user, signing_opens=timezone.now() - timedelta(days=1))
    page.goto(f"/statements/{statement.pk}/")
    expect(page.locator("#tally")).to_contain_text("0 təşkilat, 0 ölkə")
    page.get_by_role("button", name="Təşkilatınızın adından imzalayın").click()
    page.locator("#id_organisation").fill("Gənc Liderlər İctimai Birliyi")
    page.locator("#id_country").select_option("AZ")
    page.locator("#id_city").fill("Gəncə")
    page.locator("#id_representative").fill("Nigar Əliyeva")
    page.locator("#id_position").fill("Sədr")
    page.locator("#id_email").fill("nigar@genc-liderler.az")
    page.get_by_role("button", name="İmzala").click()
    expect(page.get_by_role("status")).to_contain_text("keçid göndərdik")
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+(/statements/\S+/confirm/\S+/)", mail.outbox[0].body).group(1)  # type: ignore[union-attr]
    page.goto(link)
    expect(page.get_by_role("status")).to_contain_text("təsdiqləndi")
    page.goto(f"/statements/{statement.pk}/")
    expect(page.locator("#tally")).to_contain_text("1 təşkilat, 1 ölkə")
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(RESULTS_DIR / f"statement-{width}.png"), full_page=True)
    # A second signature by the same organisation is refused politely.
    page.goto(f"/statements/{statement.pk}/sign/")
    page.locator("#id_organisation").fill("GƏNC LİDERLƏR ictimai birliyi")
    page.locator("#id_country").select_option("AZ")
    page.locator("#id_representative").fill("Başqa Şəxs")
    page.locator("#id_email").fill("other@gmail.com")
    page.get_by_role("button", name="İmzala").click()
    expect(page.get_by_role("status")).to_contain_text("artıq imzalayıb")


def test_staff_send_an_appeal_and_watch_its_progress(
    page: Page, make_user: Any, settings: Any
) -> None:
    recorder, port = Recorder(), _free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.CAMPAIGN_MESSAGES_PER_MINUTE = 120  # one every 0.5 s: progress is visible
    try:
        for i in range(8):
            outlet = MediaOutlet.objects.create(name=f"Region qəzeti {i}", kind="newspaper")
            MediaContact.objects.create(outlet=outlet, email=f"desk{i}@region.az")
        statement = _statement(make_user, segment_kinds=["newspaper"])
        log_in(page, statement.approved_by)
        page.goto(f"/staff/statements/{statement.pk}/")
        expect(page.locator("#recipient-count")).to_contain_text("8 ünvan")
        page.on("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Alıcılara göndər").click()
        expect(page.locator("#progress")).to_be_visible()

        def worker() -> None:  # the background worker of production, here in a thread
            try:
                mailing.run(statement.pk)
            finally:
                connection.close()

        thread = threading.Thread(target=worker)
        thread.start()
        expect(page.locator("#progress [data-status=sent]")).to_have_text("8", timeout=30_000)
        thread.join()
        page.screenshot(path=str(RESULTS_DIR / "appeal-progress-1280.png"), full_page=True)
        assert sorted(recorder.recipients()) == sorted(f"desk{i}@region.az" for i in range(8))
    finally:
        controller.stop()
