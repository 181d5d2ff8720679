"""Reproducible demo NGOs: Azerbaijani names, regions, fields, states and sanctions.

Everything is derived from a seeded random generator and Faker's ``az_AZ``
locale, so two runs give the same data; records are keyed by VÖEN, so running
again adds only what is missing. ``scale`` multiplies the number of NGOs and
uses bulk inserts, for benchmarks with large data sets.
"""

import io
import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from faker import Faker
from PIL import Image
from simple_history.utils import bulk_create_with_history
from stdnum.az import voen as stdnum_voen

from digital_ngo.accounts.models import User
from digital_ngo.registry.models import (
    NGO,
    District,
    EcosocStatus,
    FieldOfActivity,
    LegalForm,
    NGODocument,
    NGOStatus,
    Sanction,
    Scope,
    Verification,
)

NGOS_PER_SCALE = 300
SEED = 2026

TOPICS = [
    ("Vətəndaş Cəmiyyətinin İnkişafı", "Civil Society Development"),
    ("Vətəndaş Təşəbbüsləri", "Civic Initiatives"),
    ("Gənclərin Təşəbbüsləri", "Youth Initiatives"),
    ("Qadın Liderliyi", "Women's Leadership"),
    ("Ekoloji Maarifləndirmə", "Environmental Awareness"),
    ("Uşaq Hüquqlarının Müdafiəsi", "Child Rights Protection"),
    ("Əlilliyi Olan Şəxslərə Dəstək", "Support to Persons with Disabilities"),
    ("Hüquqi Maarifləndirmə", "Legal Education"),
    ("Qarabağın Dirçəlişi", "Karabakh Revival"),
    ("Mina Təhlükəsinə Qarşı Maarifləndirmə", "Mine Risk Education"),
    ("Sağlam Həyat Tərzi", "Healthy Lifestyle"),
    ("Mədəni İrsin Qorunması", "Cultural Heritage Protection"),
    ("Media Savadlılığı", "Media Literacy"),
    ("Şəhid Ailələrinə Dəstək", "Support to Families of Martyrs"),
    ("Regional İnkişaf", "Regional Development"),
    ("Könüllülük Hərəkatı", "Volunteer Movement"),
    ("İnsan Alverinə Qarşı Mübarizə", "Combating Human Trafficking"),
    ("Elm və İnnovasiya", "Science and Innovation"),
    ("Yaşlılara Qayğı", "Care for Older People"),
    ("Sosial Xidmətlər", "Social Services"),
]
FORMS = {
    LegalForm.PUBLIC_ASSOCIATION: ("İctimai Birliyi", "Public Association"),
    LegalForm.FOUNDATION: ("Fondu", "Foundation"),
    LegalForm.UNION: ("Assosiasiyası", "Association"),
}
FOREIGN = [
    ("TR", "Türkiye"),
    ("UZ", "Uzbekistan"),
    ("KZ", "Kazakhstan"),
    ("GE", "Georgia"),
    ("DE", "Germany"),
    ("FR", "France"),
    ("IT", "Italy"),
    ("PK", "Pakistan"),
    ("EG", "Egypt"),
    ("ID", "Indonesia"),
    ("NG", "Nigeria"),
    ("BR", "Brazil"),
]


@dataclass
class DemoResult:
    created: int
    total: int


def voen_for(index: int, territory: int = 14) -> str:
    """A valid, unique demo VÖEN for the ``index``-th NGO (last digit 1: legal person).

    The serial is ``index`` followed by one digit chosen so that python-stdnum,
    which knows the check-digit rule, accepts the number (one in eleven serials
    has no valid check digit). Works for indexes up to 99 999.
    """
    for extra in range(10):
        for check in "0123456789":
            number = f"{territory:02d}{index * 10 + extra:06d}{check}1"
            if stdnum_voen.is_valid(number):
                return number
    raise ValueError(index)


def _name(
    rng: random.Random, fake: Faker, index: int, form: str, place: District
) -> tuple[str, str]:
    topic_az, topic_en = TOPICS[index % len(TOPICS)]
    if form == LegalForm.FOREIGN:
        country = FOREIGN[index % len(FOREIGN)][1]
        return (
            f"{country} {topic_en} Network No. {index}",
            f"{country} {topic_en} Network No. {index}",
        )
    suffix_az, suffix_en = FORMS[LegalForm(form)]
    if rng.random() < 0.3:
        surname = fake.last_name_male()
        return f"“{surname}” {topic_az} {suffix_az}", f"“{surname}” {topic_en} {suffix_en}"
    return f"{place.name_az} {topic_az} {suffix_az}", f"{place.name_en} {topic_en} {suffix_en}"


def _build(index: int, rng: random.Random, fake: Faker, districts: list[District]) -> NGO:
    form = rng.choices(
        [LegalForm.PUBLIC_ASSOCIATION, LegalForm.FOUNDATION, LegalForm.UNION, LegalForm.FOREIGN],
        weights=[70, 18, 5, 7],
    )[0]
    district = rng.choice(districts)
    name_az, name_en = _name(rng, fake, index, form, district)
    founded = date(1995, 1, 1) + timedelta(days=rng.randrange(10_000))
    verification = rng.choices(
        [Verification.VERIFIED, Verification.SUBMITTED, Verification.RETURNED], weights=[86, 10, 4]
    )[0]
    foreign = form == LegalForm.FOREIGN
    ngo = NGO(
        name_az=name_az,
        name_en=name_en,
        legal_form=form,
        registration_number="" if foreign else f"{1400 + index % 600}{index:05d}",
        registration_date=None if foreign else founded + timedelta(days=rng.randrange(30, 200)),
        voen=None if foreign else voen_for(index),
        scope=Scope.INTERNATIONAL
        if foreign
        else rng.choice([Scope.NATIONAL, Scope.REGIONAL, Scope.LOCAL]),
        region=None if foreign else district.region,
        district=None if foreign else district,
        address="" if foreign else fake.street_address(),
        purposes=f"{TOPICS[index % len(TOPICS)][0]}: layihələr, maarifləndirmə və ictimai iştirak.",
        founded_on=founded,
        ecosoc_status=EcosocStatus.SPECIAL if index % 37 == 0 else EcosocStatus.NONE,
        country=FOREIGN[index % len(FOREIGN)][0] if foreign else "AZ",
        email=f"info{index}@qht-demo.az",
        phone=fake.phone_number(),
        website=f"https://qht{index}.example.az",
        status=rng.choices(list(NGOStatus), weights=[95, 3, 2])[0],
        verification=verification,
        return_reasons="Dövlət reyestrindən çıxarış oxunmur; yenidən yükləyin."
        if verification == Verification.RETURNED
        else "",
        submitted_at=timezone.now() - timedelta(days=rng.randrange(1, 400)),
    )
    ngo.fill_derived_fields()
    return ngo


def demo_pdf(title: str) -> ContentFile:
    """A small real PDF (one blank page) standing in for an uploaded document."""
    buffer = io.BytesIO()
    Image.new("RGB", (595, 842), "white").save(buffer, "PDF", title=title)
    return ContentFile(buffer.getvalue(), name=f"{title}.pdf")


@transaction.atomic
def load_ngos(scale: int = 1) -> DemoResult:
    """Create the demo NGOs that do not exist yet, with fields and a few sanctions."""
    rng = random.Random(SEED)
    fake = Faker("az_AZ")
    fake.seed_instance(SEED)
    districts = list(District.objects.select_related("region").order_by("code"))
    fields = list(FieldOfActivity.objects.order_by("position"))
    existing = set(NGO.objects.values_list("email", flat=True))
    new = [
        ngo
        for ngo in (_build(i, rng, fake, districts) for i in range(1, NGOS_PER_SCALE * scale + 1))
        if ngo.email not in existing
    ]
    created = bulk_create_with_history(new, NGO, batch_size=1000)  # returned with primary keys
    through = NGO.fields.through
    links = []
    for ngo in created:
        picks = random.Random(ngo.pk).sample(fields, k=2)
        links += [through(ngo_id=ngo.pk, fieldofactivity_id=field.pk) for field in picks]
    through.objects.bulk_create(links, batch_size=2000, ignore_conflicts=True)
    return DemoResult(created=len(new), total=NGO.objects.count())


def load_sanctions(imposed_by: User) -> None:
    """Give a few demo NGOs a warning or a ban (once)."""
    if Sanction.objects.exists():
        return
    today = timezone.localdate()
    verified = list(NGO.objects.verified().order_by("pk")[:60])
    for ngo in verified[7::20]:
        Sanction.objects.create(
            ngo=ngo,
            kind=Sanction.Kind.BAN,
            starts_on=today - timedelta(days=30),
            ends_on=today + timedelta(days=335),
            imposed_by=imposed_by,
            reason="Yekun hesabat 35 iş günü gecikdirilib.",
        )
    for ngo in verified[3::20]:
        Sanction.objects.create(
            ngo=ngo,
            kind=Sanction.Kind.WARNING,
            starts_on=today - timedelta(days=90),
            imposed_by=imposed_by,
            reason="Aralıq hesabat 8 iş günü gecikdirilib.",
        )


def attach_documents(ngo: NGO, user: User) -> None:
    """Give ``ngo`` a charter and a registry extract if it has none."""
    if ngo.documents.exists():
        return
    for kind in (NGODocument.Kind.CHARTER, NGODocument.Kind.REGISTRY_EXTRACT):
        content = demo_pdf(kind)
        NGODocument.objects.create(
            ngo=ngo,
            kind=kind,
            file=content,
            original_name=content.name or kind,
            content_type="application/pdf",
            size=content.size,
            uploaded_by=user,
        )


def load_affiliations(applicants: list[tuple[NGO, User]]) -> None:
    """People of the demo NGOs, declared through the services as in real use (issue 11, §6).

    The first applicant NGO declares an evaluator (Tural Əhmədov, by e-mail only, written in
    another case) as a board member, so he is kept away from its application; another
    evaluator (Leyla Hüseynova) declares her own past employment at a 2026 applicant.
    """
    from digital_ngo.registry import services

    today = timezone.localdate()
    (first, first_admin), (other, _admin) = applicants[0], applicants[14]
    people: list[dict[str, Any]] = [
        {"name": "Tural Əhmədov", "email": "Evaluator2@QHT-demo.az", "role": "board"},
        {"name": first_admin.full_name, "email": first_admin.email, "role": "founder"},
        {
            "name": "Nigar Səfərova",
            "role": "employee",
            "starts_on": date(today.year - 4, 3, 1),
            "ends_on": date(today.year - 1, 6, 30),
        },
        {"name": "Elnur Qasımov", "role": "member", "starts_on": date(today.year - 2, 1, 15)},
    ]
    for data in people:
        data.setdefault("starts_on", date(today.year - 5, 9, 1))
        services.declare_ngo_person(user=first_admin, ngo=first, data=data)
    mistaken = services.declare_ngo_person(
        user=first_admin, ngo=first, data={"name": "Elnur Qasımov", "role": "member"}
    )
    services.void_affiliation(
        user=first_admin, affiliation=mistaken, reason="Səhvən iki dəfə daxil edilib."
    )
    leyla = User.objects.filter(email="evaluator@qht-demo.az").first()
    if leyla is not None:
        services.declare_own_affiliation(
            user=leyla,
            ngo=other,
            data={
                "role": "employee",
                "starts_on": date(today.year - 3, 2, 1),
                "ends_on": today - timedelta(days=300),
            },
        )
