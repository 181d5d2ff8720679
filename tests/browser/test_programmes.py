"""State programmes in a real Chromium: a programme manager marks a task done with evidence,
and the public /programmes/ figure changes; the page is also seen at 375 px."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from digital_ngo.accounts.models import Role
from digital_ngo.programmes import services
from digital_ngo.programmes.models import ActKind, Programme
from tests.browser.conftest import RESULTS_DIR
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tasks(make_user):
    manager = make_user(Role.PROGRAMME_MANAGER, full_name="Leyla Məmmədova")
    programme = services.save_programme(
        staff=manager,
        programme=Programme(
            code="vc",
            title_az="Vətəndaş cəmiyyətinin inkişafı proqramı",
            act_kind=ActKind.DECREE,
            act_number="1317",
            act_date=date(2021, 4, 19),
            starts_on=date(2024, 1, 1),
            ends_on=date(2027, 12, 31),
            responsible_body_az="QHT Agentliyi",
        ),
    )
    first = services.create_task(
        staff=manager,
        programme=programme,
        data={
            "number": "1.1",
            "text_az": "QHT-lər üçün qrant müsabiqəsinin keçirilməsi",
            "weight": Decimal(1),
        },
    )
    services.change_status(staff=manager, task=first, action="complete")
    second = services.create_task(
        staff=manager,
        programme=programme,
        data={
            "number": "1.2",
            "text_az": "Şəhid ailələri üçün forumun təşkili",
            "weight": Decimal(1),
        },
    )
    return manager, second


def test_staff_marks_a_task_done_with_evidence_and_the_public_figure_changes(page: Page, tasks):
    manager, task = tasks
    page.goto("/programmes/")
    expect(page.locator("#overall-figure")).to_have_text("2 tapşırıq, 1 proqram: 50%")
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(manager.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.goto(f"/staff/programmes/tasks/{task.pk}/")
    page.get_by_text("Sübut əlavə etmək").first.click()
    page.locator("#id_kind").select_option("link")
    page.locator("#id_title").fill("Forum haqqında xəbər")
    page.locator("#id_url").fill("https://example.az/forum")
    page.get_by_role("button", name="Sübut əlavə etmək").click()
    expect(page.get_by_text("Sübut əlavə edildi.")).to_be_visible()
    page.get_by_role("button", name="İcra edilmiş kimi qeyd etmək").click()
    expect(page.get_by_text("Tapşırığın statusu dəyişdirildi.")).to_be_visible()
    page.goto("/programmes/")
    expect(page.locator("#overall-figure")).to_have_text("2 tapşırıq, 1 proqram: 100%")
    page.get_by_role("link", name="Vətəndaş cəmiyyətinin inkişafı proqramı").click()
    expect(page.get_by_role("link", name="Forum haqqında xəbər")).to_be_visible()
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/programmes/?q=sehid")
    expect(page.get_by_text("Şəhid ailələri üçün forumun təşkili")).to_be_visible()
    page.screenshot(path=str(RESULTS_DIR / "programmes-375.png"), full_page=True)
