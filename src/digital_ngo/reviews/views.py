"""Views of evaluation. Each docstring says who may use the view; others get 403 or 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from digital_ngo.core.exports import requested_format, table_response
from digital_ngo.core.forms import apply_validation_error
from digital_ngo.core.http import AuthenticatedRequest
from digital_ngo.core.permissions import require_object_permission
from digital_ngo.funding.models import Call
from digital_ngo.reviews import selectors, services
from digital_ngo.reviews.forms import DeclarationForm, ScoreSheetForm
from digital_ngo.reviews.models import Assignment


def _assignment(request: AuthenticatedRequest, pk: int) -> Assignment:
    """The evaluator's own assignment; anyone else's is 404."""
    assignment = get_object_or_404(
        Assignment.objects.select_related("application__call", "application__ngo"), pk=pk
    )
    if not request.user.has_perm("reviews.work_on_assignment", assignment):
        raise Http404
    return assignment


@login_required
def my_reviews(request: AuthenticatedRequest) -> HttpResponse:
    """Evaluators: the applications assigned to them."""
    require_object_permission(request.user, "reviews.evaluate", None)
    return render(
        request, "reviews/my_reviews.html", {"assignments": selectors.my_assignments(request.user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def declare(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The assigned evaluator: sign the conflict-of-interest declaration, then read and score."""
    assignment = _assignment(request, pk)
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assignment = services.declare(
                evaluator=request.user,
                assignment=assignment,
                answers=form.answers(),
                confidential=form.cleaned_data["confidential"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            if assignment.status == Assignment.Status.CONFLICT:
                messages.info(
                    request, _("You are recused from this application; thank you for declaring it.")
                )
                return redirect("reviews:mine")
            return redirect("reviews:score", pk=pk)
    return render(request, "reviews/declare.html", {"assignment": assignment, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def score(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The assigned evaluator, after a declaration without conflict: score every criterion."""
    assignment = _assignment(request, pk)
    if assignment.status == Assignment.Status.ASSIGNED:
        return redirect("reviews:declare", pk=pk)
    if assignment.status == Assignment.Status.CONFLICT:
        raise Http404
    criteria = list(assignment.application.call.criteria.all())
    form = ScoreSheetForm(request.POST or None, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_scores(
                evaluator=request.user, assignment=assignment, scores=form.scores()
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Your scores were submitted."))
            return redirect("reviews:mine")
    context = {
        "assignment": assignment,
        "form": form,
        "own_scores": assignment.scores.select_related("criterion"),
    }
    return render(request, "reviews/score.html", context)


@login_required
def call_evaluation(request: AuthenticatedRequest, call_pk: int) -> HttpResponse:
    """Agency staff: every application in evaluation with its evaluators, totals and score."""
    require_object_permission(request.user, "reviews.view_results", None)
    call = get_object_or_404(Call, pk=call_pk)
    if kind := requested_format(request):
        headers = [
            _("Topic"),
            _("Project"),
            _("Lead applicant"),
            _("Evaluators"),
            _("Score"),
            _("Status"),
        ]
        rows = (
            [
                a.topic.code,
                a.title,
                a.ngo.name_az,
                "; ".join(
                    f"{s.evaluator.full_name}: {s.get_status_display()} {s.total or ''}".strip()
                    for s in a.assignments.all()
                ),
                float(a.score) if a.score is not None else None,
                a.get_status_display(),
            ]
            for a in selectors.call_results(call)
        )
        return table_response(kind, f"qiymetlendirme-{call.pk}", headers, rows)
    return render(
        request,
        "reviews/call_evaluation.html",
        {"call": call, "applications": selectors.call_results(call)},
    )


@login_required
@require_POST
def assign(request: AuthenticatedRequest, call_pk: int) -> HttpResponse:
    """Agency administrators and programme managers: assign evaluators to a call's applications."""
    call = get_object_or_404(Call, pk=call_pk)
    require_object_permission(request.user, "reviews.assign", call)
    made, shortages = services.assign_evaluators(staff=request.user, call=call)
    messages.success(request, _("%(count)s assignments made.") % {"count": made})
    for shortage in shortages:
        messages.error(request, shortage)
    return redirect("reviews:call_evaluation", call_pk=call_pk)
