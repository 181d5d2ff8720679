"""Writes of the press archive: upload, reading (OCR and restoration), review, publication.

Reading runs in a background task (``tasks.process_press_item``) and saves
its progress page by page, outside any long transaction, so the staff see it
move and can cancel. Review decisions are small transactions. The original
file and the original text are never changed.
"""

import copy
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import filetype
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.utils import DatabaseError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aztext import fold, restore
from digital_ngo.accounts.models import User
from digital_ngo.core import uploads, worker
from digital_ngo.core.countries import country_names
from digital_ngo.media.models import MediaOutlet
from digital_ngo.press import extraction, reading, search
from digital_ngo.press.edits import Edit, apply_edits, edits_from_changes
from digital_ngo.press.language import script_and_language
from digital_ngo.press.models import Fact, Mention, PressItem, ReadPage
from digital_ngo.registry.models import NGO

Status = PressItem.Status
logger = logging.getLogger(__name__)


def _require(user: User, permission: str, item: PressItem | None = None) -> None:
    if not user.has_perm(permission, item):
        raise PermissionDenied(_("You may not manage the press archive."))


def _check_upload(upload: UploadedFile) -> str:
    if not upload.size:
        raise ValidationError({"upload": _("The file is empty.")})
    if upload.size > settings.PRESS_MAX_BYTES:
        raise ValidationError(
            {
                "upload": _("The file is too large (%(size)s); the limit is %(limit)s.")
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(settings.PRESS_MAX_BYTES),
                }
            }
        )
    head = upload.read(4096)
    upload.seek(0)
    source = reading.detect_source(head)
    if source is None:
        raise ValidationError(
            {"upload": _("Upload an image (PNG, JPEG, TIFF), a PDF or a UTF-8 text file.")}
        )
    if source == "text":
        uploads.rename(upload, uploads.Checked("text/plain", "txt"))
        return source
    try:
        uploads.check_parsed(
            upload,
            filetype.guess_mime(head) or "",
            max_pixels=settings.PRESS_MAX_PIXELS,
            max_pages=settings.PRESS_MAX_PAGES,
        )
    except ValidationError as error:
        raise ValidationError({"upload": error.messages}) from error
    return source


@transaction.atomic
def upload_item(
    *,
    user: User,
    title: str,
    upload: UploadedFile,
    kind: str = PressItem.Kind.CLIPPING,
    outlet: MediaOutlet | None = None,
    published_on: date | None = None,
    language: str = "az",
) -> PressItem:
    """Store an uploaded clipping or document and queue it for reading."""
    _require(user, "press.manage")
    source = _check_upload(upload)
    item = PressItem(
        title=title,
        kind=kind,
        outlet=outlet,
        published_on=published_on,
        language=language,
        file=upload,
        original_name=upload.name or title,
        source=source,
        uploaded_by=user,
    )
    item.full_clean(exclude=["file"])
    item.save()
    search.index_item(item)  # replaces any stale index row left under this id
    _enqueue(item)
    return item


def _enqueue(item: PressItem) -> None:
    from digital_ngo.press.tasks import process_press_item

    transaction.on_commit(lambda: process_press_item.enqueue(item.pk))


def _save(item: PressItem, **fields: object) -> None:
    for name, value in fields.items():
        setattr(item, name, value)
    item.save(update_fields=[*fields])


def process_item(item_id: int) -> None:
    """Read a queued item page by page, then restore and analyse its text (the task's work).

    Its notes are written in the platform's language: workers run without a request.
    """
    with translation.override(settings.LANGUAGE_CODE):
        _process(PressItem.objects.get(pk=item_id))


def _process(item: PressItem) -> None:
    """Read the pages not yet read (each page is saved as a checkpoint), then finish.

    A QUEUED item starts at its first page; a PROCESSING one was being read by a worker
    that died or was stopped, and resumes after its last saved page.
    """
    if item.status == Status.QUEUED:
        ReadPage.objects.filter(item=item).delete()
        _save(item, status=Status.PROCESSING, pages_done=0, note="")
    elif item.status != Status.PROCESSING:
        return
    try:
        done = ReadPage.objects.filter(item=item).count()
        total, texts = reading.pages(Path(item.file.path), item.source, start=done)
        _save(item, pages_total=total, pages_done=done)
        for number, text in enumerate(texts, start=done):
            ReadPage.objects.bulk_create(
                [ReadPage(item=item, number=number, text=text.strip())], ignore_conflicts=True
            )
            _save(item, pages_done=number + 1)
            if PressItem.objects.filter(pk=item.pk, status=Status.CANCELLED).exists():
                return
            worker.checkpoint()
    except reading.ReadError as error:
        _save(item, status=Status.FAILED, note=str(error))
        return
    except (worker.Stopping, DatabaseError):
        raise  # queued again by the worker; the pages read so far are kept
    except Exception:
        logger.exception("Reading press item %s failed", item.pk)
        _save(item, status=Status.FAILED, note=_("Reading failed unexpectedly; try again later."))
        raise
    if not PressItem.objects.filter(pk=item.pk, status=Status.CANCELLED).exists():
        parts = ReadPage.objects.filter(item=item).values_list("text", flat=True)
        finish_reading(item, "\n\n".join(parts))


def finish_reading(item: PressItem, original: str) -> None:
    """Restore ``original`` if it is Azerbaijani, propose the edits and open the review.

    Restoration and extraction run outside any transaction; only the writes are in one."""
    if not original.strip():
        _save(item, status=Status.FAILED, note=_("No text was found in the file."))
        return
    language = script_and_language(original)
    edits: list[Edit] = []
    restored, note = original, ""
    if language == "az":
        restoration = restore(original)
        restored = restoration.text
        edits = edits_from_changes(original, restoration.changes, restored)
    elif language == "cyrillic":
        note = _("The text is in Cyrillic script; it was kept as it is, without restoration.")
    else:
        note = _("The text does not look Azerbaijani; it was kept as it is, without restoration.")
    item.original_text, item.restored_text, item.final_text = original, restored, restored
    item.edits = [edit.as_dict() for edit in edits]
    item.edited_by_hand, item.note, item.status = False, note, Status.REVIEW
    derived = derive(restored)
    with transaction.atomic():
        _store(item, derived)


@dataclass
class Derived:
    """What derives from a final text: its search key, the NGOs it names and its facts.

    Computed outside any transaction (on a 1 MB text it takes seconds), then stored in a
    short one by :func:`_store`.
    """

    search_text: str
    mentions: list[tuple[int, str, int]]
    facts: list[tuple[str, str, str, int]]


def derive(text: str) -> Derived:
    names = NGO.objects.verified().values_list("name_az", "name_en", "pk")
    ngo_phrases = [(name, pk) for az, en, pk in names for name in (az, en) if name]
    ngos = extraction.PhraseMatcher(ngo_phrases, min_words=2).find(text)
    dates = extraction.find_dates(text)
    countries = extraction.PhraseMatcher(country_names("az")).find(text)
    found = [(Fact.Kind.DATE, f) for f in dates] + [(Fact.Kind.COUNTRY, f) for f in countries]
    found += [(Fact.Kind.NUMBER, f) for f in extraction.find_numbers(text, skip=dates)]
    return Derived(
        search_text=fold(text),
        mentions=[(int(str(f.value)), f.text[:255], f.start) for f in ngos],
        facts=[(str(kind), str(f.value)[:64], f.text[:255], f.start) for kind, f in found],
    )


def _store(item: PressItem, derived: Derived) -> None:
    """Save ``item`` with what derives from its final text (inside the caller's transaction)."""
    item.search_text = derived.search_text
    item.save()
    search.index_item(item)
    item.mentions.all().delete()
    item.facts.all().delete()
    Mention.objects.bulk_create(
        [
            Mention(item=item, ngo_id=ngo, matched=matched, position=position)
            for ngo, matched, position in derived.mentions
        ],
        ignore_conflicts=True,
    )
    Fact.objects.bulk_create(
        [
            Fact(item=item, kind=kind, value=value, phrase=phrase, position=position)
            for kind, value, phrase, position in derived.facts
        ]
    )


def _refresh(item: PressItem) -> None:
    """Save ``item`` and recompute what derives from its final text: search key, links, facts."""
    _store(item, derive(item.final_text))


def extract_into(item: PressItem) -> None:
    """Link the NGOs named in the item and record its numbers, dates and countries."""
    _store(item, derive(item.final_text))


def _review_change(user: User, item: PressItem, change: Callable[[PressItem], None]) -> PressItem:
    """Apply ``change`` to a copy of the item and derive its text outside any lock, then store
    it in a short transaction if nobody changed the item meanwhile (else compute again)."""
    for _attempt in range(3):
        current = PressItem.objects.get(pk=item.pk)
        _reviewable(user, current)
        before = (current.status, current.final_text, current.edited_by_hand, current.edits)
        current.edits = copy.deepcopy(current.edits)
        change(current)
        derived = derive(current.final_text)
        with transaction.atomic():
            locked = PressItem.objects.select_for_update().get(pk=item.pk)
            now = (locked.status, locked.final_text, locked.edited_by_hand, locked.edits)
            if now != before:
                continue
            locked.edits, locked.final_text = current.edits, current.final_text
            locked.edited_by_hand = current.edited_by_hand
            _store(locked, derived)
            return locked
    raise ValidationError(_("The item was changed by someone else meanwhile; try again."))


def _reviewable(user: User, item: PressItem) -> None:
    _require(user, "press.manage", item)
    if item.status not in {Status.REVIEW, Status.PUBLISHED}:
        raise ValidationError(_("This item is not ready for review."))


def decide_edit(*, user: User, item: PressItem, index: int, accepted: bool) -> PressItem:
    """Accept or reject one proposed edit; the reviewed text is rebuilt from the original."""

    def change(current: PressItem) -> None:
        if current.edited_by_hand:
            raise ValidationError(_("The text was edited by hand; reset it to decide on changes."))
        if not 0 <= index < len(current.edits):
            raise ValidationError(_("There is no such change."))
        current.edits[index]["accepted"] = accepted
        current.final_text = apply_edits(
            current.original_text, [Edit.from_dict(e) for e in current.edits]
        )

    return _review_change(user, item, change)


def edit_text(*, user: User, item: PressItem, text: str) -> PressItem:
    """Replace the reviewed text with a hand-edited one (the original stays as it was)."""
    if not text.strip():
        raise ValidationError({"text": _("The text cannot be empty.")})

    def change(current: PressItem) -> None:
        current.final_text, current.edited_by_hand = text.replace("\r\n", "\n"), True

    return _review_change(user, item, change)


def reset_text(*, user: User, item: PressItem) -> PressItem:
    """Drop hand edits: the reviewed text is the original with the accepted edits again."""

    def change(current: PressItem) -> None:
        current.edited_by_hand = False
        current.final_text = apply_edits(
            current.original_text, [Edit.from_dict(e) for e in current.edits]
        )

    return _review_change(user, item, change)


@transaction.atomic
def publish(*, user: User, item: PressItem) -> PressItem:
    """Publish a reviewed item in the public archive."""
    item = PressItem.objects.select_for_update().get(pk=item.pk)
    _require(user, "press.manage", item)
    if item.status != Status.REVIEW:
        raise ValidationError(_("Only an item in review can be published."))
    _save(item, status=Status.PUBLISHED, published_at=timezone.now())
    return item


@transaction.atomic
def cancel(*, user: User, item: PressItem) -> PressItem:
    """Stop reading an item; the task stops before its next page."""
    item = PressItem.objects.select_for_update().get(pk=item.pk)
    _require(user, "press.manage", item)
    if not item.is_running:
        raise ValidationError(_("Only an item being read can be cancelled."))
    _save(
        item, status=Status.CANCELLED, note=_("Cancelled by %(name)s.") % {"name": user.full_name}
    )
    return item


@transaction.atomic
def read_again(*, user: User, item: PressItem) -> PressItem:
    """Queue a failed or cancelled item for reading again."""
    item = PressItem.objects.select_for_update().get(pk=item.pk)
    _require(user, "press.manage", item)
    if item.status not in {Status.FAILED, Status.CANCELLED}:
        raise ValidationError(_("Only a failed or cancelled item can be read again."))
    _save(item, status=Status.QUEUED, pages_done=0, note="")
    _enqueue(item)
    return item
