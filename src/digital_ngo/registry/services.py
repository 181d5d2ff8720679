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

from digital_ngo.accounts.models import User
from digital_ngo.core.notify import notify_ngo
from digital_ngo.core.uploads import validate_document
from digital_ngo.registry.models import (
    NGO,
    FieldOfActivity,
    LegalForm,
    NGODocument,
    Sanction,
    Verification,
)

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
    for name, value in data.items():
        setattr(ngo, name, value)
    ngo.verification = Verification.SUBMITTED
    ngo.submitted_at = timezone.now()
    _check_documents(ngo, documents)
    _save_ngo(ngo, fields)
    for kind, upload in documents.items():
        _store_document(ngo=ngo, kind=kind, upload=upload, user=user)
    return ngo


def _require_pending(staff: User, ngo: NGO) -> None:
    if not staff.has_perm("registry.verify_ngo"):
        raise PermissionDenied(_("You may not decide on registrations."))
    if ngo.verification != Verification.SUBMITTED:
        raise ValidationError(_("This registration is not awaiting a technical check."))


@transaction.atomic
def verify_ngo(*, staff: User, ngo: NGO) -> NGO:
    """Record that ``ngo`` passed the technical check; it joins the public directory."""
    ngo = NGO.objects.select_for_update().get(pk=ngo.pk)
    _require_pending(staff, ngo)
    ngo.verification = Verification.VERIFIED
    ngo.verified_at = timezone.now()
    ngo.return_reasons = ""
    ngo.save()
    notify_ngo(ngo, _("Your NGO has been verified"), "registry/email/verified.txt")
    return ngo


@transaction.atomic
def return_registration(*, staff: User, ngo: NGO, reasons: str) -> NGO:
    """Send ``ngo``'s registration back with the reasons it must correct."""
    if not reasons.strip():
        raise ValidationError({"reasons": _("Say what the NGO must correct.")})
    ngo = NGO.objects.select_for_update().get(pk=ngo.pk)
    _require_pending(staff, ngo)
    ngo.verification = Verification.RETURNED
    ngo.return_reasons = reasons.strip()
    ngo.save()
    notify_ngo(ngo, _("Your NGO registration needs corrections"), "registry/email/returned.txt")
    return ngo


@transaction.atomic
def impose_sanction(
    *, staff: User, ngo: NGO, kind: str, starts_on: date, ends_on: date | None, reason: str
) -> Sanction:
    """Record a sanction against ``ngo``; a ban makes it ineligible while it lasts."""
    if not staff.has_perm("registry.impose_sanction"):
        raise PermissionDenied(_("You may not impose sanctions."))
    sanction = Sanction(
        ngo=ngo, kind=kind, starts_on=starts_on, ends_on=ends_on, reason=reason, imposed_by=staff
    )
    sanction.full_clean()
    sanction.save()
    return sanction
