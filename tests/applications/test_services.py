"""Application services, rule by rule: eligibility, completeness, caps, coalitions, deadlines,
the technical check and its single return."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from digital_ngo.accounts.models import Role
from digital_ngo.applications import selectors, services
from digital_ngo.applications.models import Application, BudgetLine, Partner
from digital_ngo.funding.models import Call
from digital_ngo.registry.models import FieldOfActivity, LegalForm, Sanction, Verification
from tests.fixtures.grants import fill

pytestmark = pytest.mark.django_db
Status = Application.Status


def start(user, call, field, instrument="small", code="A"):
    return services.start_application(
        user=user,
        call=call,
        instrument=instrument,
        topic=call.topics.get(code=code),
        field=field,
        title="Layihə",
    )


def test_eligible_ngo_starts_a_draft(draft, ngo_admin):
    assert draft.status == Status.DRAFT and draft.ngo == ngo_admin.ngo and draft.is_editable


def test_banned_ngo_cannot_apply(ngo_admin, call, field, make_user):
    Sanction.objects.create(
        ngo=ngo_admin.ngo,
        kind=Sanction.Kind.BAN,
        starts_on=date(2026, 1, 1),
        reason="Gecikmə",
        imposed_by=make_user(Role.AGENCY_ADMIN),
    )
    assert selectors.eligibility_problems(ngo_admin.ngo, call)
    with pytest.raises(ValidationError):
        start(ngo_admin, call, field)
    assert not Application.objects.exists()


def test_project_field_must_be_one_of_the_ngos_fields(ngo_admin, call):
    with pytest.raises(ValidationError, match=r"sahə|field"):
        start(ngo_admin, call, FieldOfActivity.objects.get(slug="sport"))


def test_unverified_ngo_and_staff_cannot_apply(make_user, make_ngo, call, field):
    unverified = make_user(Role.NGO_ADMIN, make_ngo(verification=Verification.SUBMITTED))
    for user in (unverified, make_user(Role.PROGRAMME_MANAGER)):
        with pytest.raises(PermissionDenied):
            start(user, call, field)


def test_a_call_that_is_not_open_refuses_applications(ngo_admin, make_call, field):
    with pytest.raises(ValidationError):
        start(ngo_admin, make_call(opens_in_days=3), field)


def test_one_funded_grant_a_year_but_travel_grants_are_excepted(ngo_admin, call, field, make_call):
    earlier = start(ngo_admin, call, field)
    Application.objects.filter(pk=earlier.pk).update(status=Status.FUNDED)
    second_call = make_call(name_az="İkinci müsabiqə")
    from digital_ngo.funding.models import CallInstrument

    CallInstrument.objects.create(
        call=second_call, instrument="travel", max_amount=3000, max_months=1
    )
    with pytest.raises(ValidationError, match="2026"):
        start(ngo_admin, second_call, field, instrument="medium")
    assert start(ngo_admin, second_call, field, instrument="travel").instrument == "travel"


def test_incomplete_application_lists_what_is_missing_and_is_not_submitted(draft, ngo_admin):
    problems = selectors.submission_problems(draft)
    assert len(problems) >= 4
    with pytest.raises(ValidationError):
        services.submit(user=ngo_admin, application=draft)
    assert Application.objects.get(pk=draft.pk).status == Status.DRAFT


def test_complete_application_is_submitted_and_then_locked(complete, ngo_admin):
    assert selectors.submission_problems(complete) == []
    submitted = services.submit(user=ngo_admin, application=complete)
    assert submitted.status == Status.SUBMITTED and submitted.submitted_at
    assert not ngo_admin.has_perm("applications.edit_application", submitted)
    with pytest.raises(ValidationError):
        services.submit(user=ngo_admin, application=submitted)


def test_budget_over_the_instrument_cap_is_refused(draft, ngo_admin, pdf_upload):
    fill(draft, requested=Decimal("15000.01"))
    problems = selectors.submission_problems(draft)
    assert any("15\xa0000,01" in p for p in problems)


def test_cofunding_reduces_the_requested_amount(draft):
    fill(draft, requested=Decimal("16000"))
    BudgetLine.objects.filter(application=draft).update(cofunding=Decimal("2000"))
    budget = selectors.budget_of(draft)
    assert (budget.total, budget.requested) == (Decimal("16000.00"), Decimal("14000.00"))
    assert not any("15\xa0000" in p for p in selectors.submission_problems(draft))


def test_duration_and_activities_must_fit_the_instrument(draft):
    fill(draft)
    draft.duration_months = 7
    draft.save()
    draft.activities.update(months=[1, 8])
    problems = " ".join(selectors.submission_problems(draft))
    assert "7" in problems and "Təlimlər" in problems


def test_coalition_topic_needs_a_foreign_partner_and_an_agreement(
    ngo_admin, call, field, make_ngo, pdf_upload
):
    application = fill(start(ngo_admin, call, field, code="B"))
    services.attach(
        user=ngo_admin,
        application=application,
        upload=pdf_upload(),
        required_document=call.required_documents.get(),
    )
    assert len(selectors.coalition_problems(application)) == 2
    Partner.objects.create(
        application=application, ngo=make_ngo(legal_form=LegalForm.FOREIGN, country="UZ")
    )
    services.attach(
        user=ngo_admin, application=application, upload=pdf_upload(), is_partnership_agreement=True
    )
    assert selectors.submission_problems(application) == []


def test_submission_after_the_deadline_is_refused(complete, ngo_admin):
    Call.objects.filter(pk=complete.call_id).update(closes_at=timezone.now() - timedelta(minutes=1))
    complete.refresh_from_db()
    assert not complete.is_editable
    with pytest.raises(ValidationError):
        services.submit(user=ngo_admin, application=complete)


def test_other_ngos_cannot_touch_an_application(complete, make_user, make_ngo, pdf_upload):
    stranger = make_user(Role.NGO_ADMIN, make_ngo())
    with pytest.raises(PermissionDenied):
        services.submit(user=stranger, application=complete)
    with pytest.raises(PermissionDenied):
        services.attach(user=stranger, application=complete, upload=pdf_upload())


def test_technical_check_return_once_then_admissible(
    complete, ngo_admin, manager, django_capture_on_commit_callbacks
):
    services.submit(user=ngo_admin, application=complete)
    with django_capture_on_commit_callbacks(execute=True):
        returned = services.return_for_correction(
            staff=manager, application=complete, reasons="Smeta imzasızdır."
        )
    assert returned.status == Status.RETURNED and returned.correction_deadline > timezone.now()
    assert mail.outbox and "Smeta imzasızdır." in mail.outbox[0].body
    Call.objects.filter(pk=complete.call_id).update(closes_at=timezone.now() - timedelta(minutes=1))
    returned.refresh_from_db()
    assert returned.is_editable  # the call closed, but the correction window is open
    resubmitted = services.submit(user=ngo_admin, application=returned)
    with pytest.raises(ValidationError, match=r"bir dəfə|once"):
        services.return_for_correction(staff=manager, application=resubmitted, reasons="Yenə")
    assert (
        services.declare_admissible(staff=manager, application=resubmitted).status
        == Status.ADMISSIBLE
    )


def test_correction_deadline_passes(complete, ngo_admin, manager):
    services.submit(user=ngo_admin, application=complete)
    services.return_for_correction(staff=manager, application=complete, reasons="X")
    Application.objects.filter(pk=complete.pk).update(
        correction_deadline=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(ValidationError):
        services.submit(user=ngo_admin, application=Application.objects.get(pk=complete.pk))


def test_inadmissible_needs_reasons_and_only_checkers_decide(
    complete, ngo_admin, manager, make_user
):
    services.submit(user=ngo_admin, application=complete)
    with pytest.raises(ValidationError):
        services.declare_inadmissible(staff=manager, application=complete, reasons=" ")
    with pytest.raises(PermissionDenied):
        services.declare_admissible(staff=make_user(Role.FINANCE_OFFICER), application=complete)
    done = services.declare_inadmissible(
        staff=manager, application=complete, reasons="Sənədlər natamamdır."
    )
    assert done.status == Status.INADMISSIBLE and done.check_note == "Sənədlər natamamdır."


def _budget_formset(application, rows):
    from digital_ngo.applications.forms import BudgetFormSet

    existing = list(application.budget_lines.all())
    data = {
        "budget-TOTAL_FORMS": str(len(existing) + len(rows)),
        "budget-INITIAL_FORMS": str(len(existing)),
        "budget-MIN_NUM_FORMS": "0",
        "budget-MAX_NUM_FORMS": "1000",
    }
    for index, line in enumerate(existing):
        data.update(
            {
                f"budget-{index}-id": str(line.pk),
                f"budget-{index}-category": line.category,
                f"budget-{index}-description": line.description,
                f"budget-{index}-unit_cost": str(line.unit_cost),
                f"budget-{index}-quantity": str(line.quantity),
                f"budget-{index}-months": str(line.months),
                f"budget-{index}-cofunding": str(line.cofunding),
            }
        )
    for offset, (cost, cofunding) in enumerate(rows):
        index = len(existing) + offset
        data.update(
            {
                f"budget-{index}-category": "equipment",
                f"budget-{index}-description": "Avadanlıq",
                f"budget-{index}-unit_cost": cost,
                f"budget-{index}-quantity": "1",
                f"budget-{index}-months": "1",
                f"budget-{index}-cofunding": cofunding,
            }
        )
    return BudgetFormSet(data, instance=application, prefix="budget")


def test_cofunding_above_the_cost_is_refused_on_save(draft):
    formset = _budget_formset(draft, [("1000", "1500")])
    assert not formset.is_valid()
    assert "cofunding" in formset.forms[-1].errors


def test_a_budget_over_the_cap_is_refused_on_save_and_nothing_is_kept(draft, ngo_admin):
    before = draft.budget_lines.count()
    formset = _budget_formset(draft, [("90000", "0")])
    assert formset.is_valid(), formset.errors
    with pytest.raises(ValidationError, match=r"cap|hədd"):
        services.save_section(user=ngo_admin, application=draft, forms=[formset])
    assert draft.budget_lines.count() == before
