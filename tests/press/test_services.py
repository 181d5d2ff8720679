"""The press archive's services, rule by rule: reading, restoring, review, publishing, bad input."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from digital_ngo.accounts.models import Role
from digital_ngo.press import selectors, services
from digital_ngo.press.models import Fact, PressItem

pytestmark = pytest.mark.django_db
Status = PressItem.Status

ASCII_NEWS = (
    "Azerbaycan vetendas cemiyyeti ucun yeni layihe. Gencler Birliyi 137 olkeden 1023 QHT ile "
    "2026-ci il 14 fevral tarixinde gorusub."
)


def read(item: PressItem) -> PressItem:
    services.process_item(item.pk)
    item.refresh_from_db()
    return item


def test_ascii_text_is_restored_with_reviewable_changes(staff, text_file, make_ngo):
    make_ngo(name_az="Gənclər Birliyi")
    item = read(services.upload_item(user=staff, title="Xəbər", upload=text_file(ASCII_NEWS)))
    assert item.status == Status.REVIEW and item.source == "text"
    assert item.original_text == ASCII_NEWS  # the original is kept as it was
    assert item.final_text.startswith("Azərbaycan vətəndaş cəmiyyəti üçün")
    assert len(item.edits) >= 5
    assert [m.ngo.name_az for m in item.mentions.all()] == ["Gənclər Birliyi"]
    facts = {(f.kind, f.value) for f in item.facts.all()}
    assert {
        (Fact.Kind.NUMBER, "137"),
        (Fact.Kind.NUMBER, "1023"),
        (Fact.Kind.DATE, "2026-02-14"),
    } <= facts


def test_rejecting_a_change_restores_that_word_only(staff, text_file):
    item = read(services.upload_item(user=staff, title="X", upload=text_file(ASCII_NEWS)))
    index = next(i for i, e in enumerate(item.edits) if e["old"] == "vetendas")
    item = services.decide_edit(user=staff, item=item, index=index, accepted=False)
    assert item.final_text.startswith("Azərbaycan vetendas cəmiyyəti")
    item = services.decide_edit(user=staff, item=item, index=index, accepted=True)
    assert item.final_text.startswith("Azərbaycan vətəndaş cəmiyyəti")


def test_hand_edit_freezes_the_changes_until_reset(staff, text_file):
    item = read(services.upload_item(user=staff, title="X", upload=text_file(ASCII_NEWS)))
    item = services.edit_text(user=staff, item=item, text="Əl ilə düzəldilmiş mətn.")
    assert item.final_text == "Əl ilə düzəldilmiş mətn." and item.original_text == ASCII_NEWS
    with pytest.raises(ValidationError):
        services.decide_edit(user=staff, item=item, index=0, accepted=False)
    with pytest.raises(ValidationError):
        services.edit_text(user=staff, item=item, text="   ")
    item = services.reset_text(user=staff, item=item)
    assert item.final_text.startswith("Azərbaycan vətəndaş")


def test_search_finds_restored_text_typed_without_diacritics_only_once_published(staff, text_file):
    item = read(services.upload_item(user=staff, title="X", upload=text_file(ASCII_NEWS)))
    assert list(selectors.staff_items("VƏTƏNDAŞ cəmiyyət")) == [item]
    assert list(selectors.published_items("vetendas")) == []
    services.publish(user=staff, item=item)
    assert list(selectors.published_items("vetendas cemiyyeti")) == [item]
    assert list(selectors.published_items("vetendas kitabxana")) == []
    assert any(
        s.highlight and s.text == "vətəndaş" for s in selectors.snippet(item.final_text, "vetendas")
    )


def test_an_image_is_read_with_tesseract_and_restored(staff, image_file):
    item = read(
        services.upload_item(
            user=staff, title="Skan", upload=image_file("Azərbaycan vətəndaş cəmiyyəti")
        )
    )
    assert item.source == "image" and item.pages_done == item.pages_total == 1
    assert "vətəndaş cəmiyyəti" in item.final_text


def test_cyrillic_text_is_kept_as_it_is_with_a_note(staff, text_file):
    text = "Агентство государственной поддержки НПО создано в 2021 году."
    item = read(services.upload_item(user=staff, title="X", upload=text_file(text)))
    assert item.status == Status.REVIEW and item.final_text == text and item.edits == []
    assert "kiril" in item.note.lower()


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"\x00\x01\x02garbage\xff\xfe", "junk.bin"), (b"PK\x03\x04" + b"\x00" * 64, "archive.pdf")],
)
def test_files_that_are_not_images_pdfs_or_text_are_refused(staff, content, name):
    with pytest.raises(ValidationError):
        services.upload_item(user=staff, title="X", upload=SimpleUploadedFile(name, content))
    assert not PressItem.objects.exists()


def refusal(staff, upload):
    """The message an upload is refused with (files are parsed on upload, issue 17)."""
    with pytest.raises(ValidationError) as error:
        services.upload_item(user=staff, title="X", upload=upload)
    return " ".join(error.value.message_dict["upload"])


def test_a_corrupted_image_is_refused_with_a_message(staff):
    png_head = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
    assert "zədələn" in refusal(staff, SimpleUploadedFile("a.png", png_head))
    assert not PressItem.objects.exists()


def test_a_corrupted_pdf_is_refused_with_a_message(staff):
    assert "PDF" in refusal(staff, SimpleUploadedFile("a.pdf", b"%PDF-1.4 broken"))


def test_huge_pages_are_refused(staff, image_file, settings):
    settings.PRESS_MAX_PIXELS = 1000
    assert "piksel" in refusal(staff, image_file("mətn"))


def test_huge_pdf_pages_fail_when_read(staff, pdf_pages, settings):
    settings.PRESS_MAX_PIXELS = 1000
    item = read(services.upload_item(user=staff, title="X", upload=pdf_pages(1)))
    assert item.status == Status.FAILED and "piksel" in item.note


def test_too_many_pdf_pages_are_refused(staff, pdf_pages, settings):
    settings.PRESS_MAX_PAGES = 2
    assert "3" in refusal(staff, pdf_pages(3))


def test_pdf_pages_are_read_one_by_one_with_progress(staff, pdf_pages):
    item = read(services.upload_item(user=staff, title="X", upload=pdf_pages(2)))
    assert item.pages_total == 2 and item.pages_done == 2
    assert item.status == Status.FAILED  # blank pages: no text at all, said clearly
    assert item.note


def test_oversize_upload_is_refused(staff, text_file, settings):
    settings.PRESS_MAX_BYTES = 10
    with pytest.raises(ValidationError):
        services.upload_item(user=staff, title="X", upload=text_file(ASCII_NEWS))


def test_a_cancelled_item_is_not_read_and_can_be_read_again(staff, text_file):
    item = services.upload_item(user=staff, title="X", upload=text_file(ASCII_NEWS))
    services.cancel(user=staff, item=item)
    item = read(item)
    assert item.status == Status.CANCELLED and item.original_text == ""
    services.read_again(user=staff, item=item)
    assert read(item).status == Status.REVIEW
    with pytest.raises(ValidationError):
        services.cancel(user=staff, item=item)


@pytest.mark.parametrize("role", [Role.EVALUATOR, Role.NGO_ADMIN])
def test_only_agency_staff_manage_the_archive(make_user, make_ngo, text_file, role):
    user = make_user(role, make_ngo() if role == Role.NGO_ADMIN else None)
    with pytest.raises(PermissionDenied):
        services.upload_item(user=user, title="X", upload=text_file(ASCII_NEWS))
