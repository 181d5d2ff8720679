"""E-mail notices to an NGO's people, sent once the transaction that caused them commits."""

from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string


def notify_ngo(
    ngo: Any, subject: str, template: str, context: dict[str, Any] | None = None
) -> None:
    """Mail every active person of ``ngo`` the rendered ``template`` (after commit)."""
    recipients = list(ngo.people.filter(is_active=True).values_list("email", flat=True))
    if not recipients:
        return
    body = render_to_string(template, {"ngo": ngo, **(context or {})})
    transaction.on_commit(lambda: send_mail(subject, body, None, recipients))
