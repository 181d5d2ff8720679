"""Notices to users: an in-app notification at once, an e-mail once the transaction commits."""

from collections.abc import Iterable
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from digital_ngo.core.models import Notification


def notify_users(
    users: Iterable[Any], subject: str, template: str, context: dict[str, Any] | None = None
) -> None:
    """Tell ``users`` about a change that concerns them, in the app and by e-mail."""
    people = [user for user in users if user.is_active]
    if not people:
        return
    body = render_to_string(template, context or {})
    Notification.objects.bulk_create(
        Notification(user=user, subject=subject, body=body) for user in people
    )
    recipients = [user.email for user in people]
    transaction.on_commit(lambda: send_mail(subject, body, None, recipients))


def notify_ngo(
    ngo: Any, subject: str, template: str, context: dict[str, Any] | None = None
) -> None:
    """Tell every active person of ``ngo``."""
    notify_users(ngo.people.all(), subject, template, {"ngo": ngo, **(context or {})})
