"""Demo state programmes: 19 programmes and 67 tasks in the brief's proportions (roll-up ~96%).

The status history runs from 2024 to late 2026, so the chart over time has a shape. The
acts, numbers and dates are illustrative demo data, not citations.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from digital_ngo.accounts.models import User
from digital_ngo.programmes import services
from digital_ngo.programmes.models import ActKind, Programme, Recurrence

SEED = 1917

PROGRAMMES = [
    (
        "vetendas-cemiyyeti",
        "Vətəndaş cəmiyyətinin inkişafına dair Dövlət Proqramı",
        "State Programme on the development of civil society",
    ),
    (
        "genclik",
        "Azərbaycan gəncliyi Dövlət Proqramı",
        "State Programme on the youth of Azerbaijan",
    ),
    (
        "boyuk-qayidis",
        "Böyük Qayıdışa dair I Dövlət Proqramı",
        "First State Programme on the Great Return",
    ),
    ("mina", "Minatəmizləmə fəaliyyətinə dair Dövlət Proqramı", "State Programme on mine action"),
    (
        "insan-alveri",
        "İnsan alverinə qarşı mübarizəyə dair Milli Fəaliyyət Planı",
        "National Action Plan on combating human trafficking",
    ),
    (
        "aile",
        "Ailə dəyərlərinin təbliğinə dair Dövlət Proqramı",
        "State Programme on promoting family values",
    ),
    (
        "sehid-aileleri",
        "Şəhid ailələrinin və müharibə iştirakçılarının sosial müdafiəsinə dair Dövlət Proqramı",
        "State Programme on social protection of martyrs' families and war participants",
    ),
    (
        "ekologiya",
        "Ətraf mühitin mühafizəsinə dair Dövlət Proqramı",
        "State Programme on environmental protection",
    ),
    (
        "iqlim",
        "COP29 irsinə və iqlim fəaliyyətinə dair Fəaliyyət Planı",
        "Action Plan on the COP29 legacy and climate action",
    ),
    (
        "regional-inkisaf",
        "Regionların sosial-iqtisadi inkişafı Dövlət Proqramı",
        "State Programme on the socio-economic development of the regions",
    ),
    (
        "reqemsal",
        "Rəqəmsal transformasiyaya dair Dövlət Proqramı",
        "State Programme on digital transformation",
    ),
    (
        "korrupsiya",
        "Açıq hökumətin təşviqinə dair Milli Fəaliyyət Planı",
        "National Action Plan on promoting open government",
    ),
    (
        "insan-huquqlari",
        "İnsan hüquqlarının müdafiəsinə dair Milli Fəaliyyət Proqramı",
        "National Programme of Action on human rights",
    ),
    (
        "elillik",
        "Əlilliyi olan şəxslərin inklüzivliyinə dair Dövlət Proqramı",
        "State Programme on the inclusion of persons with disabilities",
    ),
    (
        "qadin",
        "Qadınların cəmiyyətdə rolunun artırılmasına dair Milli Fəaliyyət Planı",
        "National Action Plan on the role of women in society",
    ),
    (
        "usaq",
        "Uşaqların hüquqlarının müdafiəsinə dair Dövlət Proqramı",
        "State Programme on the protection of children's rights",
    ),
    (
        "konstitusiya",
        "Konstitusiya və Suverenlik İli ilə bağlı Tədbirlər Planı",
        "Plan of events for the Year of the Constitution and Sovereignty",
    ),
    (
        "qerbi-azerbaycan",
        "Qərbi Azərbaycan irsinin öyrənilməsinə dair Tədbirlər Planı",
        "Plan of measures on studying the heritage of Western Azerbaijan",
    ),
    (
        "turk-dunyasi",
        "Türk Dövlətləri Təşkilatı ilə əməkdaşlığa dair Tədbirlər Planı",
        "Plan of measures on cooperation with the Organization of Turkic States",
    ),
]

TASKS = [
    (
        "QHT-lər üçün {x} mövzusunda qrant müsabiqəsinin keçirilməsi",
        "Holding a grant competition for NGOs on {x}",
    ),
    ("{x} üzrə QHT layihələrinin monitorinqinin təşkili", "Monitoring NGO projects on {x}"),
    (
        "{x} sahəsində QHT nümayəndələri üçün təlimlərin keçirilməsi",
        "Training NGO representatives on {x}",
    ),
    (
        "{x} mövzusunda ictimai müzakirələrin və forumun təşkili",
        "Organising public discussions and a forum on {x}",
    ),
    (
        "{x} üzrə görülən işlər barədə illik hesabatın hazırlanması",
        "Preparing the yearly report on work done on {x}",
    ),
]

#: 67 tasks over 19 programmes: 11 programmes with 4 tasks, 8 with 3 (11×4 + 8×3 = 68 − 1).
SIZES = [4] * 11 + [3] * 7 + [2]


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def load_programmes(manager: User) -> int:
    """Create the demo programmes and tasks with their history (once)."""
    if Programme.objects.exists():
        return Programme.objects.count()
    rng = random.Random(SEED)
    tasks = []
    for index, ((code, title_az, title_en), size) in enumerate(zip(PROGRAMMES, SIZES, strict=True)):
        act_date = date(2021 + index % 3, 1 + index % 12, 5 + index)
        programme = Programme(
            code=code,
            title_az=title_az,
            title_en=title_en,
            act_kind=[ActKind.DECREE, ActKind.ORDER, ActKind.CABINET][index % 3],
            act_number=str(1200 + index * 37),
            act_date=act_date,
            starts_on=date(2024, 1, 1),
            ends_on=date(2027 + index % 2, 12, 31),
            responsible_body_az="QHT-lərə Dövlət Dəstəyi Agentliyi",
            responsible_body_en="Agency for State Support to NGOs",
        )
        services.save_programme(staff=manager, programme=programme)
        topic_az = title_az.split(" dair")[0].split(" Dövlət")[0].lower()
        topic_en = title_en.split(" on ")[-1]
        for number in range(1, size + 1):
            text_az, text_en = TASKS[(index + number) % len(TASKS)]
            yearly = number == 5 or (index + number) % len(TASKS) == 4
            data = {
                "number": f"{index + 1}.{number}",
                "text_az": text_az.format(x=topic_az),
                "text_en": text_en.format(x=topic_en),
                "role": "executor" if (index + number) % 4 else "co_executor",
                "recurrence": Recurrence.YEARLY if yearly else Recurrence.ONCE,
                "deadline": _between(rng, date(2024, 6, 1), date(2026, 12, 31)),
                "weight": Decimal(2 if number == 1 and index % 3 == 0 else 1),
                "responsible": manager,
            }
            created = _at(_between(rng, date(2024, 1, 10), date(2024, 3, 31)))
            tasks.append(
                services.create_task(staff=manager, programme=programme, data=data, when=created)
            )
    # Outcomes: 59 done, 3 partly done, 2 in progress (overdue), 3 cancelled → roll-up ≈ 96%.
    outcomes = ["done"] * 59 + ["partly"] * 3 + ["in_progress"] * 2 + ["cancelled"] * 3
    rng.shuffle(outcomes)
    today = timezone.localdate()
    for task, outcome in zip(tasks, outcomes, strict=True):
        first = task.progress.first()
        created_on = timezone.localdate(first.changed_at) if first else date(2024, 1, 10)
        started = _between(rng, created_on + timedelta(days=20), date(2025, 3, 31))
        task = services.change_status(staff=manager, task=task, action="start", when=_at(started))
        end = _between(rng, started + timedelta(days=30), min(today, date(2026, 11, 20)))
        if outcome == "done":
            services.change_status(staff=manager, task=task, action="complete", when=_at(end))
        elif outcome == "partly":
            middle = _between(rng, started + timedelta(days=10), end)
            task = services.change_status(
                staff=manager,
                task=task,
                action="partly",
                percent=40,
                reason="Ara nəticə",
                when=_at(middle),
            )
            services.change_status(
                staff=manager,
                task=task,
                action="partly",
                percent=rng.choice([70, 80, 90]),
                reason="Tədbirlərin bir hissəsi növbəti ilə keçirildi",
                when=_at(end),
            )
        elif outcome == "cancelled":
            services.change_status(
                staff=manager,
                task=task,
                action="cancel",
                reason="Proqrama edilən dəyişikliklə tapşırıq çıxarıldı",
                when=_at(end),
            )
        else:
            services.update_task(
                staff=manager,
                task=task,
                data={"deadline": today - timedelta(days=rng.randint(15, 60))},
            )
    return Programme.objects.count()
