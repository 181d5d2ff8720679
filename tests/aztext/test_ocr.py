"""Tesseract OCR with small print enlarged (:mod:`aztext.ocr`), on real renders."""

import shutil
import textwrap
from pathlib import Path

import pytest

from aztext.ocr import (
    MAX_ENLARGED_PIXELS,
    MIN_SCALE,
    MIN_WORD_HEIGHT,
    enlarge,
    median_word_height,
    ocr_page,
    tesseract,
)

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerifCondensed.ttf")
TEXT = (
    "Azərbaycan Respublikasının vətəndaş cəmiyyəti institutları dövlət dəstəyi ilə "
    "layihələr həyata keçirir, hesabatlarını vaxtında təqdim edir və nəticələrini "
    "ictimaiyyətə açıqlayırlar. Agentlik müsabiqələrin qaliblərini müstəqil "
    "ekspertlərin rəyləri əsasında müəyyən edir, qrantların icrasına nəzarət edir "
    "və hər il fəaliyyəti barədə ətraflı hesabat dərc edir. Gənclər təşkilatları "
    "təhsil, səhiyyə, ətraf mühitin mühafizəsi və insan hüquqları sahələrində "
    "çalışırlar."
)

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None or not FONT.exists(),
    reason="needs tesseract with the aze model and the DejaVu font",
)


def render(text: str, size: int, path: Path) -> Path:
    """``text`` printed in a narrow column, ``size`` pixels per em, as a PNG."""
    from PIL import Image, ImageDraw, ImageFont

    lines = textwrap.wrap(text, 45)
    font = ImageFont.truetype(str(FONT), size)
    image = Image.new("L", (size * 28, round(size * 1.4 * len(lines)) + size * 2), 255)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((size, size + round(index * size * 1.4)), line, font=font, fill=0)
    image.save(path)
    return path


def words_read(text: str) -> int:
    read = set(text.split())
    return sum(word in read for word in TEXT.split())


def test_small_print_is_enlarged_and_read_better(tmp_path: Path) -> None:
    page = render(TEXT, 10, tmp_path / "small.png")
    plain = tesseract(page, "aze", "txt", "tsv")
    height = median_word_height(plain["tsv"])
    assert height is not None and height < MIN_WORD_HEIGHT
    enlarged = words_read(ocr_page(page))
    assert enlarged >= 0.9 * len(TEXT.split())
    assert enlarged > words_read(plain["txt"]) + 5


def test_print_of_normal_size_is_read_once_as_it_is(tmp_path: Path) -> None:
    page = render(TEXT, 40, tmp_path / "large.png")
    plain = tesseract(page, "aze", "txt", "tsv")
    height = median_word_height(plain["tsv"])
    assert height is not None and height >= MIN_WORD_HEIGHT
    assert ocr_page(page) == plain["txt"]


def test_word_height_of_a_page_without_words() -> None:
    header = "\t".join(
        [
            "level",
            "page_num",
            "block_num",
            "par_num",
            "line_num",
            "word_num",
            "left",
            "top",
            "width",
            "height",
            "conf",
            "text",
        ]
    )
    assert median_word_height(header + "\n1\t1\t0\t0\t0\t0\t0\t0\t640\t480\t-1\t\n") is None
    rows = "".join(
        f"5\t1\t1\t1\t1\t{n}\t0\t0\t50\t{h}\t95\tsöz\n" for n, h in enumerate((9, 11, 30))
    )
    assert median_word_height(header + "\n" + rows) == 11


def test_a_page_is_never_enlarged_past_the_pixel_limit(tmp_path: Path) -> None:
    from PIL import Image

    page = tmp_path / "wide.png"
    Image.new("L", (6000, 4000), 255).save(page)  # 24 Mpx: at most 1.58 times
    big = tmp_path / "big.png"
    assert enlarge(page, 4.0, big)
    with Image.open(big) as image:
        assert image.width * image.height <= MAX_ENLARGED_PIXELS
        assert image.width > 6000 * MIN_SCALE
    Image.new("L", (7000, 8000), 255).save(page)  # 56 Mpx: not worth enlarging
    assert not enlarge(page, 4.0, big)


def test_every_page_of_a_multi_page_tiff_is_read(tmp_path: Path) -> None:
    from PIL import Image

    first, second = render(TEXT, 10, tmp_path / "1.png"), render("Son söz.", 10, tmp_path / "2.png")
    pages = [Image.open(first), Image.open(second)]
    tiff = tmp_path / "pages.tiff"
    pages[0].save(tiff, save_all=True, append_images=pages[1:])
    text = ocr_page(tiff)
    assert "Agentlik" in text and "Son" in text
