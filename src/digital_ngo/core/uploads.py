"""Checks on uploaded files: size limit, and type proved by parsing the whole file.

The first bytes only say what a file claims to be; a truncated PNG, a decompression bomb,
random bytes after ``%PDF`` or an HTML page behind a PNG header claim as much. So images
are opened by Pillow (pixel limit checked before decoding, then ``verify()`` and a full
decode) and PDFs by PDFium (opened, pages counted). The stored name and content type come
from the type proved, never from the name the client sent.
"""

import io
from dataclasses import dataclass
from pathlib import Path

import filetype
import pypdfium2 as pdfium
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

#: MIME types a document upload may have, and the extension each is stored under.
DOCUMENT_TYPES = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}
IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/tiff": "tif"}


@dataclass(frozen=True)
class Checked:
    """What an upload was proved to be: its MIME type and the extension it is stored under."""

    mime: str
    extension: str
    pages: int = 1


def _too_many_pixels(pixels: float | None, limit: int) -> ValidationError:
    if pixels is None:
        message = _("The image is too large; the limit is %(limit)s pixels.") % {
            "limit": number_format(limit, force_grouping=True)
        }
    else:
        message = _("The image is too large (%(pixels)s pixels); the limit is %(limit)s.") % {
            "pixels": number_format(round(pixels), force_grouping=True),
            "limit": number_format(limit, force_grouping=True),
        }
    return ValidationError(message, code="too_many_pixels")


def check_image(data: bytes, max_pixels: int) -> None:
    """Pillow opens, verifies and decodes the image; more than ``max_pixels`` is refused first."""
    damaged = ValidationError(_("The image is damaged or incomplete."), code="damaged")
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > max_pixels:
                raise _too_many_pixels(image.width * image.height, max_pixels)
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()  # verify() does not decode: a truncated image fails only here
    except Image.DecompressionBombError as error:
        raise _too_many_pixels(None, max_pixels) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise damaged from error


def check_pdf(data: bytes, max_pages: int) -> int:
    """PDFium opens the PDF and counts its pages (at least one, at most ``max_pages``)."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise ValidationError(_("The PDF is damaged or cannot be read."), code="damaged") from error
    try:
        pages = len(document)
    finally:
        document.close()
    if pages == 0:
        raise ValidationError(_("The PDF has no pages."), code="no_pages")
    if pages > max_pages:
        raise ValidationError(
            _("The PDF has %(pages)s pages; the limit is %(limit)s.")
            % {"pages": pages, "limit": max_pages},
            code="too_many_pages",
        )
    return pages


def rename(upload: UploadedFile, checked: Checked) -> None:
    """Store ``upload`` under a name and type derived from ``checked`` (the client's name
    contributes only its letters and digits)."""
    stem = slugify(Path(upload.name or "").stem)[:60] or "document"
    upload.name = f"{stem}.{checked.extension}"
    upload.content_type = checked.mime


def check_size(upload: UploadedFile, limit: int) -> None:
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )


def check_parsed(upload: UploadedFile, mime: str, *, max_pixels: int, max_pages: int) -> Checked:
    """Parse ``upload`` as ``mime`` (an image type or PDF); rename it by the type proved."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if mime == "application/pdf":
        checked = Checked(mime, "pdf", check_pdf(data, max_pages))
    else:
        check_image(data, max_pixels)
        checked = Checked(mime, IMAGE_TYPES[mime])
    rename(upload, checked)
    return checked


def validate_document(upload: UploadedFile) -> Checked:
    """Refuse files over ``UPLOAD_MAX_BYTES`` and files that do not parse as PDF, PNG or JPEG."""
    check_size(upload, settings.UPLOAD_MAX_BYTES)
    head = upload.read(2048)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in DOCUMENT_TYPES:
        raise ValidationError(
            _("Only PDF, PNG and JPEG files are accepted; this file's content is not one of them."),
            code="bad_type",
        )
    return check_parsed(
        upload,
        kind.mime,
        max_pixels=settings.UPLOAD_MAX_PIXELS,
        max_pages=settings.UPLOAD_MAX_PAGES,
    )
