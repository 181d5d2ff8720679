"""Grants, rule by rule: agreement and schedule, payments in order behind approved reports and
70% spending, reports with indicator actuals and media expenses, closing, lateness and sanctions."""

from datetime import date, timedelta
from decimal import Decimal

import pypdfium2 as pdfium
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from digital_ngo.accounts.models import Role
from digital_ngo.applications import services as application_services
from digital_ngo.applications.models import Application, BudgetLine
from digital_ngo.applications.selectors import eligibility_problems
from digital_ngo.grants import calendar, selectors, services
from digital_ngo.grants.models import Expense, Grant, IndicatorValue, Report, Tranche
from digital_ngo.media.models import MediaOutlet
from digital_ngo.registry.models import Sanction
from tests.fixtures.grants import conclude, document

pytestmark = pytest.mark.django_db
START = date(2026, 3, 2)


@pytest.fixture
def funded(complete, ngo_admin):
    application_services.submit(user=ngo_admin, application=complete)
    Application.objects.filter(pk=complete.pk).update(
        status="funded", awarded_amount=Decimal("12000")
    )
    return Application.objects.get(pk=complete.pk)


@pytest.fixture
def grant(funded, manager):
    return conclude(manager, funded, START)


@pytest.fixture
def finance(make_user):
    return make_user(Role.FINANCE_OFFICER)


@pytest.fixture
def monitor(make_user):
    return make_user(Role.MONITORING_OFFICER)


def expense(grant, amount, category="events", outlet=None, day=date(2026, 4, 1)):
    line = grant.application.budget_lines.first()
    if category == "media":
        line = BudgetLine.objects.create(
            application=grant.application,
            category="media",
            description="Reklam",
            unit_cost=500,
            quantity=1,
            months=1,
        )
    return services.ExpenseInput(
        budget_line=line,
        spent_on=day,
        amount=Decimal(amount),
        description="Xərc",
        outlet=outlet,
        document=document(),
    )


def submit_final(grant, ngo_admin, expenses):
    report = grant.reports.get(kind=Report.Kind.FINAL)
    values = {i.pk: Decimal("150") for i in grant.application.indicators.all()}
    return services.submit_report(
        user=ngo_admin,
        report=report,
        narrative="200 gənc təlim keçib.",
        values=values,
        expenses=expenses,
    )


def test_agreement_sets_80_20_tranches_a_final_report_and_a_pdf_in_azerbaijani(grant):
    assert [(t.percent, t.amount) for t in grant.tranches.all()] == [
        (80, Decimal("9600.00")),
        (20, Decimal("2400.00")),
    ]
    final = grant.reports.get()
    assert final.kind == Report.Kind.FINAL and final.due_on == grant.ends_on + timedelta(days=15)
    assert grant.tranches.get(number=2).after_report == final
    assert grant.application.status == Application.Status.AGREEMENT
    text = pdfium.PdfDocument(grant.agreement.path)[0].get_textpage().get_text_bounded()
    assert "QRANT MÜQAVİLƏSİ" in text and grant.application.ngo.name_az in text.replace("\r\n", " ")


def test_40_40_20_gives_an_interim_and_a_final_report(funded, manager):
    funded.call.tranches = [40, 40, 20]
    funded.call.save()
    grant = conclude(manager, funded, START)
    assert [r.kind for r in grant.reports.all()] == ["interim", "final"]
    assert [t.after_report.number if t.after_report else None for t in grant.tranches.all()] == [
        None,
        1,
        2,
    ]


def test_only_funded_applications_get_agreements(complete, manager):
    with pytest.raises(ValidationError):
        conclude(manager, complete, START)


def test_the_whole_payment_cycle_closes_the_grant(grant, ngo_admin, finance, monitor):
    first, last = grant.tranches.all()
    with pytest.raises(ValidationError):
        services.record_payment(
            staff=finance, tranche=last, paid_on=START, reference="X"
        )  # out of order
    services.record_payment(staff=finance, tranche=first, paid_on=START, reference="PP-001")
    with pytest.raises(ValidationError, match=r"təsdiq|approval"):
        services.record_payment(staff=finance, tranche=last, paid_on=START, reference="PP-002")
    unregistered = MediaOutlet.objects.create(name="Qeydiyyatsız Xəbər", kind="online")
    report = submit_final(
        grant, ngo_admin, [expense(grant, "7000"), expense(grant, "400", "media", unregistered)]
    )
    media = report.expenses.get(budget_line__category="media")
    assert not media.is_eligible and "reyestr" in media.ineligibility_reason
    services.review_report(staff=monitor, report=report, approve=True, comment="")
    assert selectors.eligible_spent(grant) == Decimal("7000.00")
    services.record_payment(
        staff=finance, tranche=last, paid_on=date(2026, 9, 20), reference="PP-002"
    )
    grant.refresh_from_db()
    assert grant.status == Grant.Status.CLOSED
    progress = selectors.indicator_progress(grant)[0]
    assert (progress.target, progress.actual, progress.percent) == (
        Decimal("200.00"),
        Decimal("150.00"),
        75,
    )


def test_a_registered_outlet_makes_a_media_expense_eligible(grant, ngo_admin):
    outlet = MediaOutlet.objects.create(
        name="Xalq", kind="newspaper", registry_number="MR-1", registered_from=date(2023, 1, 1)
    )
    report = submit_final(grant, ngo_admin, [expense(grant, "400", "media", outlet)])
    assert report.expenses.get().is_eligible


def test_the_next_tranche_needs_70_percent_of_the_previous_spent(
    grant, ngo_admin, finance, monitor
):
    first, last = grant.tranches.all()
    services.record_payment(staff=finance, tranche=first, paid_on=START, reference="PP-001")
    report = submit_final(grant, ngo_admin, [expense(grant, "6000")])  # 6000 < 0.7 × 9600 = 6720
    services.review_report(staff=monitor, report=report, approve=True, comment="")
    with pytest.raises(ValidationError, match=r"6\\xa0720"):
        services.record_payment(staff=finance, tranche=last, paid_on=START, reference="PP-002")
    assert Tranche.objects.get(pk=last.pk).status == Tranche.Status.SCHEDULED


def test_bad_reports_are_refused(grant, ngo_admin, make_user, make_ngo):
    report = grant.reports.get()
    with pytest.raises(PermissionDenied):
        services.submit_report(
            user=make_user(Role.NGO_ADMIN, make_ngo()),
            report=report,
            narrative="x",
            values={},
            expenses=[],
        )
    with pytest.raises(ValidationError):
        services.submit_report(user=ngo_admin, report=report, narrative="x", values={}, expenses=[])
    with pytest.raises(ValidationError):
        submit_final(grant, ngo_admin, [expense(grant, "100", day=date(2030, 1, 1))])
    assert Report.objects.get(pk=report.pk).status == Report.Status.DUE


def test_a_returned_report_can_be_corrected(grant, ngo_admin, monitor):
    report = submit_final(grant, ngo_admin, [expense(grant, "100")])
    with pytest.raises(ValidationError):
        services.review_report(staff=monitor, report=report, approve=False, comment="")
    services.review_report(staff=monitor, report=report, approve=False, comment="Qəbzlər yoxdur.")
    report = submit_final(grant, ngo_admin, [expense(grant, "200")])
    assert report.status == Report.Status.SUBMITTED and report.expenses.get().amount == Decimal(
        "200.00"
    )


def test_only_finance_pays_and_only_monitoring_reviews(grant, ngo_admin, manager, make_user):
    with pytest.raises(PermissionDenied):
        services.record_payment(
            staff=manager, tranche=grant.tranches.first(), paid_on=START, reference="X"
        )
    report = submit_final(grant, ngo_admin, [])
    with pytest.raises(PermissionDenied):
        services.review_report(
            staff=make_user(Role.FINANCE_OFFICER), report=report, approve=True, comment=""
        )


def test_working_days_skip_weekends_and_holidays():
    assert calendar.working_days_late(date(2026, 3, 16), date(2026, 3, 16)) == 0
    # Fri 13 → Fri 20 March 2026: Mon–Thu count; Novruz (20 March) does not.
    assert calendar.working_days_late(date(2026, 3, 13), date(2026, 3, 20)) == 4


@pytest.mark.parametrize(
    ("days", "kinds"),
    [
        (3, None),
        (10, ("warning",)),
        (20, ("tranche_withheld", "ban")),
        (40, ("ban",)),
        (70, ("ban", "recovery")),
    ],
)
def test_sanction_ladder(grant, days, kinds):
    report = grant.reports.get()
    day, counted = report.due_on, 0
    while counted < days:
        day += timedelta(days=1)
        counted += calendar.is_working_day(day)
    proposal = services.propose_sanction(report, on=day)
    assert (proposal.kinds if proposal else None) == kinds


def test_confirmed_sanction_bans_the_ngo_and_withholds_the_last_tranche(grant, make_user, call):
    report = grant.reports.get()
    Report.objects.filter(pk=report.pk).update(due_on=date.today() - timedelta(days=30))
    services.confirm_sanction(
        staff=make_user(Role.AGENCY_ADMIN), report=Report.objects.get(pk=report.pk)
    )
    ngo = grant.application.ngo
    assert set(ngo.sanctions.values_list("kind", flat=True)) == {
        Sanction.Kind.TRANCHE_WITHHELD,
        Sanction.Kind.BAN,
    }
    assert grant.tranches.get(number=2).status == Tranche.Status.WITHHELD
    assert eligibility_problems(ngo, call)


@pytest.mark.parametrize("role", sorted({r.value for r in Role} | {"anonymous", "grantee"}))
def test_who_sees_a_grant(client, users, grant, ngo_admin, role):
    user = ngo_admin if role == "grantee" else users[role]
    if user is not None:
        client.force_login(user)
    staff = {"agency_admin", "programme_manager", "monitoring_officer", "finance_officer"}
    status = client.get(reverse("grants:detail", args=[grant.pk])).status_code
    assert status == (200 if role in staff | {"grantee"} else 302 if role == "anonymous" else 404)
    pdf = client.get(reverse("grants:agreement", args=[grant.pk]))
    assert pdf.status_code == status


def test_evidence_and_expense_documents_are_kept_and_checked(grant, ngo_admin, pdf_upload):
    from django.core.files.uploadedfile import SimpleUploadedFile

    report = grant.reports.get()
    indicator = grant.application.indicators.get()
    line = grant.application.budget_lines.first()
    row = services.ExpenseInput(
        budget_line=line,
        spent_on=date(2026, 4, 1),
        amount=Decimal("100"),
        description="Zal",
        document=pdf_upload("qebz.pdf"),
    )
    services.submit_report(
        user=ngo_admin,
        report=report,
        narrative="x",
        values={indicator.pk: Decimal(5)},
        expenses=[row],
        evidence={indicator.pk: pdf_upload("siyahi.pdf")},
    )
    assert report.indicator_values.get().evidence.read().startswith(b"%PDF")
    assert report.expenses.get().document.read().startswith(b"%PDF")
    report.status = Report.Status.RETURNED
    report.save()
    fake = SimpleUploadedFile("siyahi.pdf", b"not a pdf at all")
    with pytest.raises(ValidationError):
        services.submit_report(
            user=ngo_admin,
            report=report,
            narrative="x",
            values={indicator.pk: Decimal(5)},
            expenses=[],
            evidence={indicator.pk: fake},
        )
    assert report.expenses.count() == 1  # nothing half-written


@pytest.mark.parametrize("role", sorted({r.value for r in Role} | {"anonymous", "grantee"}))
def test_who_may_pay_review_sanction_and_report(client, users, grant, ngo_admin, role):
    user = ngo_admin if role == "grantee" else users[role]
    if user is not None:
        client.force_login(user)
    tranche, report = grant.tranches.get(number=1), grant.reports.get()
    client.post(
        reverse("grants:pay", args=[tranche.pk]), {"paid_on": "2026-03-05", "reference": "PP-1"}
    )
    assert (Tranche.objects.get(pk=tranche.pk).status == "paid") == (role == "finance_officer")
    form = client.get(reverse("grants:report", args=[report.pk])).status_code
    staff = {"agency_admin", "programme_manager", "monitoring_officer", "finance_officer"}
    assert form == (
        200 if role == "grantee" else 302 if role == "anonymous" else 403 if role in staff else 404
    )
    Report.objects.filter(pk=report.pk).update(status="submitted", due_on=date(2026, 1, 1))
    client.post(reverse("grants:review", args=[report.pk, "approve"]))
    approved = Report.objects.get(pk=report.pk).status == "approved"
    assert approved == (role in {"monitoring_officer", "agency_admin"})
    Report.objects.filter(pk=report.pk).update(status="due")
    client.post(reverse("grants:sanction", args=[report.pk]))
    assert grant.application.ngo.sanctions.exists() == (role == "agency_admin")


def test_a_resubmitted_report_keeps_every_earlier_version(grant, ngo_admin, monitor):
    report = submit_final(grant, ngo_admin, [expense(grant, "7000"), expense(grant, "300")])
    services.review_report(staff=monitor, report=report, approve=False, comment="Qəbzlər azdır.")
    report = submit_final(grant, ngo_admin, [expense(grant, "6500")])
    assert report.version == 2
    assert [e.amount for e in report.expenses.all()] == [Decimal("6500.00")]
    versions = Expense.all_versions.filter(report=report).order_by("version", "amount")
    assert [(e.version, e.amount, e.superseded_at is not None) for e in versions] == [
        (1, Decimal("300.00"), True),
        (1, Decimal("7000.00"), True),
        (2, Decimal("6500.00"), False),
    ]
    assert IndicatorValue.all_versions.filter(report=report).count() == 2


def test_sanction_confirmed_twice_is_recorded_once(grant, make_user):
    report = grant.reports.get()
    Report.objects.filter(pk=report.pk).update(due_on=date(2026, 1, 5))
    admin = make_user(Role.AGENCY_ADMIN)
    first = services.confirm_sanction(staff=admin, report=report)
    with pytest.raises(ValidationError):
        services.confirm_sanction(staff=admin, report=report)
    assert Sanction.objects.filter(report=report).count() == len(first)


def test_report_values_and_expenses_are_validated(grant, ngo_admin):
    report = grant.reports.get(kind=Report.Kind.FINAL)
    indicator = grant.application.indicators.get()
    for value in (Decimal("-50"), Decimal("NaN"), Decimal("1e20")):
        with pytest.raises(ValidationError):
            services.submit_report(
                user=ngo_admin,
                report=report,
                narrative="x",
                values={indicator.pk: value},
                expenses=[],
            )
    with pytest.raises(ValidationError, match=r"həddini|exceed"):
        submit_final(grant, ngo_admin, [expense(grant, "999999")])
    no_document = services.ExpenseInput(
        budget_line=grant.application.budget_lines.first(),
        spent_on=date(2026, 4, 1),
        amount=Decimal("100"),
        description="Zal",
    )
    with pytest.raises(ValidationError):
        submit_final(grant, ngo_admin, [no_document])
    report.refresh_from_db()
    assert report.status == Report.Status.DUE and report.version == 0
    assert not Expense.all_versions.filter(report=report).exists()


def test_payments_are_dated_sanely_unique_and_voided_not_edited(grant, finance, make_user):
    first = grant.tranches.get(number=1)
    for day, reference in [(date(2031, 1, 1), "F-1"), (date(2020, 1, 1), "F-1")]:
        with pytest.raises(ValidationError):
            services.record_payment(staff=finance, tranche=first, paid_on=day, reference=reference)
    services.record_payment(staff=finance, tranche=first, paid_on=START, reference="PP-7")
    paid = services.void_payment(staff=finance, tranche=first, reason="Səhv məbləğ")
    assert (paid.status, paid.reference) == (Tranche.Status.SCHEDULED, "")
    assert first.history.filter(reference="PP-7").exists()
    services.record_payment(staff=finance, tranche=first, paid_on=START, reference="PP-8")


def test_agreement_dates_follow_the_decision_and_the_appeal_window(funded, manager):
    from django.utils import timezone

    from digital_ngo.decisions.models import Decision

    Decision.objects.create(
        call=funded.call,
        decided_by=manager,
        decided_at=timezone.now() - timedelta(days=3),
        appeals_until=timezone.now() + timedelta(days=7),
    )
    with pytest.raises(ValidationError):
        services.conclude_agreement(
            staff=manager, application=funded, starts_on=timezone.localdate()
        )
    assert not Grant.objects.exists()


def test_the_public_sees_only_approved_actuals(grant, ngo_admin, monitor, client):
    report = submit_final(grant, ngo_admin, [expense(grant, "7000")])
    public = selectors.indicator_progress(grant, approved_only=True)
    assert [row.actual for row in public] == [None]
    assert [row.actual for row in selectors.indicator_progress(grant)] == [Decimal("150.00")]
    services.review_report(staff=monitor, report=report, approve=False, comment="Qəbz yoxdur.")
    assert [row.actual for row in selectors.indicator_progress(grant, approved_only=True)] == [None]
    report = submit_final(grant, ngo_admin, [expense(grant, "7000")])
    services.review_report(staff=monitor, report=report, approve=True, comment="")
    (row,) = selectors.indicator_progress(grant, approved_only=True)
    assert row.actual == Decimal("150.00") and row.report == report
    page = client.get(reverse("portal:project", args=[grant.number])).content.decode()
    assert "tarixində təsdiqlənib" in page


@pytest.mark.parametrize("role", sorted({r.value for r in Role} | {"anonymous"}))
def test_only_finance_voids_a_payment(client, users, grant, finance, role):
    tranche = grant.tranches.get(number=1)
    services.record_payment(staff=finance, tranche=tranche, paid_on=START, reference="PP-9")
    if users[role] is not None:
        client.force_login(users[role])
    response = client.post(
        reverse("grants:void_payment", args=[tranche.pk]), {"reason": "Səhv qeyd"}
    )
    tranche.refresh_from_db()
    assert response.status_code == (302 if role in {"finance_officer", "anonymous"} else 403)
    assert tranche.status == ("scheduled" if role == "finance_officer" else "paid")


def test_the_grant_page_shows_a_returned_reports_versions_side_by_side(
    client, grant, ngo_admin, monitor
):
    report = submit_final(grant, ngo_admin, [expense(grant, "7000")])
    services.review_report(staff=monitor, report=report, approve=False, comment="Düzəldin.")
    submit_final(grant, ngo_admin, [expense(grant, "6800")])
    client.force_login(ngo_admin)
    html = client.get(reverse("grants:detail", args=[grant.pk])).content.decode()
    assert "2 versiya" in html
    assert "7\xa0000\xa0₼" in html and "6\xa0800\xa0₼" in html
    form = client.get(reverse("grants:report", args=[report.pk])).content.decode()
    assert "Budget and spending so far" in form or "xərclər" in form.lower()


@pytest.mark.parametrize("role", sorted({r.value for r in Role} | {"anonymous"}))
def test_who_may_cancel_a_grant(client, users, grant, role):
    if users[role] is not None:
        client.force_login(users[role])
    response = client.post(reverse("grants:cancel", args=[grant.pk]), {"reason": "Ləğv"})
    allowed = {"agency_admin"}
    assert response.status_code == (302 if role in allowed | {"anonymous"} else 403)
    grant.refresh_from_db()
    assert grant.status == ("cancelled" if role in allowed else "active")
