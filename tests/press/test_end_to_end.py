"""End to end: a dev-set passage printed to an image, uploaded by staff, OCR'd and restored
by the real task worker, published, and found by a search typed without diacritics."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from digital_ngo.press.demo import render_page
from digital_ngo.press.models import PressItem

pytestmark = pytest.mark.django_db(transaction=True)
GOLD = Path(settings.AZTEXT_DEVSET) / "gold" / "02.txt"


@pytest.mark.skipif(not GOLD.exists(), reason="the aztext dev set is not beside the repository")
def test_scanned_passage_is_read_restored_published_and_found(client, staff, make_ngo, run_worker):
    passage = next(
        line
        for line in GOLD.read_text(encoding="utf-8").splitlines()
        if "vətəndaş cəmiyyətinin" in line
    )
    client.force_login(staff)
    scan = SimpleUploadedFile("scan.png", render_page(passage), "image/png")
    response = client.post(
        reverse("press:upload"),
        {
            "title": "Qeyri-hökumət təşkilatları haqqında",
            "kind": "clipping",
            "language": "az",
            "upload": scan,
        },
    )
    item = PressItem.objects.get()
    assert response.status_code == 302 and response.url == reverse("press:review", args=[item.pk])
    assert item.status == PressItem.Status.QUEUED

    run_worker()

    item.refresh_from_db()
    assert item.status == PressItem.Status.REVIEW, item.note
    assert "vətəndaş cəmiyyətinin" in item.final_text
    review = client.get(reverse("press:review", args=[item.pk])).content.decode()
    assert "vətəndaş cəmiyyətinin" in review

    client.post(reverse("press:publish", args=[item.pk]))
    client.logout()
    page = client.get(reverse("press:archive"), {"q": "vetendas cemiyyeti"}).content.decode()
    assert "Qeyri-hökumət təşkilatları haqqında" in page
    assert "<mark>vətəndaş</mark>" in page
    assert (
        "Qeyri-hökumət"
        not in client.get(reverse("press:archive"), {"q": "vetendas kitabxanasi"})
        .content.decode()
        .split("</form>")[1]
    )


def test_the_worker_skips_an_item_cancelled_while_queued(client, staff, text_file, run_worker):
    client.force_login(staff)
    client.post(
        reverse("press:upload"),
        {"title": "X", "kind": "document", "language": "az", "upload": text_file("Azərbaycan")},
    )
    item = PressItem.objects.get()
    client.post(reverse("press:cancel", args=[item.pk]))
    run_worker()
    item.refresh_from_db()
    assert item.status == PressItem.Status.CANCELLED and item.original_text == ""
