"""The platform's own activity-signal sources: applications, grants, reports on time,
profile and document updates, press mentions."""

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digital_ngo.health.signals import Signal, Source, register


def _day(value: Any) -> date:
    return timezone.localdate(value) if isinstance(value, datetime) else value


def _only(rows: QuerySet, field: str, ngo_ids: set[int] | None) -> QuerySet:  # type: ignore[type-arg]
    return rows if ngo_ids is None else rows.filter(**{f"{field}__in": ngo_ids})


def applications(ngo_ids: set[int] | None) -> Iterable[Signal]:
    from digital_ngo.applications.models import Application

    rows = _only(Application.objects.filter(submitted_at__isnull=False), "ngo_id", ngo_ids)
    for ngo_id, when, title in rows.values_list("ngo_id", "submitted_at", "title"):
        yield Signal(ngo_id, "application", _day(when), title)  # type: ignore[arg-type]


def grants(ngo_ids: set[int] | None) -> Iterable[Signal]:
    from digital_ngo.grants.models import Grant

    rows = _only(Grant.objects.all(), "application__ngo_id", ngo_ids)
    for ngo_id, starts, number in rows.values_list("application__ngo_id", "starts_on", "number"):
        yield Signal(ngo_id, "grant", starts, number, reverse("portal:project", args=[number]))


def reports_on_time(ngo_ids: set[int] | None) -> Iterable[Signal]:
    from digital_ngo.grants.models import Report

    rows = _only(
        Report.objects.filter(submitted_at__isnull=False), "grant__application__ngo_id", ngo_ids
    )
    for ngo_id, when, due, number in rows.values_list(
        "grant__application__ngo_id", "submitted_at", "due_on", "grant__number"
    ):
        if _day(when) <= due:  # type: ignore[operator]
            yield Signal(ngo_id, "report", _day(when), number)  # type: ignore[arg-type]


def profile_updates(ngo_ids: set[int] | None) -> Iterable[Signal]:
    from digital_ngo.registry.models import NGO

    rows = _only(NGO.history.all(), "id", ngo_ids)  # type: ignore[attr-defined]
    for ngo_id, when in rows.values_list("id", "history_date"):
        yield Signal(ngo_id, "profile", _day(when))  # type: ignore[arg-type]


def documents(ngo_ids: set[int] | None) -> Iterable[Signal]:
    from digital_ngo.registry.models import NGODocument

    rows = _only(NGODocument.objects.all(), "ngo_id", ngo_ids)
    for ngo_id, when, name in rows.values_list("ngo_id", "uploaded_at", "original_name"):
        yield Signal(ngo_id, "document", _day(when), name)  # type: ignore[arg-type]


def press_mentions(ngo_ids: set[int] | None) -> Iterable[Signal]:
    from digital_ngo.press.models import Mention, PressItem

    rows = _only(
        Mention.objects.filter(item__status=PressItem.Status.PUBLISHED), "ngo_id", ngo_ids
    ).annotate(on=F("item__published_on"), when=F("item__published_at"))
    seen = set()
    for ngo_id, item_id, on, when, title in rows.values_list(
        "ngo_id", "item_id", "on", "when", "item__title"
    ):
        if (ngo_id, item_id) in seen or not (on or when):
            continue
        seen.add((ngo_id, item_id))
        url = reverse("press:detail", args=[item_id])
        yield Signal(ngo_id, "press", _day(on or when), title, url)


register(Source("application", _("grant applications"), 3, 730, applications, _("an application")))
register(Source("grant", _("funded projects"), 5, 1095, grants, _("a funded project")))
register(Source("report", _("reports on time"), 4, 730, reports_on_time, _("a report on time")))
register(Source("profile", _("profile updates"), 1, 365, profile_updates, _("a profile update")))
register(Source("document", _("document uploads"), 1, 365, documents, _("a document upload")))
register(Source("press", _("press mentions"), 2, 365, press_mentions, _("a press mention")))
