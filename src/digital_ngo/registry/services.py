"""Writes of the registry: registration, technical check, documents and sanctions.

Every function runs in one transaction and validates before it writes, so bad
input leaves the database as it was.
"""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import filetype
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digital_ngo.accounts.models import Role, User
from digital_ngo.core.notify import notify_ngo, notify_staff
from digital_ngo.core.uploads import validate_document
from digital_ngo.core.workflow import perform, record_creation
from digital_ngo.registry.models import (
    NGO,
    FieldOfActivity,
    LegalForm,
    NGODocument,
    Sanction,
    Verification,
)
from digital_ngo.registry.workflows import SANCTION, VERIFICATION

#: Documents an NGO registered in Azerbaijan must upload; foreign NGOs need the charter only.
REQUIRED_DOCUMENTS = {
    "local": [NGODocument.Kind.CHARTER, NGODocument.Kind.REGISTRY_EXTRACT],
    "foreign": [NGODocument.Kind.CHARTER],
}


def required_documents(ngo: NGO) -> list[str]:
    """The document kinds ``ngo`` must have on file before its registration is complete."""
    return list(REQUIRED_DOCUMENTS["foreign" if ngo.legal_form == LegalForm.FOREIGN else "local"])


def _check_documents(ngo: NGO, uploads: Mapping[str, UploadedFile]) -> None:
    on_file = set(ngo.documents.values_list("kind", flat=True)) if ngo.pk else set()
    missing = [kind for kind in required_documents(ngo) if kind not in on_file | set(uploads)]
    if missing:
        raise ValidationError({str(kind): _("Upload this document.") for kind in missing})
    errors = {}
    for kind, upload in uploads.items():
        try:
            validate_document(upload)
        except ValidationError as error:
            errors[str(kind)] = error.messages
    if errors:
        raise ValidationError(errors)


def _store_document(*, ngo: NGO, kind: str, upload: UploadedFile, user: User) -> NGODocument:
    """Store ``upload``, already checked by ``_check_documents``, as one of ``ngo``'s documents."""
    head = upload.read(2048)
    upload.seek(0)
    return NGODocument.objects.create(
        ngo=ngo,
        kind=kind,
        file=upload,
        original_name=upload.name or kind,
        content_type=filetype.guess_mime(head) or "application/octet-stream",
        size=upload.size or 0,
        uploaded_by=user,
    )


def _save_ngo(ngo: NGO, fields: Iterable[FieldOfActivity]) -> NGO:
    ngo.full_clean()
    try:
        with transaction.atomic():
            ngo.save()
    except IntegrityError as error:
        raise ValidationError(
            {"voen": _("An NGO with this VÖEN is already registered.")}
        ) from error
    ngo.fields.set(fields)
    return ngo


@transaction.atomic
def register_ngo(
    *,
    user: User,
    data: Mapping[str, Any],
    fields: Iterable[FieldOfActivity],
    documents: Mapping[str, UploadedFile],
) -> NGO:
    """Register a new NGO for ``user`` (an NGO administrator without one) and submit it."""
    if not user.has_perm("registry.register_ngo"):
        raise PermissionDenied(_("Only an NGO administrator without an NGO may register one."))
    ngo = NGO(**data, verification=Verification.SUBMITTED, submitted_at=timezone.now())
    _check_documents(ngo, documents)
    _save_ngo(ngo, fields)
    for kind, upload in documents.items():
        _store_document(ngo=ngo, kind=kind, upload=upload, user=user)
    user.ngo = ngo
    user.save(update_fields=["ngo"])
    record_creation(VERIFICATION, ngo, "register", by=user)
    _tell_staff_of_registration(ngo)
    return ngo


@transaction.atomic
def resubmit_registration(
    *,
    user: User,
    ngo: NGO,
    data: Mapping[str, Any],
    fields: Iterable[FieldOfActivity],
    documents: Mapping[str, UploadedFile],
) -> NGO:
    """Save the NGO's corrected registration and send it back to the technical check."""
    if not user.has_perm("registry.edit_registration", ngo):
        raise PermissionDenied(_("This registration can no longer be edited."))

    def apply(locked: NGO) -> None:
        for name, value in data.items():
            setattr(locked, name, value)
        locked.submitted_at = timezone.now()
        _check_documents(locked, documents)
        _save_ngo(locked, fields)
        for kind, upload in documents.items():
            _store_document(ngo=locked, kind=kind, upload=upload, user=user)

    return perform(
        VERIFICATION, ngo, "resubmit", by=user, apply=apply, notify=_tell_staff_of_registration
    )


def _tell_staff_of_registration(ngo: NGO) -> None:
    notify_staff(
        [Role.AGENCY_ADMIN, Role.PROGRAMME_MANAGER],
        gettext_lazy("An NGO registration awaits the technical check: %(ngo)s"),
        "registry/email/awaiting_check.txt",
        {"ngo": ngo},
        subject_args={"ngo": ngo},
    )


def verify_ngo(*, staff: User, ngo: NGO) -> NGO:
    """Record that ``ngo`` passed the technical check; it joins the public directory."""

    def apply(locked: NGO) -> None:
        locked.verified_at = timezone.now()
        locked.return_reasons = ""

    return perform(
        VERIFICATION,
        ngo,
        "verify",
        by=staff,
        apply=apply,
        notify=lambda locked: notify_ngo(
            locked, gettext_lazy("Your NGO has been verified"), "registry/email/verified.txt"
        ),
    )


def return_registration(*, staff: User, ngo: NGO, reasons: str) -> NGO:
    """Send ``ngo``'s registration back with the reasons it must correct."""
    if not reasons.strip():
        raise ValidationError({"reasons": _("Say what the NGO must correct.")})

    def apply(locked: NGO) -> None:
        locked.return_reasons = reasons.strip()

    return perform(
        VERIFICATION,
        ngo,
        "return",
        by=staff,
        reason=reasons,
        apply=apply,
        notify=lambda locked: notify_ngo(
            locked,
            gettext_lazy("Your NGO registration needs corrections"),
            "registry/email/returned.txt",
        ),
    )


@transaction.atomic
def impose_sanction(
    *,
    staff: User,
    ngo: NGO,
    kind: str,
    starts_on: date,
    ends_on: date | None,
    reason: str,
    report: Any = None,
) -> Sanction:
    """Record a sanction against ``ngo`` and tell its people; a ban makes it ineligible.

    A sanction for a late report is recorded once per kind (a database constraint):
    a second confirmation or a double click is refused.
    """
    if not staff.has_perm("registry.impose_sanction"):
        raise PermissionDenied(_("You may not impose sanctions."))
    sanction = Sanction(
        ngo=ngo,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
        imposed_by=staff,
        report=report,
    )
    sanction.full_clean()
    try:
        with transaction.atomic():
            sanction.save()
    except IntegrityError as error:
        raise ValidationError(_("This sanction was already imposed for this report.")) from error
    record_creation(SANCTION, sanction, "impose", by=staff, reason=reason)
    notify_ngo(
        ngo,
        gettext_lazy("A sanction was imposed on your NGO"),
        "registry/email/sanction.txt",
        {"sanction": sanction},
    )
    return sanction


def void_sanction(*, staff: User, sanction: Sanction, reason: str) -> Sanction:
    """Void a sanction imposed in error; it stays on record with the reason."""
    return perform(SANCTION, sanction, "void", by=staff, reason=reason)
