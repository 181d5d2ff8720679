"""Signatures by organisations: public signing with e-mail confirmation, NGOs in one click.

One signature per organisation per statement is held by unique constraints (folded
name + country; the e-mail's domain unless it is a public mail service). Attempts
are limited per address and per e-mail through Django's cache; confirmation links
are signed and expire; messages never say which e-mail signed for whom.
"""

import re
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aztext import fold
from digital_ngo.accounts.models import User
from digital_ngo.campaigns.models import Signature, Statement
from digital_ngo.campaigns.workflows import SIGNATURE
from digital_ngo.core.workflow import perform, record_creation

CONFIRM_SALT = "campaigns.signature.confirm"
PUBLIC_MAIL = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "hotmail.com",
        "outlook.com",
        "live.com",
        "icloud.com",
        "mail.ru",
        "yandex.ru",
        "yandex.com",
        "gmx.de",
        "gmx.net",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "mail.az",
        "box.az",
        "rambler.ru",
        "inbox.ru",
        "bk.ru",
        "list.ru",
        "zoho.com",
        "qq.com",
        "163.com",
        "web.de",
    ]
)
FIELDS = (
    "organisation",
    "country",
    "city",
    "website",
    "ecosoc",
    "representative",
    "position",
    "email",
)


class AlreadySigned(ValidationError):
    """The organisation (or its e-mail domain) has already signed this statement."""


def name_key(name: str) -> str:
    """The organisation's name folded (case, diacritics) with punctuation and spaces squeezed."""
    return " ".join(re.sub(r"[\W_]+", " ", fold(name)).split())


def email_domain(email: str) -> str:
    """The e-mail's domain when it identifies the organisation, else ``""``."""
    domain = email.rsplit("@", 1)[-1].strip().lower()
    return "" if domain in PUBLIC_MAIL else domain


def _limit(key: str, limit: int) -> None:
    window = settings.SIGNATURE_LIMIT_WINDOW
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    if count > limit:
        raise ValidationError(_("Too many attempts. Please try again later."), code="rate")


def check_limits(*, ip: str, email: str) -> None:
    """Refuse a burst of attempts from one address or for one e-mail."""
    _limit(f"sign:ip:{ip}", settings.SIGNATURE_LIMIT_PER_IP)
    _limit(f"sign:email:{email.strip().lower()}", settings.SIGNATURE_LIMIT_PER_EMAIL)


def _ensure_open(statement: Statement) -> None:
    if statement.status == Statement.Status.DRAFT or not statement.open_for_signature:
        raise ValidationError(_("This statement is not open for signature."), code="closed")


def confirmation_token(statement_id: int, email: str) -> str:
    return signing.dumps({"s": statement_id, "e": email.strip().lower()}, salt=CONFIRM_SALT)


def confirmation_url(statement_id: int, email: str) -> str:
    path = reverse(
        "campaigns:confirm", args=[statement_id, confirmation_token(statement_id, email)]
    )
    return str(settings.SITE_URL).rstrip("/") + path


def _new(statement: Statement, data: dict[str, Any]) -> Signature:
    values = {key: (data.get(key) or "") for key in FIELDS}
    values["email"] = values["email"].strip().lower()
    values["organisation"] = " ".join(values["organisation"].split())
    signature = Signature(
        statement=statement,
        name_key=name_key(values["organisation"]),
        email_domain=email_domain(values["email"]),
        **values,
    )
    signature.full_clean(exclude=["statement", "ngo"], validate_unique=False)
    if not signature.name_key:
        raise ValidationError({"organisation": _("Give the organisation's name.")})
    return signature


def _duplicate(signature: Signature) -> Signature | None:
    same = Signature.objects.filter(statement=signature.statement)
    found = same.filter(name_key=signature.name_key, country=signature.country).first()
    if found is None and signature.email_domain:
        found = same.filter(email_domain=signature.email_domain).first()
    return found


def _link_expired(signature: Signature) -> bool:
    age = timezone.now() - signature.created_at
    return age.total_seconds() > settings.SIGNATURE_LINK_HOURS * 3600


def sign(*, statement: Statement, data: dict[str, Any], ip: str = "") -> Signature:
    """Record a signature awaiting confirmation and mail the confirmation link.

    A pending signature whose link expired unused gives way to a new attempt; any other
    earlier signature of the organisation makes this one :class:`AlreadySigned`.
    """
    _ensure_open(statement)
    signature = _new(statement, data)
    check_limits(ip=ip, email=signature.email)
    try:
        with transaction.atomic():
            signature.save()
            record_creation(SIGNATURE, signature, "sign", by=None)
    except IntegrityError:
        signature = _replace_expired(signature)
    email, statement_id = signature.email, statement.pk
    transaction.on_commit(lambda: _send_confirmation(statement_id, email))
    return signature


def _replace_expired(signature: Signature) -> Signature:
    with transaction.atomic():
        existing = _duplicate(signature)
        if existing is not None:
            existing = Signature.objects.select_for_update().get(pk=existing.pk)
        if (
            existing is None
            or existing.status != Signature.Status.PENDING
            or not _link_expired(existing)
        ):
            raise AlreadySigned(
                _(
                    "This organisation has already signed this statement — thank you! "
                    "If the signature is awaiting confirmation, look for our e-mail."
                ),
                code="already_signed",
            )
        for field in FIELDS:
            setattr(existing, field, getattr(signature, field))
        existing.name_key, existing.email_domain = signature.name_key, signature.email_domain
        existing.created_at = timezone.now()
        try:
            with transaction.atomic():
                existing.save()
        except IntegrityError:
            raise AlreadySigned(
                _("This organisation has already signed this statement — thank you!"),
                code="already_signed",
            ) from None
    return existing


def _send_confirmation(statement_id: int, email: str) -> None:
    statement = Statement.objects.get(pk=statement_id)
    with translation.override("az"):
        subject = _("Confirm your organisation's signature: %(title)s") % {
            "title": statement.title_az
        }
        body = render_to_string(
            "campaigns/email/confirm_signature.txt",
            {
                "statement": statement,
                "link": confirmation_url(statement_id, email),
                "hours": settings.SIGNATURE_LINK_HOURS,
            },
        )
    send_mail(subject, body, None, [email])


def confirm(*, statement_id: int, token: str) -> int:
    """Count the signatures awaiting confirmation by this link's e-mail; returns how many."""
    try:
        payload = signing.loads(
            token, salt=CONFIRM_SALT, max_age=settings.SIGNATURE_LINK_HOURS * 3600
        )
    except signing.SignatureExpired:
        raise ValidationError(
            _("This confirmation link has expired. Please sign again."), code="expired"
        ) from None
    except signing.BadSignature:
        raise ValidationError(_("This confirmation link is not valid."), code="forged") from None
    if payload.get("s") != statement_id:
        raise ValidationError(_("This confirmation link is not valid."), code="forged")
    pending = Signature.objects.filter(
        statement_id=statement_id, email=payload["e"], status=Signature.Status.PENDING
    )
    confirmed = 0
    for signature in pending:
        perform(SIGNATURE, signature, "confirm", by=None, apply=_stamp)
        confirmed += 1
    return confirmed


def _stamp(locked: Signature) -> None:
    locked.confirmed_at = timezone.now()


def sign_as_ngo(*, user: User, statement: Statement) -> Signature:
    """A registered NGO signs from its account in one click (its e-mail is already known)."""
    from django.core.exceptions import PermissionDenied

    if not user.has_perm("campaigns.sign_as_ngo"):
        raise PermissionDenied(_("You may not take this step."))
    _ensure_open(statement)
    ngo = user.ngo
    if ngo is None:
        raise PermissionDenied(_("You may not take this step."))
    data = {
        "organisation": ngo.name_az,
        "country": str(ngo.country or "AZ"),
        "website": ngo.website,
        "ecosoc": ngo.ecosoc_status,
        "representative": user.full_name or user.email,
        "email": user.email,
    }
    signature = _new(statement, data)
    signature.ngo = ngo
    signature.status = Signature.Status.CONFIRMED
    signature.confirmed_at = timezone.now()
    try:
        with transaction.atomic():
            signature.save()
            record_creation(SIGNATURE, signature, "sign_as_ngo", by=user)
    except IntegrityError:
        raise AlreadySigned(
            _("Your organisation has already signed this statement — thank you!"),
            code="already_signed",
        ) from None
    return signature


def verify_signature(*, staff: User, signature: Signature) -> Signature:
    return perform(SIGNATURE, signature, "verify", by=staff)


def reject_signature(*, staff: User, signature: Signature, reason: str) -> Signature:
    def apply(locked: Signature) -> None:
        locked.reason = reason.strip()

    return perform(SIGNATURE, signature, "reject", by=staff, reason=reason, apply=apply)
