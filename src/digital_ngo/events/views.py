"""Pages of the events app. Each view's docstring says who may use it."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from digital_ngo.core.countries import country_name
from digital_ngo.core.exports import xlsx_response
from digital_ngo.core.forms import apply_validation_error, message_errors
from digital_ngo.core.http import AuthenticatedRequest
from digital_ngo.core.permissions import require_object_permission
from digital_ngo.core.timeline import timeline
from digital_ngo.events import ics, selectors, services, tickets
from digital_ngo.events.forms import (
    CheckInForm,
    EventForm,
    FilterForm,
    InvitationForm,
    PhotoForm,
    RegistrationForm,
)
from digital_ngo.events.models import BAKU, Event, EventPhoto, Registration
from digital_ngo.events.workflows import EVENT

MONTHS_AROUND = 36


def _filters(form: FilterForm) -> selectors.EventFilters:
    if not form.is_valid():
        return selectors.EventFilters()
    data = form.cleaned_data
    return selectors.EventFilters(
        where=data.get("where") or "",
        region=data["region"].code if data.get("region") else "",
        country=str(data.get("country") or ""),
        organiser=data.get("organiser") or "",
        kind=data.get("kind") or "",
        when=data.get("when") or "",
    )


def _month(request: HttpRequest) -> tuple[int, int]:
    today = timezone.now().astimezone(BAKU).date()
    raw = request.GET.get("month", "")
    try:
        year, month = (int(part) for part in raw.split("-"))
        if abs(year - today.year) <= MONTHS_AROUND // 12 and 1 <= month <= 12:
            return year, month
    except ValueError:
        pass
    return today.year, today.month


def event_list(request: HttpRequest) -> HttpResponse:
    """Everyone: public events as a list or a month calendar, with filters."""
    form = FilterForm(request.GET or None)
    events = selectors.public_events(_filters(form))
    query = request.GET.copy()
    query.pop("page", None)
    context: dict[str, Any] = {
        "form": form,
        "query": query,
        "view": request.GET.get("view"),
        "filtered": any(request.GET.get(name) for name in FilterForm.base_fields),
    }
    if context["view"] == "month":
        year, month = _month(request)
        first = dt.date(year, month, 1)
        query.pop("month", None)
        context.update(
            weeks=selectors.month_grid(events, year, month),
            month_start=first,
            previous=(first - dt.timedelta(days=1)).strftime("%Y-%m"),
            next=(first + dt.timedelta(days=32)).strftime("%Y-%m"),
        )
    else:
        context["page"] = Paginator(events, 20).get_page(request.GET.get("page"))
    return render(request, "events/list.html", context)


def _public_event(pk: int) -> Event:
    return get_object_or_404(
        Event.objects.public().select_related("region", "district", "organiser_ngo"), pk=pk
    )


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Everyone: one event — when (in Baku time and its own zone), where, registration."""
    event = _public_event(pk)
    user = request.user if request.user.has_perm("events.register_as_ngo") else None
    return render(request, "events/detail.html", _detail_context(request, event, user))


def _detail_context(
    request: HttpRequest, event: Event, user: Any, form: RegistrationForm | None = None
) -> dict[str, Any]:
    return {
        "event": event,
        "form": form or RegistrationForm(event=event, user=user),
        "open": event.registration_open(),
        "not_yet": bool(
            event.registration_opens_at and timezone.now() < event.registration_opens_at
        ),
        "google_link": ics.google_calendar_link(event),
        "photos": event.photos.all(),
        "partners": event.partner_ngos.all(),
        "grants": event.grants.all(),
        "press": event.press_items.filter(status="published"),
        "same_zone": event.time_zone == "Asia/Baku",
        "offer_waiting": request.method == "POST" and event.is_full,
    }


@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    """Everyone (no account needed); verified NGOs' people register with their NGO."""
    event = _public_event(pk)
    user = request.user if request.user.has_perm("events.register_as_ngo") else None
    form = RegistrationForm(request.POST, event=event, user=user)
    if form.is_valid():
        data = form.cleaned_data
        person = services.Participant(
            full_name=data["full_name"],
            email=data["email"],
            country=str(data["country"]),
            position=data.get("position", ""),
            organisation_ngo=user.ngo if user else data.get("organisation_ngo"),  # type: ignore[union-attr]
            organisation_name=data.get("organisation_name", ""),
            language=translation.get_language() or "az",
        )
        try:
            registration = services.register(
                event=event,
                person=person,
                user=user,
                invitation_code=data.get("invitation_code", ""),
                accept_waiting_list=data["accept_waiting_list"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect("events:registration", token=registration.link_token)
    event.refresh_from_db()
    context = _detail_context(request, event, user, form)
    return render(request, "events/detail.html", context, status=400)


def registration(request: HttpRequest, token: str) -> HttpResponse:
    """The holder of the link (sent by e-mail): the registration's state, ticket and cancel."""
    try:
        item = services.by_token(token)
    except ValidationError as error:
        raise Http404(error.messages[0]) from None
    context: dict[str, Any] = {"registration": item, "event": item.event}
    if item.status in (Registration.Status.CONFIRMED, Registration.Status.ATTENDED):
        code = tickets.ticket_code(item)
        context.update(code=code, qr=tickets.qr_svg(code))
    if item.status == Registration.Status.WAITING:
        context["position"] = (
            list(selectors.waiting_list(item.event).values_list("pk", flat=True)).index(item.pk) + 1
        )
    return render(request, "events/registration.html", context)


@require_POST
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The holder of the link: confirm the e-mail address (takes a seat or a waiting place)."""
    try:
        item = services.confirm(token=token)
    except ValidationError as error:
        message_errors(request, error)
        return redirect("events:list")
    if item.status == Registration.Status.CONFIRMED:
        messages.success(request, _("Your seat is confirmed. Your ticket is below."))
    else:
        messages.info(request, _("The event is full: you are on the waiting list."))
    return redirect("events:registration", token=token)


@require_POST
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    """The holder of the link: cancel the registration (the seat goes to the waiting list)."""
    try:
        services.cancel(token=token)
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("events:registration", token=token)


def ticket_pdf(request: HttpRequest, token: str) -> HttpResponse:
    """The holder of the link: the PDF ticket of a confirmed registration."""
    try:
        item = services.by_token(token)
    except ValidationError:
        raise Http404 from None
    if item.status not in (Registration.Status.CONFIRMED, Registration.Status.ATTENDED):
        raise Http404
    response = HttpResponse(tickets.ticket_pdf(item), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ticket-{item.event_id}-{item.pk}.pdf"'
    return response


def photo(request: HttpRequest, pk: int) -> FileResponse:
    """Everyone: a photo of a public event (uploads are not served from a public folder)."""
    item = get_object_or_404(EventPhoto.objects.filter(event__in=Event.objects.public()), pk=pk)
    return FileResponse(
        item.image.open("rb"),
        content_type="image/png" if str(item.image.name).endswith(".png") else "image/jpeg",
    )


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def calendar_feed(request: HttpRequest) -> HttpResponse:
    """Everyone: all public events as an iCalendar feed (RFC 5545)."""
    language = translation.get_language() or "az"
    name = _("Agency for State Support to NGOs: events")
    return _ics_response(
        ics.calendar_bytes(selectors.public_events(), name=name, language=language),
        "calendar.ics",
    )


def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """Everyone: one public event as an .ics file ("add to calendar")."""
    event = _public_event(pk)
    content = ics.calendar_bytes([event], name=event.title, language=translation.get_language())
    return _ics_response(content, f"event-{event.pk}.ics")


def statistics(request: HttpRequest) -> HttpResponse:
    """Everyone: events by year — home vs abroad, participants, countries — with growth."""
    rows = selectors.yearly_statistics()
    labels = _metric_labels()
    charts = [
        {"key": metric, "title": labels[metric], "column": _("Year"), "money": False,
         "bars": selectors.chart_series(rows, metric), "height": 40 * len(rows) + 8}
        for metric in ("home", "abroad", "participants", "participant_countries")
    ]  # fmt: skip
    growth = [
        (labels[g.metric], g)
        for g in selectors.growth(rows)
        if g.metric in ("home", "abroad", "participants", "participant_countries")
    ]
    return render(
        request,
        "events/statistics.html",
        {"rows": rows, "charts": charts, "growth": growth, "labels": labels},
    )


def _metric_labels() -> dict[str, str]:
    return {
        "events": _("Events"),
        "home": _("Events in Azerbaijan"),
        "abroad": _("Events abroad"),
        "participants": _("Participants"),
        "participant_countries": _("Countries of participants"),
        "venue_countries": _("Countries of venues"),
        "organisations": _("Organisations involved"),
    }


def statistics_xlsx(request: HttpRequest) -> HttpResponse:
    """Everyone: the statistics table as XLSX, with the growth factors."""
    rows = selectors.yearly_statistics()
    labels = _metric_labels()
    headers = [_("Year"), *labels.values()]
    table = [[row.year, *(getattr(row, m) for m in selectors.METRICS)] for row in rows]
    table += [[""]] + [
        [f"{g.start}→{g.end}", labels[g.metric], g.factor if g.factor is not None else "—"]
        for g in selectors.growth(rows)
    ]
    return xlsx_response("event-statistics", headers, table)


# --- staff --------------------------------------------------------------------------------


@login_required
def staff_list(request: AuthenticatedRequest) -> HttpResponse:
    """Agency staff: every event (drafts included) with seats, waiting list and check-ins."""
    require_object_permission(request.user, "events.view_staff_events", None)
    page = Paginator(selectors.staff_events(), 30).get_page(request.GET.get("page"))
    return render(request, "events/staff_list.html", {"page": page})


@login_required
def staff_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency staff: one event — registrations, waiting list, codes, steps and timeline."""
    require_object_permission(request.user, "events.view_staff_events", None)
    event = get_object_or_404(Event, pk=pk)
    context = {
        "event": event,
        "registrations": selectors.attendance(event),
        "waiting": selectors.waiting_list(event),
        "codes": event.invitation_codes.all(),
        "steps": EVENT.available(request.user, event),
        "timeline": timeline(event),
        "invitation_form": InvitationForm(),
        "photo_form": PhotoForm(),
        "can_manage": request.user.has_perm("events.manage_events"),
    }
    return render(request, "events/staff_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit_event(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    """Agency administrators and programme managers: create or edit an event."""
    require_object_permission(request.user, "events.manage_events", None)
    event = get_object_or_404(Event, pk=pk) if pk else None
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        data, links = form.service_data()
        try:
            if event is None:
                event = services.create_event(by=request.user, data=data, links=links)
            else:
                event = services.update_event(by=request.user, event=event, data=data, links=links)
        except ValidationError as error:
            _map_times(error)
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("events:staff_detail", pk=event.pk)
    return render(request, "events/edit.html", {"form": form, "event": event})


def _map_times(error: ValidationError) -> None:
    names = {
        "starts_at": "starts_local",
        "ends_at": "ends_local",
        "registration_opens_at": "opens_local",
        "registration_closes_at": "closes_local",
    }
    if hasattr(error, "error_dict"):
        for old, new in names.items():
            if old in error.error_dict:
                error.error_dict[new] = error.error_dict.pop(old)


@login_required
@require_POST
def event_step(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    """Agency administrators and programme managers: publish, mark held or cancel an event."""
    require_object_permission(request.user, "events.manage_events", None)
    event = get_object_or_404(Event, pk=pk)
    try:
        if action == "publish":
            services.publish_event(by=request.user, event=event)
        elif action == "mark_held":
            services.mark_held(by=request.user, event=event)
        elif action == "cancel":
            services.cancel_event(
                by=request.user, event=event, reason=request.POST.get("reason", "")
            )
        else:
            raise Http404
    except ValidationError as error:
        message_errors(request, error)
    except PermissionDenied:
        raise
    return redirect("events:staff_detail", pk=pk)


@login_required
@require_POST
def add_codes(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency administrators and programme managers: make invitation codes."""
    require_object_permission(request.user, "events.manage_events", None)
    event = get_object_or_404(Event, pk=pk)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            services.add_invitation_codes(
                by=request.user, event=event, count=form.cleaned_data["count"],
                note=form.cleaned_data["note"], uses=form.cleaned_data["uses"],
            )  # fmt: skip
        except ValidationError as error:
            message_errors(request, error)
    else:
        messages.error(request, _("Check the number of codes and people per code."))
    return redirect("events:staff_detail", pk=pk)


@login_required
@require_POST
def add_photo(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency administrators and programme managers: add a photo of the event."""
    require_object_permission(request.user, "events.manage_events", None)
    event = get_object_or_404(Event, pk=pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_photo(by=request.user, event=event, **form.cleaned_data)
        except ValidationError as error:
            message_errors(request, error)
    else:
        messages.error(request, _("Choose an image file (JPEG or PNG)."))
    return redirect("events:staff_detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency staff: the door — type or scan a ticket code, get a clear answer."""
    require_object_permission(request.user, "events.check_in", None)
    event = get_object_or_404(Event, pk=pk)
    form = CheckInForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = services.check_in(by=request.user, event=event, code=form.cleaned_data["code"])
        form = CheckInForm()
    counts = {
        "attended": event.registrations.filter(status=Registration.Status.ATTENDED).count(),
        "seated": event.confirmed_count,
    }
    context = {"event": event, "form": form, "result": result, "counts": counts}
    template = (
        "events/_check_in_result.html"
        if request.headers.get("HX-Request")
        else "events/check_in.html"
    )
    return render(request, template, context)


@login_required
def attendance_xlsx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency staff: the attendance list of one event as XLSX."""
    require_object_permission(request.user, "events.view_staff_events", None)
    event = get_object_or_404(Event, pk=pk)
    headers = [_("Full name"), _("Organisation"), _("Country"), _("Position"), _("E-mail address"),
               _("Status"), _("Checked in"), _("Checked in by")]  # fmt: skip
    rows = (
        [
            r.full_name,
            r.organisation,
            country_name(str(r.country)),
            r.position,
            r.email,
            r.get_status_display(),
            r.checked_in_at.astimezone(event.zone).strftime("%Y-%m-%d %H:%M")
            if r.checked_in_at
            else "",
            r.checked_in_by.full_name if r.checked_in_by else "",
        ]
        for r in selectors.attendance(event)
    )
    return xlsx_response(f"attendance-event-{event.pk}", headers, rows)
