"""Writes about calls: creation with the default instruments, and publication once complete."""

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digital_ngo.accounts.models import Role, User
from digital_ngo.core.notify import notify_ngo, notify_staff
from digital_ngo.core.once import claim
from digital_ngo.funding.models import (
    DEFAULT_INSTRUMENTS,
    DEFAULT_TRANCHES,
    Call,
    CallInstrument,
    Funder,
)


def _require(user: User) -> None:
    if not user.has_perm("funding.manage_calls"):
        raise PermissionDenied(_("You may not manage calls."))


def validate_tranches(tranches: Any) -> None:
    """Tranches are whole percentages above zero that add up to 100."""
    valid = (
        isinstance(tranches, list)
        and tranches
        and all(isinstance(p, int) and p > 0 for p in tranches)
        and sum(tranches) == 100
    )
    if not valid:
        raise ValidationError(
            {
                "tranches": _(
                    "Give the tranches as whole percentages that add up to 100, e.g. 80, 20."
                )
            }
        )


@transaction.atomic
def create_call(
    *,
    user: User,
    data: Mapping[str, Any],
    funders: Iterable[Funder],
    default_instruments: bool = True,
) -> Call:
    """Create an unpublished call; by default it offers the small, medium and large grants."""
    _require(user)
    call = Call(**data, created_by=user)
    if not call.tranches:
        call.tranches = list(DEFAULT_TRANCHES)
    validate_tranches(call.tranches)
    call.full_clean()
    call.save()
    call.funders.set(funders)
    if default_instruments:
        CallInstrument.objects.bulk_create(
            CallInstrument(call=call, instrument=kind, max_amount=cap, max_months=months)
            for kind, (cap, months) in DEFAULT_INSTRUMENTS.items()
        )
    return call


@transaction.atomic
def save_call_setup(*, user: User, form: Any, formsets: Iterable[Any]) -> Call:
    """Save a call and its instruments, topics, criteria and documents (validated forms).

    Once a published call has opened, its rules are fixed: applicants rely on them.
    """
    _require(user)
    call = form.instance
    if call.pk and call.is_published and Call.objects.get(pk=call.pk).opens_at <= timezone.now():
        raise ValidationError(_("A call that has opened can no longer change its rules."))
    validate_tranches(form.cleaned_data["tranches"])
    if call.pk is None:
        call.created_by = user
    call = form.save()
    for formset in formsets:
        formset.instance = call
        formset.save()
    return call


def readiness_problems(call: Call) -> list[str]:
    """What must be completed before ``call`` can be published; empty when it is ready."""
    problems = []
    if not call.funders.exists():
        problems.append(_("Name at least one funder."))
    if not call.instruments.exists():
        problems.append(_("Offer at least one instrument."))
    if not call.topics.exists():
        problems.append(_("Add at least one priority topic."))
    weights = sum((c.weight for c in call.criteria.all()), Decimal(0))
    if weights != 100:
        problems.append(
            _("The weights of the evaluation criteria add up to %(sum)s%%, not 100%%.")
            % {"sum": weights}
        )
    try:
        validate_tranches(call.tranches)
    except ValidationError as error:
        problems += error.messages
    return problems


@transaction.atomic
def publish_call(*, user: User, call: Call) -> Call:
    """Publish a complete call; NGOs can then see it and apply while it is open."""
    _require(user)
    call = Call.objects.select_for_update().get(pk=call.pk)
    problems = readiness_problems(call)
    if problems:
        raise ValidationError(problems)
    call.is_published = True
    call.save(update_fields=["is_published"])
    return call


def send_call_reminders(now: datetime) -> int:
    """At the right Asia/Baku moment: remind NGOs with drafts that a call closes within three
    days, and tell programme managers once a call has closed (its submissions await checking).

    A call's open or closed state follows its dates (``Call.is_open``); these notices are
    what the platform does at those moments, each sent once.
    """
    from digital_ngo.applications.models import Application

    sent = 0
    closing = Call.objects.filter(
        is_published=True, closes_at__gt=now, closes_at__lte=now + timedelta(days=3)
    )
    drafts = Application.objects.filter(
        call__in=closing, status=Application.Status.DRAFT
    ).select_related("ngo", "call")
    for application in drafts:
        if claim(f"call-closing:{application.call_id}:{application.pk}"):
            notify_ngo(
                application.ngo,
                gettext_lazy("The call closes soon: %(call)s"),
                "funding/email/call_closing.txt",
                {"application": application, "call": application.call},
                subject_args={"call": application.call},
            )
            sent += 1
    closed = Call.objects.filter(
        is_published=True, closes_at__lte=now, closes_at__gt=now - timedelta(days=30)
    )
    for call in closed:
        if claim(f"call-closed:{call.pk}"):
            notify_staff(
                [Role.PROGRAMME_MANAGER],
                gettext_lazy("The call has closed: %(call)s"),
                "funding/email/call_closed.txt",
                {"call": call, "submitted": call.applications.filter(status="submitted").count()},
                subject_args={"call": call},
            )
            sent += 1
    return sent
