"""Demo media register: a few known outlets and ~400 generated ones (local and foreign).

Names are of the kind found in the register; numbers and addresses are invented.
Some outlets are suspended, removed or have an expired registration; a few contacts
opted out.
"""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from faker import Faker

from aztext import fold
from digital_ngo.media.models import MediaContact, MediaOutlet

SEED = 2026
TOTAL = 400
K = MediaOutlet.Kind
OUTLETS = [
    ("Xalq qəzeti", K.NEWSPAPER, "MR-0001", date(2022, 11, 1)),
    ("Azərbaycan qəzeti", K.NEWSPAPER, "MR-0002", date(2022, 11, 3)),
    ("Respublika", K.NEWSPAPER, "MR-0003", date(2022, 12, 12)),
    ("Report", K.NEWS_AGENCY, "MR-0104", date(2023, 1, 20)),
    ("Trend", K.NEWS_AGENCY, "MR-0105", date(2023, 1, 25)),
    ("Qafqazinfo", K.ONLINE, "MR-0311", date(2023, 3, 2)),
    ("Regional Xəbər", K.ONLINE, None, None),
]
LOCAL_WORDS = [
    "Xəbər",
    "Səs",
    "Ekspress",
    "Bakı",
    "Region",
    "Gündəm",
    "Mədəniyyət",
    "Yeni Çağ",
    "Kaspi",
    "Şərq",
    "Olaylar",
    "Palitra",
    "Təhsil",
    "İqtisadiyyat",
    "Gənclik",
    "Ulduz",
]
LOCAL_KINDS = [
    (K.NEWSPAPER, "qəzeti"),
    (K.ONLINE, "xəbər portalı"),
    (K.MAGAZINE, "jurnalı"),
    (K.TV, "TV"),
    (K.RADIO, "FM"),
    (K.NEWS_AGENCY, "İnformasiya Agentliyi"),
]
FOREIGN = [
    ("TR", "tr", "Haber"),
    ("GE", "ka", "News"),
    ("RU", "ru", "Vesti"),
    ("KZ", "ru", "Times"),
    ("UZ", "uz", "Daily"),
    ("DE", "de", "Zeitung"),
    ("GB", "en", "Chronicle"),
    ("FR", "fr", "Journal"),
    ("US", "en", "Post"),
    ("IT", "it", "Notizie"),
]


def load_outlets() -> list[MediaOutlet]:
    """Create the demo register once; return the seven named outlets (the press demo uses them)."""
    named = [
        MediaOutlet.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "registry_number": number,
                "registered_from": since,
                "languages": ["az"],
            },
        )[0]
        for name, kind, number, since in OUTLETS
    ]
    if MediaOutlet.objects.count() < TOTAL:
        _generate()
    return named


def _outlet(rng: random.Random, n: int) -> MediaOutlet:
    since = date(2022, 11, 1) + timedelta(days=rng.randrange(900))
    if rng.random() < 0.8:
        word = rng.choice(LOCAL_WORDS)
        kind, suffix = rng.choice(LOCAL_KINDS)
        name, country, languages = (
            f"{word} {suffix} {n}",
            "AZ",
            ["az"] + (["ru"] if rng.random() < 0.2 else []),
        )
    else:
        country, language, word = rng.choice(FOREIGN)
        kind, name, languages = (
            rng.choice([K.ONLINE, K.NEWSPAPER, K.TV]),
            f"{country} {word} {n}",
            [language, "en"],
        )
    status, until = MediaOutlet.Status.ACTIVE, None
    roll = rng.random()
    if roll < 0.06:
        status = MediaOutlet.Status.SUSPENDED
    elif roll < 0.10:
        status = MediaOutlet.Status.REMOVED
        until = since + timedelta(days=200)
    elif roll < 0.16:
        until = since + timedelta(days=365)  # expired registration
    return MediaOutlet(
        name=name,
        name_folded=fold(name),
        kind=kind,
        country=country,
        languages=languages,
        registry_number=f"MR-{1000 + n}" if country == "AZ" else None,
        registered_from=since if country == "AZ" else None,
        registered_to=until if country == "AZ" else None,
        status=status,
        website=f"https://media{n}.example.az",
    )


@transaction.atomic
def _generate() -> None:
    rng, fake = random.Random(SEED), Faker("az_AZ")
    fake.seed_instance(SEED)
    MediaOutlet.objects.bulk_create(
        [_outlet(rng, n) for n in range(1, TOTAL - len(OUTLETS) + 1)], ignore_conflicts=True
    )
    contacts = []
    for outlet in MediaOutlet.objects.filter(contacts__isnull=True).order_by("pk"):
        for i in range(1 + (rng.random() < 0.3)):
            contacts.append(
                MediaContact(
                    outlet=outlet,
                    name=fake.name(),
                    position=rng.choice(["Baş redaktor", "Redaksiya", "Müxbir"]),
                    email=f"{['redaksiya', 'xeber', 'info'][i]}{outlet.pk}@media.example.az",
                    opted_out_at=timezone.now() if rng.random() < 0.02 else None,
                )
            )
    MediaContact.objects.bulk_create(contacts, ignore_conflicts=True)
