"""Signing a statement: confirmation by link, one signature per organisation, abuse limits."""

import re
import threading
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import timezone

from digital_ngo.accounts.models import Role
from digital_ngo.campaigns import services
from digital_ngo.campaigns import signing as signatures
from digital_ngo.campaigns.models import Signature, Statement

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_limits() -> None:
    cache.clear()


@pytest.fixture
def post(django_capture_on_commit_callbacks: Any) -> Any:
    """POST with the after-commit callbacks (the confirmation e-mail) run, as in production."""

    def send(client: Client, url: str, data: dict[str, str]) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return send


@pytest.fixture
def open_statement(make_user: Any) -> Statement:
    author, approver = make_user(Role.PROGRAMME_MANAGER), make_user(Role.AGENCY_ADMIN)
    statement = services.create_statement(
        author=author,
        data={
            "title_az": "Qlobal Cənub QHT Platformasının bəyanatı",
            "text_az": "Biz, aşağıda imza edən təşkilatlar...",
            "signing_opens": timezone.now() - timedelta(days=1),
            "signing_closes": timezone.now() + timedelta(days=30),
        },
    )
    return services.approve_statement(staff=approver, statement=statement)


def _form(**fields: Any) -> dict[str, str]:
    data = {
        "organisation": "Vətəndaş Cəmiyyəti Mərkəzi",
        "country": "AZ",
        "city": "Bakı",
        "website": "https://vcm.example.az",
        "ecosoc": "none",
        "representative": "Aynur Məmmədova",
        "position": "Sədr",
        "email": "aynur@vcm.example.az",
        "nickname": "",
    }
    data.update(fields)
    return data


def _link(message: Any) -> str:
    return (
        re.search(r"https?://\S+/confirm/\S+/", message.body)
        .group(0)
        .split("://", 1)[1]
        .split("/", 1)[1]
    )  # type: ignore[union-attr]


def test_sign_confirm_by_link_and_the_tally_counts(open_statement: Statement, post: Any) -> None:
    client = Client()
    page = post(client, f"/statements/{open_statement.pk}/sign/", _form())
    assert page.status_code == 200
    assert Signature.objects.get().status == Signature.Status.PENDING
    detail = client.get(f"/statements/{open_statement.pk}/").content.decode()
    assert "0 təşkilat" in detail
    assert len(mail.outbox) == 1
    confirmed = client.get("/" + _link(mail.outbox[0]))
    assert confirmed.status_code == 200
    assert Signature.objects.get().status == Signature.Status.CONFIRMED
    detail = client.get(f"/statements/{open_statement.pk}/").content.decode()
    assert "1 təşkilat, 1 ölkə" in detail
    again = client.get("/" + _link(mail.outbox[0]))  # a second click changes nothing
    assert again.status_code == 200 and Signature.objects.filter(status="confirmed").count() == 1


def test_a_second_attempt_by_the_same_organisation_is_refused_politely(
    open_statement: Statement,
) -> None:
    client = Client()
    client.post(f"/statements/{open_statement.pk}/sign/", _form())
    for variant in (
        _form(organisation="VƏTƏNDAŞ  cəmiyyəti mərkəzi", email="other@gmail.com"),
        _form(organisation="Başqa ad", email="someone@vcm.example.az"),
    ):
        page = client.post(f"/statements/{open_statement.pk}/sign/", variant)
        assert page.status_code == 200
        text = page.content.decode()
        assert "artıq imzalayıb" in text and "aynur@" not in text
    assert Signature.objects.count() == 1
    # The same name in another country is another organisation; a webmail domain is not unique.
    client.post(f"/statements/{open_statement.pk}/sign/", _form(country="TR", email="a@gmail.com"))
    client.post(
        f"/statements/{open_statement.pk}/sign/", _form(organisation="X", email="b@gmail.com")
    )
    assert Signature.objects.count() == 3


def test_expired_and_forged_links_are_refused(
    open_statement: Statement, settings: Any, post: Any
) -> None:
    client = Client()
    post(client, f"/statements/{open_statement.pk}/sign/", _form())
    link = _link(mail.outbox[0])
    forged = client.get("/" + link.replace("/confirm/", "/confirm/x"))
    assert forged.status_code == 400
    other = signing.dumps({"s": open_statement.pk, "e": "aynur@vcm.example.az"}, salt="wrong")
    assert client.get(f"/statements/{open_statement.pk}/confirm/{other}/").status_code == 400
    settings.SIGNATURE_LINK_HOURS = 0
    expired = client.get("/" + link)
    assert expired.status_code == 400 and "vaxtı" in expired.content.decode()
    assert Signature.objects.get().status == Signature.Status.PENDING


def test_closed_unknown_statement_invalid_email_and_honeypot(
    open_statement: Statement,
) -> None:
    client = Client()
    assert client.post("/statements/999999/sign/", _form()).status_code == 404
    bad = client.post(f"/statements/{open_statement.pk}/sign/", _form(email="not-an-email"))
    assert bad.status_code == 400
    bot = client.post(f"/statements/{open_statement.pk}/sign/", _form(nickname="spam"))
    assert bot.status_code == 200 and not Signature.objects.exists()
    Statement.objects.filter(pk=open_statement.pk).update(signing_closes=timezone.now())
    closed = client.post(f"/statements/{open_statement.pk}/sign/", _form())
    assert closed.status_code == 400 and "imza üçün açıq deyil" in closed.content.decode()
    assert not Signature.objects.exists() and mail.outbox == []


def test_rate_limits_per_address_and_per_email(open_statement: Statement, settings: Any) -> None:
    settings.SIGNATURE_LIMIT_PER_IP = 3
    client = Client()
    codes = [
        client.post(
            f"/statements/{open_statement.pk}/sign/",
            _form(organisation=f"Təşkilat {i}", email=f"x{i}@gmail.com"),
        ).status_code
        for i in range(5)
    ]
    assert codes == [200, 200, 200, 400, 400]
    assert Signature.objects.count() == 3


def test_registered_ngo_signs_in_one_click_once(
    open_statement: Statement, users: dict[str, Any]
) -> None:
    client = Client()
    client.force_login(users[Role.NGO_ADMIN])
    for _ in range(2):
        response = client.post(f"/statements/{open_statement.pk}/sign-as-ngo/")
        assert response.status_code == 302
    signature = Signature.objects.get()
    assert signature.status == Signature.Status.CONFIRMED and signature.ngo_id is not None
    client.force_login(users[Role.NGO_MEMBER])
    assert client.post(f"/statements/{open_statement.pk}/sign-as-ngo/").status_code == 403


def test_staff_verify_and_reject_with_a_reason(
    open_statement: Statement, users: dict[str, Any]
) -> None:
    signature = signatures.sign(statement=open_statement, data=_form(), ip="1.2.3.4")
    Signature.objects.filter(pk=signature.pk).update(status="confirmed")
    client = Client()
    client.force_login(users[Role.PROGRAMME_MANAGER])
    client.post(f"/staff/signatures/{signature.pk}/verify/")
    assert Signature.objects.get().status == Signature.Status.VERIFIED
    client.post(f"/staff/signatures/{signature.pk}/reject/", {"reason": ""})
    assert Signature.objects.get().status == Signature.Status.VERIFIED
    client.post(f"/staff/signatures/{signature.pk}/reject/", {"reason": "Saxta təşkilat"})
    rejected = Signature.objects.get()
    assert rejected.status == Signature.Status.REJECTED and rejected.reason == "Saxta təşkilat"


@pytest.mark.django_db(transaction=True)
def test_parallel_signings_leave_exactly_one_row_per_organisation(
    make_user: Any, settings: Any
) -> None:
    settings.SIGNATURE_LIMIT_PER_IP = 10_000
    author, approver = make_user(Role.PROGRAMME_MANAGER), make_user(Role.AGENCY_ADMIN)
    statement = services.create_statement(
        author=author,
        data={"title_az": "B", "text_az": "M", "signing_opens": timezone.now() - timedelta(1)},
    )
    statement = services.approve_statement(staff=approver, statement=statement)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(i: int) -> None:
        org = i % 10  # 10 organisations, each tried 4 times with different spellings/e-mails
        name = [f"Təşkilat {org}", f"TƏŞKİLAT {org}", f"teskilat  {org}", f"Təşkilat {org}."][
            i // 10
        ]
        try:
            signatures.sign(
                statement=statement,
                data=_form(organisation=name, email=f"p{i}@gmail.com"),
                ip=f"10.0.0.{i}",
            )
            result = "ok"
        except signatures.AlreadySigned:
            result = "dup"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 10 and outcomes.count("dup") == 30
    keys = list(Signature.objects.values_list("name_key", flat=True))
    assert len(keys) == len(set(keys)) == 10
