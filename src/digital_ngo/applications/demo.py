"""Demo grant cycle: the 2026 call (open) and a 2025 call whose applications went through
the technical check and expert evaluation, built with the same services as real use."""

import random
from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from digital_ngo.accounts.models import Role, User
from digital_ngo.applications import services
from digital_ngo.applications.models import (
    Activity,
    Application,
    BudgetLine,
    Indicator,
    Outcome,
    Output,
)
from digital_ngo.decisions import services as decision_services
from digital_ngo.funding import services as funding_services
from digital_ngo.funding.models import Call, Criterion, Funder, RequiredDocument, Topic
from digital_ngo.registry.demo import demo_pdf
from digital_ngo.registry.models import NGO, EconomicRegion
from digital_ngo.reviews import services as review_services
from digital_ngo.reviews.models import DECLARATION_QUESTIONS, Assignment

TOPICS_2026 = [
    ("A", "WUF13 ilə bağlı beynəlxalq təşəbbüslər", True),
    ("B", "Ətraf mühit və sağlamlıq", False),
    ("C", "İnsan alveri ilə mübarizə", False),
    ("D", "Həssas qruplara dəstək", False),
    ("E", "Minalardan və partlamamış hərbi sursatlardan təhlükə", False),
    ("F", "Qərbi Azərbaycana qayıdış", True),
    ("G", "Şəhid ailələri, qazilər və müharibə iştirakçıları", False),
    ("H", "Regionların sosial-iqtisadi inkişafına ictimai dəstək", True),
    ("I", "Sərbəst mövzu", False),
]
CRITERIA = [
    ("Aktuallıq və uyğunluq", 30),
    ("Məntiqi çərçivə və nəticələr", 25),
    ("Büdcənin əsaslandırılması", 20),
    ("Təşkilatın potensialı", 25),
]
DOCUMENTS = ["Layihə təklifi", "Xərclər smetası", "Büdcənin maliyyə əsaslandırması"]
PROJECTS = [
    ("Gənclər üçün ekoloji maarifləndirmə məktəbi", "environment"),
    ("Kənd qadınlarının iqtisadi imkanlarının genişləndirilməsi", "women-family"),
    ("Mina təhlükəsi barədə məktəblilərin maarifləndirilməsi", "mine-action"),
    ("Şəhid ailələri üçün psixoloji dəstək mərkəzi", "veterans"),
    ("İnsan alverinin qurbanlarına hüquqi yardım", "anti-trafficking"),
    ("Əlilliyi olan uşaqlar üçün inklüziv idman", "disability"),
    ("Regionlarda könüllülük şəbəkəsinin qurulması", "volunteering"),
    ("Yaşlılar üçün rəqəmsal savadlılıq kursları", "elderly"),
]


def _call(user: User, year: int, name: str, opens: object, closes: object) -> Call:
    call = funding_services.create_call(
        user=user,
        data={
            "name_az": name,
            "year": year,
            "opens_at": opens,
            "closes_at": closes,
            "total_budget": Decimal("1500000"),
            "description": "QHT-lərə dövlət dəstəyi çərçivəsində layihə müsabiqəsi.",
        },
        funders=Funder.objects.filter(code="agency"),
    )
    for position, (code, title, coalition) in enumerate(TOPICS_2026, start=1):
        Topic.objects.create(
            call=call, code=code, position=position, name_az=title, coalition_required=coalition
        )
    for position, (title, weight) in enumerate(CRITERIA, start=1):
        Criterion.objects.create(
            call=call, name_az=title, weight=Decimal(weight), position=position
        )
    for position, title in enumerate(DOCUMENTS, start=1):
        RequiredDocument.objects.create(call=call, name_az=title, position=position)
    return funding_services.publish_call(user=user, call=call)


def _complete(application: Application, user: User, rng: random.Random) -> Application:
    months = {"small": 6, "medium": 9, "large": 12}[application.instrument]
    cap = {"small": 15000, "medium": 30000, "large": 50000}[application.instrument]
    application.summary = (
        f"{application.title}: {application.ngo.name_az} tərəfindən həyata keçirilən layihə."
    )
    application.overall_objective = (
        "Hədəf qrupun həyat keyfiyyətinin və ictimai iştirakının artırılması."
    )
    application.target_group = "Gənclər, qadınlar və həssas qruplar"
    application.beneficiaries = rng.randrange(80, 900)
    application.duration_months = months
    application.save()
    application.regions.set(EconomicRegion.objects.order_by("?")[:2])
    outcome = Outcome.objects.create(
        application=application, position=1, text="Hədəf qrupun bilik və bacarıqları artıb."
    )
    output = Output.objects.create(
        application=application, outcome=outcome, position=1, text="Təlimlər keçirilib."
    )
    Indicator.objects.create(
        application=application,
        outcome=outcome,
        name="Təlim keçmiş iştirakçılar",
        unit="nəfər",
        baseline=0,
        target=application.beneficiaries,
        milestones=[{"month": months // 2, "value": str(application.beneficiaries // 2)}],
        means_of_verification="İştirakçı siyahıları və sorğular",
    )
    Activity.objects.create(
        application=application,
        output=output,
        title="Təlimlərin keçirilməsi",
        months=list(range(1, months + 1)),
    )
    staff_cost = Decimal(rng.randrange(500, 900))
    BudgetLine.objects.create(
        application=application,
        category="staff",
        description="Layihə rəhbəri",
        unit_cost=staff_cost,
        quantity=1,
        months=months,
    )
    rest = Decimal(cap) - staff_cost * months - Decimal(rng.randrange(500, 3000))
    BudgetLine.objects.create(
        application=application,
        category="events",
        description="Təlim tədbirləri",
        unit_cost=rest,
        quantity=1,
        months=1,
        cofunding=Decimal("300"),
    )
    for document in application.call.required_documents.all():
        pdf = demo_pdf(document.name_az)
        services.attach(
            user=user, application=application, upload=_upload(pdf), required_document=document
        )
    return application


def _upload(content: ContentFile) -> SimpleUploadedFile:  # type: ignore[type-arg]
    return SimpleUploadedFile(content.name or "sened.pdf", content.read(), "application/pdf")


def _applicants(count: int) -> list[tuple[NGO, User]]:
    """Verified, unsanctioned local NGOs with an administrator account (made for the demo)."""
    ngos = (
        NGO.objects.verified().filter(status="active", sanctions=None).exclude(legal_form="foreign")
    )
    pairs = []
    for ngo in ngos.order_by("pk")[:count]:
        user = ngo.people.filter(role=Role.NGO_ADMIN).first() or User.objects.create_user(
            f"qht{ngo.pk}@qht-demo.az",
            None,
            full_name=f"{ngo.name_az} rəhbəri",
            role=Role.NGO_ADMIN,
            ngo=ngo,
        )
        pairs.append((ngo, user))
    return pairs


def _start(call: Call, ngo: NGO, user: User, index: int) -> Application:
    title, slug = PROJECTS[index % len(PROJECTS)]
    field = ngo.fields.filter(slug=slug).first() or ngo.fields.order_by("pk").first()
    if field is None:  # every demo NGO has fields; a hand-made one might not
        raise ValueError(f"{ngo} has no field of activity")
    topic = call.topics.filter(coalition_required=False).order_by("position")[index % 5]
    instrument = ["small", "medium", "large"][index % 3]
    return services.start_application(
        user=user, call=call, instrument=instrument, topic=topic, field=field, title=title
    )


def load_cycle(admin: User, manager: User) -> str:
    """Create the demo calls and applications once; returns a one-line summary.

    The 2025 call is decided (funded, reserve, not funded, one appeal); the open
    2026 call has drafts, submissions, a return, an inadmissible application and
    applications part-way through evaluation.
    """
    if Call.objects.exists():
        return "calls already loaded"
    rng = random.Random(2026)
    now = timezone.now()
    past = _call(
        manager,
        2025,
        "2025-ci il QHT qrant müsabiqəsi",
        now - timedelta(days=90),
        now + timedelta(days=1),
    )
    current = _call(
        manager,
        2026,
        "2026-cı il QHT qrant müsabiqəsi",
        now - timedelta(days=20),
        now + timedelta(days=40),
    )
    applicants = _applicants(26)
    past_applications = _submit_all(past, applicants[:12], rng)
    for application in past_applications:
        services.declare_admissible(staff=manager, application=application)
    review_services.assign_evaluators(staff=manager, call=past)
    _evaluate(past, rng, leave_open=0)
    Call.objects.filter(pk=past.pk).update(total_budget=Decimal("150000"), pass_score=Decimal("60"))
    Call.objects.filter(pk=past.pk).update(closes_at=now - timedelta(minutes=1))
    past.refresh_from_db()
    decision = decision_services.record_decision(
        staff=admin, call=past, minutes="Müşahidə Şurasının iclası, protokol № 4."
    )
    rejected = Application.objects.filter(call=past, status=Application.Status.REJECTED).first()
    if rejected is not None:
        applicant = rejected.ngo.people.filter(role=Role.NGO_ADMIN).first()
        if applicant is not None:
            decision_services.appeal(
                user=applicant,
                application=rejected,
                text="Ekspert rəylərində büdcəmiz düzgün qiymətləndirilməyib.",
            )
    # the 2025 cycle took place a year and more ago: move its dates back coherently
    Call.objects.filter(pk=past.pk).update(
        opens_at=now - timedelta(days=520), closes_at=now - timedelta(days=470)
    )
    type(decision).objects.filter(pk=decision.pk).update(
        decided_at=now - timedelta(days=450), appeals_until=now - timedelta(days=430)
    )
    current_applications = _submit_all(current, applicants[12:22], rng)
    services.return_for_correction(
        staff=manager, application=current_applications[0], reasons="Xərclər smetası imzalanmayıb."
    )
    services.declare_inadmissible(
        staff=manager, application=current_applications[1], reasons="Layihə mövzuya uyğun deyil."
    )
    for application in current_applications[2:6]:
        services.declare_admissible(staff=manager, application=application)
    review_services.assign_evaluators(staff=manager, call=current)
    _evaluate(current, rng, leave_open=3)
    for index, (ngo, user) in enumerate(applicants[22:], start=22):
        _start(current, ngo, user, index)
    return f"2 calls, {Application.objects.count()} applications"


def _submit_all(
    call: Call, applicants: list[tuple[NGO, User]], rng: random.Random
) -> list[Application]:
    return [
        services.submit(user=user, application=_complete(_start(call, ngo, user, index), user, rng))
        for index, (ngo, user) in enumerate(applicants)
    ]


def _evaluate(call: Call, rng: random.Random, leave_open: int) -> None:
    """Evaluators declare and score until only ``leave_open`` assignments wait (third ones too)."""
    answers = dict.fromkeys(DECLARATION_QUESTIONS, False)
    criteria = list(call.criteria.all())
    while True:
        waiting = list(
            Assignment.objects.filter(
                application__call=call, status=Assignment.Status.ASSIGNED
            ).order_by("pk")
        )
        if len(waiting) <= leave_open:
            return
        assignment = waiting[0]
        review_services.declare(
            evaluator=assignment.evaluator,
            assignment=assignment,
            answers=answers,
            confidential=True,
        )
        base = rng.randrange(4, 10)
        scores = {
            c.pk: (
                min(c.max_score, max(0, base + rng.randrange(-1, 2))),
                "Layihə yaxşı əsaslandırılıb.",
            )
            for c in criteria
        }
        review_services.submit_scores(
            evaluator=assignment.evaluator, assignment=assignment, scores=scores
        )
