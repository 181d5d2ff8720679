"""Users, their roles and invitations.

A user logs in with an e-mail address and holds one role. The agency's
people (administrators, programme managers, monitoring and finance officers)
and the external evaluators belong to no NGO; NGO administrators and members
belong to exactly one once their NGO is registered.
"""

from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    AGENCY_ADMIN = "agency_admin", _("Agency administrator")
    PROGRAMME_MANAGER = "programme_manager", _("Programme manager")
    EVALUATOR = "evaluator", _("Evaluator (external expert)")
    MONITORING_OFFICER = "monitoring_officer", _("Monitoring officer")
    FINANCE_OFFICER = "finance_officer", _("Finance officer")
    NGO_ADMIN = "ngo_admin", _("NGO administrator")
    NGO_MEMBER = "ngo_member", _("NGO member")


#: The agency's own people: they see every NGO's records.
AGENCY_ROLES = frozenset(
    {Role.AGENCY_ADMIN, Role.PROGRAMME_MANAGER, Role.MONITORING_OFFICER, Role.FINANCE_OFFICER}
)
#: Roles that act for one NGO.
NGO_ROLES = frozenset({Role.NGO_ADMIN, Role.NGO_MEMBER})


class UserManager(BaseUserManager["User"]):
    """Creates users keyed by a lower-cased e-mail address."""

    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password", "ngo"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> "User":
        fields.update(is_staff=True, is_superuser=True, role=Role.AGENCY_ADMIN)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    ngo = models.ForeignKey(
        "registry.NGO",
        verbose_name=_("NGO"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=[("az", _("Azerbaijani")), ("en", _("English"))],
        default="az",
        help_text=_("E-mails and notices reach you in this language."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("back-office access"),
        default=False,
        help_text=_("May open the Django admin. For superusers of the back office only."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=sorted(r.value for r in NGO_ROLES))
                | models.Q(ngo__isnull=True),
                name="user_ngo_only_for_ngo_roles",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"


class Invitation(models.Model):
    """An e-mailed link that lets someone create an account with a given role."""

    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    ngo = models.ForeignKey(
        "registry.NGO", verbose_name=_("NGO"), null=True, blank=True, on_delete=models.CASCADE
    )
    invited_by = models.ForeignKey(
        User, verbose_name=_("invited by"), on_delete=models.PROTECT, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=models.Q(accepted_at__isnull=True),
                name="one_open_invitation_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()})"
