"""Tesseract OCR of page images, small print enlarged first.

Tesseract reads best when words are 30 to 40 pixels high, as print of newspaper
size is at 300 dpi. A page scanned or photographed at a lower resolution is read
once; when the median height of the words Tesseract found is under
:data:`MIN_WORD_HEIGHT` pixels, the page is enlarged (Lanczos resampling) to
bring it to :data:`TARGET_WORD_HEIGHT` and read again. On the dev set printed at
100 dpi this takes the word error rate of Tesseract's ``aze`` model from 12.4%
to 4.0% (at 300 dpi it is 3.5%).

Enlarging uses Pillow when it is installed (the Digital NGO platform has it);
without it pages are read as they are. Tesseract itself is an external program
(Debian: ``tesseract-ocr`` and ``tesseract-ocr-aze``).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

#: below this median word height (pixels), a page is enlarged before reading.
MIN_WORD_HEIGHT = 24
#: the median word height an enlarged page is brought to.
TARGET_WORD_HEIGHT = 36
#: a page is never enlarged more than this (a blurred photo does not improve).
MAX_SCALE = 4.0
#: nor beyond this many pixels (memory: Tesseract holds a few bytes per pixel).
MAX_ENLARGED_PIXELS = 60_000_000
#: an enlargement smaller than this is not worth a second reading.
MIN_SCALE = 1.2
#: seconds one Tesseract run may take.
TIMEOUT = 600
#: TSV columns of Tesseract's word rows: the level (5 = word), box height, text.
TSV_LEVEL, TSV_HEIGHT, TSV_TEXT = 0, 9, 11
WORD_LEVEL = "5"


#: first bytes of the image formats Tesseract reads (via Leptonica).
IMAGE_SIGNATURES = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
    b"BM",
    b"GIF8",
    b"P1",
    b"P2",
    b"P3",
    b"P4",
    b"P5",
    b"P6",  # PNM
)


class OcrError(Exception):
    """Tesseract is missing or failed; the message says which and why."""


class NotAnImage(ValueError):
    """The file is no image Tesseract can read."""


def is_image(path: Path) -> bool:
    """Whether ``path`` starts like an image Tesseract reads (or a WebP one).
    Tesseract takes any other file for a list of image paths, so it is checked."""
    with path.open("rb") as file:
        head = file.read(12)
    return head.startswith(IMAGE_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def tesseract(image: Path, lang: str, *renderers: str) -> dict[str, str]:
    """Read ``image`` once with Tesseract and return each renderer's output
    (``"txt"``, ``"tsv"`` …) by name."""
    if shutil.which("tesseract") is None:
        raise OcrError("'tesseract' is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "page"
        cmd = ["tesseract", str(image), str(base), "-l", lang, *renderers]
        try:
            proc = subprocess.run(cmd, capture_output=True, check=False, timeout=TIMEOUT)
        except subprocess.TimeoutExpired as error:
            raise OcrError(f"tesseract took longer than {TIMEOUT} s") from error
        if proc.returncode != 0:
            lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise OcrError(f"tesseract failed: {lines[-1] if lines else proc.returncode}")
        return {
            name: base.with_suffix(f".{name}").read_text(encoding="utf-8", errors="replace")
            for name in renderers
        }


def median_word_height(tsv: str) -> float | None:
    """The median height in pixels of the words in Tesseract's TSV output (None
    if it found no words)."""
    heights = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) > TSV_TEXT and cells[TSV_LEVEL] == WORD_LEVEL and cells[TSV_TEXT].strip():
            heights.append(int(cells[TSV_HEIGHT]))
    return statistics.median(heights) if heights else None


def enlarge(image: Path, scale: float, target: Path) -> bool:
    """Write ``image`` enlarged up to ``scale`` times (at most
    :data:`MAX_ENLARGED_PIXELS`) to ``target`` as PNG; False when that is not
    worth :data:`MIN_SCALE`, or Pillow is not installed or cannot read the image."""
    try:
        from PIL import Image
    except ImportError:
        return False
    try:
        with Image.open(image) as page:
            if getattr(page, "n_frames", 1) > 1:  # a multi-page TIFF is read as it is
                return False
            scale = min(scale, (MAX_ENLARGED_PIXELS / (page.width * page.height)) ** 0.5)
            if scale < MIN_SCALE:
                return False
            size = (int(page.width * scale), int(page.height * scale))
            page.convert("L").resize(size, Image.Resampling.LANCZOS).save(target, "PNG")
    except (OSError, Image.DecompressionBombError):
        return False
    return True


def ocr_page(image: Path, lang: str = "aze") -> str:
    """Tesseract's text of one page image, read again enlarged if its print is small."""
    if not is_image(image):
        raise NotAnImage(f"{image}: not an image (PNG, JPEG, TIFF, BMP, GIF, WebP or PNM)")
    first = tesseract(image, lang, "txt", "tsv")
    height = median_word_height(first["tsv"])
    if height is None or height >= MIN_WORD_HEIGHT:
        return first["txt"]
    scale = min(MAX_SCALE, TARGET_WORD_HEIGHT / max(height, 1.0))
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "enlarged.png"
        if not enlarge(image, scale, big):
            return first["txt"]
        return tesseract(big, lang, "txt")["txt"]
