"""Demo coalition: a Global South NGO platform, Baku 2024 (~120 members, ~116 countries)."""

import random
from datetime import date, timedelta

import pycountry
from django.db import transaction

from digital_ngo.coalitions.models import Assembly, Coalition, Membership
from digital_ngo.registry.models import NGO

SEED = 2024
SLUG = "global-south-ngo-platform"
PATTERNS = [
    "{c} Civil Society Forum",
    "{c} NGO Council",
    "Network of {c} Non-Governmental Organisations",
    "{c} Development Alliance",
    "Citizens' Initiative of {c}",
]


def countries(rng: random.Random, n: int) -> list[str]:
    """``n`` country codes other than Azerbaijan, the same for the same generator."""
    codes = sorted(c.alpha_2 for c in pycountry.countries if c.alpha_2 != "AZ")
    return rng.sample(codes, n)


@transaction.atomic
def load_platform() -> Coalition:
    platform, created = Coalition.objects.get_or_create(
        slug=SLUG,
        defaults={
            "name_az": "Qlobal Cənub QHT Platforması",
            "name_en": "Global South NGO Platform",
            "kind": Coalition.Kind.PLATFORM,
            "founded_on": date(2024, 10, 3),
            "founded_at": "Bakı",
            "seat": "Bakı, Azərbaycan",
            "governing_bodies": "Ümumi Yığıncaq; İdarə Heyəti (11 üzv); Katiblik (Bakı)",
            "description_az": "Qlobal Cənub ölkələrinin qeyri-hökumət təşkilatlarını birləşdirən "
            "beynəlxalq platforma. Təsis konfransında 116 ölkədən 120 nümayəndə iştirak edib.",
            "description_en": "An international platform of non-governmental organisations "
            "from the countries of the Global South; 120 representatives from 116 countries "
            "at its founding.",
        },
    )
    if not created:
        return platform
    rng = random.Random(SEED)
    founded = date(2024, 10, 3)
    members = []
    local = list(NGO.objects.filter(country="AZ").order_by("pk")[:5])
    for ngo in local:
        members.append(
            Membership(
                coalition=platform,
                ngo=ngo,
                organisation=ngo.name_az,
                country="AZ",
                role=Membership.Role.FOUNDER,
                joined_on=founded,
            )
        )
    for i, code in enumerate(countries(rng, 115)):
        name = pycountry.countries.get(alpha_2=code).name  # type: ignore[union-attr]
        role = (
            Membership.Role.FOUNDER
            if i < 60
            else rng.choice([Membership.Role.MEMBER, Membership.Role.OBSERVER])
        )
        joined = (
            founded
            if role == Membership.Role.FOUNDER
            else founded + timedelta(days=rng.randrange(400))
        )
        members.append(
            Membership(
                coalition=platform,
                organisation=rng.choice(PATTERNS).format(c=name),
                country=code,
                role=role,
                joined_on=joined,
            )
        )
    Membership.objects.bulk_create(members)
    Assembly.objects.create(
        coalition=platform,
        held_on=founded,
        place="Bakı",
        attendance=120,
        countries_present=116,
        decisions="Platforma təsis edildi; nizamnamə və Bakı Bəyannaməsi qəbul edildi; "
        "İdarə Heyəti seçildi.",
    )
    Assembly.objects.create(
        coalition=platform,
        held_on=date(2025, 10, 15),
        place="Bakı",
        attendance=134,
        countries_present=121,
        decisions="Birinci ilin hesabatı təsdiqləndi; iqlim ədaləti üzrə bəyanat qəbul edildi.",
    )
    return platform
