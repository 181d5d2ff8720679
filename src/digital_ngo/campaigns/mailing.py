"""The sending loop: claim a delivery row, send it over SMTP, record the outcome.

Why a conditional UPDATE and not ``perform()`` per recipient: a mailing has hundreds
or thousands of rows and the only thing that matters for each is that exactly one
worker ever hands it to the SMTP server. ``UPDATE … SET status='sending' WHERE
id=… AND status='queued'`` does that atomically on SQLite and PostgreSQL (on
PostgreSQL the candidate is first picked with ``SELECT … FOR UPDATE SKIP LOCKED``
so that parallel workers do not queue behind each other). A row left ``sending``
by a worker that died is never resent automatically (it may have arrived); after
``CAMPAIGN_STALE_SECONDS`` it is marked failed with that reason.
"""

import smtplib
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from digital_ngo.campaigns.models import Delivery, Statement
from digital_ngo.media.models import MediaContact

D = Delivery.Status
UNSUBSCRIBE_SALT = "campaigns.unsubscribe"


def unsubscribe_token(contact_id: int) -> str:
    return signing.dumps({"c": contact_id}, salt=UNSUBSCRIBE_SALT)


def contact_from_token(token: str) -> "MediaContact | None":
    """The contact an unsubscribe link was made for; ``None`` for a forged link."""
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return MediaContact.objects.select_related("outlet").filter(pk=payload.get("c")).first()


def unsubscribe_url(contact_id: int) -> str:
    path = reverse("campaigns:unsubscribe", args=[unsubscribe_token(contact_id)])
    return str(settings.SITE_URL).rstrip("/") + path


def build_message(statement: Statement, delivery: Delivery) -> EmailMessage:
    """The message for one recipient: Azerbaijani text, English below it, an unsubscribe link."""
    link = unsubscribe_url(delivery.contact_id) if delivery.contact_id else ""
    with translation.override("az"):
        footer = _("To stop receiving the agency's statements, open: %(link)s") % {"link": link}
    parts = [statement.text_az]
    if statement.text_en:
        parts.append(statement.text_en)
    body = "\n\n———\n\n".join(parts) + "\n\n--\n" + footer + "\n"
    subject = statement.title_az + (f" / {statement.title_en}" if statement.title_en else "")
    message = EmailMessage(
        subject,
        body,
        settings.CAMPAIGN_FROM_EMAIL,
        [delivery.email],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Message-ID": f"<statement-{statement.pk}-delivery-{delivery.pk}@digital-ngo.az>",
        },
    )
    for attachment in statement.attachments.all():
        with attachment.file.open("rb") as handle:
            message.attach(str(attachment.file.name).rsplit("/", 1)[-1], handle.read())
    return message


def claim_next(statement_id: int) -> Delivery | None:
    """Atomically take one queued row whose time has come; ``None`` when there is none."""
    now = timezone.now()
    due = Delivery.objects.filter(
        statement_id=statement_id, status=D.QUEUED, next_attempt_at__lte=now
    ).order_by("pk")
    with transaction.atomic():
        if db_connection.features.has_select_for_update_skip_locked:
            candidates = list(
                due.select_for_update(skip_locked=True).values_list("pk", flat=True)[:1]
            )
        else:
            candidates = list(due.values_list("pk", flat=True)[:10])
        for pk in candidates:
            taken = Delivery.objects.filter(pk=pk, status=D.QUEUED).update(
                status=D.SENDING, claimed_at=now, attempts=F("attempts") + 1
            )
            if taken:
                return Delivery.objects.select_related("contact").get(pk=pk)
    return None


def wait_for_slot(statement_id: int) -> None:
    """The throttle, shared by every worker: take the statement's next sending slot."""
    interval = timedelta(seconds=60 / settings.CAMPAIGN_MESSAGES_PER_MINUTE)
    while True:
        now = timezone.now()
        if Statement.objects.filter(pk=statement_id, next_send_at__lte=now).update(
            next_send_at=now + interval
        ):
            return
        slot = Statement.objects.values_list("next_send_at", flat=True).get(pk=statement_id)
        time.sleep(min(max((slot - now).total_seconds(), 0.001), 1.0))


def _finish(delivery: Delivery, status: str, reason: str = "", **extra: Any) -> None:
    Delivery.objects.filter(pk=delivery.pk, status=D.SENDING).update(
        status=status, reason=reason[:2000], **extra
    )


def _smtp_error(error: Exception, email: str) -> tuple[bool, str]:
    """(temporary?, the server's reason) for an SMTP failure."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, raw = error.recipients.get(email, (550, b""))
        reason = f"{code} {raw.decode(errors='replace') if isinstance(raw, bytes) else raw}"
        return 400 <= code < 500, reason
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error
        detail = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
        reason = f"{error.smtp_code} {detail}"
        return 400 <= error.smtp_code < 500, reason
    return True, f"{type(error).__name__}: {error}"


def send_one(statement: Statement, delivery: Delivery, connection: Any) -> str:
    """Send one claimed row; returns the row's new status."""
    if delivery.contact is not None and delivery.contact.opted_out:
        _finish(delivery, D.OPTED_OUT)
        return D.OPTED_OUT
    try:
        connection.send_messages([build_message(statement, delivery)])
    except (smtplib.SMTPException, OSError) as error:
        connection.close()
        temporary, reason = _smtp_error(error, delivery.email)
        if temporary and delivery.attempts < settings.CAMPAIGN_MAX_ATTEMPTS:
            backoff = settings.CAMPAIGN_RETRY_SECONDS * 2 ** (delivery.attempts - 1)
            _finish(
                delivery,
                D.QUEUED,
                reason,
                next_attempt_at=timezone.now() + timedelta(seconds=backoff),
            )
            return D.QUEUED
        _finish(delivery, D.FAILED, reason)
        return D.FAILED
    _finish(delivery, D.SENT, sent_at=timezone.now())
    return D.SENT


def fail_stale(statement_id: int) -> int:
    """Mark rows left ``sending`` by a worker that stopped as failed (never resent)."""
    limit = timezone.now() - timedelta(seconds=settings.CAMPAIGN_STALE_SECONDS)
    with translation.override("az"):
        reason = _(
            "Interrupted: the worker stopped while handing this message to the mail server; "
            "it is not resent because it may already have arrived."
        )
    return Delivery.objects.filter(
        statement_id=statement_id, status=D.SENDING, claimed_at__lt=limit
    ).update(status=D.FAILED, reason=reason)


def run(statement_id: int, *, max_messages: int | None = None) -> int:
    """Send the statement's queued rows until none is left; returns how many were handed over."""
    from digital_ngo.campaigns.services import finish_if_done

    statement = Statement.objects.get(pk=statement_id)
    connection = get_connection(fail_silently=False)
    handled = 0
    try:
        while max_messages is None or handled < max_messages:
            fail_stale(statement_id)
            wait_for_slot(statement_id)
            delivery = claim_next(statement_id)
            if delivery is None:
                if not _wait_for_retries(statement_id):
                    break
                continue
            send_one(statement, delivery, connection)
            handled += 1
    finally:
        connection.close()
    finish_if_done(statement_id)
    return handled


def _wait_for_retries(statement_id: int) -> bool:
    """Sleep until the next retry or stale check is due; ``False`` when nothing is pending."""
    pending = Delivery.objects.filter(statement_id=statement_id, status__in=[D.QUEUED, D.SENDING])
    if not pending.exists():
        return False
    queued = pending.filter(status=D.QUEUED).order_by("next_attempt_at").first()
    wait = 1.0 if queued is None else (queued.next_attempt_at - timezone.now()).total_seconds()
    time.sleep(min(max(wait, 0.01), 1.0))
    return True
