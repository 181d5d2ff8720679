"""Views of calls. Each docstring says who may use the view."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from digital_ngo.core.cache import ALL_PUBLIC, cached_page
from digital_ngo.core.exports import requested_format, table_response
from digital_ngo.core.forms import apply_validation_error, message_errors
from digital_ngo.core.http import AuthenticatedRequest
from digital_ngo.core.permissions import require_object_permission
from digital_ngo.funding import selectors, services
from digital_ngo.funding.forms import FORMSETS, CallForm
from digital_ngo.funding.models import Call


@cached_page(*ALL_PUBLIC)  # the call page shows the decision and appeals too
def call_list(request: HttpRequest) -> HttpResponse:
    """Everyone: published calls, open ones first."""
    return render(request, "funding/call_list.html", {"calls": selectors.public_calls()})


@cached_page(*ALL_PUBLIC)  # the call page shows the decision and appeals too
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Everyone for published calls; agency staff also for drafts (others get 404)."""
    call = get_object_or_404(Call.objects.prefetch_related("funders"), pk=pk)
    if not request.user.has_perm("funding.view_call", call):
        raise Http404
    now = timezone.now()
    context = {
        "call": call,
        "is_open": call.is_open(),
        "has_closed": call.closes_at <= now,
        "decision": getattr(call, "decision", None),
        "now": now,
    }
    return render(request, "funding/call_detail.html", context)


@login_required
def staff_calls(request: AuthenticatedRequest) -> HttpResponse:
    """Agency administrators and programme managers: every call, drafts included."""
    require_object_permission(request.user, "funding.manage_calls", None)
    calls = selectors.staff_calls()
    if kind := requested_format(request):
        headers = [_("Call"), _("Year"), _("opens"), _("closes"), _("Total budget"), _("State")]
        rows = (
            [
                c.name_az,
                c.year,
                c.opens_at,
                c.closes_at,
                float(c.total_budget),
                _("Published") if c.is_published else _("Draft"),
            ]
            for c in calls
        )
        return table_response(kind, "musabiqeler", headers, rows)
    return render(request, "funding/staff_calls.html", {"calls": calls})


def _bound(request: HttpRequest, call: Call | None) -> tuple[CallForm, list[tuple[Any, Any]]]:
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = CallForm(data, instance=call)
    formsets = [
        (title, formset_class(data, files, instance=call or Call(), prefix=prefix))
        for prefix, (formset_class, title) in FORMSETS.items()
    ]
    return form, formsets


@login_required
@require_http_methods(["GET", "POST"])
def edit_call(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    """Agency administrators and programme managers: create or edit a call and its rules."""
    require_object_permission(request.user, "funding.manage_calls", None)
    call = get_object_or_404(Call, pk=pk) if pk else None
    form, formsets = _bound(request, call)
    valid = form.is_valid() and all(fs.is_valid() for _, fs in formsets)
    if request.method == "POST" and valid:
        try:
            call = services.save_call_setup(
                user=request.user, form=form, formsets=[fs for _, fs in formsets]
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The call was saved."))
            return redirect("funding:edit_call", pk=call.pk)
    problems = services.readiness_problems(call) if call else []
    context = {"form": form, "formsets": formsets, "call": call, "problems": problems}
    return render(request, "funding/edit_call.html", context)


@login_required
@require_POST
def publish_call(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency administrators and programme managers: publish a complete call."""
    call = get_object_or_404(Call, pk=pk)
    require_object_permission(request.user, "funding.manage_calls", call)
    try:
        services.publish_call(user=request.user, call=call)
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("The call is published."))
    return redirect("funding:edit_call", pk=pk)
