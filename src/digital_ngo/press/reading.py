"""Reading uploaded files into text, page by page: plain text, PDF text layers and OCR.

Images and PDF pages without a text layer go through Tesseract with the
Azerbaijani model (``tesseract-ocr-aze``); PDF pages are rendered with
PDFium (pypdfium2). Every failure becomes a :class:`ReadError` with a
message for the user.
"""

import math
import tempfile
from collections.abc import Iterator
from pathlib import Path

import filetype
import pypdfium2 as pdfium
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from aztext.ocr import OcrError, ocr_page

IMAGE_TYPES = {"image/png", "image/jpeg", "image/tiff"}
POINTS_PER_INCH = 72


class ReadError(Exception):
    """A file that cannot be read; the message is for the person who uploaded it."""


def detect_source(head: bytes) -> str | None:
    """``image``, ``pdf`` or ``text`` judged from the first bytes; None if none of them."""
    mime = filetype.guess_mime(head)
    if mime in IMAGE_TYPES:
        return "image"
    if mime == "application/pdf":
        return "pdf"
    if mime is None and head.strip():
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # a multi-byte character cut at the end of the sample is still text
            if error.start < len(head) - 4:
                return None
        return "text" if b"\x00" not in head else None
    return None


def bounded(image: Image.Image) -> Image.Image:
    """``image`` in grey, no larger than ``PRESS_OCR_MAX_PIXELS`` (memory of the OCR step)."""
    limit = settings.PRESS_OCR_MAX_PIXELS
    if image.width * image.height > limit:
        factor = math.ceil(math.sqrt(image.width * image.height / limit))
        image = image.reduce(factor)
    return image if image.mode in {"1", "L"} else image.convert("L")


def ocr(image: Image.Image) -> str:
    """Tesseract's Azerbaijani reading of ``image`` (small print enlarged first)."""
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.png"
        bounded(image).save(page, "PNG")
        try:
            return ocr_page(page, "aze")
        except OcrError as error:
            raise ReadError(_("OCR failed: %(reason)s") % {"reason": str(error)[-200:]}) from error


def _check_pixels(width: float, height: float) -> None:
    if width * height > settings.PRESS_MAX_PIXELS:
        raise ReadError(
            _("The page is too large to read (%(pixels)s pixels; the limit is %(limit)s).")
            % {
                "pixels": number_format(round(width * height), force_grouping=True),
                "limit": number_format(settings.PRESS_MAX_PIXELS, force_grouping=True),
            }
        )


def read_text(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ReadError(_("The text file is not in UTF-8.")) from error
    if not text.strip():
        raise ReadError(_("The file contains no text."))
    return text


def read_image(path: Path) -> str:
    try:
        with Image.open(path) as image:
            _check_pixels(image.width, image.height)
            limit = settings.PRESS_OCR_MAX_PIXELS
            if image.width * image.height > limit:  # JPEG decodes straight to a smaller size
                ratio = math.sqrt(limit / (image.width * image.height))
                image.draft("L", (int(image.width * ratio), int(image.height * ratio)))
            image.load()
            return ocr(image)
    except Image.DecompressionBombError as error:
        raise ReadError(
            _("The image is too large to read (the limit is %(limit)s pixels).")
            % {"limit": number_format(settings.PRESS_MAX_PIXELS, force_grouping=True)}
        ) from error
    except (UnidentifiedImageError, OSError) as error:
        raise ReadError(_("The image is damaged or cannot be read.")) from error


def open_pdf(path: Path) -> pdfium.PdfDocument:
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        raise ReadError(_("The PDF is damaged or cannot be read.")) from error
    if len(document) == 0:
        raise ReadError(_("The PDF has no pages."))
    if len(document) > settings.PRESS_MAX_PAGES:
        raise ReadError(
            _("The PDF has %(pages)s pages; the limit is %(limit)s.")
            % {"pages": len(document), "limit": settings.PRESS_MAX_PAGES}
        )
    return document


def read_pdf_page(document: pdfium.PdfDocument, index: int) -> str:
    """The page's text layer, or Tesseract's reading of the rendered page if it has none."""
    page = document[index]
    text = page.get_textpage().get_text_bounded()
    if text.strip():
        return text
    scale = settings.PRESS_OCR_DPI / POINTS_PER_INCH
    width, height = page.get_size()
    _check_pixels(width * scale, height * scale)
    # render no larger than the OCR step reads, so a huge page never exists at full size
    scale = min(scale, math.sqrt(settings.PRESS_OCR_MAX_PIXELS / max(width * height, 1)))
    return ocr(page.render(scale=scale, grayscale=True).to_pil())


def pages(path: Path, source: str, start: int = 0) -> tuple[int, Iterator[str]]:
    """How many pages ``path`` has, and an iterator over their text from page ``start`` on."""
    if source == "text":
        return 1, iter([read_text(path)][start:])
    if source == "image":
        return 1, (read_image(path) for _ in range(start, 1))
    document = open_pdf(path)
    return len(document), (read_pdf_page(document, i) for i in range(start, len(document)))
