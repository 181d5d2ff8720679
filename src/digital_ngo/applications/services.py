"""Writes about applications: starting, editing sections, attaching, submitting, technical check.

Each function checks who acts and in which state the application is, validates,
then writes in one transaction; bad input leaves everything as it was.
"""

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

import filetype
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digital_ngo.accounts.models import Role, User
from digital_ngo.applications import selectors
from digital_ngo.applications.models import Application, Attachment
from digital_ngo.applications.workflows import APPLICATION
from digital_ngo.core.notify import notify_ngo, notify_staff
from digital_ngo.core.uploads import validate_document
from digital_ngo.core.workflow import perform, record_creation
from digital_ngo.funding.models import Call, RequiredDocument, Topic
from digital_ngo.registry.models import FieldOfActivity

Status = Application.Status


def _require(user: User, permission: str, application: Application | None = None) -> None:
    if not user.has_perm(permission, application):
        raise PermissionDenied(_("You may not do this with this application."))


@transaction.atomic
def start_application(
    *, user: User, call: Call, instrument: str, topic: Topic, field: FieldOfActivity, title: str
) -> Application:
    """Open a draft for the user's NGO, after the eligibility check the NGO saw before starting."""
    _require(user, "applications.apply")
    if user.ngo is None:
        raise PermissionDenied(_("Only an NGO's people may apply."))
    if topic.call_id != call.pk:
        raise ValidationError({"topic": _("This topic belongs to another call.")})
    if not call.instruments.filter(instrument=instrument).exists():
        raise ValidationError({"instrument": _("The call does not offer this instrument.")})
    problems = selectors.eligibility_problems(user.ngo, call, instrument, field)
    if problems:
        raise ValidationError(problems)
    application = Application.objects.create(
        call=call,
        ngo=user.ngo,
        instrument=instrument,
        topic=topic,
        field=field,
        title=title,
        created_by=user,
    )
    record_creation(APPLICATION, application, "start", by=user)
    return application


def _editable(user: User, application: Application) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    _require(user, "applications.view_application", application)
    if not application.is_editable:
        raise ValidationError(_("The application can no longer be changed."))
    _require(user, "applications.edit_application", application)
    return application


@transaction.atomic
def save_section(*, user: User, application: Application, forms: Iterable[Any]) -> Application:
    """Save validated forms and formsets of one section of an editable application."""
    application = _editable(user, application)
    for form in forms:
        if hasattr(form, "forms"):  # a formset
            form.instance = application
        form.save()
    return application


@transaction.atomic
def attach(
    *,
    user: User,
    application: Application,
    upload: UploadedFile,
    required_document: RequiredDocument | None = None,
    is_partnership_agreement: bool = False,
) -> Attachment:
    """Attach a required document or the partnership agreement (PDF, PNG or JPEG)."""
    application = _editable(user, application)
    if required_document is not None and required_document.call_id != application.call_id:
        raise ValidationError(_("This document is not asked for by the call."))
    validate_document(upload)
    head = upload.read(2048)
    upload.seek(0)
    return Attachment.objects.create(
        application=application,
        required_document=required_document,
        is_partnership_agreement=is_partnership_agreement,
        file=upload,
        original_name=upload.name or "document",
        content_type=filetype.guess_mime(head) or "",
        uploaded_by=user,
    )


def submit(*, user: User, application: Application) -> Application:
    """Submit a complete application before the deadline (or its correction deadline)."""

    def apply(locked: Application) -> None:
        problems = selectors.submission_problems(locked)
        if problems:
            raise ValidationError(problems)
        locked.submitted_at = timezone.now()

    return perform(APPLICATION, application, "submit", by=user, apply=apply, notify=_tell_submitted)


def _tell_submitted(application: Application) -> None:
    context = {"application": application}
    notify_ngo(
        application.ngo,
        gettext_lazy("Your application was submitted: %(title)s"),
        "applications/email/submitted.txt",
        context,
        subject_args={"title": application.title},
    )
    notify_staff(
        [Role.PROGRAMME_MANAGER],
        gettext_lazy("A new application awaits the technical check: %(title)s"),
        "applications/email/submitted_staff.txt",
        context,
        subject_args={"title": application.title},
    )


def _tell_check(subject: Any) -> Any:
    def tell(application: Application) -> None:
        notify_ngo(
            application.ngo,
            subject,
            "applications/email/decision.txt",
            {"application": application},
        )

    return tell


def declare_admissible(*, staff: User, application: Application) -> Application:
    """The application passed the technical check and goes to evaluation."""
    return perform(
        APPLICATION,
        application,
        "admit",
        by=staff,
        notify=_tell_check(gettext_lazy("Your application passed the technical check")),
    )


def return_for_correction(*, staff: User, application: Application, reasons: str) -> Application:
    """Return the application once, with reasons and a deadline set by the call."""
    if not reasons.strip():
        raise ValidationError({"reasons": _("Say what must be corrected.")})

    def apply(locked: Application) -> None:
        locked.was_returned = True
        locked.check_note = reasons.strip()
        locked.correction_deadline = timezone.now() + timedelta(days=locked.call.correction_days)

    return perform(
        APPLICATION,
        application,
        "return",
        by=staff,
        reason=reasons,
        apply=apply,
        notify=_tell_check(gettext_lazy("Your application was returned for correction")),
    )


def declare_inadmissible(*, staff: User, application: Application, reasons: str) -> Application:
    """The application failed the technical check, for the reasons given."""
    if not reasons.strip():
        raise ValidationError({"reasons": _("Say why the application is inadmissible.")})

    def apply(locked: Application) -> None:
        locked.check_note = reasons.strip()

    return perform(
        APPLICATION,
        application,
        "reject_inadmissible",
        by=staff,
        reason=reasons,
        apply=apply,
        notify=_tell_check(gettext_lazy("Your application did not pass the technical check")),
    )
