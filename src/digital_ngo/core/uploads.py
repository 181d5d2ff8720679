"""Checks on uploaded files: size limit and type judged by content, not by name."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

#: MIME types a document upload may have, judged from the file's first bytes.
DOCUMENT_TYPES = {"application/pdf", "image/png", "image/jpeg"}


def validate_document(upload: UploadedFile) -> None:
    """Refuse files over ``UPLOAD_MAX_BYTES`` and files that are not PDF, PNG or JPEG."""
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    head = upload.read(2048)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in DOCUMENT_TYPES:
        raise ValidationError(
            _("Only PDF, PNG and JPEG files are accepted; this file's content is not one of them."),
            code="bad_type",
        )
