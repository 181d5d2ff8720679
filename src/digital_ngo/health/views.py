"""Views of sector health: the no-visible-activity list and cases (staff), and an NGO's own page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digital_ngo.core.exports import requested_format, table_response
from digital_ngo.core.forms import message_errors
from digital_ngo.core.http import AuthenticatedRequest
from digital_ngo.core.permissions import require_object_permission
from digital_ngo.core.timeline import timeline
from digital_ngo.health import selectors, services
from digital_ngo.health.forms import ActivityFilterForm, ReasonForm
from digital_ngo.health.signals import SOURCES
from digital_ngo.health.workflows import ACTIVITY
from digital_ngo.portal.selectors import _bars
from digital_ngo.registry.models import NGO
from digital_ngo.registry.selectors import DirectoryFilters


def _chart(key: str, title: str, column: str, pairs: list[tuple[str, int]]) -> dict[str, object]:
    from decimal import Decimal

    bars = _bars([(label, Decimal(n)) for label, n in pairs[:15]])
    return {
        "key": key,
        "title": title,
        "column": column,
        "money": False,
        "bars": bars,
        "height": 40 * len(bars) + 8,
    }


@login_required
def activity_list(request: AuthenticatedRequest) -> HttpResponse:
    """Agency staff: verified NGOs with no signal for N months (default 24), with reasons."""
    require_object_permission(request.user, "health.view_list", None)
    form = ActivityFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = DirectoryFilters(
        q=data.get("q", ""),
        legal_form=data.get("legal_form", ""),
        region=data.get("region", ""),
        field=data.get("field", ""),
    )
    months = data.get("months") or selectors.DEFAULT_MONTHS
    rows = selectors.no_visible_activity(filters, months, sort=data.get("sort") or "name")
    if kind := requested_format(request):
        headers = [
            _("Name"),
            _("VÖEN (tax ID)"),
            _("Legal form"),
            _("Economic region"),
            _("Last signal"),
            _("Score"),
            _("Status"),
            _("Reasons"),
        ]
        lines = (
            [
                r.ngo.name_az,
                r.ngo.voen or "",
                r.ngo.get_legal_form_display(),
                r.ngo.region or "",
                r.last.on.isoformat() if r.last else "",
                r.score,
                dict(services.ActivityStatus.choices)[r.status],
                " ".join(r.reasons),
            ]
            for r in rows
        )
        return table_response(kind, "gorunen-fealiyyeti-olmayan-qht", headers, lines)
    total = NGO.objects.verified().count()
    context = {
        "form": form,
        "rows": rows,
        "months": months,
        "total": total,
        "query": request.GET.copy(),
        "charts": [
            _chart(
                "region",
                _("By economic region"),
                _("Economic region"),
                selectors.counts(rows, "region"),
            ),
            _chart(
                "field",
                _("By field of activity"),
                _("Field of activity"),
                selectors.counts(rows, "field"),
            ),
        ],
        "sources": SOURCES.values(),
    }
    return render(request, "health/activity_list.html", context)


@login_required
def ngo_activity(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency staff: one NGO's signals, score and explanation, and the case's steps."""
    require_object_permission(request.user, "health.view_list", None)
    ngo = get_object_or_404(NGO, pk=pk)
    row = selectors.for_ngo(ngo)
    case = row.case
    context = {
        "row": row,
        "ngo": ngo,
        "signals": selectors.signals({ngo.pk}).get(ngo.pk, [])[:50],
        "steps": ACTIVITY.available(request.user, case)
        if case
        else ([ACTIVITY["notify"]] if request.user.has_perm("health.manage") else []),
        "timeline": timeline(case) if case else [],
        "sources": SOURCES.values(),
        "reason_form": ReasonForm(),
        "staff": True,
    }
    return render(request, "health/ngo_activity.html", context)


@login_required
@require_POST
def act(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    """Agency administrators and programme managers: notify, mark inactive, or restore."""
    require_object_permission(request.user, "health.manage", None)
    ngo = get_object_or_404(NGO, pk=pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    steps = {
        "notify": lambda: services.notify(staff=request.user, ngo=ngo),
        "mark_inactive": lambda: services.mark_inactive(staff=request.user, ngo=ngo),
        "restore": lambda: services.restore(staff=request.user, ngo=ngo, reason=reason),
    }
    if action not in steps:
        raise Http404
    try:
        steps[action]()
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("Done: %(step)s.") % {"step": ACTIVITY[action].label})
    return redirect("health:ngo", pk=pk)


@login_required
def my_activity(request: AuthenticatedRequest) -> HttpResponse:
    """The NGO's own people: how the platform sees their NGO's activity, in words."""
    ngo = request.user.ngo
    if ngo is None:
        raise PermissionDenied
    require_object_permission(request.user, "health.view_explanation", ngo)
    row = selectors.for_ngo(ngo)
    context = {
        "row": row,
        "ngo": ngo,
        "signals": selectors.signals({ngo.pk}).get(ngo.pk, [])[:50],
        "sources": SOURCES.values(),
        "staff": False,
        "today": timezone.localdate(),
    }
    return render(request, "health/ngo_activity.html", context)
