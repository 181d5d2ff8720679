"""Staff upload a clipping, the worker restores it, they review it change by change and publish.

Everything a person does goes through a real Chromium against the live server,
in the default Azerbaijani interface. The background worker runs in the test's
process, as ``call_command("db_worker", batch=True)``, while the review page in
the browser keeps polling; the page must then reload by itself.
"""

import re
import signal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from digital_ngo.accounts.models import Role
from digital_ngo.press.models import PressItem
from tests.browser.conftest import RESULTS_DIR
from tests.conftest import PASSWORD

# The live server needs committed data, hence transactions; with SQLite's in-memory
# test database the live server shares the test thread's connection, so the worker
# run here and the pages served there see the same rows.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Vətəndaş cəmiyyəti üçün yeni layihə"
TYPED = "Azerbaycan vetendas cemiyyeti ucun yeni layihe baslayir."

# Azerbaijani texts, as in src/digital_ngo/locale/az/LC_MESSAGES/django.po.
ORIGINAL_PANEL = "İlkin mətn"
RESTORED_PANEL = "Bərpa olunmuş mətn"
QUEUED = "Emal gözləyir"
IN_REVIEW = "Yoxlamaya hazırdır"
PUBLISHED = "Dərc edilib"
UPLOADED_MESSAGE = "Fayl yükləndi və oxunmaq üçün növbəyə qoyuldu."
PUBLISHED_MESSAGE = "Material dərc edildi."
REJECT = "Bu düzəlişi rədd edin"
ACCEPT = "Bu düzəlişi qəbul edin"
SCREENSHOT = RESULTS_DIR / "press-review.png"
WORKER_SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]


def run_worker() -> None:
    """Run the task worker until the queue is empty, as in production.

    The command installs its own signal handlers for a graceful shutdown; put
    pytest's back afterwards so that Ctrl+C still stops the test run.
    """
    handlers = {signum: signal.getsignal(signum) for signum in WORKER_SIGNALS}
    try:
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)


def log_in(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Daxil olun").click()
    expect(page).to_have_url(re.compile(r"/staff/$"))


def test_staff_upload_review_change_by_change_publish_and_the_public_finds_it(
    page: Page, tmp_path: Path, make_user: Any
) -> None:
    staff = make_user(Role.MONITORING_OFFICER, full_name="Elçin Quliyev")
    clipping = tmp_path / "clipping.txt"
    clipping.write_text(TYPED + "\n", encoding="utf-8")

    # 1. The monitoring officer logs in.
    log_in(page, staff.email)

    # 2. Upload through the form: the review page opens, waiting for the worker.
    page.goto("/staff/press/upload/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_upload").set_input_files(clipping)
    page.locator("main").get_by_role("button", name="Yükləyin").click()
    expect(page).to_have_url(re.compile(r"/staff/press/\d+/$"))
    item = PressItem.objects.get()
    assert page.url.endswith(f"/staff/press/{item.pk}/")
    expect(page.get_by_role("status")).to_contain_text(UPLOADED_MESSAGE)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    progress = page.locator("#progress")
    expect(progress).to_contain_text(QUEUED)
    expect(progress).to_have_attribute("hx-trigger", "every 2s")
    expect(progress.locator("progress")).to_be_visible()
    original = page.get_by_role("region", name=ORIGINAL_PANEL)
    restored = page.get_by_role("region", name=RESTORED_PANEL)
    expect(restored).to_have_count(0)
    assert item.status == PressItem.Status.QUEUED and item.original_text == ""

    # 3. The worker reads the file; the polling page notices and reloads by itself.
    page.evaluate("window.beforeTheWorker = true")  # gone once the page is reloaded
    run_worker()
    item.refresh_from_db()
    assert item.status == PressItem.Status.REVIEW, item.note
    restored_text = item.restored_text  # aztext's reading: the text with every change accepted
    assert "vətəndaş cəmiyyəti" in restored_text and item.final_text == restored_text
    assert item.original_text == TYPED and len(item.edits) > 1
    rejected_text = restored_text.replace("vətəndaş", "vetendas", 1)
    expect(restored).to_be_visible()  # within the 10 s default timeout; no page.reload()
    assert page.evaluate("window.beforeTheWorker") is None, "the page was not reloaded"
    expect(progress).to_contain_text(IN_REVIEW)
    expect(progress).not_to_have_attribute("hx-trigger", re.compile(".*"))  # polling stopped
    expect(progress.locator("progress")).to_have_count(0)
    expect(original).to_be_visible()
    expect(original).to_contain_text(TYPED)
    expect(restored).to_contain_text(restored_text)
    hand_edit = page.locator("details", has_text="Mətni əl ilə düzəldin")
    expect(hand_edit.locator("textarea")).to_have_value(restored_text)

    # 4. Reject the change to "vətəndaş" (an HTMX swap, not a new page), then accept it back.
    change = restored.get_by_role("button", name=f"{REJECT}: vətəndaş")
    expect(change).to_have_attribute("aria-pressed", "true")
    expect(change).to_have_attribute("title", re.compile(r"\S"))  # the reason, on hover
    change_id = change.get_attribute("id")
    assert change_id is not None and re.fullmatch(r"new-\d+", change_id)
    index = int(change_id.removeprefix("new-"))
    assert item.edits[index]["old"] == "vetendas" and item.edits[index]["new"] == "vətəndaş"
    toggle = page.locator(f"#{change_id}")
    expect(original.locator(f"#old-{index}")).to_have_text("vetendas")
    expect(original.locator(f"#old-{index}")).not_to_have_class(re.compile(r"\brejected\b"))

    page.evaluate("window.notReloaded = true")  # survives only if HTMX swaps, not a new page
    hand_edit.locator("summary").click()  # open the hand-edit box: a decision keeps it open
    expect(hand_edit).to_have_attribute("open", "")
    change.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(toggle).to_have_text("vetendas")
    expect(toggle).to_have_accessible_name(f"{ACCEPT}: vetendas")
    expect(toggle).to_have_class(re.compile(r"\brejected\b"))
    expect(original.locator(f"#old-{index}")).to_have_class(re.compile(r"\brejected\b"))
    expect(restored).to_contain_text(rejected_text)
    expect(restored.locator("button[aria-pressed=true]")).to_have_count(len(item.edits) - 1)
    assert page.evaluate("window.notReloaded") is True, "the panels were not replaced by HTMX"
    item.refresh_from_db()
    assert item.final_text == rejected_text
    assert "vetendas" in item.final_text and "vətəndaş" not in item.final_text
    assert "cəmiyyəti" in item.final_text  # the other changes stay accepted
    assert item.edits[index]["accepted"] is False
    assert sum(edit["accepted"] for edit in item.edits) == len(item.edits) - 1
    assert item.original_text == TYPED and not item.edited_by_hand
    page.mouse.move(0, 0)  # no hover colour on the button in the picture
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True, animations="disabled")
    expect(hand_edit).to_have_attribute("open", "")  # still open after the swap
    expect(hand_edit.locator("textarea")).to_have_value(rejected_text)  # and follows it

    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(toggle).to_have_text("vətəndaş")
    expect(toggle).to_have_accessible_name(f"{REJECT}: vətəndaş")
    expect(toggle).not_to_have_class(re.compile(r"\brejected\b"))
    expect(restored).to_contain_text(restored_text)
    expect(page.locator("#id_text")).to_have_value(restored_text)
    assert page.evaluate("window.notReloaded") is True, "the panels were not replaced by HTMX"
    item.refresh_from_db()
    assert item.final_text == restored_text
    assert all(edit["accepted"] for edit in item.edits)

    # 5. Publish, log out, and anyone finds it by typing without Azerbaijani letters.
    page.locator("main").get_by_role("button", name="Dərc edin").click()
    expect(page.get_by_role("status")).to_contain_text(PUBLISHED_MESSAGE)
    expect(progress).to_contain_text(PUBLISHED)
    expect(page.locator("main").get_by_role("button", name="Dərc edin")).to_have_count(0)
    item.refresh_from_db()
    assert item.status == PressItem.Status.PUBLISHED and item.published_at is not None
    page.locator("header").get_by_role("button", name="Çıxış").click()
    expect(page.locator("header").get_by_role("link", name="Daxil olun")).to_be_visible()

    page.goto("/press/?q=vetendas+cemiyyeti")
    expect(page.locator("main")).to_contain_text("1 material tapıldı")
    result = page.locator("main article")
    expect(result).to_have_count(1)
    expect(result.get_by_role("heading", level=2)).to_have_text(TITLE)
    expect(result.locator("mark")).to_have_text(["vətəndaş", "cəmiyyəti"])
    page.goto("/press/?q=vetendas+kitabxanasi")  # every word must match
    expect(page.locator("main")).to_contain_text("Heç nə tapılmadı.")
    expect(page.locator("main article")).to_have_count(0)

    page.goto("/press/?q=vetendas+cemiyyeti")
    page.locator("main article").get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(re.compile(rf"/press/{item.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("main .press-text")).to_have_text(restored_text)
