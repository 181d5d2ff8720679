"""Demo statements: an appeal mailed to ~300 outlets, and the platform's statement signed by
1 023 organisations from 137 countries (plus some awaiting confirmation and some rejected).

Delivery rows are created by the services; their outcomes are set directly (no SMTP in the
demo). Signatures are written with ``bulk_create`` for speed.
"""

import random
from datetime import datetime, timedelta

import pycountry
from django.db import transaction
from django.utils import timezone

from digital_ngo.accounts.models import User
from digital_ngo.campaigns import services
from digital_ngo.campaigns.models import Delivery, Signature, Statement
from digital_ngo.campaigns.signing import email_domain, name_key
from digital_ngo.coalitions.models import Coalition
from digital_ngo.media.models import MediaOutlet

SEED = 1023
APPEAL = "Media nümayəndələrinə müraciət: QHT-lərin ictimai həyatda rolu"
STATEMENT = "Qlobal Cənub QHT Platformasının Bakı Bəyanatı"
APPEAL_TEXT = (
    "Hörmətli redaksiya!\n\nQeyri-Hökumət Təşkilatlarına Dövlət Dəstəyi Agentliyi vətəndaş "
    "cəmiyyəti təşkilatlarının layihələri barədə ictimaiyyətin məlumatlandırılmasında KİV-lərin "
    "rolunu yüksək "
    "qiymətləndirir və sizi 2026-cı il qrant müsabiqəsinin nəticələrini işıqlandırmağa dəvət edir."
)
STATEMENT_TEXT = (
    "Biz, Qlobal Cənub ölkələrinin qeyri-hökumət təşkilatları, davamlı inkişaf, iqlim ədaləti və "
    "vətəndaş cəmiyyətinin beynəlxalq əməkdaşlığı naminə birgə fəaliyyətə çağırırıq."
)
STATEMENT_TEXT_EN = (
    "We, the non-governmental organisations of the countries of the Global South, call for joint "
    "action for sustainable development, climate justice and international cooperation of "
    "civil society."
)


def load(author: User, approver: User) -> str:
    appeal = _appeal(author, approver)
    statement = _statement(author, approver)
    sent = Delivery.objects.filter(statement=appeal, status=Delivery.Status.SENT).count()
    counted = statement.signatures.filter(status__in=["confirmed", "verified"]).count()
    return f"appeal sent to {sent} addresses; statement signed by {counted} organisations"


def _appeal(author: User, approver: User) -> Statement:
    found = Statement.objects.filter(title_az=APPEAL).first()
    if found:
        return found
    statement = services.create_statement(
        author=author,
        data={
            "title_az": APPEAL,
            "text_az": APPEAL_TEXT,
            "segment_countries": ["AZ"],
            "segment_kinds": ["newspaper", "online", "news_agency", "tv"],
            "segment_statuses": [MediaOutlet.Status.ACTIVE],
        },
    )
    statement = services.approve_statement(staff=approver, statement=statement)
    statement = services.start_sending(staff=approver, statement=statement)
    rng, now = random.Random(SEED), timezone.now()
    for delivery in Delivery.objects.filter(statement=statement, status=Delivery.Status.QUEUED):
        if rng.random() < 0.02:
            delivery.status, delivery.reason = (
                Delivery.Status.FAILED,
                "550 5.1.1 Mailbox unavailable",
            )
        else:
            delivery.status, delivery.sent_at = Delivery.Status.SENT, now
        delivery.attempts = 1
        delivery.save(update_fields=["status", "reason", "sent_at", "attempts"])
    services.finish_if_done(statement.pk)
    return statement


def _statement(author: User, approver: User) -> Statement:
    found = Statement.objects.filter(title_az=STATEMENT).first()
    if found:
        return found
    platform = Coalition.objects.filter(slug="global-south-ngo-platform").first()
    opens = datetime(2025, 10, 15, 9, 0, tzinfo=timezone.get_current_timezone())
    statement = services.create_statement(
        author=author,
        data={
            "title_az": STATEMENT,
            "title_en": "Baku Statement of the Global South NGO Platform",
            "text_az": STATEMENT_TEXT,
            "text_en": STATEMENT_TEXT_EN,
            "coalition": platform,
            "signing_opens": opens,
            "signing_closes": opens + timedelta(days=1100),
        },
    )
    statement = services.approve_statement(staff=approver, statement=statement)
    _signatures(statement, opens)
    return statement


@transaction.atomic
def _signatures(statement: Statement, opens: datetime) -> None:
    rng = random.Random(SEED)
    codes = [
        "AZ",
        *rng.sample(sorted(c.alpha_2 for c in pycountry.countries if c.alpha_2 != "AZ"), 136),
    ]
    per_country = [150] + [1] * 136
    for _ in range(1023 - sum(per_country)):
        per_country[rng.randrange(1, 137)] += 1
    rows, n = [], 0
    for code, count in zip(codes, per_country, strict=True):
        country = pycountry.countries.get(alpha_2=code).name  # type: ignore[union-attr]
        for i in range(count):
            n += 1
            rows.append(
                _row(
                    statement,
                    f"{country} Civil Society Organisation No. {i + 1}",
                    code,
                    n,
                    opens + timedelta(minutes=7 * n),
                    Signature.Status.CONFIRMED,
                )
            )
    for i in range(12):
        rows.append(
            _row(
                statement,
                f"Pending Organisation {i + 1}",
                rng.choice(codes),
                5000 + i,
                None,
                Signature.Status.PENDING,
            )
        )
    for i in range(5):
        signature = _row(
            statement,
            f"Unverified Group {i + 1}",
            rng.choice(codes),
            6000 + i,
            opens + timedelta(days=3),
            Signature.Status.REJECTED,
        )
        signature.reason = "Təşkilatın mövcudluğu təsdiq olunmadı."
        rows.append(signature)
    Signature.objects.bulk_create(rows, batch_size=500)


def _row(
    statement: Statement, name: str, code: str, n: int, at: datetime | None, status: str
) -> Signature:
    email = f"contact{n}@org{n}.example.org"
    return Signature(
        statement=statement,
        organisation=name,
        name_key=name_key(name),
        country=code,
        city="",
        website=f"https://org{n}.example.org",
        representative=f"Representative {n}",
        position="Director",
        email=email,
        email_domain=email_domain(email),
        status=status,
        confirmed_at=at,
        created_at=at or timezone.now(),
    )
