"""Registry services, rule by rule: registration, check, resubmission, sanctions."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from digital_ngo.accounts.models import Role
from digital_ngo.registry import selectors, services
from digital_ngo.registry.models import (
    NGO,
    FieldOfActivity,
    LegalForm,
    Sanction,
    Scope,
    Verification,
)

pytestmark = pytest.mark.django_db


def registration_data(**overrides):
    data = {
        "name_az": "Gənc Vətəndaşlar İctimai Birliyi",
        "legal_form": LegalForm.PUBLIC_ASSOCIATION,
        "voen": "1723456771",
        "scope": Scope.NATIONAL,
    }
    data.update(overrides)
    return data


def documents(pdf_upload):
    return {"charter": pdf_upload("charter.pdf"), "registry_extract": pdf_upload("extract.pdf")}


def test_register_ngo_submits_it_links_the_admin_and_stores_documents(make_user, pdf_upload):
    admin = make_user(Role.NGO_ADMIN)
    fields = FieldOfActivity.objects.all()[:2]
    ngo = services.register_ngo(
        user=admin, data=registration_data(), fields=fields, documents=documents(pdf_upload)
    )
    admin.refresh_from_db()
    assert admin.ngo == ngo
    assert ngo.verification == Verification.SUBMITTED
    assert ngo.documents.count() == 2
    assert set(ngo.documents.values_list("content_type", flat=True)) == {"application/pdf"}
    assert ngo.search_text == "genc vetendaslar ictimai birliyi 1723456771"


def test_register_requires_both_documents_for_a_local_ngo(make_user, pdf_upload):
    admin = make_user(Role.NGO_ADMIN)
    with pytest.raises(ValidationError, match="registry_extract"):
        services.register_ngo(
            user=admin, data=registration_data(), fields=[], documents={"charter": pdf_upload()}
        )
    assert not NGO.objects.exists()


def test_foreign_ngo_needs_only_a_charter_and_no_voen(make_user, pdf_upload):
    admin = make_user(Role.NGO_ADMIN)
    ngo = services.register_ngo(
        user=admin,
        data=registration_data(
            legal_form=LegalForm.FOREIGN, voen=None, country="TR", scope=Scope.INTERNATIONAL
        ),
        fields=[],
        documents={"charter": pdf_upload()},
    )
    assert ngo.is_foreign and ngo.voen is None


def test_duplicate_voen_is_refused_and_nothing_is_written(make_user, make_ngo, pdf_upload):
    make_ngo(voen="1723456771")
    admin = make_user(Role.NGO_ADMIN)
    with pytest.raises(ValidationError) as error:
        services.register_ngo(
            user=admin, data=registration_data(), fields=[], documents=documents(pdf_upload)
        )
    assert "voen" in error.value.message_dict
    admin.refresh_from_db()
    assert admin.ngo is None
    assert NGO.objects.count() == 1


@pytest.mark.parametrize("voen", ["12345", "1702345673", "17023456AB"])
def test_invalid_voen_is_refused(make_user, pdf_upload, voen):
    admin = make_user(Role.NGO_ADMIN)
    with pytest.raises(ValidationError):
        services.register_ngo(
            user=admin,
            data=registration_data(voen=voen),
            fields=[],
            documents=documents(pdf_upload),
        )
    assert not NGO.objects.exists()


def test_upload_whose_content_is_not_a_document_is_refused(make_user, pdf_upload):
    admin = make_user(Role.NGO_ADMIN)
    fake_pdf = SimpleUploadedFile("charter.pdf", b"just text, not a PDF", "application/pdf")
    with pytest.raises(ValidationError, match="PDF"):
        services.register_ngo(
            user=admin,
            data=registration_data(),
            fields=[],
            documents={"charter": fake_pdf, "registry_extract": pdf_upload()},
        )
    assert not NGO.objects.exists()


def test_oversize_upload_is_refused(make_user, pdf_upload, settings):
    settings.UPLOAD_MAX_BYTES = 100
    admin = make_user(Role.NGO_ADMIN)
    with pytest.raises(ValidationError, match="100"):
        services.register_ngo(
            user=admin, data=registration_data(), fields=[], documents=documents(pdf_upload)
        )


@pytest.mark.parametrize("role", [Role.NGO_MEMBER, Role.PROGRAMME_MANAGER, Role.EVALUATOR])
def test_only_an_ngo_admin_without_ngo_may_register(make_user, make_ngo, pdf_upload, role):
    user = make_user(role, make_ngo() if role == Role.NGO_MEMBER else None)
    with pytest.raises(PermissionDenied):
        services.register_ngo(
            user=user,
            data=registration_data(voen="1702345681"),
            fields=[],
            documents=documents(pdf_upload),
        )


def test_ngo_admin_with_an_ngo_cannot_register_a_second(make_user, make_ngo, pdf_upload):
    admin = make_user(Role.NGO_ADMIN, make_ngo())
    with pytest.raises(PermissionDenied):
        services.register_ngo(
            user=admin, data=registration_data(), fields=[], documents=documents(pdf_upload)
        )


def test_verify_notifies_the_ngo_and_puts_it_in_the_directory(
    make_user, make_ngo, django_capture_on_commit_callbacks
):
    ngo = make_ngo(verification=Verification.SUBMITTED)
    make_user(Role.NGO_ADMIN, ngo, email="boss@ngo.az")
    manager = make_user(Role.PROGRAMME_MANAGER)
    with django_capture_on_commit_callbacks(execute=True):
        services.verify_ngo(staff=manager, ngo=ngo)
    assert list(selectors.public_directory(selectors.DirectoryFilters())) == [ngo]
    assert mail.outbox[0].to == ["boss@ngo.az"]
    assert ngo.name_az in mail.outbox[0].body


def test_return_requires_reasons_and_allows_resubmission(make_user, make_ngo, pdf_upload):
    ngo = make_ngo(verification=Verification.SUBMITTED)
    admin = make_user(Role.NGO_ADMIN, ngo)
    staff = make_user(Role.AGENCY_ADMIN)
    with pytest.raises(ValidationError):
        services.return_registration(staff=staff, ngo=ngo, reasons="   ")
    services.return_registration(staff=staff, ngo=ngo, reasons="Nizamnamə oxunmur.")
    ngo.refresh_from_db()
    assert ngo.verification == Verification.RETURNED and ngo.return_reasons == "Nizamnamə oxunmur."
    services.resubmit_registration(
        user=admin,
        ngo=ngo,
        data={"name_az": "Yeni ad"},
        fields=[],
        documents={"charter": pdf_upload(), "registry_extract": pdf_upload()},
    )
    ngo.refresh_from_db()
    assert ngo.verification == Verification.SUBMITTED and ngo.name_az == "Yeni ad"


def test_verified_registration_cannot_be_edited_by_the_ngo(make_user, make_ngo):
    ngo = make_ngo()
    admin = make_user(Role.NGO_ADMIN, ngo)
    with pytest.raises(PermissionDenied):
        services.resubmit_registration(
            user=admin, ngo=ngo, data={"name_az": "X"}, fields=[], documents={}
        )


@pytest.mark.parametrize(
    "role", [Role.MONITORING_OFFICER, Role.FINANCE_OFFICER, Role.EVALUATOR, Role.NGO_ADMIN]
)
def test_others_cannot_verify(make_user, make_ngo, role):
    ngo = make_ngo(verification=Verification.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.verify_ngo(staff=make_user(role), ngo=ngo)
    ngo.refresh_from_db()
    assert ngo.verification == Verification.SUBMITTED


def test_verifying_twice_is_refused(make_user, make_ngo):
    ngo = make_ngo(verification=Verification.SUBMITTED)
    staff = make_user(Role.AGENCY_ADMIN)
    services.verify_ngo(staff=staff, ngo=ngo)
    with pytest.raises(ValidationError):
        services.verify_ngo(staff=staff, ngo=ngo)


def test_active_ban_makes_an_ngo_ineligible_until_it_ends(make_user, make_ngo):
    ngo = make_ngo()
    staff = make_user(Role.AGENCY_ADMIN)
    today = timezone.localdate()
    assert selectors.ineligibility_reasons(ngo) == []
    services.impose_sanction(
        staff=staff,
        ngo=ngo,
        kind=Sanction.Kind.BAN,
        starts_on=today,
        ends_on=today + timedelta(days=365),
        reason="Hesabat 35 iş günü gecikib.",
    )
    assert len(selectors.ineligibility_reasons(ngo)) == 1
    assert selectors.ineligibility_reasons(ngo, on=today + timedelta(days=366)) == []


def test_a_warning_does_not_make_an_ngo_ineligible(make_user, make_ngo):
    ngo = make_ngo()
    services.impose_sanction(
        staff=make_user(Role.AGENCY_ADMIN),
        ngo=ngo,
        kind=Sanction.Kind.WARNING,
        starts_on=date(2026, 1, 1),
        ends_on=None,
        reason="Gecikmə",
    )
    assert selectors.ineligibility_reasons(ngo) == []


def test_sanction_ending_before_it_starts_is_refused(make_user, make_ngo):
    ngo = make_ngo()
    with pytest.raises(ValidationError):
        services.impose_sanction(
            staff=make_user(Role.AGENCY_ADMIN),
            ngo=ngo,
            kind=Sanction.Kind.BAN,
            starts_on=date(2026, 5, 1),
            ends_on=date(2026, 4, 1),
            reason="x",
        )
    assert not Sanction.objects.exists()


def test_only_agency_admin_imposes_sanctions(make_user, make_ngo):
    with pytest.raises(PermissionDenied):
        services.impose_sanction(
            staff=make_user(Role.PROGRAMME_MANAGER),
            ngo=make_ngo(),
            kind=Sanction.Kind.WARNING,
            starts_on=date(2026, 1, 1),
            ends_on=None,
            reason="x",
        )
