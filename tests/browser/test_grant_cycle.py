"""The whole life of one grant, person by person, through a real Chromium.

A programme manager sets up and publishes a call in the staff forms; an NGO
applies and submits; the manager declares the application admissible and
assigns evaluators (the one the registry links to the applicant is left out);
two evaluators declare and score; the agency administrator records the board's
decision and concludes the agreement; finance pays the first tranche; the NGO
reports (a media expense to an unregistered outlet is flagged); monitoring
approves; finance pays the rest; the grant closes with target against actual.

Each person logs in through the login form and out through the header's
button. Assertions are on the Azerbaijani text people see, plus database facts.
"""

import importlib
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from digital_ngo.accounts.models import Role, User
from digital_ngo.applications.models import Application, BudgetLine
from digital_ngo.decisions.models import Decision
from digital_ngo.funding.models import Call, Funder
from digital_ngo.grants.models import Expense, Grant, Report, Tranche
from digital_ngo.media.models import MediaOutlet
from digital_ngo.registry.models import Affiliation
from digital_ngo.reviews.models import Assignment
from tests.conftest import PASSWORD, pdf_bytes
from tests.fixtures.grants import close_call

# The live server needs committed data, hence transactions (see test_registration_flow.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CALL_NAME = "2026-cı il qrant müsabiqəsi (brauzer)"
TOPIC_A = "Ətraf mühit və sağlamlıq"
PROJECT = "Şəhər parklarında ekoloji maarifləndirmə"
NGO_NAME = "Yaşıl Gələcək İctimai Birliyi"
INDICATOR = "Təlim keçmiş gənclər"
OUTLET = "Xəbər Portalı (qeydiyyatsız)"
AGENCY_FUNDER = "QHT-lərə Dövlət Dəstəyi Agentliyi"

# Azerbaijani texts, as in src/digital_ngo/locale/az/LC_MESSAGES/django.po.
SAVED = "Saxlanıldı."
NOT_ELIGIBLE_REASON = (
    "Media xidmətləri yalnız xidmət günü media reyestrində olan subyektlərə ödənilə bilər."
)
CONFIDENTIAL = "Müraciəti və qiymətləndirməni məxfi saxlayacağam."


# --- helpers -------------------------------------------------------------------------------


def log_in(page: Page, user: User) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Daxil olun").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def log_out(page: Page) -> None:
    page.locator("header").get_by_role("button", name="Çıxış").click()
    expect(page.locator("header").get_by_role("link", name="Daxil olun")).to_be_visible()


def expect_message(page: Page, text: str) -> None:
    """Exactly this one message is shown (an error instead would appear in the failure)."""
    expect(page.locator("main p.message")).to_have_text([text])


def local(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def row(table: Locator, text: str) -> Locator:
    return table.locator("tr", has_text=text)


def ensure_funders() -> None:
    """The agency funder comes from a data migration, which a transactional test's flush wipes."""
    if not Funder.objects.filter(code="agency").exists():
        from django.apps import apps

        importlib.import_module("digital_ngo.funding.migrations.0002_funders").load(apps, None)


def create_call(page: Page) -> Call:
    """The programme manager fills the call form and its formsets, then publishes the call."""
    now = timezone.now()
    page.goto("/staff/calls/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Yeni müsabiqə")
    page.locator("#id_name_az").fill(CALL_NAME)
    page.locator("#id_year").fill("2026")
    page.locator("#id_description").fill("Ekologiya və gənclər layihələri üçün müsabiqə.")
    page.get_by_label(AGENCY_FUNDER).check()
    page.locator("#id_opens_at").fill(local(now - timedelta(days=1)))
    page.locator("#id_closes_at").fill(local(now + timedelta(days=30)))
    page.locator("#id_total_budget").fill("500000")
    page.locator("#id_tranches").fill("40, 40, 20")  # an interim report before tranche 2
    page.locator("#id_instruments-0-instrument").select_option("small")
    page.locator("#id_instruments-0-max_amount").fill("15000")
    page.locator("#id_instruments-0-max_months").fill("6")
    page.locator("#id_topics-0-code").fill("A")
    page.locator("#id_topics-0-position").fill("1")
    page.locator("#id_topics-0-name_az").fill(TOPIC_A)
    page.locator("#id_criteria-0-position").fill("1")
    page.locator("#id_criteria-0-name_az").fill("Aktuallıq")
    page.locator("#id_criteria-0-weight").fill("60")
    page.locator("#id_documents-0-name_az").fill("Xərclər smetası")
    page.get_by_role("button", name="Saxlayın").click()
    expect_message(page, "Müsabiqə saxlanıldı.")
    expect(page).to_have_url(re.compile(r"/staff/calls/\d+/$"))
    # One criterion of 60%: the page says what stops publication, and offers no button.
    expect(page.get_by_role("status").filter(has_text="Dərc etməzdən əvvəl")).to_contain_text(
        "Qiymətləndirmə meyarlarının çəkilərinin cəmi 100% deyil, 60"
    )
    expect(page.get_by_role("button", name="Müsabiqəni dərc edin")).to_have_count(0)

    page.locator("#id_criteria-1-position").fill("2")
    page.locator("#id_criteria-1-name_az").fill("Büdcənin əsaslandırılması")
    page.locator("#id_criteria-1-weight").fill("40")
    page.get_by_role("button", name="Saxlayın").click()
    expect_message(page, "Müsabiqə saxlanıldı.")
    page.get_by_role("button", name="Müsabiqəni dərc edin").click()
    expect_message(page, "Müsabiqə dərc edildi.")
    expect(page.locator("main .badge")).to_have_text("Dərc edilib")

    call = Call.objects.get(name_az=CALL_NAME)
    assert call.is_published and call.is_open()
    assert call.tranches == [40, 40, 20]
    assert sorted(call.criteria.values_list("weight", flat=True)) == [Decimal(40), Decimal(60)]
    assert list(call.instruments.values_list("instrument", "max_amount")) == [
        ("small", Decimal("15000"))
    ]
    assert call.required_documents.get().is_mandatory
    return call


def save_section(page: Page) -> None:
    page.locator("main form").get_by_role("button", name="Saxlayın").click()
    expect_message(page, SAVED)


def prepare_application(page: Page, tmp_path: Path) -> Application:
    """The NGO's administrator starts an application and fills every section."""
    page.goto("/my/applications/")
    offer = page.locator("main article", has_text=CALL_NAME)
    offer.get_by_role("button", name="Müraciətə başlayın").click()
    page.locator("#id_title").fill(PROJECT)
    page.locator("#id_instrument").select_option("small")
    page.locator("#id_topic").select_option(label=f"A. {TOPIC_A}")
    page.locator("#id_field").select_option(index=1)
    page.get_by_role("button", name="Başlayın").click()
    expect(page).to_have_url(re.compile(r"/applications/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(PROJECT)
    expect(page.locator("main .badge")).to_have_text("Qaralama")
    application = Application.objects.get(title=PROJECT)
    detail_url = f"/applications/{application.pk}/"
    sections = page.get_by_role("navigation", name="Bölmələr")

    sections.get_by_role("link", name="Ümumi məlumat").click()
    page.locator("#id_general-summary").fill("Gənclər üçün parklarda ekoloji təlimlər.")
    page.locator("#id_general-target_group").fill("Bakı gəncləri")
    page.locator("#id_general-beneficiaries").fill("200")
    page.locator("#id_general-duration_months").fill("6")
    page.locator("#id_general-overall_objective").fill("Ekoloji şüurun artırılması.")
    save_section(page)

    page.goto(detail_url)
    sections.get_by_role("link", name="Məntiqi çərçivə").click()
    page.locator("#id_outcomes-0-text").fill("Gənclərin ekoloji biliyi artıb.")
    save_section(page)  # the outcome first: the indicator then chooses it
    page.locator("#id_indicators-0-outcome").select_option(index=1)
    page.locator("#id_indicators-0-name").fill(INDICATOR)
    page.locator("#id_indicators-0-unit").fill("nəfər")
    page.locator("#id_indicators-0-baseline").fill("0")
    page.locator("#id_indicators-0-target").fill("200")
    page.locator("#id_indicators-0-means_of_verification").fill("İştirak siyahıları")
    save_section(page)

    page.goto(detail_url)
    sections.get_by_role("link", name="İş planı").click()
    page.locator("#id_activities-0-title").fill("Parklarda təlimlər")
    page.locator("#id_activities-0-months").fill("1-3")
    save_section(page)
    expect(page.locator("#id_activities-0-months")).to_have_value("1, 2, 3")

    page.goto(detail_url)
    sections.get_by_role("link", name="Büdcə").click()
    add_budget_line(page, 0, "events", "Təlim zalı və materiallar", "10000")
    add_budget_line(page, 1, "media", "Media xidmətləri", "2000")
    expect(page.locator("main table", has_text="Tələb olunan")).to_contain_text("12")

    page.goto(detail_url)
    sections.get_by_role("link", name="Əlavələr").click()
    pdf = tmp_path / "smeta.pdf"
    pdf.write_bytes(pdf_bytes())
    page.locator("#id_document").select_option(label="Xərclər smetası")
    page.locator("#id_upload").set_input_files(pdf)
    page.get_by_role("button", name="Əlavə edin").click()
    expect_message(page, "Fayl əlavə edildi.")
    expect(page.locator("main > ul")).to_contain_text("Xərclər smetası: smeta.pdf")
    return application


def add_budget_line(page: Page, index: int, category: str, text: str, cost: str) -> None:
    prefix = f"#id_budget-{index}-"
    page.locator(prefix + "category").select_option(category)
    page.locator(prefix + "description").fill(text)
    page.locator(prefix + "unit_cost").fill(cost)
    page.locator(prefix + "quantity").fill("1")
    page.locator(prefix + "months").fill("1")
    save_section(page)


def evaluate(page: Page, evaluator: User, scores: list[int]) -> None:
    """An assigned evaluator signs the declaration (no conflicts) and scores both criteria."""
    log_in(page, evaluator)
    expect(page).to_have_url(re.compile(r"/reviews/$"))
    page.locator("main table").get_by_role("link", name=PROJECT).click()
    expect(page).to_have_url(re.compile(r"/reviews/\d+/declaration/$"))
    questions = page.locator("main form fieldset")
    expect(questions).to_have_count(5)
    for index in range(5):
        questions.nth(index).get_by_label("Xeyr").check()
    page.get_by_label(CONFIDENTIAL).check()
    page.get_by_role("button", name="Bəyannaməni imzalayın").click()
    expect(page).to_have_url(re.compile(r"/reviews/\d+/scores/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(PROJECT)
    inputs = page.locator("main form input[type=number]")
    comments = page.locator("main form textarea")
    expect(inputs).to_have_count(2)
    for index, value in enumerate(scores):
        inputs.nth(index).fill(str(value))
        comments.nth(index).fill(f"Əsaslandırılmış qiymət: {value}.")
    page.get_by_role("button", name="Balları təqdim edin").click()
    expect_message(page, "Ballarınız təqdim edildi.")
    expect(row(page.locator("main table"), PROJECT)).to_contain_text("Ballar təqdim edilib")
    log_out(page)


def pay_tranche(page: Page, grant: Grant, number: int, reference: str) -> None:
    page.goto(f"/grants/{grant.pk}/")
    tranche_row = tranches_table(page).locator("tbody tr").nth(number - 1)
    expect(tranche_row.locator("td").first).to_have_text(re.compile(rf"^{number} \(\d+%\)$"))
    tranche_row.locator("input[name=paid_on]").fill(timezone.localdate().isoformat())
    tranche_row.locator("input[name=reference]").fill(reference)
    tranche_row.get_by_role("button", name="Ödənişi qeydə alın").click()
    expect_message(page, "Ödəniş qeydə alındı.")
    expect(tranches_table(page).locator("tbody tr").nth(number - 1)).to_contain_text(
        f"({reference})"
    )


def tranches_table(page: Page) -> Locator:
    return page.locator("main h2:text-is('Ödəniş hissələri') + table")


def fill_report(
    page: Page, report: Report, actual: str, expenses: list[tuple[str, str, str, str | None]]
) -> None:
    """The grantee fills a report: the narrative, the indicator's actual value and expenses.

    Opened by its address: the grant page hides the "Hesabatı doldurun" link from the
    grantee (grant_detail.html asks ``perms.grants.report`` without the grant object).
    """
    page.goto(f"/reports/{report.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(report_title(report))
    page.locator("#id_narrative").fill("Təlimlər keçirildi, iştirakçılar qeydə alındı.")
    page.get_by_label(re.compile("^" + re.escape(INDICATOR))).fill(actual)  # not the evidence field
    for index, (line, amount, text, outlet) in enumerate(expenses):
        prefix = f"#id_expenses-{index}-"
        page.locator(prefix + "budget_line").select_option(label=line)
        page.locator(prefix + "spent_on").fill(timezone.localdate().isoformat())
        page.locator(prefix + "amount").fill(amount)
        page.locator(prefix + "description").fill(text)
        page.locator(prefix + "document").set_input_files(
            {"name": "qebz.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
        )
        if outlet:
            page.locator(prefix + "outlet").select_option(label=outlet)
    page.get_by_role("button", name="Hesabatı təqdim edin").click()
    expect_message(page, "Hesabat təqdim edildi.")
    expect(page).to_have_url(re.compile(rf"/grants/{report.grant_id}/$"))


REPORT_KINDS: dict[str, str] = {"interim": "Aralıq hesabat", "final": "Yekun hesabat"}


def report_title(report: Report) -> str:
    return f"{REPORT_KINDS[report.kind]} {report.number}"


def approve_report(page: Page, report: Report) -> None:
    page.goto(f"/grants/{report.grant_id}/")
    reports = page.locator("main h2:text-is('Hesabatlar') + table")
    report_row = row(reports, report_title(report))
    expect(report_row).to_contain_text("Təqdim edilib")
    report_row.get_by_role("button", name="Təsdiqləyin").click()
    expect_message(page, "Rəy qeydə alındı.")
    expect(row(reports, report_title(report))).to_contain_text("Təsdiqlənib")


# --- the test ------------------------------------------------------------------------------


def test_one_grant_from_the_call_to_its_closure(
    page: Page, tmp_path: Path, make_user: Any, make_ngo: Any, field: Any
) -> None:
    ensure_funders()
    manager = make_user(Role.PROGRAMME_MANAGER, full_name="Nigar Manafova")
    admin = make_user(Role.AGENCY_ADMIN, full_name="Rəşad Əliyev")
    finance = make_user(Role.FINANCE_OFFICER, full_name="Samir Kərimov")
    monitor = make_user(Role.MONITORING_OFFICER, full_name="Leyla Hüseynova")
    ngo = make_ngo(name_az=NGO_NAME)
    ngo.fields.add(field)
    ngo_admin = make_user(Role.NGO_ADMIN, ngo, full_name="Günel Həsənova")
    # The linked evaluator is created first: lowest pk, so first in line by load and pk.
    linked = make_user(Role.EVALUATOR, full_name="Kamran Bağlı")
    Affiliation.objects.create(person=linked, ngo=ngo, role="board", ends_on=None)
    first = make_user(Role.EVALUATOR, full_name="Aysel Qasımova")
    second = make_user(Role.EVALUATOR, full_name="Tural Məmmədli")
    MediaOutlet.objects.create(name=OUTLET, kind="online")  # not in the media register

    # 1. The programme manager sets up the call in the staff forms and publishes it.
    log_in(page, manager)
    call = create_call(page)
    log_out(page)

    # 2. The NGO's administrator prepares the application and submits it.
    log_in(page, ngo_admin)
    application = prepare_application(page, tmp_path)
    page.goto(f"/applications/{application.pk}/")
    expect(page.locator("main")).not_to_contain_text("Təqdim etməzdən əvvəl")
    page.get_by_role("button", name="Müraciəti təqdim edin").click()
    expect_message(page, "Müraciət təqdim edildi.")
    expect(page.locator("main .badge")).to_have_text("Təqdim edilib")
    expect(page.get_by_role("navigation", name="Bölmələr")).to_have_count(0)  # no more edits
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert application.duration_months == 6 and application.activities.get().months == [1, 2, 3]
    assert sorted(application.budget_lines.values_list("category", flat=True)) == [
        "events",
        "media",
    ]
    log_out(page)

    # 3. The manager's technical check, then 4. the assignment of evaluators.
    log_in(page, manager)
    page.goto(f"/applications/{application.pk}/")
    page.get_by_role("region", name="Texniki yoxlama").get_by_role(
        "button", name="Qəbul edilə bilər"
    ).click()
    expect_message(page, "Qərar qeydə alındı.")
    expect(page.locator("main .badge")).to_have_text("Qəbul edilə bilər")
    page.goto(f"/staff/calls/{call.pk}/evaluation/")
    page.get_by_role("button", name="Qiymətləndiriciləri təyin edin").click()
    expect_message(page, "2 təyinat edildi.")
    evaluators = row(page.locator("main table"), PROJECT)
    expect(evaluators).to_contain_text(first.full_name)
    expect(evaluators).to_contain_text(second.full_name)
    expect(evaluators).not_to_contain_text(linked.full_name)
    expect(evaluators).to_contain_text("Qiymətləndirilir")
    assert set(Assignment.objects.values_list("evaluator_id", flat=True)) == {first.pk, second.pk}
    assert not Assignment.objects.filter(evaluator=linked).exists()
    log_out(page)

    log_in(page, linked)  # nothing is assigned to the linked evaluator
    expect(page.locator("main table")).to_contain_text("Sizə heç nə təyin edilməyib.")
    log_out(page)
    evaluate(page, first, [8, 7])  # 48 + 28 = 76
    evaluate(page, second, [7, 8])  # 42 + 32 = 74: within the threshold of 20
    application.refresh_from_db()
    assert application.status == Application.Status.SCORED
    assert application.score == Decimal("75.00")
    assert not Assignment.objects.filter(is_tiebreak=True).exists()

    # 5. The call has closed; the agency administrator records the board's decision and,
    # once the appeal window has passed, concludes the agreement.
    close_call(call)
    log_in(page, admin)
    page.goto(f"/staff/calls/{call.pk}/ranking/")
    ranked = row(page.locator("main table"), PROJECT)
    expect(ranked).to_contain_text("75")
    expect(ranked).to_contain_text("Maliyyələşdirilsin")
    page.locator("#id_minutes").fill("Şuranın 12 saylı iclası: siyahı təsdiq edildi.")
    page.get_by_role("button", name="Şuranın qərarını qeydə alın").click()
    expect_message(page, "Qərar qeydə alındı və ərizəçilərə bildirildi.")
    expect(page.locator("main")).to_contain_text("Şuranın 12 saylı iclası")
    application.refresh_from_db()
    assert application.status == Application.Status.FUNDED
    assert application.awarded_amount == Decimal("12000")
    assert Decision.objects.get(call=call).decided_by == admin
    Decision.objects.filter(call=call).update(
        appeals_until=timezone.now() - timedelta(days=1)
    )  # the appeal window has passed

    page.goto(f"/applications/{application.pk}/")
    expect(page.locator("main .badge")).to_have_text("Maliyyələşdirilib")
    page.locator("#starts_on").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Müqaviləni bağlayın").click()
    expect_message(page, "Müqavilə bağlandı.")
    expect(page).to_have_url(re.compile(r"/grants/\d+/$"))
    grant = Grant.objects.get(application=application)
    expect(page.get_by_role("heading", level=1)).to_have_text(PROJECT)
    expect(page.locator("main .badge").first).to_have_text("İcra olunur")
    link = page.get_by_role("link", name="Müqavilə (PDF)")
    href = link.get_attribute("href")
    assert href == f"/grants/{grant.pk}/agreement.pdf"
    response = page.request.get(href)
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    assert [t.amount for t in grant.tranches.order_by("number")] == [
        Decimal("4800.00"),
        Decimal("4800.00"),
        Decimal("2400.00"),
    ]
    interim, final = grant.reports.order_by("number")
    assert (interim.kind, final.kind) == (Report.Kind.INTERIM, Report.Kind.FINAL)
    log_out(page)

    # 6. Finance pays the first tranche.
    log_in(page, finance)
    pay_tranche(page, grant, 1, "ÖT-2026-001")
    log_out(page)

    # 7. The NGO reports: a regular expense and a media service from an unregistered outlet.
    log_in(page, ngo_admin)
    fill_report(
        page,
        interim,
        "120",
        [
            ("Təlim zalı və materiallar", "5000", "Zal icarəsi", None),
            ("Media xidmətləri", "1500", "Reportaj", OUTLET),
        ],
    )
    expenses = page.locator("main h2:text-is('Xərclər') + table")
    media_row = row(expenses, "Reportaj")
    expect(media_row).to_contain_text(OUTLET)
    expect(media_row.locator(".badge")).to_have_text("Xeyr")
    expect(media_row).to_contain_text(NOT_ELIGIBLE_REASON)
    expect(row(expenses, "Zal icarəsi")).to_contain_text("Bəli")
    media = Expense.objects.get(budget_line__category=BudgetLine.Category.MEDIA)
    assert not media.is_eligible and media.ineligibility_reason == NOT_ELIGIBLE_REASON
    log_out(page)

    # 8. Monitoring approves; finance pays tranche 2 (5000 spent ≥ 70% of 4800).
    log_in(page, monitor)
    approve_report(page, interim)
    log_out(page)
    log_in(page, finance)
    pay_tranche(page, grant, 2, "ÖT-2026-002")
    log_out(page)

    log_in(page, ngo_admin)
    fill_report(page, final, "210", [("Təlim zalı və materiallar", "3500", "Yekun təlim", None)])
    log_out(page)
    log_in(page, monitor)
    approve_report(page, final)
    log_out(page)
    log_in(page, finance)
    pay_tranche(page, grant, 3, "ÖT-2026-003")  # needs 4800 + 3360 = 8160; 8500 eligible

    expect(page.locator("main .badge").first).to_have_text("Bağlanıb")
    indicators = page.locator("main h2:text-is('Göstəricilər: hədəf və faktiki') + table")
    progress = row(indicators, INDICATOR)
    expect(progress.locator("td")).to_have_text(
        [f"{INDICATOR} (nəfər)", "0", "200", "210", re.compile(r"105\s*%")]
    )
    expect(page.get_by_role("button", name="Ödənişi qeydə alın")).to_have_count(0)

    grant.refresh_from_db()
    assert grant.status == Grant.Status.CLOSED
    assert list(grant.tranches.values_list("status", flat=True)) == [Tranche.Status.PAID] * 3
    assert list(grant.reports.values_list("status", flat=True)) == [Report.Status.APPROVED] * 2
    assert Expense.objects.filter(is_eligible=True).count() == 2
    application.refresh_from_db()
    assert application.status == Application.Status.AGREEMENT
