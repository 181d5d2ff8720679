"""Statements, their mailing to the media (one delivery row per address) and their signatures."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from digital_ngo.registry.models import EcosocStatus


class Statement(models.Model):
    """A statement or appeal of the agency: mailed to outlets and/or opened for signature."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    title_az = models.CharField(_("title (Azerbaijani)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    text_az = models.TextField(_("text (Azerbaijani)"))
    text_en = models.TextField(_("text (English)"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    coalition = models.ForeignKey(
        "coalitions.Coalition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("coalition or platform"),
    )
    # The mailing's segment: outlet kinds, countries, languages and statuses, and hand-picks.
    segment_kinds = models.JSONField(_("outlet types"), default=list, blank=True)
    segment_countries = models.JSONField(_("countries"), default=list, blank=True)
    segment_languages = models.JSONField(_("languages"), default=list, blank=True)
    segment_statuses = models.JSONField(_("register statuses"), default=list, blank=True)
    outlets = models.ManyToManyField(
        "media.MediaOutlet", blank=True, related_name="+", verbose_name=_("hand-picked outlets")
    )
    contacts = models.ManyToManyField(
        "media.MediaContact", blank=True, related_name="+", verbose_name=_("hand-picked persons")
    )
    #: Global throttle: the next moment any worker may send a message of this statement.
    next_send_at = models.DateTimeField(default=timezone.now, editable=False)
    signing_opens = models.DateTimeField(_("open for signature from"), null=True, blank=True)
    signing_closes = models.DateTimeField(_("open for signature until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        if (get_language() or "az").startswith("en") and self.title_en:
            return self.title_en
        return self.title_az

    @property
    def text(self) -> str:
        if (get_language() or "az").startswith("en") and self.text_en:
            return self.text_en
        return self.text_az

    @property
    def open_for_signature(self) -> bool:
        now = timezone.now()
        return bool(
            self.signing_opens
            and self.signing_opens <= now
            and (self.signing_closes is None or now <= self.signing_closes)
        )


class Attachment(models.Model):
    """A file sent with a statement (a PDF of the statement, a photo)."""

    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="attachments")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to="campaigns/%Y/")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title


class Delivery(models.Model):
    """One address a statement goes to: the database holds one row per (statement, address).

    A worker claims a row by an atomic conditional UPDATE (``queued`` → ``sending``)
    before it talks to the SMTP server, so two workers, a repeated start or a restarted
    worker can never send the same statement to the same address twice.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        OPTED_OUT = "opted_out", _("Opted out")

    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="deliveries")
    contact = models.ForeignKey(
        "media.MediaContact", on_delete=models.PROTECT, null=True, related_name="deliveries"
    )
    email = models.EmailField(_("e-mail"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reason = models.TextField(_("server's reason"), blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["statement", "email"], name="delivery_once_per_address")
        ]

    def __str__(self) -> str:
        return f"{self.statement_id} → {self.email}"


class Signature(models.Model):
    """An organisation's signature under a statement; one per organisation, held by the database."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting e-mail confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        VERIFIED = "verified", _("Verified by staff")
        REJECTED = "rejected", _("Rejected")

    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="signatures")
    organisation = models.CharField(_("organisation"), max_length=255)
    #: The organisation's name folded by aztext, spaces and punctuation squeezed: the unique key.
    name_key = models.CharField(max_length=255, editable=False)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=128, blank=True)
    website = models.URLField(_("website"), blank=True)
    ecosoc = models.CharField(
        _("UN ECOSOC status"),
        max_length=16,
        choices=EcosocStatus.choices,
        default=EcosocStatus.NONE,
        blank=True,
    )
    representative = models.CharField(_("representative's name"), max_length=255)
    position = models.CharField(_("representative's position"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"))
    #: The e-mail's domain when it is the organisation's own (not a public mail service).
    email_domain = models.CharField(max_length=255, blank=True, editable=False)
    ngo = models.ForeignKey(
        "registry.NGO", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("signed"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, db_index=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["confirmed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "name_key", "country"], name="signature_once_per_organisation"
            ),
            models.UniqueConstraint(
                fields=["statement", "email_domain"],
                condition=~Q(email_domain=""),
                name="signature_once_per_domain",
            ),
        ]

    def __str__(self) -> str:
        return self.organisation

    @property
    def counts(self) -> bool:
        return self.status in (self.Status.CONFIRMED, self.Status.VERIFIED)
