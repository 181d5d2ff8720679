"""NGOs, the places and fields they work in, their documents and sanctions.

Derived columns (``search_text``, ``sort_key``) hold the ``aztext`` search key
and collation key of the names, so that search ignores diacritics and lists
sort in Azerbaijani order on SQLite and PostgreSQL alike.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from aztext import collation_key, fold
from digital_ngo.registry.validators import validate_voen


class BilingualName(models.Model):
    """A record named in Azerbaijani and English; ``name`` follows the active language."""

    name_az = models.CharField(_("name (Azerbaijani)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if (get_language() or "az").startswith("en") and self.name_en:
            return self.name_en
        return self.name_az


class EconomicRegion(BilingualName):
    """One of Azerbaijan's economic regions (iqtisadi rayon)."""

    code = models.SlugField(_("code"), unique=True)

    class Meta:
        verbose_name = _("economic region")
        verbose_name_plural = _("economic regions")
        ordering = ["code"]


class District(BilingualName):
    """A district (rayon) or city of republican subordination."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("District")
        CITY = "city", _("City")

    code = models.SlugField(_("code"), unique=True)
    region = models.ForeignKey(
        EconomicRegion,
        verbose_name=_("economic region"),
        on_delete=models.PROTECT,
        related_name="districts",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name_az"]


class FieldOfActivity(BilingualName):
    """An entry of the configurable taxonomy of NGO fields of activity."""

    slug = models.SlugField(_("code"), unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("field of activity")
        verbose_name_plural = _("fields of activity")
        ordering = ["position", "name_az"]


class LegalForm(models.TextChoices):
    PUBLIC_ASSOCIATION = "public_association", _("Public association")
    FOUNDATION = "foundation", _("Foundation")
    UNION = "union", _("Union of legal entities")
    FOREIGN = "foreign", _("Foreign NGO")


class Scope(models.TextChoices):
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    LOCAL = "local", _("Local")
    INTERNATIONAL = "international", _("International")


class EcosocStatus(models.TextChoices):
    NONE = "none", _("None")
    GENERAL = "general", _("General consultative status")
    SPECIAL = "special", _("Special consultative status")
    ROSTER = "roster", _("Roster")


class NGOStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    LIQUIDATED = "liquidated", _("Liquidated")


class Verification(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting technical check")
    RETURNED = "returned", _("Returned for correction")
    VERIFIED = "verified", _("Verified")


class NGOQuerySet(models.QuerySet["NGO"]):
    def verified(self) -> "NGOQuerySet":
        return self.filter(verification=Verification.VERIFIED)


class NGO(BilingualName):
    """A non-governmental organisation known to the agency."""

    legal_form = models.CharField(_("legal form"), max_length=32, choices=LegalForm.choices)
    registration_number = models.CharField(
        _("state registration number"), max_length=64, blank=True
    )
    registration_date = models.DateField(_("state registration date"), null=True, blank=True)
    voen = models.CharField(
        _("VÖEN (tax ID)"),
        max_length=10,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_voen],
        help_text=_("10 digits, e.g. 1400057421."),
    )
    scope = models.CharField(_("territorial scope"), max_length=16, choices=Scope.choices)
    region = models.ForeignKey(
        EconomicRegion,
        verbose_name=_("economic region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ngos",
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ngos",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    fields = models.ManyToManyField(
        FieldOfActivity, verbose_name=_("fields of activity"), related_name="ngos"
    )
    purposes = models.TextField(_("charter purposes"), blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    ecosoc_status = models.CharField(
        _("UN ECOSOC status"),
        max_length=16,
        choices=EcosocStatus.choices,
        default=EcosocStatus.NONE,
    )
    country = CountryField(_("country"), default="AZ")
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=NGOStatus.choices, default=NGOStatus.ACTIVE
    )
    verification = models.CharField(
        _("verification"),
        max_length=16,
        choices=Verification.choices,
        default=Verification.SUBMITTED,
    )
    return_reasons = models.TextField(_("reasons for return"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    search_text = models.TextField(editable=False, default="")
    sort_key = models.CharField(max_length=510, editable=False, default="", db_index=True)
    history = HistoricalRecords(excluded_fields=["search_text", "sort_key"])

    objects = NGOQuerySet.as_manager()

    class Meta:
        verbose_name = _("NGO")
        verbose_name_plural = _("NGOs")
        ordering = ["sort_key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(legal_form="foreign") | Q(voen__isnull=False),
                name="ngo_local_has_voen",
                violation_error_message=_("An NGO registered in Azerbaijan must have a VÖEN."),
            ),
            models.CheckConstraint(
                condition=Q(legal_form="foreign") | Q(country="AZ"),
                name="ngo_local_in_azerbaijan",
                violation_error_message=_("Only a foreign NGO may be based outside Azerbaijan."),
            ),
        ]
        indexes = [models.Index(fields=["verification", "status"])]

    def save(self, *args: object, **kwargs: object) -> None:
        self.fill_derived_fields()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def fill_derived_fields(self) -> None:
        """Recompute the search key and sort key from the names."""
        self.search_text = fold(" ".join(filter(None, [self.name_az, self.name_en, self.voen])))
        self.sort_key = collation_key(self.name_az)[:510]

    @property
    def is_verified(self) -> bool:
        return self.verification == Verification.VERIFIED

    @property
    def is_foreign(self) -> bool:
        return self.legal_form == LegalForm.FOREIGN


def _document_path(instance: "NGODocument", filename: str) -> str:
    return f"ngo-documents/{instance.ngo_id}/{timezone.now():%Y%m%d%H%M%S}-{filename[-80:]}"


class NGODocument(models.Model):
    """A file an NGO uploaded for its registration (charter, registry extract …)."""

    class Kind(models.TextChoices):
        CHARTER = "charter", _("Charter")
        REGISTRY_EXTRACT = "registry_extract", _("State registry extract")
        OTHER = "other", _("Other document")

    ngo = models.ForeignKey(
        NGO, verbose_name=_("NGO"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=_document_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class Sanction(models.Model):
    """A measure taken against an NGO; an active ban makes it ineligible."""

    class Kind(models.TextChoices):
        WARNING = "warning", _("Official warning")
        TRANCHE_WITHHELD = "tranche_withheld", _("Last tranche withheld")
        BAN = "ban", _("Ban from competitions")
        RECOVERY = "recovery", _("Recovery of funds")

    class Status(models.TextChoices):
        ACTIVE = "active", _("In force")
        VOIDED = "voided", _("Voided")

    ngo = models.ForeignKey(
        NGO, verbose_name=_("NGO"), on_delete=models.CASCADE, related_name="sanctions"
    )
    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    report = models.ForeignKey(
        "grants.Report",
        verbose_name=_("late report"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sanctions",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    imposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imposed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="sanction_ends_after_start",
                violation_error_message=_("The end date must not be before the start date."),
            ),
            models.UniqueConstraint(
                fields=["report", "kind"],
                condition=Q(status="active", report__isnull=False),
                name="one_sanction_of_a_kind_per_late_report",
                violation_error_message=_("This sanction was already imposed for this report."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.starts_on})"


class Affiliation(models.Model):
    """A person's link to an NGO (founder, member, employee, board member) over a period.

    Recorded from registry data and from people's own declarations; used to keep
    evaluators away from applications of NGOs they are, or recently were, linked to.
    """

    class Role(models.TextChoices):
        FOUNDER = "founder", _("Founder")
        MEMBER = "member", _("Member")
        EMPLOYEE = "employee", _("Employee")
        BOARD = "board", _("Board member")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="affiliations",
    )
    ngo = models.ForeignKey(
        NGO, verbose_name=_("NGO"), on_delete=models.CASCADE, related_name="affiliations"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("to"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["-ends_on"]

    def __str__(self) -> str:
        return f"{self.person} — {self.ngo} ({self.get_role_display()})"
