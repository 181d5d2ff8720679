"""Demo clippings: short news items rendered to images and OCR'd, ASCII-typed text,
and, when the aztext dev set is beside the repository, passages with real OCR damage.

The demo items go through the same services as uploads (Tesseract and
aztext included); some are published, one is left for review.
"""

import io
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont

from digital_ngo.accounts.models import User
from digital_ngo.media.models import MediaOutlet
from digital_ngo.press import services
from digital_ngo.press.models import PressItem
from digital_ngo.registry.models import NGO

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
ASCII_TYPING = str.maketrans("əƏıİşŞçÇğĞöÖüÜ", "eEiIsScCgGoOuU")

NEWS = [
    (
        "Agentlik dövlət proqramları üzrə hesabatını açıqlayıb",
        "QHT Agentliyi dövlət proqramları üzrə hesabatını açıqlayıb. Agentliyin məlumatına görə, "
        "19 dövlət proqramında Agentliyə həvalə olunmuş 67 tapşırığın 97 faizi icra edilib. "
        "{first} və {second} layihələrinin nəticələri Müşahidə Şurasının 2026-cı il 14 fevral "
        "tarixli iclasında müzakirə olunub.",
        "image",
    ),
    (
        "137 ölkədən 1023 QHT bəyanat imzalayıb",
        "Bakıda keçirilən beynəlxalq konfransda 137 ölkədən 1023 QHT-nin imzaladığı bəyanat qəbul "
        "edilib. Bəyanatı imzalayanlar arasında {third} də var. Tədbirdə Türkiyə, Özbəkistan və "
        "Qazaxıstandan olan vətəndaş cəmiyyəti nümayəndələri çıxış ediblər.",
        "image",
    ),
    (
        "Gənclər üçün hüquqi maarifləndirmə təlimləri başa çatıb",
        "{first} gənclər üçün 12 təlim keçirib. Layihə çərçivəsində 240 gənc hüquqi "
        "maarifləndirmə sessiyalarında iştirak edib. Təlimlər 15.03.2026 tarixində başa çatıb.",
        "ascii",
    ),
]
DEVSET_SAMPLES = [
    ("ocr-eng", "01.txt", "QHT Agentliyinin Nizamnaməsi (ingilis OCR modeli ilə oxunmuş skan)"),
    ("ocr-tur", "08.txt", "Ətraf mühitin mühafizəsi haqqında qanuna dəyişiklik (türk OCR modeli)"),
    ("ascii", "14.txt", "Cəfər Cabbarlı, “Gülzar” (diakritikasız yığılmış mətn)"),
]


def render_page(text: str, width: int = 1400) -> bytes:
    """A clean printed page of ``text`` as PNG bytes (DejaVu Serif, about 300 dpi)."""
    font = ImageFont.truetype(str(FONT), 36)
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if font.getlength(trial) > width - 160 and line:
            lines.append(line)
            line = word
        else:
            line = trial
    lines.append(line)
    image = Image.new("L", (width, 160 + 52 * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    for number, text_line in enumerate(lines):
        draw.text((80, 80 + 52 * number), text_line, font=font, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(300, 300))
    return buffer.getvalue()


def _upload(
    user: User, title: str, name: str, content: bytes, outlet: MediaOutlet, day: date
) -> PressItem:
    item = services.upload_item(
        user=user,
        title=title,
        upload=SimpleUploadedFile(name, content),
        outlet=outlet,
        published_on=day,
    )
    services.process_item(item.pk)  # what the background task does, done now for the demo
    item.refresh_from_db()
    return item


def load_clippings(user: User, outlets: list[MediaOutlet]) -> int:
    """Create and read the demo clippings once; publish all but the last."""
    if PressItem.objects.exists():
        return 0
    names = list(
        NGO.objects.verified()
        .filter(sanctions=None)
        .order_by("pk")
        .values_list("name_az", flat=True)[:3]
    )
    fill = dict(zip(["first", "second", "third"], names, strict=False))
    items = []
    for number, (title, template, form) in enumerate(NEWS):
        text = template.format(**fill)
        day = date(2026, 2 + number, 10 + number)
        if form == "image":
            items.append(
                _upload(
                    user, title, f"clipping-{number}.png", render_page(text), outlets[number], day
                )
            )
        else:
            typed = text.translate(ASCII_TYPING).encode()
            items.append(
                _upload(user, title, f"clipping-{number}.txt", typed, outlets[number], day)
            )
    devset = Path(settings.AZTEXT_DEVSET)
    for folder, name, title in DEVSET_SAMPLES:
        path = devset / folder / name
        if path.exists():
            items.append(
                _upload(user, title, name, path.read_bytes(), outlets[-1], date(2025, 12, 1))
            )
    for item in items[:-1]:
        if item.status == PressItem.Status.REVIEW:
            services.publish(user=user, item=item)
    return len(items)
