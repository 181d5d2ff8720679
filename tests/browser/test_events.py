"""A visitor registers for an event, confirms by the e-mailed link and is checked in at the door.

A real Chromium against the live server, in Azerbaijani: the visitor needs no account;
the staff member uses the check-in page at phone width and types the ticket code.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from digital_ngo.events.models import Registration
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_confirm_and_check_in(page: Page, make_event, users) -> None:
    event = make_event(capacity=10)
    page.goto("/events/")
    page.get_by_role("link", name=event.title_az).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title_az)
    page.locator("#id_full_name").fill("Nərgiz Əliyeva")
    page.locator("#id_email").fill("nergiz@example.az")
    page.locator("#id_organisation_name").fill("Gənc Liderlər Birliyi")
    page.locator("#id_position").fill("koordinator")
    page.locator("main").get_by_role("button", name="Qeydiyyatdan keç", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Qeydiyyatınız")
    expect(page.locator("main")).to_contain_text("E-poçt təsdiqi gözlənilir")

    (message,) = [m for m in mail.outbox if m.to == ["nergiz@example.az"]]
    link = re.search(r"https?://\S+/events/r/\S+/", message.body).group(0)
    page.goto("/" + link.split("/", 3)[3])
    page.get_by_role("button", name="Qeydiyyatımı təsdiqlə").click()
    expect(page.get_by_role("status").first).to_contain_text("Yeriniz təsdiqləndi")
    code = page.locator("#ticket-code").inner_text()
    assert re.fullmatch(rf"{event.pk}-\d+-[A-Z2-7]{{16}}", code)

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(users["monitoring_officer"].email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Daxil olun").click()
    page.goto(f"/staff/events/{event.pk}/check-in/")
    answer = page.locator("#check-in-answer")

    page.locator("#id_code").fill(code.lower())
    page.get_by_role("button", name="Yoxla").click()
    expect(answer.locator("[data-outcome]")).to_have_attribute("data-outcome", "valid")
    expect(answer).to_contain_text("Etibarlıdır: Nərgiz Əliyeva")

    page.locator("#id_code").fill(code)
    page.get_by_role("button", name="Yoxla").click()
    expect(answer.locator("[data-outcome]")).to_have_attribute("data-outcome", "already")
    expect(answer).to_contain_text(users["monitoring_officer"].full_name)

    page.locator("#id_code").fill(
        code[:-3] + "AAA" if not code.endswith("AAA") else code[:-3] + "BBB"
    )
    page.get_by_role("button", name="Yoxla").click()
    expect(answer.locator("[data-outcome]")).to_have_attribute("data-outcome", "forged")

    registration = Registration.objects.get(email="nergiz@example.az")
    assert registration.status == Registration.Status.ATTENDED
    assert registration.checked_in_by == users["monitoring_officer"]
