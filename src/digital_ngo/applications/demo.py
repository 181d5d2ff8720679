"""Demo grant cycle: this year's call (open) and a past call whose applications went through
the technical check, expert evaluation, the board's decision and appeals, built with the same
services as real use and then put on one calendar relative to today."""

import random
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
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
from digital_ngo.applications.selectors import budget_of
from digital_ngo.core.models import ActionLog
from digital_ngo.decisions import services as decision_services
from digital_ngo.decisions.models import Appeal, Decision
from digital_ngo.funding import services as funding_services
from digital_ngo.funding.models import Call, Criterion, Funder, RequiredDocument, Topic
from digital_ngo.registry.demo import demo_pdf, load_affiliations
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


#: The demo calendar, relative to today (issue 11 §6): the past call closed about 20 months
#: ago and was decided 45 days later; its appeal window closed before any agreement starts
#: (``grants.demo``); the current call opened 20 days ago and closes in 40.
PAST_CLOSED_DAYS_AGO = 600
DECIDED_AFTER_CLOSE = timedelta(days=45)


def past_calendar() -> dict[str, datetime]:
    """The past call's dates: open, close, decision (appeals until it + the call's window)."""
    closes = timezone.now().replace(hour=18, minute=0, second=0, microsecond=0) - timedelta(
        days=PAST_CLOSED_DAYS_AGO
    )
    return {
        "opens": closes - timedelta(days=60),
        "closes": closes,
        "decided": closes + DECIDED_AFTER_CLOSE,
    }


def load_cycle(admin: User, manager: User) -> str:
    """Create the demo calls and applications once; returns a one-line summary.

    The past call (closed some 20 months ago, in the year it is named after) is decided
    (funded, reserve, not funded, one award declined and its reserve promoted, one appeal
    dismissed); the open current call has drafts, submissions, a return, an inadmissible
    application and applications part-way through evaluation.
    """
    if Call.objects.exists():
        return "calls already loaded"
    rng = random.Random(2026)
    now = timezone.now()
    dates = past_calendar()
    year = timezone.localtime(dates["closes"]).year
    past = _call(
        manager, year, f"{year}-ci il QHT qrant müsabiqəsi", dates["opens"], now + timedelta(days=1)
    )
    this_year = timezone.localdate().year
    current = _call(
        manager,
        this_year,
        f"{this_year}-ci il QHT qrant müsabiqəsi",
        now - timedelta(days=20),
        now + timedelta(days=40),
    )
    applicants = _applicants(26)
    load_affiliations(applicants)  # one evaluator is excluded for a registry link
    past_applications = _submit_all(past, applicants[:12], rng)
    Call.objects.filter(pk=past.pk).update(closes_at=dates["closes"])
    for application in past_applications:
        services.declare_admissible(staff=manager, application=application)
    review_services.assign_evaluators(staff=manager, call=past)
    _evaluate(past, rng, leave_open=0)
    _fit_budget(past)
    decision = decision_services.record_decision(
        staff=admin, call=past, minutes="Müşahidə Şurasının iclası, protokol № 4."
    )
    _after_the_decision(admin, past)
    _backdate_past_call(past, decision, dates)
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


def _fit_budget(past: Call) -> None:
    """A budget that funds every application above the pass score but the last one, which
    goes to the reserve list (so the demo shows a reserve promoted)."""
    Call.objects.filter(pk=past.pk).update(pass_score=Decimal("60"))
    past.refresh_from_db()
    passing = [
        budget_of(a).requested
        for a in past.applications.filter(
            status=Application.Status.SCORED, score__gte=past.pass_score
        ).order_by("-score", "submitted_at", "pk")
    ]
    total = sum(passing[:-1], Decimal(0)) if len(passing) > 1 else Decimal("150000")
    Call.objects.filter(pk=past.pk).update(total_budget=total)
    past.refresh_from_db()


def _after_the_decision(admin: User, past: Call) -> None:
    """One award declined (the reserve application promoted) and one appeal, dismissed."""
    funded = Application.objects.filter(call=past, status=Application.Status.FUNDED)
    declined = max(funded, key=lambda a: budget_of(a).requested, default=None)
    if declined is not None:
        decision_services.withdraw_award(
            staff=admin,
            application=declined,
            reason="Təşkilat layihəni həyata keçirə bilməyəcəyini yazılı bildirib.",
        )
    rejected = Application.objects.filter(call=past, status=Application.Status.REJECTED).first()
    applicant = rejected.ngo.people.filter(role=Role.NGO_ADMIN).first() if rejected else None
    if rejected is not None and applicant is not None:
        appeal = decision_services.appeal(
            user=applicant,
            application=rejected,
            text="Ekspert rəylərində büdcəmiz düzgün qiymətləndirilməyib.",
        )
        decision_services.rule_on_appeal(
            staff=admin,
            appeal=appeal,
            outcome="dismissed",
            note="Büdcə meyarı üzrə ballar ekspertlərin rəyləri ilə əsaslandırılıb.",
        )


def _backdate_past_call(past: Call, decision: Decision, dates: dict[str, datetime]) -> None:
    """Put the past call's steps on its calendar: submitted before the close, checked and
    evaluated after it, decided 45 days later, the appeal lodged and ruled within the window."""
    closes, decided = dates["closes"], dates["decided"]
    window = timedelta(days=past.appeal_days)
    Application.objects.filter(call=past, submitted_at__isnull=False).update(
        submitted_at=closes - timedelta(days=3)
    )
    Assignment.objects.filter(application__call=past, submitted_at__isnull=False).update(
        submitted_at=closes + timedelta(days=30)
    )
    Decision.objects.filter(pk=decision.pk).update(
        decided_at=decided, appeals_until=decided + window
    )
    Appeal.objects.filter(application__call=past).update(
        submitted_at=decided + timedelta(days=3), decided_at=decided + window - timedelta(days=1)
    )
    steps = {
        "submit": closes - timedelta(days=3),
        "admit": closes + timedelta(days=7),
        "start_evaluation": closes + timedelta(days=8),
        "score": closes + timedelta(days=30),
        "withdraw_award": decided + window + timedelta(days=5),
        "promote": decided + window + timedelta(days=5),
    }
    logs = ActionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(Application),
        object_id__in=past.applications.values_list("pk", flat=True),
    )
    for action, when in steps.items():
        logs.filter(action=action).update(created_at=when)
    logs.exclude(action__in=[*steps, "start"]).update(created_at=decided)


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
