"""Writes of the events app: events, registrations (seats and waiting list) and check-in.

Every write validates first and runs in one transaction; statuses move only through
:func:`digital_ngo.core.workflow.perform` with the tables in ``workflows.py``. A seat is
taken by one conditional ``UPDATE`` of ``Event.confirmed_count`` under the event's row
lock (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` serialises
writers), and a check constraint refuses any overfill.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digital_ngo.core.workflow import perform, record_creation
from digital_ngo.events import tickets
from digital_ngo.events.models import (
    Event,
    EventPhoto,
    InvitationCode,
    OrganiserKind,
    Registration,
    Visibility,
    Where,
)
from digital_ngo.events.workflows import EVENT, REGISTRATION

R = Registration.Status

EVENT_FIELDS = {
    "title_az", "title_en", "description_az", "description_en", "organiser_kind",
    "organiser_ngo", "organiser_name", "partners_text", "kind", "format", "where", "region",
    "district", "country", "city", "venue", "online_url", "time_zone", "starts_at", "ends_at",
    "capacity", "registration_opens_at", "registration_closes_at", "visibility", "languages",
    "outcome_az", "outcome_en",
}  # fmt: skip


# --- events -----------------------------------------------------------------------------


def _check_place(event: Event) -> None:
    errors: dict[str, Any] = {}
    if event.where == Where.ABROAD:
        if not event.country:
            errors["country"] = _("Give the country of an event abroad.")
        elif str(event.country) == "AZ":
            errors["country"] = _("An event in Azerbaijan is held at home, not abroad.")
        if not event.city:
            errors["city"] = _("Give the city of an event abroad.")
        event.region = event.district = None
    else:
        if event.format != "online" and event.region is None:
            errors["region"] = _("Give the economic region of an event at home.")
        if event.district and event.region and event.district.region_id != event.region.pk:
            errors["district"] = _("The district is not in the chosen economic region.")
        event.country, event.city = "AZ", ""
    if event.organiser_kind == OrganiserKind.NGO and event.organiser_ngo is None:
        errors["organiser_ngo"] = _("Choose the organising NGO.")
    if event.organiser_kind == OrganiserKind.OTHER and not event.organiser_name.strip():
        errors["organiser_name"] = _("Give the organiser's name.")
    if errors:
        raise ValidationError(errors)


def _validate_event(event: Event) -> None:
    errors: dict[str, Any] = {}
    try:
        event.full_clean(exclude=["partner_ngos", "grants", "press_items"])
    except ValidationError as error:
        errors.update(error.message_dict)
    if event.starts_at and event.ends_at and event.ends_at <= event.starts_at:
        errors["ends_at"] = [_("The event must end after it starts.")]
    opens, closes = event.registration_opens_at, event.registration_closes_at
    if opens and closes and closes <= opens:
        errors["registration_closes_at"] = [_("Registration must close after it opens.")]
    if closes and event.ends_at and closes > event.ends_at:
        errors["registration_closes_at"] = [_("Registration must close by the end of the event.")]
    if event.capacity is not None and event.capacity < event.confirmed_count:
        errors["capacity"] = [
            _("%(count)s people already hold a seat; the capacity cannot be lower.")
            % {"count": event.confirmed_count}
        ]
    if errors:
        raise ValidationError(errors)
    _check_place(event)


def _set_links(event: Event, links: dict[str, Any]) -> None:
    for name in ("partner_ngos", "grants", "press_items"):
        if name in links:
            getattr(event, name).set(links[name])


def create_event(*, by: Any, data: dict[str, Any], links: dict[str, Any] | None = None) -> Event:
    """A new draft event from ``data`` (model field values); staff only."""
    if not by.has_perm("events.manage_events"):
        raise PermissionDenied(_("You may not manage events."))
    event = Event(**{k: v for k, v in data.items() if k in EVENT_FIELDS}, created_by=by)
    _validate_event(event)
    with transaction.atomic():
        event.save()
        _set_links(event, links or {})
        record_creation(EVENT, event, "create", by=by)
    return event


def update_event(
    *, by: Any, event: Event, data: dict[str, Any], links: dict[str, Any] | None = None
) -> Event:
    """Change an event's details; the capacity never falls below the seats taken."""
    if not by.has_perm("events.manage_events"):
        raise PermissionDenied(_("You may not manage events."))
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        for name, value in data.items():
            if name in EVENT_FIELDS:
                setattr(locked, name, value)
        _validate_event(locked)
        locked.save()
        _set_links(locked, links or {})
        promoted = _fill_from_waiting_list(locked)
    _announce_promotions(promoted)
    return locked


def publish_event(*, by: Any, event: Event) -> Event:
    return perform(EVENT, event, "publish", by=by)  # type: ignore[no-any-return]


def mark_held(*, by: Any, event: Event) -> Event:
    return perform(EVENT, event, "mark_held", by=by)  # type: ignore[no-any-return]


def cancel_event(*, by: Any, event: Event, reason: str) -> Event:
    """Cancel the event and tell everyone registered (their registrations stay on record)."""

    def notify(locked: Event) -> None:
        for registration in locked.registrations.exclude(status=R.CANCELLED):
            _mail(
                registration,
                gettext_lazy("Cancelled: %(event)s"),
                "events/email/event_cancelled.txt",
                {"reason": reason},
            )

    return perform(EVENT, event, "cancel", by=by, reason=reason, notify=notify)  # type: ignore[no-any-return]


def add_invitation_codes(*, by: Any, event: Event, count: int, note: str = "", uses: int = 1):  # type: ignore[no-untyped-def]
    """``count`` new invitation codes for ``event``, each usable ``uses`` times."""
    if not by.has_perm("events.manage_events"):
        raise PermissionDenied(_("You may not manage events."))
    if not 1 <= count <= 500 or not 1 <= uses <= 1000:
        raise ValidationError(_("Make between 1 and 500 codes, each for 1 to 1000 people."))
    with transaction.atomic():
        return [
            InvitationCode.objects.create(event=event, note=note, max_uses=uses)
            for _i in range(count)
        ]


def add_photo(*, by: Any, event: Event, image: Any, caption_az: str = "", caption_en: str = ""):  # type: ignore[no-untyped-def]
    if not by.has_perm("events.manage_events"):
        raise PermissionDenied(_("You may not manage events."))
    photo = EventPhoto(event=event, image=image, caption_az=caption_az, caption_en=caption_en)
    photo.full_clean()
    photo.save()
    return photo


# --- registrations ------------------------------------------------------------------------


@dataclass
class Participant:
    full_name: str
    email: str
    country: str
    position: str = ""
    organisation_ngo: Any = None
    organisation_name: str = ""
    language: str = "az"


class EventFull(ValidationError):
    """The event is full and the person did not ask for the waiting list."""


def _take_seat(event_id: int) -> bool:
    """Take one seat if one is free: a single conditional UPDATE (the lock is already held)."""
    return bool(
        Event.objects.filter(pk=event_id, confirmed_count__lt=F("capacity")).update(
            confirmed_count=F("confirmed_count") + 1
        )
    )


def _release_seat(event_id: int) -> None:
    Event.objects.filter(pk=event_id, confirmed_count__gt=0).update(
        confirmed_count=F("confirmed_count") - 1
    )


def _check_open(event: Event, now: datetime) -> None:
    if event.status != Event.Status.PUBLISHED:
        raise ValidationError(_("This event does not take registrations."), code="closed")
    if event.registration_opens_at and now < event.registration_opens_at:
        raise ValidationError(_("Registration for this event has not opened yet."), code="closed")
    if (event.registration_closes_at and now >= event.registration_closes_at) or (
        now >= event.ends_at
    ):
        raise ValidationError(_("Registration for this event has closed."), code="closed")


def _use_invitation(event: Event, code: str) -> InvitationCode | None:
    if event.visibility != Visibility.INVITATION:
        return None
    invitation = InvitationCode.objects.filter(event=event, code=code.strip().upper()).first()
    if invitation is None:
        raise ValidationError(
            {"invitation_code": _("This event is by invitation: give a valid invitation code.")}
        )
    used = InvitationCode.objects.filter(pk=invitation.pk, used__lt=F("max_uses")).update(
        used=F("used") + 1
    )
    if not used:
        raise ValidationError({"invitation_code": _("This invitation code has been used up.")})
    return invitation


def register(
    *,
    event: Event,
    person: Participant,
    user: Any = None,
    invitation_code: str = "",
    accept_waiting_list: bool = False,
) -> Registration:
    """Register ``person``; with an NGO account the seat (or waiting place) is taken at once,
    otherwise the registration waits for the e-mail link. A full event raises
    :class:`EventFull` unless ``accept_waiting_list``."""
    if user is not None and not user.has_perm("events.register_as_ngo"):
        raise PermissionDenied(_("Only people of a verified NGO may register with an account."))
    email = person.email.strip().lower()
    now = timezone.now()
    try:
        with transaction.atomic():
            locked = Event.objects.select_for_update().get(pk=event.pk)
            _check_open(locked, now)
            if locked.registrations.filter(email=email).exclude(status=R.CANCELLED).exists():
                raise ValidationError(
                    {"email": _("This e-mail address is already registered for this event.")},
                    code="duplicate",
                )
            if locked.is_full and not accept_waiting_list:
                raise EventFull(
                    _(
                        "The event is full. You may join the waiting list: you will get a seat "
                        "automatically, in order, when someone cancels."
                    ),
                    code="full",
                )
            invitation = _use_invitation(locked, invitation_code)
            registration = Registration(
                event=locked,
                full_name=person.full_name.strip(),
                email=email,
                country=person.country,
                position=person.position.strip(),
                organisation_ngo=person.organisation_ngo,
                organisation_name=person.organisation_name.strip(),
                language=person.language if person.language in ("az", "en") else "az",
                user=user,
                invitation=invitation,
                created_at=now,
            )
            registration.full_clean(exclude=["status", "link_token", "event"])
            if user is None:
                registration.save()
                record_creation(REGISTRATION, registration, "register", by=None)
                _mail(
                    registration,
                    gettext_lazy("Confirm your registration: %(event)s"),
                    "events/email/confirm.txt",
                )
            else:
                _seat_or_wait(registration, now)
                registration.save()
                action = (
                    "register_confirmed"
                    if registration.status == R.CONFIRMED
                    else "register_waiting"
                )
                record_creation(REGISTRATION, registration, action, by=user)
                _announce(registration)
    except IntegrityError as error:  # the unique constraint caught a simultaneous duplicate
        raise ValidationError(
            {"email": _("This e-mail address is already registered for this event.")},
            code="duplicate",
        ) from error
    return registration


def _seat_or_wait(registration: Registration, now: datetime) -> None:
    if _take_seat(registration.event_id):
        registration.status, registration.confirmed_at = R.CONFIRMED, now
    else:
        registration.status, registration.waiting_since = R.WAITING, now


def by_token(token: str) -> Registration:
    registration = Registration.objects.select_related("event").filter(link_token=token).first()
    if registration is None or not token:
        raise ValidationError(_("This link is not valid."), code="invalid_link")
    return registration


def confirm(*, token: str) -> Registration:
    """The e-mail link was followed: take a seat, or a place on the waiting list if full."""
    registration = by_token(token)
    if registration.status != R.PENDING:
        return registration  # a second click changes nothing
    with transaction.atomic():
        Event.objects.select_for_update().get(pk=registration.event_id)
        _check_open(registration.event, timezone.now())
        now = timezone.now()
        seated = _take_seat(registration.event_id)

        def apply(locked: Registration) -> None:
            if seated:
                locked.confirmed_at = now
            else:
                locked.waiting_since = now

        registration = perform(
            REGISTRATION,
            registration,
            "confirm" if seated else "wait",
            by=None,
            apply=apply,
            notify=_announce,
        )
    return registration


def cancel(*, token: str) -> Registration:
    """The person cancels by their link; a freed seat goes to the first on the waiting list."""
    registration = by_token(token)
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        held_seat = registration.status == R.CONFIRMED

        def apply(locked: Registration) -> None:
            if locked.status == R.CONFIRMED:
                _release_seat(locked.event_id)
            locked.cancelled_at = timezone.now()

        registration = perform(
            REGISTRATION,
            registration,
            "cancel",
            by=None,
            apply=apply,
            notify=lambda r: _mail(
                r, gettext_lazy("Registration cancelled: %(event)s"), "events/email/cancelled.txt"
            ),
        )
        promoted = _fill_from_waiting_list(event) if held_seat else []
    _announce_promotions(promoted)
    return registration


def _fill_from_waiting_list(event: Event) -> list[Registration]:
    """Seat people from the waiting list, in the order they joined it, while seats are free."""
    promoted = []
    queue = event.registrations.filter(status=R.WAITING).order_by("waiting_since", "pk")
    for waiting in queue:
        if not _take_seat(event.pk):
            break

        def apply(locked: Registration) -> None:
            locked.confirmed_at = timezone.now()

        promoted.append(
            perform(
                REGISTRATION,
                waiting,
                "promote",
                by=None,
                apply=apply,
                notify=lambda r: _mail(
                    r,
                    gettext_lazy("A seat is yours: %(event)s"),
                    "events/email/promoted.txt",
                    ticket=True,
                ),
            )
        )
    return promoted


def _announce_promotions(promoted: list[Registration]) -> None:
    """Nothing more to do: each promotion queued its own e-mail inside the transaction."""
    del promoted


def _announce(registration: Registration) -> None:
    if registration.status == R.CONFIRMED:
        _mail(
            registration,
            gettext_lazy("Your ticket: %(event)s"),
            "events/email/confirmed.txt",
            ticket=True,
        )
    elif registration.status == R.WAITING:
        _mail(
            registration, gettext_lazy("On the waiting list: %(event)s"), "events/email/waiting.txt"
        )


def _mail(
    registration: Registration,
    subject: Any,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    ticket: bool = False,
) -> None:
    """E-mail a participant (no account) in the language they registered in, on commit."""
    site = str(settings.SITE_URL).rstrip("/")
    with translation.override(registration.language):
        event = registration.event
        text = str(subject) % {"event": event.title}
        code = tickets.ticket_code(registration)
        body = render_to_string(
            template,
            {
                "registration": registration,
                "event": event,
                "site_url": site,
                "code": code,
                **(context or {}),
            },
        )
    message = EmailMessage(text, body, None, [registration.email])
    if ticket:
        message.attach(f"ticket-{code}.png", tickets.qr_png(code), "image/png")
    transaction.on_commit(message.send)


# --- check-in ---------------------------------------------------------------------------


@dataclass
class CheckIn:
    """The answer of the check-in page: ``valid``, ``already``, ``wrong_event``,
    ``not_confirmed`` or ``forged``."""

    outcome: str
    message: str
    registration: Registration | None = None


def check_in(*, by: Any, event: Event, code: str) -> CheckIn:
    """Check the ticket ``code`` at ``event``'s door; the first valid scan checks the person in."""
    if not by.has_perm("events.check_in", event):
        raise PermissionDenied(_("You may not check participants in."))
    parsed = tickets.parse(code)
    registration = (
        Registration.objects.select_related("event", "checked_in_by").filter(pk=parsed[1]).first()
        if parsed
        else None
    )
    if parsed is None or registration is None or not tickets.genuine(registration, *parsed[::2]):
        return CheckIn("forged", _("Not a genuine ticket: the code is forged or mistyped."))
    if registration.event_id != event.pk:
        return CheckIn(
            "wrong_event",
            _("This ticket is for another event: %(event)s.") % {"event": registration.event},
            registration,
        )
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == R.ATTENDED:
            return _already(registration)
        if registration.status != R.CONFIRMED:
            return CheckIn(
                "not_confirmed",
                _("No seat on this ticket: the registration is %(status)s.")
                % {"status": registration.get_status_display()},
                registration,
            )

        def apply(locked: Registration) -> None:
            locked.checked_in_at = timezone.now()
            locked.checked_in_by = by

        registration = perform(REGISTRATION, registration, "check_in", by=by, apply=apply)
    return CheckIn(
        "valid",
        _("Valid: %(name)s is checked in.") % {"name": registration.full_name},
        registration,
    )


def _already(registration: Registration) -> CheckIn:
    from django.utils.formats import date_format

    when = (
        registration.checked_in_at.astimezone(registration.event.zone)
        if registration.checked_in_at
        else None
    )
    who = registration.checked_in_by.full_name if registration.checked_in_by else "—"
    return CheckIn(
        "already",
        _("Already checked in on %(when)s by %(who)s.")
        % {"when": date_format(when, "j E Y, H:i") if when else "—", "who": who},
        registration,
    )
