"""Archived clippings and documents, the NGOs they mention and the facts found in them.

The text of an item exists in three layers, none of which overwrites another:
``original_text`` (OCR output or the uploaded text, never changed), the
``edits`` aztext proposed (each accepted or rejected in review) and
``final_text`` (the reviewed text that is published and searched).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def _source_path(instance: "PressItem", filename: str) -> str:
    return f"press/{timezone.now():%Y/%m}/{filename[-80:]}"


class PressItem(models.Model):
    class Kind(models.TextChoices):
        CLIPPING = "clipping", _("Press clipping")
        DOCUMENT = "document", _("Document")

    class Source(models.TextChoices):
        IMAGE = "image", _("Image")
        PDF = "pdf", _("PDF")
        TEXT = "text", _("Text")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for processing")
        PROCESSING = "processing", _("Being read")
        REVIEW = "review", _("Ready for review")
        PUBLISHED = "published", _("Published")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    class Language(models.TextChoices):
        AZ = "az", _("Azerbaijani")
        EN = "en", _("English")
        RU = "ru", _("Russian")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CLIPPING)
    outlet = models.ForeignKey(
        "media.MediaOutlet",
        verbose_name=_("outlet"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="press_items",
    )
    published_on = models.DateField(_("date"), null=True, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.AZ
    )
    file = models.FileField(_("file"), upload_to=_source_path)
    original_name = models.CharField(_("file name"), max_length=255)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    pages_total = models.PositiveIntegerField(_("pages"), default=0)
    pages_done = models.PositiveIntegerField(_("pages read"), default=0)
    note = models.TextField(_("note"), blank=True)
    original_text = models.TextField(_("original text"), blank=True)
    restored_text = models.TextField(_("restored text"), blank=True)
    edits = models.JSONField(_("proposed changes"), default=list, blank=True)
    final_text = models.TextField(_("reviewed text"), blank=True)
    edited_by_hand = models.BooleanField(_("edited by hand"), default=False)
    search_text = models.TextField(editable=False, default="")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("press item")
        verbose_name_plural = _("press items")
        ordering = ["-published_on", "-created_at"]
        indexes = [models.Index(fields=["status", "published_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def progress_percent(self) -> int:
        return round(100 * self.pages_done / self.pages_total) if self.pages_total else 0

    @property
    def is_running(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.PROCESSING}


class Mention(models.Model):
    """An NGO of the registry named in a press item."""

    item = models.ForeignKey(PressItem, on_delete=models.CASCADE, related_name="mentions")
    ngo = models.ForeignKey(
        "registry.NGO",
        verbose_name=_("NGO"),
        on_delete=models.CASCADE,
        related_name="press_mentions",
    )
    matched = models.CharField(_("as written"), max_length=255)
    position = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "ngo", "position"], name="one_mention_per_place"
            )
        ]

    def __str__(self) -> str:
        return self.matched


class Fact(models.Model):
    """A number, date or country found in a press item, with the words around it."""

    class Kind(models.TextChoices):
        NUMBER = "number", _("Number")
        DATE = "date", _("Date")
        COUNTRY = "country", _("Country")

    item = models.ForeignKey(PressItem, on_delete=models.CASCADE, related_name="facts")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    value = models.CharField(_("value"), max_length=64)
    phrase = models.CharField(_("as written"), max_length=255)
    position = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("fact")
        verbose_name_plural = _("facts")
        ordering = ["kind", "position"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.phrase}"


class ReadPage(models.Model):
    """The text of one page read by the worker: the checkpoint a resumed reading starts after."""

    item = models.ForeignKey(PressItem, on_delete=models.CASCADE, related_name="read_pages")
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("page read")
        verbose_name_plural = _("pages read")
        ordering = ["item", "number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="one_reading_per_page")
        ]

    def __str__(self) -> str:
        return f"{self.item_id}:{self.number}"
