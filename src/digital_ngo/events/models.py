"""Events (at home or abroad), their photos and invitation codes, and registrations.

Capacity is held by the database: ``Event.confirmed_count`` counts the seats taken and a
check constraint keeps it within ``capacity``; services take a seat with one conditional
``UPDATE`` under the event's row lock, so concurrent confirmations can never overfill it.
"""

import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

BAKU = zoneinfo.ZoneInfo("Asia/Baku")


def validate_time_zone(value: str) -> None:
    """An IANA time-zone name known to the system (``Europe/Paris``, ``Asia/Baku``)."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(zone)s” is not a known time zone; use a name like Europe/Paris."),
            code="unknown_time_zone",
            params={"zone": value},
        )


def new_link_token() -> str:
    return secrets.token_urlsafe(24)


def new_invitation_code() -> str:
    return secrets.token_hex(4).upper()


class Kind(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    TRAINING = "training", _("Training")
    ROUND_TABLE = "round_table", _("Round table")
    FORUM = "forum", _("Forum")
    ASSEMBLY = "assembly", _("Assembly")
    EXHIBITION = "exhibition", _("Exhibition")
    SEMINAR = "seminar", _("Seminar")


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class Where(models.TextChoices):
    HOME = "home", _("In Azerbaijan")
    ABROAD = "abroad", _("Abroad")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Open to everyone")
    INVITATION = "invitation", _("By invitation only")


class OrganiserKind(models.TextChoices):
    AGENCY = "agency", _("The agency")
    NGO = "ngo", _("An NGO")
    OTHER = "other", _("Another organiser (e.g. a coalition)")


LANGUAGES = [("az", _("Azerbaijani")), ("en", _("English")), ("ru", _("Russian"))]


class EventQuerySet(models.QuerySet["Event"]):
    def public(self) -> "EventQuerySet":
        """Events the public sees: published, held or cancelled (drafts stay with staff)."""
        return self.exclude(status=Event.Status.DRAFT)


class Event(models.Model):
    """One event: what, who organises it, where, when (in its own zone) and for how many."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    title_az = models.CharField(_("title (Azerbaijani)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_az = models.TextField(_("description (Azerbaijani)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    organiser_kind = models.CharField(
        _("organiser"), max_length=16, choices=OrganiserKind.choices, default=OrganiserKind.AGENCY
    )
    organiser_ngo = models.ForeignKey(
        "registry.NGO",
        verbose_name=_("organising NGO"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organised_events",
    )
    #: A coalition or any organiser that is not (yet) a record of the platform.
    organiser_name = models.CharField(_("organiser's name"), max_length=200, blank=True)
    partner_ngos = models.ManyToManyField(
        "registry.NGO", verbose_name=_("partner NGOs"), blank=True, related_name="partner_events"
    )
    partners_text = models.CharField(_("other partners"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    format = models.CharField(
        _("format"), max_length=16, choices=Format.choices, default=Format.IN_PERSON
    )
    where = models.CharField(_("held"), max_length=8, choices=Where.choices, default=Where.HOME)
    region = models.ForeignKey(
        "registry.EconomicRegion",
        verbose_name=_("economic region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    district = models.ForeignKey(
        "registry.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    country = CountryField(_("country"), blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Baku", validators=[validate_time_zone]
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(_("capacity"))
    #: Seats taken (confirmed and checked-in registrations); moved only by services.
    confirmed_count = models.PositiveIntegerField(_("seats taken"), default=0, editable=False)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    visibility = models.CharField(
        _("who may register"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    languages = models.CharField(
        _("languages"), max_length=32, default="az", help_text=_("Codes separated by commas.")
    )
    outcome_az = models.TextField(_("outcome notes (Azerbaijani)"), blank=True)
    outcome_en = models.TextField(_("outcome notes (English)"), blank=True)
    grants = models.ManyToManyField(
        "grants.Grant", verbose_name=_("related projects"), blank=True, related_name="events"
    )
    press_items = models.ManyToManyField(
        "press.PressItem", verbose_name=_("press clippings"), blank=True, related_name="events"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_count__lte=F("capacity")), name="event_seats_within_capacity"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        if (get_language() or "az").startswith("en") and self.title_en:
            return self.title_en
        return self.title_az

    @property
    def description(self) -> str:
        if (get_language() or "az").startswith("en") and self.description_en:
            return self.description_en
        return self.description_az

    @property
    def outcome(self) -> str:
        if (get_language() or "az").startswith("en") and self.outcome_en:
            return self.outcome_en
        return self.outcome_az

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def starts_local(self):  # type: ignore[no-untyped-def]
        return self.starts_at.astimezone(self.zone)

    @property
    def ends_local(self):  # type: ignore[no-untyped-def]
        return self.ends_at.astimezone(self.zone)

    @property
    def starts_baku(self):  # type: ignore[no-untyped-def]
        return self.starts_at.astimezone(BAKU)

    @property
    def ends_baku(self):  # type: ignore[no-untyped-def]
        return self.ends_at.astimezone(BAKU)

    @property
    def is_abroad(self) -> bool:
        return self.where == Where.ABROAD

    @property
    def organiser_display(self) -> str:
        if self.organiser_kind == OrganiserKind.NGO and self.organiser_ngo:
            return self.organiser_ngo.name
        if self.organiser_kind == OrganiserKind.OTHER and self.organiser_name:
            return self.organiser_name
        return str(_("Agency for State Support to NGOs"))

    @property
    def place_display(self) -> str:
        if self.is_abroad:
            from digital_ngo.core.countries import country_name

            parts = [self.venue, self.city, country_name(str(self.country)) if self.country else ""]
        else:
            parts = [
                self.venue,
                self.district.name if self.district else "",
                self.region.name if self.region else "",
            ]
        return ", ".join(part for part in parts if part)

    @property
    def language_labels(self) -> list[str]:
        names = dict(LANGUAGES)
        return [str(names.get(code.strip(), code.strip())) for code in self.languages.split(",")]

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def is_full(self) -> bool:
        return self.confirmed_count >= self.capacity

    def registration_open(self, now=None) -> bool:  # type: ignore[no-untyped-def]
        now = now or timezone.now()
        if self.status != Event.Status.PUBLISHED or now >= self.ends_at:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return not (self.registration_closes_at and now >= self.registration_closes_at)


class EventPhoto(models.Model):
    """A photo from the event, shown on its page after it was held."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="events/photos/%Y/")
    caption_az = models.CharField(_("caption (Azerbaijani)"), max_length=200, blank=True)
    caption_en = models.CharField(_("caption (English)"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("event photo")
        verbose_name_plural = _("event photos")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.caption or str(self.image.name)

    @property
    def caption(self) -> str:
        if (get_language() or "az").startswith("en") and self.caption_en:
            return self.caption_en
        return self.caption_az


class InvitationCode(models.Model):
    """A code that lets its holder register for an invitation-only event (once or more)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitation_codes")
    code = models.CharField(_("code"), max_length=16, unique=True, default=new_invitation_code)
    note = models.CharField(_("for whom"), max_length=200, blank=True)
    max_uses = models.PositiveIntegerField(_("uses allowed"), default=1)
    used = models.PositiveIntegerField(_("used"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invitation code")
        verbose_name_plural = _("invitation codes")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(used__lte=F("max_uses")), name="invitation_uses_within_limit"
            )
        ]

    def __str__(self) -> str:
        return self.code


class Registration(models.Model):
    """A person's registration for an event: pending → confirmed or waiting → attended."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting e-mail confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        ATTENDED = "attended", _("Checked in")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    organisation_ngo = models.ForeignKey(
        "registry.NGO",
        verbose_name=_("registered NGO"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="event_registrations",
    )
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    country = CountryField(_("country"))
    position = models.CharField(_("position"), max_length=150, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=[("az", "AZ"), ("en", "EN")], default="az"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    invitation = models.ForeignKey(
        InvitationCode, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, editable=False
    )
    link_token = models.CharField(max_length=64, unique=True, default=new_link_token)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    #: Order on the waiting list: the moment the person joined it.
    waiting_since = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="one_live_registration_per_email",
                violation_error_message=_("This e-mail address is already registered."),
            )
        ]
        indexes = [models.Index(fields=["event", "status", "waiting_since"])]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.event}"

    @property
    def organisation(self) -> str:
        return self.organisation_ngo.name if self.organisation_ngo else self.organisation_name
