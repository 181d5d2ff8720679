"""Views of the programmes: the public page (everyone) and the staff area (agency staff)."""

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from digital_ngo.core.exports import requested_format, table_response
from digital_ngo.core.forms import apply_validation_error, message_errors
from digital_ngo.core.http import AuthenticatedRequest
from digital_ngo.core.permissions import require_object_permission
from digital_ngo.core.timeline import timeline
from digital_ngo.programmes import imports, reports, selectors, services
from digital_ngo.programmes.charts import line_chart
from digital_ngo.programmes.forms import (
    EvidenceForm,
    ImportForm,
    SearchForm,
    StaffFilterForm,
    TaskEditForm,
    TransitionForm,
)
from digital_ngo.programmes.models import Evidence, Programme, Task
from digital_ngo.programmes.workflows import TASK


def _chart(programme: Programme | None) -> object:
    days, values = selectors.history_series(programme)
    key = programme.pk if programme is not None else None
    title = (
        _("Execution over time, %") if programme else _("All programmes: execution over time, %")
    )
    return line_chart(f"p{key or 'all'}", title, days, values.get(key, []))


def index(request: HttpRequest) -> HttpResponse:
    """Everyone: the overall figure, each programme's %, the chart over time, and task search."""
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    context = {
        "summary": selectors.summary(),
        "chart": _chart(None),
        "form": form,
        "query": query,
        "found": list(selectors.public_tasks(query=query)[:100]) if query.strip() else None,
    }
    return render(request, "programmes/index.html", context)


def programme(request: HttpRequest, pk: int) -> HttpResponse:
    """Everyone: one programme, its tasks with status and public evidence, its chart."""
    item = get_object_or_404(Programme, pk=pk)
    tasks = list(selectors.public_tasks(item))
    context = {
        "programme": item,
        "tasks": tasks,
        "percent": selectors.programme_percent(item),
        "chart": _chart(item),
        "today": timezone.localdate(),
    }
    return render(request, "programmes/programme.html", context)


def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """Everyone for public evidence; agency staff for internal evidence: the file."""
    evidence = get_object_or_404(Evidence, pk=pk, kind=Evidence.Kind.FILE)
    if not evidence.is_public and not request.user.has_perm("programmes.view_staff"):
        raise Http404
    return FileResponse(
        evidence.file.open("rb"), filename=(evidence.file.name or "").rsplit("/", 1)[-1]
    )


@login_required
def staff_tasks(request: AuthenticatedRequest) -> HttpResponse:
    """Agency staff: every task with filters (overdue flagged); XLSX/CSV in the import's columns."""
    require_object_permission(request.user, "programmes.view_staff", None)
    form = StaffFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    tasks = selectors.staff_tasks(
        programme=data.get("programme"),
        status=data.get("status", ""),
        overdue=bool(data.get("overdue")),
        query=data.get("q", ""),
    )
    if kind := requested_format(request):
        return table_response(
            kind, "dovlet-proqramlari-tapsiriqlar", imports.COLUMNS, map(imports.export_row, tasks)
        )
    context = {
        "form": form,
        "page": Paginator(tasks, 50).get_page(request.GET.get("page")),
        "query": request.GET.copy(),
        "summary": selectors.summary(),
        "overdue": selectors.overdue_count(),
        "today": timezone.localdate(),
        "years": range(timezone.localdate().year, 2023, -1),
    }
    return render(request, "programmes/staff_tasks.html", context)


def _task_context(request: AuthenticatedRequest, task: Task, **forms: object) -> dict[str, object]:
    return {
        "task": task,
        "steps": TASK.available(request.user, task),
        "transition_form": forms.get("transition_form") or TransitionForm(),
        "edit_form": forms.get("edit_form") or TaskEditForm(instance=task),
        "evidence_form": forms.get("evidence_form") or EvidenceForm(),
        "evidence": task.evidence.select_related("press_item", "grant", "added_by"),
        "progress": task.progress.select_related("changed_by"),
        "timeline": timeline(task, *task.evidence.all()),
        "can_manage": request.user.has_perm("programmes.manage"),
        "today": timezone.localdate(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def staff_task(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency staff see a task; administrators and programme managers edit it."""
    require_object_permission(request.user, "programmes.view_staff", None)
    task = get_object_or_404(Task.objects.select_related("programme", "responsible"), pk=pk)
    edit_form = None
    if request.method == "POST":
        require_object_permission(request.user, "programmes.manage", None)
        edit_form = TaskEditForm(request.POST, instance=Task.objects.get(pk=pk))
        if edit_form.is_valid():
            try:
                services.update_task(staff=request.user, task=task, data=edit_form.cleaned_data)
            except ValidationError as error:
                apply_validation_error(edit_form, error)
            else:
                messages.success(request, _("The task was saved."))
                return redirect("programmes:staff_task", pk=pk)
    return render(
        request, "programmes/staff_task.html", _task_context(request, task, edit_form=edit_form)
    )


@login_required
@require_POST
def move_task(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Administrators and programme managers: move a task's status (start, done, partly …)."""
    require_object_permission(request.user, "programmes.change_task_status", None)
    task = get_object_or_404(Task, pk=pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        message_errors(request, ValidationError(_("The percentage must be between 0 and 100.")))
        return redirect("programmes:staff_task", pk=pk)
    try:
        services.change_status(
            staff=request.user,
            task=task,
            action=form.cleaned_data["action"],
            percent=form.cleaned_data["percent"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("The task's status was changed."))
    return redirect("programmes:staff_task", pk=pk)


@login_required
@require_POST
def add_evidence(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Administrators and programme managers: attach evidence to a task."""
    require_object_permission(request.user, "programmes.add_evidence", None)
    task = get_object_or_404(Task.objects.select_related("programme"), pk=pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_evidence(
                staff=request.user,
                task=task,
                kind=data["kind"],
                title=data["title"],
                is_public=data["is_public"],
                url=data["url"],
                upload=data["file"],
                press_item=data["press_item"],
                grant=data["grant"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The evidence was added."))
            return redirect("programmes:staff_task", pk=pk)
    return render(
        request, "programmes/staff_task.html", _task_context(request, task, evidence_form=form)
    )


SESSION_KEY = "programmes-import"


@login_required
@require_http_methods(["GET", "POST"])
def import_tasks(request: AuthenticatedRequest) -> HttpResponse:
    """Administrators and programme managers: upload, see the dry run row by row, then commit."""
    require_object_permission(request.user, "programmes.manage", None)
    form = ImportForm()
    plans, error = None, None
    stored = request.session.get(SESSION_KEY)
    if request.method == "POST" and "commit" in request.POST and stored:
        rows = imports.read_rows(stored["name"], base64.b64decode(stored["content"]))
        try:
            done = imports.apply(staff=request.user, rows=rows)
        except ValidationError as failure:
            message_errors(request, failure)
        else:
            del request.session[SESSION_KEY]
            changed = sum(1 for p in done if p.action in {"create", "change"})
            messages.success(request, _("Imported: %(n)s rows applied.") % {"n": changed})
            return redirect("programmes:staff_tasks")
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            content = upload.read(2_000_001)
            try:
                if len(content) > 2_000_000:
                    raise imports.ImportError_(_("The file is larger than 2 MB."))
                plans = imports.plan(imports.read_rows(upload.name, content))
            except ValidationError as failure:
                error = " ".join(failure.messages)
                request.session.pop(SESSION_KEY, None)
            else:
                request.session[SESSION_KEY] = {
                    "name": upload.name,
                    "content": base64.b64encode(content).decode(),
                }
    return render(
        request,
        "programmes/import.html",
        {
            "form": form,
            "plans": plans,
            "error": error,
            "failed": plans and imports.has_errors(plans),
            "columns": imports.COLUMNS,
        },
    )


@login_required
def annual_report(request: AuthenticatedRequest, year: int) -> HttpResponse:
    """Agency staff: the annual report of the programmes' execution, XLSX or PDF (Azerbaijani)."""
    require_object_permission(request.user, "programmes.view_staff", None)
    if not 2000 <= year <= timezone.localdate().year:
        raise Http404
    report = selectors.year_report(year)
    with translation.override("az"):
        if request.GET.get("format") == "pdf":
            body, kind, ext = reports.pdf(report), "application/pdf", "pdf"
        else:
            body, ext = reports.xlsx(report), "xlsx"
            kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="proqramlar-hesabat-{year}.{ext}"'
    return response
