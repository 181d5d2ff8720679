"""Writes of statements: drafting, approval by a second person, starting and resuming a mailing."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from digital_ngo.accounts.models import User
from digital_ngo.campaigns.models import Delivery, Statement
from digital_ngo.campaigns.selectors import recipients
from digital_ngo.campaigns.workflows import STATEMENT
from digital_ngo.core.workflow import perform, record_creation

SEGMENT_FIELDS = ("segment_kinds", "segment_countries", "segment_languages", "segment_statuses")


def create_statement(*, author: User, data: dict[str, Any]) -> Statement:
    """Save a new draft statement with its segment."""
    if not author.has_perm("campaigns.create_statement"):
        raise PermissionDenied(_("You may not take this step."))
    outlets, contacts = data.pop("outlets", []), data.pop("contacts", [])
    statement = Statement(author=author, **data)
    statement.full_clean()
    with transaction.atomic():
        statement.save()
        statement.outlets.set(outlets)
        statement.contacts.set(contacts)
        record_creation(STATEMENT, statement, "create", by=author)
    return statement


def update_statement(*, staff: User, statement: Statement, data: dict[str, Any]) -> Statement:
    """Change a draft (text, segment, signing period); an approved statement is frozen."""
    if not staff.has_perm("campaigns.create_statement"):
        raise PermissionDenied(_("You may not take this step."))
    outlets, contacts = data.pop("outlets", None), data.pop("contacts", None)
    with transaction.atomic():
        locked = Statement.objects.select_for_update().get(pk=statement.pk)
        frozen = {"title_az", "title_en", "text_az", "text_en"}
        if locked.status != Statement.Status.DRAFT and (frozen | set(SEGMENT_FIELDS)) & set(data):
            raise ValidationError(_("An approved statement cannot be changed."))
        for key, value in data.items():
            setattr(locked, key, value)
        locked.full_clean()
        locked.save()
        if outlets is not None and locked.status == Statement.Status.DRAFT:
            locked.outlets.set(outlets)
        if contacts is not None and locked.status == Statement.Status.DRAFT:
            locked.contacts.set(contacts)
    return locked


def approve_statement(*, staff: User, statement: Statement) -> Statement:
    """A second staff member (not the author) approves the text and the segment."""

    def apply(locked: Statement) -> None:
        locked.approved_by = staff

    return perform(STATEMENT, statement, "approve", by=staff, apply=apply)


def start_sending(*, staff: User, statement: Statement) -> Statement:
    """Queue one delivery row per address of the segment and start the background sending.

    The rows are unique per (statement, address) in the database, so a repeated start
    adds nothing; contacts who opted out get an ``opted out`` row and no message.
    """

    def apply(locked: Statement) -> None:
        contacts = list(recipients(locked))
        if not contacts:
            raise ValidationError(_("The segment has no recipients."))
        queue_deliveries(locked, contacts)

    locked = perform(
        STATEMENT,
        statement,
        "send",
        by=staff,
        apply=apply,
        notify=lambda s: transaction.on_commit(lambda: enqueue_sending(s.pk)),
    )
    return locked


def queue_deliveries(statement: Statement, contacts: list[Any]) -> int:
    """Create the missing delivery rows (one per address); returns how many rows exist."""
    rows, seen = [], set()
    for contact in contacts:
        email = contact.email.strip().lower()
        if email in seen:
            continue
        seen.add(email)
        status = Delivery.Status.OPTED_OUT if contact.opted_out else Delivery.Status.QUEUED
        rows.append(Delivery(statement=statement, contact=contact, email=email, status=status))
    Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return Delivery.objects.filter(statement=statement).count()


def enqueue_sending(statement_id: int) -> None:
    """Put the sending of a statement on the task queue (safe to call more than once)."""
    from digital_ngo.campaigns.tasks import send_statement

    send_statement.enqueue(statement_id)


def resume_sending(*, staff: User, statement: Statement) -> None:
    """Start another sending run for a statement still being sent (after a worker stopped)."""
    if not staff.has_perm("campaigns.send_statement", statement):
        raise PermissionDenied(_("You may not take this step."))
    if statement.status != Statement.Status.SENDING:
        raise ValidationError(_("Only a statement being sent can be resumed."))
    transaction.on_commit(lambda: enqueue_sending(statement.pk))


def finish_if_done(statement_id: int) -> bool:
    """Move the statement to ``sent`` once no row is queued or being sent (the platform acts)."""
    busy = Delivery.objects.filter(
        statement_id=statement_id, status__in=[Delivery.Status.QUEUED, Delivery.Status.SENDING]
    ).exists()
    statement = Statement.objects.get(pk=statement_id)
    if busy or statement.status != Statement.Status.SENDING:
        return False
    perform(STATEMENT, statement, "finish", by=None)
    return True
