"""Views of grants. Each docstring says who may use the view; others get 403 or 404."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from digital_ngo.applications.views import application_for
from digital_ngo.core.exports import requested_format, table_response
from digital_ngo.core.forms import apply_validation_error, message_errors
from digital_ngo.core.http import AuthenticatedRequest
from digital_ngo.core.permissions import require_object_permission
from digital_ngo.core.timeline import timeline
from digital_ngo.grants import selectors, services
from digital_ngo.grants.forms import (
    ConcludeForm,
    ExpenseFormSet,
    PaymentForm,
    ReportForm,
    ReviewForm,
)
from digital_ngo.grants.models import Grant, IndicatorValue, Report, Tranche


def _grant(request: AuthenticatedRequest, pk: int) -> Grant:
    grant = get_object_or_404(
        Grant.objects.select_related("application__ngo", "application__call"), pk=pk
    )
    if not request.user.has_perm("grants.view_grant", grant):
        raise Http404
    return grant


@login_required
def grant_list(request: AuthenticatedRequest) -> HttpResponse:
    """Agency staff: every grant; NGO people: their NGO's grants."""
    user = request.user
    if user.has_perm("accounts.view_staff_area"):
        grants = Grant.objects.select_related("application__ngo")
    elif user.ngo_id:
        grants = selectors.grants_of(user.ngo_id)
    else:
        raise PermissionDenied
    if (kind := requested_format(request)) and user.has_perm("accounts.view_staff_area"):
        headers = [_("Agreement"), _("Project"), _("NGO"), _("Amount"), _("Status")]
        rows = (
            [
                g.number,
                g.application.title,
                g.application.ngo.name_az,
                float(g.amount),
                g.get_status_display(),
            ]
            for g in grants
        )
        return table_response(kind, "qrantlar", headers, rows)
    context = {
        "grants": grants,
        "overdue": selectors.overdue_reports() if user.has_perm("accounts.view_staff_area") else [],
    }
    return render(request, "grants/grant_list.html", context)


@login_required
def grant_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The grantee's people and agency staff: the project, target vs actual, budget vs spent."""
    grant = _grant(request, pk)
    reports = list(grant.reports.all())
    context: dict[str, Any] = {
        "grant": grant,
        "reports": reports,
        "tranches": grant.tranches.select_related("after_report"),
        "indicators": selectors.indicator_progress(grant),
        "periods": selectors.indicator_periods(grant),
        "budget": selectors.budget_progress(grant),
        "spent": selectors.eligible_spent(grant),
        "can_report": request.user.has_perm("grants.report", grant),
        "next_tranche": grant.tranches.filter(status=Tranche.Status.SCHEDULED)
        .order_by("number")
        .first(),
        "next_review": grant.reports.filter(status=Report.Status.SUBMITTED)
        .order_by("number")
        .first(),
        "payment_form": PaymentForm(),
        "versions": [selectors.report_versions(r) for r in reports if r.version > 1],
        "timeline": timeline(
            grant,
            *reports,
            *grant.tranches.all(),
            public_only=not request.user.has_perm("accounts.view_staff_area"),
        ),
        "review_form": ReviewForm(),
        "lateness": [
            (r, selectors.days_late(r), services.propose_sanction(r)) for r in reports if r.is_open
        ],
        "expenses": [
            e for r in reports for e in r.expenses.select_related("budget_line", "outlet")
        ],
    }
    return render(request, "grants/grant_detail.html", context)


@login_required
def agreement(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """The grantee's people and agency staff: the agreement PDF."""
    grant = _grant(request, pk)
    if not grant.agreement:
        raise Http404
    return FileResponse(
        grant.agreement.open("rb"), filename=f"{grant.number}.pdf", content_type="application/pdf"
    )


@login_required
@require_POST
def conclude(request: AuthenticatedRequest, application_pk: int) -> HttpResponse:
    """Agency administrators and programme managers: conclude a funded application's agreement."""
    application = application_for(request, application_pk)
    require_object_permission(request.user, "grants.conclude", application)
    form = ConcludeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give the start date of the project."))
        grant = services.conclude_agreement(
            staff=request.user, application=application, starts_on=form.cleaned_data["starts_on"]
        )
    except ValidationError as error:
        message_errors(request, error)
        return redirect("applications:detail", pk=application_pk)
    messages.success(request, _("The agreement was concluded."))
    return redirect("grants:detail", pk=grant.pk)


@login_required
@require_http_methods(["GET", "POST"])
def report_form(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The grantee's people: fill in and submit a due or returned report."""
    report = get_object_or_404(Report.objects.select_related("grant__application"), pk=pk)
    grant = _grant(request, report.grant_id)
    require_object_permission(request.user, "grants.report", grant)
    data = request.POST if request.method == "POST" else None
    form = ReportForm(data, request.FILES if data is not None else None, report=report)
    lines = grant.application.budget_lines.all()
    expenses = ExpenseFormSet(
        data, request.FILES or None, prefix="expenses", form_kwargs={"lines": lines}
    )
    if request.method == "POST" and form.is_valid() and expenses.is_valid():
        rows = [services.ExpenseInput(**f.cleaned_data) for f in expenses if f.cleaned_data]
        try:
            services.submit_report(
                user=request.user,
                report=report,
                narrative=form.cleaned_data["narrative"],
                values=form.values(),
                expenses=rows,
                evidence=form.evidence(),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The report was submitted."))
            return redirect("grants:detail", pk=grant.pk)
    context = {
        "report": report,
        "form": form,
        "expenses": expenses,
        "budget": selectors.budget_progress(grant),
    }
    return render(request, "grants/report_form.html", context)


@login_required
@require_POST
def review(request: AuthenticatedRequest, pk: int, decision: str) -> HttpResponse:
    """Monitoring officers and agency administrators: approve or return a submitted report."""
    report = get_object_or_404(Report, pk=pk)
    require_object_permission(request.user, "grants.review_report", report)
    if decision not in {"approve", "return"}:
        raise Http404
    try:
        services.review_report(
            staff=request.user,
            report=report,
            approve=decision == "approve",
            comment=request.POST.get("comment", ""),
        )
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("The review was recorded."))
    return redirect("grants:detail", pk=report.grant_id)


@login_required
@require_POST
def pay(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Finance officers: record the payment of a tranche."""
    tranche = get_object_or_404(Tranche, pk=pk)
    require_object_permission(request.user, "grants.pay", tranche)
    form = PaymentForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give the payment date and reference."))
        services.record_payment(staff=request.user, tranche=tranche, **form.cleaned_data)
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("The payment was recorded."))
    return redirect("grants:detail", pk=tranche.grant_id)


@login_required
@require_POST
def void_payment(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Finance officers: void a payment recorded in error, with the reason."""
    tranche = get_object_or_404(Tranche, pk=pk)
    require_object_permission(request.user, "grants.pay", tranche)
    try:
        services.void_payment(
            staff=request.user, tranche=tranche, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("The payment was voided."))
    return redirect("grants:detail", pk=tranche.grant_id)


@login_required
@require_POST
def cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency administrators (who record the board's decisions): cancel a grant, with the reason."""
    grant = get_object_or_404(Grant, pk=pk)
    require_object_permission(request.user, "decisions.record", grant)
    try:
        services.cancel_grant(
            staff=request.user, grant=grant, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("The grant was cancelled."))
    return redirect("grants:detail", pk=grant.pk)


@login_required
@require_POST
def sanction(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency administrators: confirm the sanction the ladder proposes for a late report."""
    report = get_object_or_404(Report, pk=pk)
    require_object_permission(request.user, "grants.sanction", report)
    try:
        services.confirm_sanction(staff=request.user, report=report)
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("The sanction was recorded."))
    return redirect("grants:detail", pk=report.grant_id)


# --- Indicator evidence (issue 11, §6) ---------------------------------------------------------


def _evidence_response(value: IndicatorValue) -> FileResponse:
    if not value.evidence:
        raise Http404
    name = (value.evidence.name or "evidence").rsplit("/", 1)[-1]
    return FileResponse(value.evidence.open("rb"), filename=name, as_attachment=True)


@login_required
def evidence(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """The grantee's people and agency staff: download the evidence of a reported figure."""
    value = get_object_or_404(IndicatorValue.objects.select_related("report"), pk=pk)
    _grant(request, value.report.grant_id)  # 404 unless the user may see the grant
    return _evidence_response(value)


@login_required
@require_POST
def evidence_public(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The grantee's people: show an evidence file on the public project page, or hide it."""
    value = get_object_or_404(IndicatorValue.objects.select_related("report"), pk=pk)
    grant = _grant(request, value.report.grant_id)
    require_object_permission(request.user, "grants.report", grant)
    try:
        services.set_evidence_public(
            user=request.user, value=value, public=request.POST.get("public") == "1"
        )
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect("grants:detail", pk=grant.pk)
