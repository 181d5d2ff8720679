"""Views of statements: public pages and signing, staff drafting, approval, sending, review.

Each docstring says who may use the view; others get 403 (staff pages) or 404.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from digital_ngo.campaigns import chain, selectors, services, signing
from digital_ngo.campaigns.forms import ReasonForm, SignForm, StatementForm
from digital_ngo.campaigns.mailing import contact_from_token
from digital_ngo.campaigns.models import Delivery, Signature, Statement
from digital_ngo.campaigns.workflows import SIGNATURE, STATEMENT
from digital_ngo.core.countries import country_name
from digital_ngo.core.exports import table_response
from digital_ngo.core.forms import apply_validation_error, message_errors
from digital_ngo.core.http import AuthenticatedRequest
from digital_ngo.core.permissions import require_object_permission
from digital_ngo.core.timeline import timeline
from digital_ngo.media.services import opt_out


def _public(pk: int) -> Statement:
    return get_object_or_404(selectors.public_statements(), pk=pk)


def _bars(by_country: list[tuple[str, int]], limit: int = 20) -> list[dict[str, Any]]:
    top = by_country[0][1] if by_country else 1
    return [
        {"label": country_name(code), "value": n, "share": n / top}
        for code, n in by_country[:limit]
    ]


def statement_list(request: HttpRequest) -> HttpResponse:
    """Everyone: statements opened for signature, with their tallies."""
    statements = [(s, selectors.tally(s)) for s in selectors.public_statements()]
    return render(request, "campaigns/statement_list.html", {"statements": statements})


def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Everyone: a statement, its tally by country (table and chart) and its chain head."""
    statement = _public(pk)
    tally = selectors.tally(statement)
    _rows, head = chain.chain_head(statement)
    context = {
        "statement": statement,
        "tally": tally,
        "countries": [(country_name(code), n) for code, n in tally.by_country],
        "chart": {
            "key": "countries",
            "title": _("Signatures by country"),
            "bars": _bars(tally.by_country),
            "height": 40 * min(len(tally.by_country), 20) + 10,
            "column": _("Country"),
        },
        "head": head,
        "can_sign_as_ngo": request.user.has_perm("campaigns.sign_as_ngo"),
    }
    return render(request, "campaigns/statement_detail.html", context)


def _client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


@require_http_methods(["GET", "POST"])
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    """Everyone (no account): sign a statement open for signature for an organisation."""
    statement = _public(pk)
    form = SignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data.get("nickname"):  # the honeypot: answer as if all went well
            return render(request, "campaigns/sign_sent.html", {"statement": statement})
        try:
            signing.sign(statement=statement, data=form.cleaned_data, ip=_client_ip(request))
        except signing.AlreadySigned as error:
            return render(
                request,
                "campaigns/sign_sent.html",
                {"statement": statement, "already": error.messages[0]},
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return render(request, "campaigns/sign_sent.html", {"statement": statement})
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "campaigns/sign.html",
        {"statement": statement, "form": form, "open": statement.open_for_signature},
        status=status,
    )


def confirm(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """Everyone holding the link sent by e-mail: confirm the signature(s) of that e-mail."""
    statement = _public(pk)
    try:
        count = signing.confirm(statement_id=statement.pk, token=token)
    except ValidationError as error:
        return render(
            request,
            "campaigns/confirmed.html",
            {"statement": statement, "error": error.messages[0]},
            status=400,
        )
    return render(request, "campaigns/confirmed.html", {"statement": statement, "count": count})


@login_required
@require_POST
def sign_as_ngo(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The administrator of a verified NGO: sign for the NGO in one click."""
    statement = _public(pk)
    require_object_permission(request.user, "campaigns.sign_as_ngo", None)
    try:
        signing.sign_as_ngo(user=request.user, statement=statement)
    except ValidationError as error:
        messages.info(request, error.messages[0])
    else:
        messages.success(request, _("Your organisation's signature is counted. Thank you!"))
    return redirect("campaigns:detail", pk=statement.pk)


def export(request: HttpRequest, pk: int, kind: str) -> HttpResponse | StreamingHttpResponse:
    """Everyone: the signatories as CSV, XLSX or the tamper-evident chained JSON Lines."""
    statement = _public(pk)
    if kind == "jsonl":
        response = StreamingHttpResponse(
            chain.export_lines(statement), content_type="application/jsonl"
        )
        response["Content-Disposition"] = f'attachment; filename="statement-{pk}-signatures.jsonl"'
        return response
    if kind not in ("csv", "xlsx"):
        raise Http404
    headers = [
        _("Organisation"),
        _("Country"),
        _("City"),
        _("Website"),
        _("UN ECOSOC status"),
        _("Representative"),
        _("Position"),
        _("Confirmed"),
    ]
    rows = (
        [
            s.organisation,
            country_name(s.country),
            s.city,
            s.website,
            s.get_ecosoc_display(),
            s.representative,
            s.position,
            s.confirmed_at.isoformat() if s.confirmed_at else "",
        ]
        for s in selectors.counting_signatures(statement)
    )
    return table_response(kind, f"statement-{pk}-signatures", headers, rows)


@csrf_exempt  # the signed token in the URL is the credential; mail clients POST one-click
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Everyone holding the link of a message (no login): stop receiving statements."""
    contact = contact_from_token(token)
    if contact is None:
        return render(request, "campaigns/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        opt_out(contact=contact)
        return render(request, "campaigns/unsubscribe.html", {"done": True})
    return render(request, "campaigns/unsubscribe.html", {"contact": contact})


# --- staff -------------------------------------------------------------------------------


@login_required
def staff_list(request: AuthenticatedRequest) -> HttpResponse:
    """Agency staff: every statement with its status."""
    require_object_permission(request.user, "campaigns.view_staff", None)
    page = Paginator(Statement.objects.select_related("author"), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "campaigns/staff_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def staff_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    """Agency administrators and programme managers: draft a statement or change a draft."""
    require_object_permission(request.user, "campaigns.create_statement", None)
    statement = get_object_or_404(Statement, pk=pk) if pk else None
    form = StatementForm(request.POST or None, instance=statement)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items()}
        try:
            if statement is None:
                statement = services.create_statement(author=request.user, data=data)
            else:
                statement = services.update_statement(
                    staff=request.user, statement=statement, data=data
                )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect("campaigns:staff_detail", pk=statement.pk)
    return render(request, "campaigns/staff_edit.html", {"form": form, "statement": statement})


@login_required
def staff_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency staff: a statement, its recipients' count, progress, steps and timeline."""
    require_object_permission(request.user, "campaigns.view_staff", None)
    statement = get_object_or_404(Statement, pk=pk)
    context = {
        "statement": statement,
        "count": selectors.recipient_count(statement),
        "progress": selectors.progress(statement),
        "steps": STATEMENT.available(request.user, statement),
        "can_resume": request.user.has_perm("campaigns.send_statement", statement)
        and statement.status == Statement.Status.SENDING,
        "failures": Delivery.objects.filter(statement=statement).exclude(
            status__in=[Delivery.Status.QUEUED, Delivery.Status.SENT]
        )[:50],
        "tally": selectors.tally(statement),
        "pending": Signature.objects.filter(
            statement=statement, status__in=[Signature.Status.PENDING, Signature.Status.CONFIRMED]
        )[:50],
        "timeline": timeline(statement),
        "can_review": request.user.has_perm("campaigns.review_signatures"),
    }
    return render(request, "campaigns/staff_detail.html", context)


@login_required
def staff_progress(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency staff: the sending progress (polled by HTMX)."""
    require_object_permission(request.user, "campaigns.view_staff", None)
    statement = get_object_or_404(Statement, pk=pk)
    return render(
        request,
        "campaigns/_progress.html",
        {"statement": statement, "progress": selectors.progress(statement)},
    )


@login_required
@require_POST
def staff_step(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    """Agency administrators and programme managers: approve (not the author), send, resume."""
    require_object_permission(request.user, "campaigns.view_staff", None)
    statement = get_object_or_404(Statement, pk=pk)
    actions = {
        "approve": services.approve_statement,
        "send": services.start_sending,
        "resume": services.resume_sending,
    }
    if action not in actions:
        raise Http404
    try:
        actions[action](staff=request.user, statement=statement)
    except ValidationError as error:
        message_errors(request, error)
    except PermissionDenied:
        raise
    else:
        messages.success(request, _("Done."))
    return redirect("campaigns:staff_detail", pk=statement.pk)


@login_required
@require_POST
def staff_signature_step(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    """Agency administrators and programme managers: verify, or reject with a reason."""
    require_object_permission(request.user, "campaigns.review_signatures", None)
    signature = get_object_or_404(Signature, pk=pk)
    try:
        if action == "verify":
            signing.verify_signature(staff=request.user, signature=signature)
        elif action == "reject":
            form = ReasonForm(request.POST)
            reason = form.data.get("reason", "")
            signing.reject_signature(staff=request.user, signature=signature, reason=reason)
        else:
            raise Http404
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("Done."))
    return redirect("campaigns:staff_detail", pk=signature.statement_id)


STEPS = {"statement": STATEMENT, "signature": SIGNATURE}
