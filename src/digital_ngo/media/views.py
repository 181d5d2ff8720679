"""Staff pages of the media registry: search, an outlet with its history, import and export."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from digital_ngo.core.exports import requested_format, table_response
from digital_ngo.core.permissions import require_object_permission
from digital_ngo.core.timeline import timeline
from digital_ngo.media import selectors, services
from digital_ngo.media.forms import ImportForm, OutletFilterForm
from digital_ngo.media.models import MediaOutlet


@login_required
def outlet_list(request: HttpRequest) -> HttpResponse:
    """Agency staff: the register, searched without regard to diacritics, filtered; export."""
    require_object_permission(request.user, "media.view_registry", None)
    form = OutletFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    outlets = selectors.search_outlets(
        data.get("q", ""),
        kind=data.get("kind", ""),
        status=data.get("status", ""),
        country=data.get("country", ""),
        language=data.get("language", ""),
    )
    kind = requested_format(request)
    if kind:
        return table_response(kind, "media-register", services.COLUMNS, services.export_rows())
    page = Paginator(outlets, 25).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "query": request.GET.copy()}
    if request.headers.get("HX-Request"):
        return render(request, "media/_results.html", context)
    return render(request, "media/outlet_list.html", context)


@login_required
def outlet_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Agency staff: an outlet, its contacts (with opt-outs) and its history."""
    require_object_permission(request.user, "media.view_registry", None)
    outlet = get_object_or_404(MediaOutlet, pk=pk)
    return render(
        request,
        "media/outlet_detail.html",
        {"outlet": outlet, "contacts": outlet.contacts.all(), "timeline": timeline(outlet)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_register(request: HttpRequest) -> HttpResponse:
    """Agency administrators and programme managers: import the register (dry run, then commit)."""
    require_object_permission(request.user, "media.import_registry", None)
    form = ImportForm(request.POST or None, request.FILES or None)
    report, error, committed = None, "", False
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = services.read_table(upload.name, upload.read())
            if form.cleaned_data["commit"]:
                report = services.commit_import(rows)
                committed = True
            else:
                report = services.plan_import(rows)
        except ValidationError as problem:
            error = " ".join(problem.messages)
            if report is None and "rows" in locals():
                report = services.plan_import(rows)
    context = {
        "form": form,
        "report": report,
        "error": error,
        "committed": committed,
        "columns": services.COLUMNS,
        "summary": {a: report.count(a) for a in ("create", "change", "unchanged", "reject")}
        if report
        else {},
        "title": _("Import the media register"),
    }
    return render(request, "media/import.html", context, status=400 if error else 200)
