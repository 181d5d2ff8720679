"""An NGO sees the public steps of its application's timeline; staff see who took them."""

import pytest
from playwright.sync_api import Page, expect

from digital_ngo.accounts.models import Role
from digital_ngo.applications import services
from tests.browser.test_grant_cycle import log_in, log_out

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_the_ngo_sees_its_applications_timeline(page: Page, complete, ngo_admin, make_user):
    manager = make_user(Role.PROGRAMME_MANAGER)
    services.submit(user=ngo_admin, application=complete)
    services.return_for_correction(
        staff=manager, application=complete, reasons="Smeta imzalanmayıb."
    )
    log_in(page, ngo_admin)
    page.goto(f"/applications/{complete.pk}/")
    timeline = page.locator("section.timeline")
    expect(timeline.get_by_role("heading", name="Xronologiya")).to_be_visible()
    expect(timeline).to_contain_text("Müraciəti təqdim edin")
    expect(timeline).to_contain_text("Smeta imzalanmayıb.")
    expect(timeline).not_to_contain_text(manager.full_name)  # who acted stays with the agency
    log_out(page)
    log_in(page, manager)
    page.goto(f"/applications/{complete.pk}/")
    expect(page.locator("section.timeline")).to_contain_text(manager.full_name)
