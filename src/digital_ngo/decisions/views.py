"""Views of decisions. Each docstring says who may use the view; others get 403 or 404."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from digital_ngo.applications.models import Application
from digital_ngo.applications.views import application_for
from digital_ngo.core.exports import requested_format, table_response
from digital_ngo.core.forms import message_errors
from digital_ngo.core.http import AuthenticatedRequest
from digital_ngo.core.permissions import require_object_permission
from digital_ngo.decisions import selectors, services
from digital_ngo.decisions.models import Appeal, Decision
from digital_ngo.funding.models import Call


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=gettext_lazy("Minutes of the board"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AppealForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Grounds of the appeal"), widget=forms.Textarea(attrs={"rows": 4})
    )


class RulingForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        choices=[
            (Appeal.Outcome.UPHELD, Appeal.Outcome.UPHELD.label),
            (Appeal.Outcome.DISMISSED, Appeal.Outcome.DISMISSED.label),
        ],
    )
    note = forms.CharField(label=gettext_lazy("Reasons"), widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


@login_required
def ranking(request: AuthenticatedRequest, call_pk: int) -> HttpResponse:
    """Agency staff: the ranking per topic, the proposed award list and the recorded decision."""
    require_object_permission(request.user, "decisions.view_ranking", None)
    call = get_object_or_404(Call, pk=call_pk)
    decision = Decision.objects.filter(call=call).first()
    proposal = selectors.decided_ranking(call) if decision else selectors.propose_awards(call)
    if kind := requested_format(request):
        labels = {
            "funded": _("Fund"),
            "reserve": _("Reserve"),
            "rejected": _("Do not fund"),
            "withdrawn": _("Award declined or cancelled"),
            "reopened": _("Re-opened by an appeal"),
        }
        headers = [
            _("Topic"),
            _("Project"),
            _("Lead applicant"),
            _("Score"),
            _("Requested"),
            _("Proposal"),
            _("Reason"),
        ]
        rows = (
            [
                line.application.topic.code,
                line.application.title,
                line.application.ngo.name_az,
                float(line.application.score or 0),
                float(line.amount),
                labels[line.outcome],
                line.reason,
            ]
            for line in proposal.lines
        )
        return table_response(kind, f"reytinq-{call.pk}", headers, rows)
    context = {
        "call": call,
        "proposal": proposal,
        "left": call.total_budget - proposal.awarded,
        "decision": decision,
        "reason_form": ReasonForm(),
        "form": MinutesForm(),
        "appeals": Appeal.objects.filter(application__call=call).select_related("application__ngo"),
        "ruling_form": RulingForm(),
    }
    return render(request, "decisions/ranking.html", context)


@login_required
@require_POST
def record(request: AuthenticatedRequest, call_pk: int) -> HttpResponse:
    """Agency administrators: record the board's decision on a call."""
    call = get_object_or_404(Call, pk=call_pk)
    require_object_permission(request.user, "decisions.record", call)
    form = MinutesForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Write the minutes of the board."))
        services.record_decision(
            staff=request.user, call=call, minutes=form.cleaned_data["minutes"]
        )
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("The decision was recorded and the applicants were notified."))
    return redirect("decisions:ranking", call_pk=call_pk)


@login_required
@require_POST
def appeal(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The lead NGO's people: appeal the decision on their application within the window."""
    application = application_for(request, pk)
    require_object_permission(request.user, "decisions.appeal", application)
    form = AppealForm(request.POST)
    try:
        services.appeal(user=request.user, application=application, text=form.data.get("text", ""))
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("Your appeal was submitted."))
    return redirect("applications:detail", pk=pk)


@login_required
@require_POST
def rule(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency administrators: record the outcome of an appeal."""
    appeal_obj = get_object_or_404(Appeal.objects.select_related("application"), pk=pk)
    require_object_permission(request.user, "decisions.rule_on_appeal", appeal_obj)
    form = RulingForm(request.POST)
    try:
        services.rule_on_appeal(
            staff=request.user,
            appeal=appeal_obj,
            outcome=form.data.get("outcome", ""),
            note=form.data.get("note", ""),
        )
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("The appeal was decided."))
    return redirect("decisions:ranking", call_pk=appeal_obj.application.call_id)


@login_required
@require_POST
def withdraw_award(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency administrators: record that a funded award was declined or cancelled (with a
    reason); the next reserve application that fits is funded."""
    application = get_object_or_404(Application, pk=pk)
    require_object_permission(request.user, "decisions.record", application)
    try:
        services.withdraw_award(
            staff=request.user, application=application, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("The award was withdrawn; the reserve list was checked."))
    return redirect("decisions:ranking", call_pk=application.call_id)


@login_required
@require_POST
def settle(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency administrators: fund, reserve or not fund an application re-opened by an appeal."""
    application = get_object_or_404(Application, pk=pk)
    require_object_permission(request.user, "decisions.record", application)
    try:
        services.settle_reopened(
            staff=request.user,
            application=application,
            action=request.POST.get("action", ""),
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("The application was placed in the ranking."))
    return redirect("decisions:ranking", call_pk=application.call_id)
