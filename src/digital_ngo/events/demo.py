"""Demo events 2024–2026: at home over the regions, abroad growing about fourfold a year,
participants from many countries; a coming event with open registration, a full one with
a waiting list and a past one with check-ins, photos and outcome notes.

Reproducible (seeded) and idempotent: nothing is added once the demo events exist. The
showcase events go through the services (mail to the in-memory outbox, not the console);
the history of earlier years is written in bulk.
"""

import datetime as dt
import io
import random
import zoneinfo
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import F
from django.test import override_settings
from django.utils import timezone
from django_countries import countries
from faker import Faker
from PIL import Image, ImageDraw

from digital_ngo.events import services
from digital_ngo.events.models import Event, Registration
from digital_ngo.registry.models import NGO, District

SEED = 2014
#: Events abroad per year: about ×4 each year, as the agency reported.
ABROAD = {2024: 2, 2025: 8, 2026: 32}
HOME = {2024: 11, 2025: 13, 2026: 15}
MARKER = "Beynəlxalq QHT Assambleyası"

ABROAD_PLACES = [
    ("TR", "İstanbul", "Europe/Istanbul"), ("GE", "Tbilisi", "Asia/Tbilisi"),
    ("BE", "Brüssel", "Europe/Brussels"), ("CH", "Cenevrə", "Europe/Zurich"),
    ("US", "Nyu-York", "America/New_York"), ("DE", "Berlin", "Europe/Berlin"),
    ("FR", "Strasburq", "Europe/Paris"), ("AT", "Vyana", "Europe/Vienna"),
    ("KZ", "Astana", "Asia/Almaty"), ("UZ", "Daşkənd", "Asia/Tashkent"),
    ("IT", "Roma", "Europe/Rome"), ("GB", "London", "Europe/London"),
    ("QA", "Doha", "Asia/Qatar"), ("JP", "Tokio", "Asia/Tokyo"),
    ("KE", "Nayrobi", "Africa/Nairobi"), ("BR", "Braziliya", "America/Sao_Paulo"),
    ("EG", "Qahirə", "Africa/Cairo"), ("ID", "Cakarta", "Asia/Jakarta"),
    ("PK", "İslamabad", "Asia/Karachi"), ("HU", "Budapeşt", "Europe/Budapest"),
    ("KG", "Bişkek", "Asia/Bishkek"), ("TM", "Aşqabad", "Asia/Ashgabat"),
]  # fmt: skip

TOPICS = [
    ("Vətəndaş cəmiyyətinin inkişafı", "Civil society development"),
    ("Gənclərin ictimai həyatda iştirakı", "Youth participation in public life"),
    ("QHT-lərin institusional potensialı", "Institutional capacity of NGOs"),
    ("İqlim dəyişikliyi və ətraf mühit", "Climate change and the environment"),
    ("Sosial xidmətlərin göstərilməsi", "Delivering social services"),
    ("Qarabağın bərpası və reinteqrasiyası", "Karabakh recovery and reintegration"),
    ("Əlilliyi olan şəxslərin hüquqları", "Rights of persons with disabilities"),
    ("Rəqəmsal transformasiya və QHT-lər", "Digital transformation and NGOs"),
    ("Qadınların iqtisadi imkanları", "Women's economic empowerment"),
    ("Mina təhlükəsi və humanitar fəaliyyət", "Mine action and humanitarian work"),
]
KINDS_AZ = {
    "conference": ("konfransı", "conference"), "training": ("təlimi", "training"),
    "round_table": ("dəyirmi masası", "round table"), "forum": ("forumu", "forum"),
    "assembly": ("assambleyası", "assembly"), "seminar": ("seminarı", "seminar"),
    "exhibition": ("sərgisi", "exhibition"),
}  # fmt: skip
COALITIONS = ["Gənclər Təşkilatları Koalisiyası", "Ekoloji QHT-lər Şəbəkəsi",
              "Əlillər Təşkilatları İttifaqı"]  # fmt: skip
LOCALES = {"AZ": "az_AZ", "TR": "tr_TR", "GE": "ka_GE", "RU": "ru_RU", "DE": "de_DE",
           "FR": "fr_FR", "IT": "it_IT", "UA": "uk_UA", "KZ": "ru_RU", "PL": "pl_PL"}  # fmt: skip


def load_events(admin: Any) -> str:
    """Create the demo events once; returns a one-line summary."""
    if Event.objects.filter(title_az__startswith=MARKER).exists():
        return f"{Event.objects.count()} events already there"
    rng = random.Random(SEED)
    fakers = {code: Faker(locale) for code, locale in LOCALES.items()}
    default_faker = Faker("en_US")
    for fake in [*fakers.values(), default_faker]:
        fake.seed_instance(SEED)
    ngos = list(NGO.objects.verified().order_by("pk")[:120])
    districts = list(District.objects.select_related("region").order_by("code"))
    world = [code for code, _name in countries if code != "AZ"]
    context = _Context(rng, fakers, default_faker, ngos, districts, world)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for year in (2024, 2025, 2026):
            for n in range(HOME[year]):
                _history_event(admin, context, year, n, abroad=False)
            for n in range(ABROAD[year]):
                _history_event(admin, context, year, n, abroad=True)
        _assembly(admin, context)
        _showcase(admin, context)
    return f"{Event.objects.count()} events, {Registration.objects.count()} registrations"


class _Context:
    def __init__(self, rng, fakers, default_faker, ngos, districts, world):  # type: ignore[no-untyped-def]
        self.rng, self.fakers, self.default_faker = rng, fakers, default_faker
        self.ngos, self.districts, self.world = ngos, districts, world

    def name(self, country: str) -> str:
        return str(self.fakers.get(country, self.default_faker).name())


def _when(rng: random.Random, year: int, zone: str) -> tuple[dt.datetime, dt.datetime]:
    now = timezone.now()
    last = min(dt.date(year, 12, 15), (now - dt.timedelta(days=10)).date())
    first = dt.date(year, 1, 15)
    day = first + dt.timedelta(days=rng.randrange(max((last - first).days, 1)))
    start = dt.datetime(day.year, day.month, day.day, rng.choice([9, 10, 11, 14]),
                        tzinfo=zoneinfo.ZoneInfo(zone))  # fmt: skip
    return start, start + dt.timedelta(hours=rng.choice([3, 4, 6, 8]))


def _data(context: _Context, year: int, abroad: bool, kind: str) -> dict[str, Any]:
    rng = context.rng
    topic_az, topic_en = rng.choice(TOPICS)
    kind_az, kind_en = KINDS_AZ[kind]
    data: dict[str, Any] = {
        "title_az": f"{topic_az} {kind_az}",
        "title_en": f"{topic_en} {kind_en}",
        "description_az": (
            f"{topic_az} mövzusunda QHT-lərin, dövlət qurumlarının və beynəlxalq tərəfdaşların "
            "təcrübə mübadiləsi; uğurlu layihələrin təqdimatı və gələcək əməkdaşlıq imkanları."
        ),
        "description_en": (
            f"NGOs, public bodies and international partners share experience on "
            f"{topic_en.lower()}; successful projects are presented and next steps agreed."
        ),
        "kind": kind,
        "format": rng.choice(["in_person", "in_person", "in_person", "hybrid", "online"]),
        "capacity": rng.choice([30, 40, 60, 80, 120]),
        "languages": "az,en" if abroad else rng.choice(["az", "az", "az,en", "az,ru"]),
    }
    roll = rng.random()
    if roll < 0.3 and context.ngos:
        data.update(organiser_kind="ngo", organiser_ngo=rng.choice(context.ngos))
    elif roll < 0.4:
        data.update(organiser_kind="other", organiser_name=rng.choice(COALITIONS))
    if abroad:
        country, city, zone = rng.choice(ABROAD_PLACES)
        data.update(where="abroad", country=country, city=city, time_zone=zone,
                    venue=rng.choice(["Konqres Mərkəzi", "BMT ofisi", "Şəhər Meriyası",
                                      "Azərbaycan Mədəniyyət Mərkəzi"]))  # fmt: skip
        data["format"] = "in_person"
    else:
        district = rng.choice(context.districts)
        data.update(where="home", region=district.region, district=district,
                    time_zone="Asia/Baku",
                    venue=rng.choice(["Gənclər Mərkəzi", "Heydər Əliyev Mərkəzi",
                                      "Regional QHT Evi", "Mədəniyyət Evi"]))  # fmt: skip
    start, end = _when(rng, year, data["time_zone"])
    data.update(starts_at=start, ends_at=end)
    return data


def _history_event(admin: Any, context: _Context, year: int, n: int, *, abroad: bool) -> None:
    rng = context.rng
    kind = rng.choice(["conference", "training", "round_table", "forum", "seminar"])
    event = services.create_event(by=admin, data=_data(context, year, abroad, kind))
    event = services.publish_event(by=admin, event=event)
    size = rng.randint(6, 20) if abroad else rng.randint(12, min(event.capacity, 45))
    home_share = 0.35 if abroad else 0.85
    _bulk_participants(event, context, size, home_share, attended=0.8)
    if event.ends_at < timezone.now():
        services.mark_held(by=admin, event=event)


def _participant(context: _Context, event: Event, n: int, country: str) -> Registration:
    rng = context.rng
    ngo = (
        rng.choice(context.ngos)
        if country == "AZ" and context.ngos and rng.random() < 0.7
        else None
    )
    org = "" if ngo else str(context.fakers.get(country, context.default_faker).company())
    return Registration(
        event=event,
        full_name=context.name(country),
        email=f"demo-{event.pk}-{n}@example.org",
        organisation_ngo=ngo,
        organisation_name=org,
        country=country,
        position=rng.choice(["sədr", "layihə rəhbəri", "ekspert", "koordinator", "könüllü"]),
        language="az" if country == "AZ" else "en",
        created_at=event.starts_at - dt.timedelta(days=rng.randint(3, 30)),
    )


def _bulk_participants(
    event: Event, context: _Context, size: int, home_share: float, attended: float
) -> None:
    """Past participation written in bulk (the services refuse registration after the event)."""
    rng = context.rng
    rows = []
    for n in range(size):
        country = "AZ" if rng.random() < home_share else rng.choice(context.world)
        row = _participant(context, event, n, country)
        past = event.ends_at < timezone.now()
        row.status = "attended" if past and rng.random() < attended else "confirmed"
        row.confirmed_at = row.created_at
        if row.status == "attended":
            row.checked_in_at = event.starts_at - dt.timedelta(minutes=rng.randint(0, 40))
        rows.append(row)
    with transaction.atomic():
        Registration.objects.bulk_create(rows)
        Event.objects.filter(pk=event.pk).update(confirmed_count=F("confirmed_count") + len(rows))


def _assembly(admin: Any, context: _Context) -> None:
    """The 2025 international assembly in Baku: representatives of 110 countries."""
    start = dt.datetime(2025, 10, 14, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Baku"))
    district = next(d for d in context.districts if d.region.code == "baki")
    event = services.create_event(by=admin, data={
        "title_az": f"{MARKER} — Bakı 2025",
        "title_en": "International NGO Assembly — Baku 2025",
        "description_az": "Qlobal vətəndaş cəmiyyəti platformasının illik assambleyası: "
                          "yüzdən çox ölkədən QHT nümayəndələri.",
        "description_en": "The annual assembly of a global civil society platform: NGO "
                          "representatives from over a hundred countries.",
        "kind": "assembly", "where": "home", "region": district.region, "district": district,
        "venue": "Bakı Konqres Mərkəzi", "time_zone": "Asia/Baku", "starts_at": start,
        "ends_at": start + dt.timedelta(days=2), "capacity": 400, "languages": "az,en,ru",
    })  # fmt: skip
    services.publish_event(by=admin, event=event)
    rows = [
        _participant(context, event, n, country)
        for n, country in enumerate(["AZ"] * 40 + context.world[:110] + context.world[:60])
    ]
    for row in rows:
        row.status, row.confirmed_at, row.checked_in_at = "attended", row.created_at, start
    Registration.objects.bulk_create(rows)
    Event.objects.filter(pk=event.pk).update(confirmed_count=len(rows))
    event.refresh_from_db()
    services.mark_held(by=admin, event=event)


def _showcase(admin: Any, context: _Context) -> None:
    now = timezone.now()
    district = next(d for d in context.districts if d.region.code == "baki")
    base = {"kind": "training", "where": "home", "region": district.region,
            "district": district, "time_zone": "Asia/Baku", "languages": "az,en"}  # fmt: skip

    start = (now + dt.timedelta(days=14)).replace(hour=6, minute=0, second=0, microsecond=0)
    coming = services.create_event(by=admin, data={
        **base, "title_az": "QHT-lər üçün layihə idarəetməsi təlimi",
        "title_en": "Project management training for NGOs", "venue": "QHT Evi, Bakı",
        "description_az": "Logframe, büdcə və hesabat: qrant layihəsinin bütün mərhələləri.",
        "description_en": "Logframe, budget and reporting: every stage of a grant project.",
        "starts_at": start, "ends_at": start + dt.timedelta(hours=6), "capacity": 40,
        "registration_closes_at": start - dt.timedelta(days=1),
    })  # fmt: skip
    services.publish_event(by=admin, event=coming)
    for n in range(12):
        _register(context, coming, n)

    start = (now + dt.timedelta(days=7)).replace(hour=7, minute=0, second=0, microsecond=0)
    full = services.create_event(by=admin, data={
        **base, "kind": "round_table", "title_az": "Qarabağda sosial layihələr: dəyirmi masa",
        "title_en": "Social projects in Karabakh: round table",
        "venue": "Şuşa, Qarabağ Universiteti",
        "region": None, "district": None, "format": "hybrid", "starts_at": start,
        "ends_at": start + dt.timedelta(hours=3), "capacity": 20,
    } | _karabakh(context))  # fmt: skip
    services.publish_event(by=admin, event=full)
    for n in range(25):
        _register(context, full, n)

    _past_showcase(admin, context, base, now)


def _karabakh(context: _Context) -> dict[str, Any]:
    shusha = next((d for d in context.districts if d.code in ("susa", "shusha")), None)
    district = shusha or context.districts[0]
    return {"region": district.region, "district": district}


def _register(context: _Context, event: Event, n: int) -> Registration:
    country = "AZ" if context.rng.random() < 0.7 else context.rng.choice(context.world)
    row = _participant(context, event, n, country)
    person = services.Participant(
        full_name=row.full_name, email=f"demo-{event.pk}-{n}@example.org", country=country,
        position=row.position, organisation_ngo=row.organisation_ngo,
        organisation_name=row.organisation_name, language=row.language,
    )  # fmt: skip
    registration = services.register(event=event, person=person, accept_waiting_list=True)
    return services.confirm(token=registration.link_token)


def _past_showcase(admin: Any, context: _Context, base: dict[str, Any], now: dt.datetime) -> None:
    from digital_ngo.events.models import EventPhoto

    start = (now - dt.timedelta(days=20)).replace(hour=6, minute=0, second=0, microsecond=0)
    past = services.create_event(by=admin, data={
        **base, "kind": "forum", "title_az": "Regional QHT Forumu — Gəncə",
        "title_en": "Regional NGO Forum — Ganja", "venue": "Gəncə Dövlət Filarmoniyası",
        "region": None, "district": None, "starts_at": start,
        "ends_at": start + dt.timedelta(hours=7), "capacity": 60,
        "outcome_az": "Forumda 11 rayondan 48 QHT iştirak etdi. Regional QHT evlərinin "
                      "şəbəkəsi yaradıldı; 5 birgə layihə təklifi hazırlandı.",
        "outcome_en": "48 NGOs from 11 districts took part. A network of regional NGO houses "
                      "was set up and 5 joint project proposals were prepared.",
    } | _district(context, "ganca"))  # fmt: skip
    services.publish_event(by=admin, event=past)
    _bulk_participants(past, context, 36, 0.9, attended=0.0)
    staff = admin
    for registration in list(past.registrations.all())[:29]:
        from digital_ngo.events.tickets import ticket_code

        services.check_in(by=staff, event=past, code=ticket_code(registration))
    past.refresh_from_db()
    services.mark_held(by=admin, event=past)
    for n, (caption_az, caption_en, colour) in enumerate([
        ("Forumun açılışı", "Opening of the forum", (27, 94, 140)),
        ("Panel müzakirəsi", "Panel discussion", (46, 125, 50)),
        ("Qrup işi", "Group work", (138, 90, 0)),
    ]):  # fmt: skip
        EventPhoto.objects.create(
            event=past, caption_az=caption_az, caption_en=caption_en,
            image=SimpleUploadedFile(f"forum-{n}.png", _photo(colour, caption_az), "image/png"),
        )  # fmt: skip


def _district(context: _Context, code: str) -> dict[str, Any]:
    district = next((d for d in context.districts if d.code.startswith(code)), context.districts[0])
    return {"region": district.region, "district": district}


def _photo(colour: tuple[int, int, int], text: str) -> bytes:
    image = Image.new("RGB", (640, 400), colour)
    draw = ImageDraw.Draw(image)
    for i in range(0, 640, 40):
        draw.line([(i, 400), (i + 200, 0)], fill=tuple(min(c + 30, 255) for c in colour), width=8)
    draw.rectangle([(0, 330), (640, 400)], fill=(0, 0, 0))
    draw.text((20, 350), text, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
