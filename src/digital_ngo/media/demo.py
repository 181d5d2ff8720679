"""Demo media outlets (names of the kind found in the register; numbers are invented)."""

from datetime import date

from digital_ngo.media.models import MediaOutlet

OUTLETS = [
    ("Xalq qəzeti", MediaOutlet.Kind.NEWSPAPER, "MR-0001", date(2022, 11, 1)),
    ("Azərbaycan qəzeti", MediaOutlet.Kind.NEWSPAPER, "MR-0002", date(2022, 11, 3)),
    ("Respublika", MediaOutlet.Kind.NEWSPAPER, "MR-0003", date(2022, 12, 12)),
    ("Report", MediaOutlet.Kind.NEWS_AGENCY, "MR-0104", date(2023, 1, 20)),
    ("Trend", MediaOutlet.Kind.NEWS_AGENCY, "MR-0105", date(2023, 1, 25)),
    ("Qafqazinfo", MediaOutlet.Kind.ONLINE, "MR-0311", date(2023, 3, 2)),
    ("Regional Xəbər", MediaOutlet.Kind.ONLINE, None, None),
]


def load_outlets() -> list[MediaOutlet]:
    """Create the demo outlets that do not exist yet."""
    return [
        MediaOutlet.objects.get_or_create(
            name=name,
            defaults={"kind": kind, "registry_number": number, "registered_from": since},
        )[0]
        for name, kind, number, since in OUTLETS
    ]
