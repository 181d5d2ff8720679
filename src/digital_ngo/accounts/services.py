"""Writes about users: self-registration, invitations and their acceptance."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from digital_ngo.accounts.models import NGO_ROLES, Invitation, Role, User


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _refuse_taken_email(email: str) -> None:
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("An account with this e-mail address already exists.")})


@transaction.atomic
def register_ngo_admin(*, email: str, full_name: str, password: str) -> User:
    """Create the account of a person who will register an NGO."""
    email = email.strip().lower()
    _refuse_taken_email(email)
    validate_password(password, User(email=email, full_name=full_name))
    try:
        return User.objects.create_user(email, password, full_name=full_name, role=Role.NGO_ADMIN)
    except IntegrityError as error:  # a concurrent sign-up with the same address
        raise ValidationError(
            {"email": _("An account with this e-mail address already exists.")}
        ) from error


def invitable_roles(inviter: User) -> list[Role]:
    """The roles ``inviter`` may hand out.

    Agency administrators invite staff and evaluators; NGO administrators, their NGO's people.
    """
    if inviter.has_perm("accounts.invite_staff"):
        return [role for role in Role if role not in NGO_ROLES]
    if inviter.has_perm("accounts.invite_ngo_people"):
        return [Role.NGO_MEMBER, Role.NGO_ADMIN]
    return []


@transaction.atomic
def invite_user(*, inviter: User, email: str, role: str) -> Invitation:
    """Invite ``email`` to join with ``role`` and send the link by e-mail.

    NGO administrators invite people into their own NGO; agency administrators
    invite staff and evaluators. A new invitation replaces an open one.
    """
    if role not in invitable_roles(inviter):
        raise PermissionDenied(_("You may not invite people with this role."))
    email = email.strip().lower()
    _refuse_taken_email(email)
    Invitation.objects.filter(email__iexact=email, accepted_at__isnull=True).delete()
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        role=role,
        ngo=inviter.ngo if role in NGO_ROLES else None,
        invited_by=inviter,
        token_hash=_hash(token),
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
    )
    link = settings.SITE_URL + reverse("accounts:accept_invitation", args=[token])
    context = {"invitation": invitation, "link": link, "days": settings.INVITATION_DAYS}
    transaction.on_commit(
        lambda: send_mail(
            _("Invitation to Digital NGO"),
            render_to_string("accounts/email/invitation.txt", context),
            None,
            [email],
        )
    )
    return invitation


def open_invitation(token: str) -> Invitation | None:
    """The unexpired, unaccepted invitation behind ``token``, if any."""
    return (
        Invitation.objects.filter(
            token_hash=_hash(token), accepted_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("ngo")
        .first()
    )


@transaction.atomic
def accept_invitation(*, token: str, full_name: str, password: str) -> User:
    """Create the invited user's account and close the invitation."""
    invitation = open_invitation(token)
    if invitation is None:
        raise ValidationError(_("This invitation link is invalid or has expired."))
    _refuse_taken_email(invitation.email)
    validate_password(password, User(email=invitation.email, full_name=full_name))
    user = User.objects.create_user(
        invitation.email,
        password,
        full_name=full_name,
        role=invitation.role,
        ngo=invitation.ngo,
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


def set_preferences(*, user: User, language: str) -> User:
    """Save the language in which ``user`` receives e-mails and notices."""
    if language not in dict(User._meta.get_field("language").choices or ()):  # type: ignore[union-attr]
        raise ValidationError({"language": _("Choose Azerbaijani or English.")})
    user.language = language
    user.save(update_fields=["language"])
    return user
