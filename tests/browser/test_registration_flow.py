"""An NGO signs up, registers with its documents, is verified and found in the directory.

Everything goes through a real Chromium against the live server, in the
default Azerbaijani interface; assertions are on the text a person sees,
plus a final look at the database.
"""

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from digital_ngo.accounts.models import Role, User
from digital_ngo.registry.models import NGO, NGODocument, Verification
from tests.conftest import PASSWORD, pdf_bytes

# The live server needs committed data, hence transactions; the reference data the
# flushes wipe is reloaded by the autouse ``reference_data`` fixture (conftest.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NGO_NAME = "Gənc Vətəndaşlar Şəbəkəsi İctimai Birliyi"
VOEN = "1702345611"  # 10 digits, legal person (…1), valid check digit
OTHER_NGO_NAME = "Bakı Ekoloji Təşəbbüslər Birliyi"

# Azerbaijani texts, as in src/digital_ngo/locale/az/LC_MESSAGES/django.po.
ACCOUNT_READY = "Hesabınız hazırdır. İndi QHT-nizi qeydiyyatdan keçirin."
SUBMITTED_MESSAGE = "QHT-niz Agentliyin texniki yoxlamasına təqdim edildi."
AWAITING_CHECK = "Texniki yoxlama gözləyir"
VERIFIED = "Təsdiqlənib"
BAD_TYPE = "Yalnız PDF, PNG və JPEG faylları qəbul edilir; bu faylın məzmunu onlardan deyil."


def sign_up(page: Page, full_name: str, email: str) -> None:
    page.goto("/accounts/sign-up/")
    page.locator("#id_full_name").fill(full_name)
    page.locator("#id_email").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Hesabı yaradın").click()
    expect(page).to_have_url(re.compile(r"/my/ngo/register/$"))
    expect(page.get_by_role("status")).to_contain_text(ACCOUNT_READY)
    expect(page.get_by_role("heading", level=1)).to_have_text("QHT-nizi qeydiyyatdan keçirin")


def fill_registration(page: Page, charter: Path, extract: Path) -> None:
    page.locator("#id_name_az").fill(NGO_NAME)
    page.locator("#id_legal_form").select_option(label="İctimai birlik")
    page.locator("#id_voen").fill(VOEN)
    page.locator("#id_scope").select_option(label="Respublika miqyaslı")
    page.locator("#id_region").select_option(label="Bakı")
    page.locator("#id_district").select_option(label="Nəsimi")
    page.get_by_label("Gənclər", exact=True).check()
    page.get_by_label("Təhsil", exact=True).check()
    page.locator("#id_charter").set_input_files(charter)
    page.locator("#id_registry_extract").set_input_files(extract)


def submit_registration(page: Page) -> None:
    page.get_by_role("button", name="Texniki yoxlamaya təqdim edin").click()


def write_pdf(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(pdf_bytes())
    return path


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Path:
    """Keep uploaded documents out of the project's var/ directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_a_text_file_named_pdf_is_refused_and_no_ngo_is_created(
    page: Page, media_root: Path, tmp_path: Path
) -> None:
    fake = tmp_path / "charter.pdf"
    fake.write_text("This is the charter, honestly. Not a PDF at all.\n" * 5, encoding="utf-8")
    sign_up(page, "Aynur Məmmədova", "aynur@example.az")

    fill_registration(page, charter=fake, extract=write_pdf(tmp_path, "extract.pdf"))
    submit_registration(page)

    expect(page.locator("#id_charter_error")).to_contain_text(BAD_TYPE)  # next to the charter
    expect(page.locator("#id_charter")).to_have_attribute("aria-invalid", "true")
    expect(page).to_have_url(re.compile(r"/my/ngo/register/$"))
    expect(page.locator("#id_name_az")).to_have_value(NGO_NAME)  # the data is kept
    assert NGO.objects.count() == 0
    assert NGODocument.objects.count() == 0
    assert User.objects.get(email="aynur@example.az").ngo is None


def test_ngo_signs_up_registers_is_verified_and_is_found_without_diacritics(
    page: Page, media_root: Path, tmp_path: Path, make_user: Any, make_ngo: Any
) -> None:
    staff = make_user(Role.AGENCY_ADMIN, full_name="Rəşad Əliyev")
    make_ngo(name_az=OTHER_NGO_NAME)  # verified: the search must leave it out

    # 1. Sign-up of the NGO's administrator.
    sign_up(page, "Günel Həsənova", "gunel@example.az")

    # 2. Registration with both documents.
    fill_registration(
        page, charter=write_pdf(tmp_path, "charter.pdf"), extract=write_pdf(tmp_path, "extract.pdf")
    )
    submit_registration(page)
    expect(page).to_have_url(re.compile(r"/my/ngo/$"))
    expect(page.get_by_role("status")).to_contain_text(SUBMITTED_MESSAGE)
    expect(page.get_by_role("heading", level=1)).to_have_text(NGO_NAME)
    expect(page.locator("main .badge")).to_have_text(AWAITING_CHECK)
    expect(page.locator("main")).to_contain_text("Nizamnamə: charter.pdf")
    expect(page.locator("main")).to_contain_text("Dövlət reyestrindən çıxarış: extract.pdf")

    # 3. Log out through the header's button.
    page.locator("header").get_by_role("button", name="Çıxış").click()
    expect(page.locator("header").get_by_role("link", name="Daxil olun")).to_be_visible()

    # 4. The agency's administrator logs in, finds the NGO in the queue and verifies it.
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(staff.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Daxil olun").click()
    expect(page).to_have_url(re.compile(r"/staff/$"))
    expect(page.get_by_role("heading", name="Əməkdaş bölməsi")).to_be_visible()
    queue = page.locator("main table")
    expect(queue.get_by_role("link", name=OTHER_NGO_NAME)).to_have_count(0)
    queue.get_by_role("link", name=NGO_NAME).click()
    expect(page).to_have_url(re.compile(r"/staff/ngos/\d+/$"))
    expect(page.locator("main .badge")).to_have_text(AWAITING_CHECK)
    expect(page.locator("main")).to_contain_text("Bakı, Nəsimi")
    page.get_by_role("button", name="Təsdiqləyin").click()
    expect(page.get_by_role("status")).to_contain_text(f"{NGO_NAME} təsdiqləndi.")
    expect(page.locator("main .badge")).to_have_text(VERIFIED)
    expect(page.get_by_role("button", name="Təsdiqləyin")).to_have_count(0)

    # 5. Anyone finds it in the directory by typing without Azerbaijani letters.
    page.goto("/ngos/")
    results = page.locator("#results")
    expect(results).to_contain_text("2 QHT tapıldı")
    expect(results.get_by_role("link", name=OTHER_NGO_NAME)).to_be_visible()
    page.evaluate("window.notReloaded = true")  # survives only if HTMX swaps, not a new page
    page.locator("#id_q").press_sequentially("vetendas", delay=20)
    expect(results).to_contain_text("1 QHT tapıldı")
    expect(results.get_by_role("link", name=OTHER_NGO_NAME)).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/ngos/\?(.*&)?q=vetendas"))
    assert page.evaluate("window.notReloaded") is True, "the results were not replaced by HTMX"

    # Submitting the form (a plain GET) finds it too.
    page.get_by_role("button", name="Axtarış").click()
    expect(results).to_contain_text("1 QHT tapıldı")
    results.get_by_role("link", name=NGO_NAME).click()
    expect(page).to_have_url(re.compile(r"/ngos/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(NGO_NAME)
    expect(page.locator("main dl.record")).to_contain_text(VOEN)
    expect(page.locator("main dl.record")).to_contain_text("İctimai birlik")

    # The database agrees with what the pages showed.
    ngo = NGO.objects.get(voen=VOEN)
    assert ngo.name_az == NGO_NAME
    assert ngo.verification == Verification.VERIFIED
    assert ngo.verified_at is not None
    assert ngo.region.code == "baki" and ngo.district.code == "baki-nasimi"
    assert sorted(ngo.documents.values_list("kind", flat=True)) == ["charter", "registry_extract"]
    assert ngo.documents.count() == 2
    assert all((media_root / doc.file.name).is_file() for doc in ngo.documents.all())
    assert User.objects.get(email="gunel@example.az").ngo == ngo
