"""Views of applications. Each docstring says who may use the view; others get 403 or 404."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from digital_ngo.applications import selectors, services
from digital_ngo.applications.forms import SECTIONS, AttachmentForm, ReasonsForm, StartForm
from digital_ngo.applications.models import Application, Attachment
from digital_ngo.core.exports import requested_format, table_response
from digital_ngo.core.forms import apply_validation_error, message_errors
from digital_ngo.core.http import AuthenticatedRequest
from digital_ngo.core.permissions import require_object_permission
from digital_ngo.core.timeline import timeline
from digital_ngo.decisions.models import Appeal, Decision
from digital_ngo.funding.models import Call


def application_for(request: AuthenticatedRequest, pk: int) -> Application:
    """The application, or 404 for anyone who may not see it."""
    application = get_object_or_404(
        Application.objects.select_related("call", "ngo", "topic", "field"), pk=pk
    )
    if not request.user.has_perm("applications.view_application", application):
        raise Http404
    return application


@login_required
def my_applications(request: AuthenticatedRequest) -> HttpResponse:
    """NGO people: their NGO's applications and the open calls, with eligibility shown first."""
    require_object_permission(request.user, "accounts.view_ngo_area", None)
    ngo = request.user.ngo
    context: dict[str, Any] = {"applications": [], "calls": []}
    if ngo is not None:
        context = {
            "applications": selectors.ngo_applications(ngo),
            "calls": selectors.open_calls_for(ngo),
        }
    return render(request, "applications/my_applications.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def start(request: AuthenticatedRequest, call_pk: int) -> HttpResponse:
    """People of a verified NGO: start an application to an open call."""
    require_object_permission(request.user, "applications.apply", None)
    call = get_object_or_404(Call, pk=call_pk, is_published=True)
    ngo = request.user.ngo
    assert ngo is not None  # the permission requires a verified NGO
    form = StartForm(request.POST or None, call=call, ngo=ngo)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.start_application(
                user=request.user, call=call, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect("applications:detail", pk=application.pk)
    problems = selectors.eligibility_problems(ngo, call)
    return render(
        request, "applications/start.html", {"form": form, "call": call, "problems": problems}
    )


@login_required
def detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The lead NGO's people and agency staff: the whole application and what it still needs."""
    application = application_for(request, pk)
    decision = Decision.objects.filter(call=application.call).first()
    appeal = Appeal.objects.filter(application=application).first()
    context = {
        "application": application,
        "budget": selectors.budget_of(application),
        "problems": selectors.submission_problems(application) if application.is_editable else [],
        "can_edit": request.user.has_perm("applications.edit_application", application),
        "can_check": request.user.has_perm("applications.check_application", application),
        "sections": [(key, title) for key, (title, _forms) in SECTIONS.items()],
        "reasons_form": ReasonsForm(),
        "decision": decision,
        "appeal": appeal,
        "timeline": _timeline(request, application, appeal),
        "show_reviews": request.user.has_perm("applications.view_score", application),
        "reviews": application.assignments.filter(status="submitted").prefetch_related(
            "scores__criterion"
        ),
        "can_appeal": decision is not None
        and request.user.has_perm("decisions.appeal", application)
        and timezone.now() <= decision.appeals_until,
    }
    return render(request, "applications/detail.html", context)


def _timeline(request: AuthenticatedRequest, application: Application, appeal: Any) -> list:  # type: ignore[type-arg]
    """Staff see every step and change; the NGO its public steps; evaluators nothing more."""
    records = [application, *([appeal] if appeal else [])]
    if request.user.has_perm("accounts.view_staff_area"):
        return timeline(*records, *application.assignments.all())
    if request.user.ngo_id == application.ngo_id:
        return timeline(*records, public_only=True)
    return []


def _section_forms(
    request: AuthenticatedRequest, application: Application, section: str
) -> list[tuple[str, Any]]:
    data = request.POST if request.method == "POST" else None
    return [
        (prefix, form_class(data, instance=application, prefix=prefix))
        for prefix, form_class in SECTIONS[section][1]
    ]


@login_required
@require_http_methods(["GET", "POST"])
def edit_section(request: AuthenticatedRequest, pk: int, section: str) -> HttpResponse:
    """The lead NGO's people, while the application is editable: one section of it."""
    application = application_for(request, pk)
    if section not in SECTIONS:
        raise Http404
    if not request.user.has_perm("applications.edit_application", application):
        raise PermissionDenied
    forms = _section_forms(request, application, section)
    if request.method == "POST" and all(form.is_valid() for _prefix, form in forms):
        try:
            services.save_section(
                user=request.user, application=application, forms=[f for _p, f in forms]
            )
        except ValidationError as error:
            message_errors(request, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("applications:edit_section", pk=pk, section=section)
    context = {
        "application": application,
        "forms": forms,
        "title": SECTIONS[section][0],
        "section": section,
        "budget": selectors.budget_of(application),
    }
    return render(request, "applications/edit_section.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def attachments(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The lead NGO's people (upload while editable) and agency staff (read): the attachments."""
    application = application_for(request, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None, call=application.call)
    if request.method == "POST":
        if not request.user.has_perm("applications.edit_application", application):
            raise PermissionDenied
        if form.is_valid():
            document, is_agreement = form.target()
            try:
                services.attach(
                    user=request.user,
                    application=application,
                    upload=form.cleaned_data["upload"],
                    required_document=document,
                    is_partnership_agreement=is_agreement,
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("The file was attached."))
                return redirect("applications:attachments", pk=pk)
    context = {
        "application": application,
        "form": form,
        "attachments": application.attachments.all(),
        "can_edit": request.user.has_perm("applications.edit_application", application),
    }
    return render(request, "applications/attachments.html", context)


@login_required
def attachment_file(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """Whoever may see the application: download one of its attachments."""
    attachment = get_object_or_404(Attachment.objects.select_related("application"), pk=pk)
    application_for(request, attachment.application_id)
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
    )


@login_required
@require_POST
def submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The lead NGO's people: submit a complete application before the deadline."""
    application = application_for(request, pk)
    try:
        services.submit(user=request.user, application=application)
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("The application was submitted."))
    return redirect("applications:detail", pk=pk)


@login_required
def call_applications(request: AuthenticatedRequest, call_pk: int) -> HttpResponse:
    """Agency staff: the applications submitted to a call."""
    require_object_permission(request.user, "accounts.view_staff_area", None)
    call = get_object_or_404(Call, pk=call_pk)
    status = request.GET.get("status", "")
    if status not in Application.Status.values:
        status = ""
    if kind := requested_format(request):
        return _applications_table(kind, call, status)
    context = {
        "call": call,
        "applications": selectors.call_applications(call, status),
        "statuses": Application.Status.choices,
        "status": status,
    }
    return render(request, "applications/call_applications.html", context)


def _applications_table(kind: str, call: Call, status: str) -> HttpResponse:
    headers = [
        _("Project"),
        _("Lead applicant"),
        _("Instrument"),
        _("Topic"),
        _("Submitted"),
        _("Status"),
        _("Score"),
        _("Requested"),
    ]
    rows = (
        [
            a.title,
            a.ngo.name_az,
            a.get_instrument_display(),
            a.topic.code,
            a.submitted_at or "",
            a.get_status_display(),
            float(a.score) if a.score is not None else None,
            float(selectors.budget_of(a).requested),
        ]
        for a in selectors.call_applications(call, status)
    )
    return table_response(kind, f"muraciatler-{call.pk}", headers, rows)


@login_required
@require_POST
def technical_check(request: AuthenticatedRequest, pk: int, decision: str) -> HttpResponse:
    """Agency administrators and programme managers: admissible, returned or inadmissible."""
    application = application_for(request, pk)
    require_object_permission(request.user, "applications.check_application", application)
    reasons = ReasonsForm(request.POST).data.get("reasons", "")
    actions = {
        "admissible": lambda: services.declare_admissible(
            staff=request.user, application=application
        ),
        "return": lambda: services.return_for_correction(
            staff=request.user, application=application, reasons=reasons
        ),
        "inadmissible": lambda: services.declare_inadmissible(
            staff=request.user, application=application, reasons=reasons
        ),
    }
    if decision not in actions:
        raise Http404
    try:
        actions[decision]()
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("The decision was recorded."))
    return redirect("applications:detail", pk=pk)
