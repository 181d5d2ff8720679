"""A real SMTP server in-process (aiosmtpd), outlets with contacts, and a statement factory."""

import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from digital_ngo.accounts.models import Role
from digital_ngo.campaigns import services
from digital_ngo.campaigns.models import Statement
from digital_ngo.media.models import MediaContact, MediaOutlet


class Recorder:
    """Keeps every message; refuses recipients listed in ``refuse`` with their SMTP reply.

    ``refuse_times`` limits a refusal to the first N attempts (a temporary error that passes).
    """

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.refuse: dict[str, str] = {}
        self.refuse_times: dict[str, int] = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # type: ignore[no-untyped-def]
        if address in self.refuse:
            left = self.refuse_times.get(address)
            if left is None or left > 0:
                if left is not None:
                    self.refuse_times[address] = left - 1
                return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted"

    def recipients(self) -> list[str]:
        return [rcpt for _f, rcpts, _c in self.messages for rcpt in rcpts]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[Recorder]:
    """Start aiosmtpd on a free port and point Django's SMTP backend at it."""
    recorder = Recorder()
    port = _free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.CAMPAIGN_MESSAGES_PER_MINUTE = 60_000
    settings.CAMPAIGN_RETRY_SECONDS = 0.05
    try:
        yield recorder
    finally:
        controller.stop()


@pytest.fixture
def outlets(db: Any) -> Callable[..., list[MediaContact]]:
    """Create ``n`` outlets with one contact each (``opted_out`` of them opted out)."""

    def make(
        n: int, opted_out: int = 0, kind: str = MediaOutlet.Kind.NEWSPAPER
    ) -> list[MediaContact]:
        contacts = []
        for i in range(n):
            outlet = MediaOutlet.objects.create(
                name=f"Qəzet {kind} {i}",
                kind=kind,
                registry_number=f"T-{kind}-{i}",
                languages=["az"],
            )
            contacts.append(
                MediaContact.objects.create(
                    outlet=outlet,
                    email=f"desk{i}@{kind}.example.az",
                    opted_out_at=timezone.now() if i < opted_out else None,
                )
            )
        return contacts

    return make


@pytest.fixture
def approved_statement(make_user: Callable[..., Any]) -> Callable[..., Statement]:
    """A statement drafted by one manager and approved by another, to newspapers."""

    def make(**fields: Any) -> Statement:
        author = make_user(Role.PROGRAMME_MANAGER)
        approver = make_user(Role.AGENCY_ADMIN)
        data = {
            "title_az": "Müraciət",
            "text_az": "Hörmətli redaksiya, QHT Agentliyi bəyanat yayır.",
            "segment_kinds": [MediaOutlet.Kind.NEWSPAPER],
            **fields,
        }
        statement = services.create_statement(author=author, data=data)
        return services.approve_statement(staff=approver, statement=statement)

    return make
