"""Mailing a statement through a real SMTP server: throttle, retry, opt-out, never twice."""

import threading
import time
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from digital_ngo.campaigns import mailing, services
from digital_ngo.campaigns.models import Delivery, Statement
from digital_ngo.core.workflow import TransitionRefused
from digital_ngo.media.models import MediaContact

pytestmark = pytest.mark.django_db


def _start(statement: Statement) -> Statement:
    fresh = Statement.objects.select_related("approved_by").get(pk=statement.pk)
    return services.start_sending(staff=fresh.approved_by, statement=fresh)


def test_every_recipient_gets_one_message_and_the_statement_is_sent(
    smtp_server: Any, outlets: Any, approved_statement: Any
) -> None:
    outlets(5, opted_out=1)
    statement = _start(approved_statement())
    assert mailing.run(statement.pk) == 4
    assert sorted(smtp_server.recipients()) == [
        f"desk{i}@newspaper.example.az" for i in range(1, 5)
    ]
    statement.refresh_from_db()
    assert statement.status == Statement.Status.SENT
    rows = dict(Delivery.objects.values_list("email", "status"))
    assert rows["desk0@newspaper.example.az"] == Delivery.Status.OPTED_OUT
    body = smtp_server.messages[0][2].decode()
    assert "/unsubscribe/" in body and "List-Unsubscribe:" in body


def test_a_second_run_and_a_second_start_send_nothing_more(
    smtp_server: Any, outlets: Any, approved_statement: Any
) -> None:
    outlets(3)
    statement = _start(approved_statement())
    mailing.run(statement.pk)
    Statement.objects.filter(pk=statement.pk).update(status=Statement.Status.SENDING)
    assert mailing.run(statement.pk) == 0
    with pytest.raises(TransitionRefused):
        _start(Statement.objects.get(pk=statement.pk))
    assert len(smtp_server.messages) == 3


def test_restart_after_a_worker_died_mid_run_sends_no_duplicate(
    smtp_server: Any, outlets: Any, approved_statement: Any, settings: Any
) -> None:
    """A worker sent 2 messages, then died holding a claimed row; a new worker finishes."""
    outlets(6)
    statement = _start(approved_statement())
    assert mailing.run(statement.pk, max_messages=2) == 2
    died_on = mailing.claim_next(statement.pk)  # claimed, then the worker was killed
    assert died_on is not None
    settings.CAMPAIGN_STALE_SECONDS = 0
    mailing.run(statement.pk)
    received = smtp_server.recipients()
    assert len(received) == len(set(received)) == 5
    died_on.refresh_from_db()
    assert died_on.status == Delivery.Status.FAILED and "Yarımçıq" in died_on.reason
    assert Statement.objects.get(pk=statement.pk).status == Statement.Status.SENT


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_never_send_twice(
    smtp_server: Any, outlets: Any, approved_statement: Any
) -> None:
    outlets(20)
    statement = _start(approved_statement())

    def worker() -> None:
        try:
            mailing.run(statement.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    received = smtp_server.recipients()
    assert len(received) == len(set(received)) == 20


def test_temporary_refusal_is_retried_and_permanent_refusal_fails_with_the_reason(
    smtp_server: Any, outlets: Any, approved_statement: Any
) -> None:
    outlets(3)
    smtp_server.refuse["desk1@newspaper.example.az"] = "451 4.7.1 Try again later"
    smtp_server.refuse_times["desk1@newspaper.example.az"] = 2
    smtp_server.refuse["desk2@newspaper.example.az"] = "550 5.1.1 No such mailbox"
    statement = _start(approved_statement())
    mailing.run(statement.pk)
    rows = {d.email: d for d in Delivery.objects.all()}
    retried = rows["desk1@newspaper.example.az"]
    assert retried.status == Delivery.Status.SENT and retried.attempts == 3
    refused = rows["desk2@newspaper.example.az"]
    assert refused.status == Delivery.Status.FAILED and "No such mailbox" in refused.reason
    assert refused.attempts == 1
    assert sorted(smtp_server.recipients()) == [
        "desk0@newspaper.example.az",
        "desk1@newspaper.example.az",
    ]


def test_throttle_spaces_the_messages(
    smtp_server: Any, outlets: Any, approved_statement: Any, settings: Any
) -> None:
    settings.CAMPAIGN_MESSAGES_PER_MINUTE = 600  # one every 0.1 s
    outlets(4)
    statement = _start(approved_statement())
    started = time.monotonic()
    mailing.run(statement.pk)
    assert time.monotonic() - started >= 0.3  # 4 messages need at least 3 intervals
    sent = list(Delivery.objects.order_by("sent_at").values_list("sent_at", flat=True))
    assert len(sent) == 4


def test_unsubscribe_link_works_without_login_and_stops_the_next_mailing(
    smtp_server: Any, outlets: Any, approved_statement: Any
) -> None:
    contact = outlets(2)[0]
    token = mailing.unsubscribe_token(contact.pk)
    client = Client()
    page = client.get(f"/unsubscribe/{token}/")
    assert page.status_code == 200 and contact.email in page.content.decode()
    assert client.post(f"/unsubscribe/{token}/").status_code == 200
    assert MediaContact.objects.get(pk=contact.pk).opted_out
    assert client.get("/unsubscribe/forged-token/").status_code == 400
    statement = _start(approved_statement())
    mailing.run(statement.pk)
    assert smtp_server.recipients() == ["desk1@newspaper.example.az"]


def test_the_author_cannot_approve_and_an_empty_segment_cannot_be_sent(
    make_user: Any, outlets: Any
) -> None:
    from django.core.exceptions import PermissionDenied, ValidationError

    from digital_ngo.accounts.models import Role

    author, other = make_user(Role.PROGRAMME_MANAGER), make_user(Role.PROGRAMME_MANAGER)
    statement = services.create_statement(
        author=author, data={"title_az": "Bəyanat", "text_az": "Mətn", "segment_kinds": ["radio"]}
    )
    with pytest.raises(PermissionDenied):
        services.approve_statement(staff=author, statement=statement)
    statement = services.approve_statement(staff=other, statement=statement)
    with pytest.raises(ValidationError):
        services.start_sending(staff=author, statement=statement)
    assert Statement.objects.get(pk=statement.pk).status == Statement.Status.APPROVED
    assert not Delivery.objects.exists()
