"""Issue 11 §6 through a real Chromium: an NGO declares a person whose e-mail is an
evaluator's (in another case) and the evaluator is left out of the assignment; after the
board's decision the ranking shows the decided outcomes, staff cancel a funded award (after
the confirmation dialog) and the next reserve application is funded with a notice."""

import re
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from digital_ngo.accounts.models import Role, User
from digital_ngo.applications import services as application_services
from digital_ngo.applications.models import Application
from digital_ngo.core.models import Notification
from digital_ngo.decisions import services as decision_services
from digital_ngo.funding.models import Call
from digital_ngo.registry.models import Affiliation
from tests.conftest import PASSWORD
from tests.fixtures.grants import close_call, fill

PEOPLE_LINK = "QHT-nin şəxsləri: əlaqə əlavə edin, bitirin və ya etibarsız sayın"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, user: User) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Daxil olun").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def log_out(page: Page) -> None:
    page.locator("header").get_by_role("button", name="Çıxış").click()
    expect(page.locator("header").get_by_role("link", name="Daxil olun")).to_be_visible()


def submitted(call: Call, ngo: Any, user: User, field: Any, pdf_upload: Any, title: str):
    application = application_services.start_application(
        user=user,
        call=call,
        instrument="small",
        topic=call.topics.get(code="A"),
        field=field,
        title=title,
    )
    fill(application, requested=Decimal("12000"))
    application_services.attach(
        user=user,
        application=application,
        upload=pdf_upload(),
        required_document=call.required_documents.get(),
    )
    return application_services.submit(user=user, application=application)


def test_an_affiliation_excludes_an_evaluator(
    page: Page, make_call: Any, make_user: Any, ngo_admin: Any, manager: Any, field: Any, pdf_upload
) -> None:
    call = make_call()
    linked = make_user(Role.EVALUATOR, full_name="Kamran Bağlı", email="kamran.bagli@example.az")
    others = [make_user(Role.EVALUATOR, full_name=f"Ekspert {n}") for n in (1, 2)]
    application = submitted(call, ngo_admin.ngo, ngo_admin, field, pdf_upload, "Yaşıl həyətlər")
    application_services.declare_admissible(staff=manager, application=application)

    log_in(page, ngo_admin)
    page.goto("/my/ngo/")
    page.get_by_role(
        "link", name="QHT-nin şəxsləri: əlaqə əlavə edin, bitirin və ya etibarsız sayın"
    ).click()
    page.locator("#id_name").fill("Kamran Bağlı")
    page.locator("#id_email").fill("Kamran.BAGLI@example.az")
    page.locator("#id_role").select_option("board")
    page.locator("#id_starts_on").fill("2022-05-01")
    page.get_by_role("button", name="Əlavə edin").click()
    expect(page.locator("main p.message")).to_have_text(["Əlaqə saxlanıldı."])
    expect(page.locator("main table")).to_contain_text("İdarə heyətinin üzvü")
    link = Affiliation.objects.get()
    assert link.person == linked and link.ngo == ngo_admin.ngo
    log_out(page)

    log_in(page, manager)
    page.goto(f"/staff/calls/{call.pk}/evaluation/")
    page.get_by_role("button", name="Qiymətləndiriciləri təyin edin").click()
    expect(page.locator("main p.message")).to_have_text(["2 təyinat edildi."])
    chosen = set(application.assignments.values_list("evaluator_id", flat=True))
    assert chosen == {user.pk for user in others} and linked.pk not in chosen
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"/ngos/{ngo_admin.ngo.pk}/people/")
    expect(page.locator("main table")).to_contain_text("Kamran Bağlı")


def test_a_cancelled_award_promotes_the_next_reserve(
    page: Page,
    make_call: Any,
    make_user: Any,
    make_ngo: Any,
    field: Any,
    pdf_upload: Any,
) -> None:
    call = make_call()
    Call.objects.filter(pk=call.pk).update(total_budget=Decimal("25000"))
    apps = {}
    for score, title in ((90, "Birinci layihə"), (80, "İkinci layihə"), (70, "Ehtiyat layihə")):
        ngo = make_ngo()
        ngo.fields.add(field)
        user = make_user(Role.NGO_ADMIN, ngo)
        application = submitted(call, ngo, user, field, pdf_upload, title)
        Application.objects.filter(pk=application.pk).update(status="scored", score=score)
        apps[score] = application
    admin = make_user(Role.AGENCY_ADMIN, full_name="Aygün Əliyeva")
    close_call(call)
    decision_services.record_decision(staff=admin, call=call, minutes="Şuranın iclası")

    log_in(page, admin)
    page.goto(f"/staff/calls/{call.pk}/ranking/")
    main = page.locator("main")
    expect(main).not_to_contain_text("Hələ qiymətləndirilmiş müraciət yoxdur")
    ranking = main.locator("table")
    expect(ranking.locator("tr", has_text="Ehtiyat layihə")).to_contain_text("Ehtiyat")
    row = ranking.locator("tr", has_text="İkinci layihə")
    row.locator("summary").click()
    row.locator("textarea").fill("Təşkilat qrantdan yazılı imtina etdi.")
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Qrantdan imtina edilib və ya qrant ləğv edilib").click()
    expect(main.locator("p.message")).to_have_text(
        ["Qrant qərarı geri götürüldü; ehtiyat siyahısı yoxlanıldı."]
    )
    for application in apps.values():
        application.refresh_from_db()
    assert apps[80].status == "withdrawn" and apps[70].status == "funded"
    assert apps[70].awarded_amount == Decimal("12000.00")
    reserve_ngo_people = apps[70].ngo.people.all()
    assert Notification.objects.filter(user__in=reserve_ngo_people).exists()
    expect(ranking.locator("tr", has_text="İkinci layihə")).to_contain_text(
        "Təşkilat qrantdan yazılı imtina etdi."
    )
    page.screenshot(path="test-results/holes-ranking-1280.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path="test-results/holes-ranking-375.png", full_page=True)
