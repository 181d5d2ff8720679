"""Notices to users: an in-app notification at once, an e-mail once the transaction commits.

Each notice is rendered in its **recipient's** language (``User.language``), not the
acting user's: pass the subject as a lazy translation (``gettext_lazy``) with
``%(name)s`` placeholders filled from ``subject_args``.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from digital_ngo.core.models import Notification


def _render(subject: Any, subject_args: Mapping[str, Any] | None, template: str, context: dict):  # type: ignore[no-untyped-def,type-arg]
    text = str(subject)
    if subject_args:
        text = text % {key: str(value) for key, value in subject_args.items()}
    return text, render_to_string(template, context)


def notify_users(
    users: Iterable[Any],
    subject: Any,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    subject_args: Mapping[str, Any] | None = None,
) -> None:
    """Tell ``users`` about a change that concerns them, in the app and by e-mail."""
    by_language: dict[str, list[Any]] = defaultdict(list)
    for user in {user.pk: user for user in users if user.is_active}.values():
        by_language[getattr(user, "language", "") or "az"].append(user)
    for language, people in by_language.items():
        with translation.override(language):
            text, body = _render(
                subject,
                subject_args,
                template,
                {"site_url": str(settings.SITE_URL).rstrip("/"), **(context or {})},
            )
        Notification.objects.bulk_create(
            Notification(user=user, subject=text, body=body) for user in people
        )
        recipients = [user.email for user in people]
        transaction.on_commit(partial(send_mail, text, body, None, recipients))


def notify_ngo(
    ngo: Any,
    subject: Any,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    subject_args: Mapping[str, Any] | None = None,
) -> None:
    """Tell every active person of ``ngo``."""
    notify_users(
        ngo.people.all(),
        subject,
        template,
        {"ngo": ngo, **(context or {})},
        subject_args=subject_args,
    )


def notify_staff(
    roles: Iterable[str],
    subject: Any,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    subject_args: Mapping[str, Any] | None = None,
) -> None:
    """Tell every active agency user holding one of ``roles``."""
    from digital_ngo.accounts.models import User

    notify_users(
        User.objects.filter(role__in=list(roles), is_active=True),
        subject,
        template,
        context,
        subject_args=subject_args,
    )
