"""Views of the registry. Each docstring says who may use the view; others get 403 or 404."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from digital_ngo.applications.selectors import ngo_applications, pipeline
from digital_ngo.core.cache import ALL_PUBLIC, cached_page
from digital_ngo.core.exports import requested_format, table_response
from digital_ngo.core.forms import apply_validation_error, message_errors
from digital_ngo.core.http import AuthenticatedRequest
from digital_ngo.core.permissions import require_object_permission
from digital_ngo.core.timeline import timeline
from digital_ngo.grants import selectors as grant_selectors
from digital_ngo.press.selectors import published_mentions
from digital_ngo.programmes import selectors as programme_selectors
from digital_ngo.registry import selectors, services
from digital_ngo.registry.forms import (
    AffiliationForm,
    DirectoryFilterForm,
    NGORegistrationForm,
    OwnAffiliationForm,
    PeopleFormSet,
    ReturnForm,
    SanctionForm,
    StaffFilterForm,
    VoidForm,
)
from digital_ngo.registry.models import NGO, Affiliation, NGODocument, Sanction, Verification

PAGE_SIZE = 25


def _filters(form: DirectoryFilterForm) -> selectors.DirectoryFilters:
    data = form.cleaned_data if form.is_valid() else {}
    return selectors.DirectoryFilters(
        **{
            name: data.get(name) or ""
            for name in ("q", "legal_form", "region", "field", "status", "activity")
        }
    )


def _page(request: HttpRequest, queryset: Any) -> Any:
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@cached_page(*ALL_PUBLIC)
def ngo_directory(request: HttpRequest) -> HttpResponse:
    """Everyone: the directory of verified NGOs, filtered; search ignores diacritics."""
    form = DirectoryFilterForm(request.GET or None)
    page = _page(request, selectors.public_directory(_filters(form)))
    context = {"form": form, "page": page, "query": request.GET.copy()}
    if request.headers.get("HX-Request"):
        return render(request, "registry/_directory_results.html", context)
    return render(request, "registry/directory.html", context)


@cached_page(*ALL_PUBLIC)
def ngo_profile(request: HttpRequest, pk: int) -> HttpResponse:
    """Everyone: the public profile of a verified NGO; unverified ones are 404."""
    ngo = get_object_or_404(NGO.objects.verified().select_related("region", "district"), pk=pk)
    context = {
        "ngo": ngo,
        "sanctions": ngo.sanctions.all(),
        "press": published_mentions(ngo.pk)[:20],
        "projects": grant_selectors.grants_of(ngo.pk),
    }
    return render(request, "registry/profile.html", context)


@login_required
def my_ngo(request: AuthenticatedRequest) -> HttpResponse:
    """NGO administrators and members: their NGO's page, with its registration state."""
    if not request.user.has_perm("accounts.view_ngo_area"):
        raise PermissionDenied
    ngo = request.user.ngo
    context: dict[str, Any] = {"ngo": ngo}
    if ngo is not None:
        context.update(
            documents=ngo.documents.all(),
            people=ngo.people.all(),
            reasons=selectors.ineligibility_reasons(ngo),
            applications=ngo_applications(ngo)[:10],
            open_reports=grant_selectors.open_reports_of(ngo.pk),
            timeline=timeline(ngo, *ngo.sanctions.all(), public_only=True),
            **_links(request.user, selectors.affiliations_of(ngo)),
        )
    return render(request, "registry/my_ngo.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def register_ngo(request: AuthenticatedRequest) -> HttpResponse:
    """NGO administrators who have no NGO yet: register one with its documents."""
    if not request.user.has_perm("registry.register_ngo"):
        raise PermissionDenied
    form = NGORegistrationForm(request.POST or None, request.FILES or None)
    people = PeopleFormSet(request.POST or None, prefix="people")
    done = _("Your NGO was submitted for the agency's technical check.")
    return _registration(
        request, form, done, lambda **data: services.register_ngo(**data), people=people
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_registration(request: AuthenticatedRequest) -> HttpResponse:
    """The NGO's administrator, until the NGO is verified: correct and resubmit the registration."""
    ngo = request.user.ngo
    if ngo is None or not request.user.has_perm("registry.edit_registration", ngo):
        raise PermissionDenied
    form = NGORegistrationForm(request.POST or None, request.FILES or None, instance=ngo)
    done = _("Your corrections were submitted for the technical check.")
    fresh = NGO.objects.get(pk=ngo.pk)  # the form's instance holds unsaved edits
    return _registration(
        request, form, done, lambda **data: services.resubmit_registration(ngo=fresh, **data)
    )


def _registration(
    request: AuthenticatedRequest,
    form: NGORegistrationForm,
    done: str,
    save: Callable[..., NGO],
    people: Any = None,
) -> HttpResponse:
    """Show the registration form; on a valid POST, ``save`` it through a service (with the
    NGO's people declared in the optional ``people`` formset, in the same transaction)."""
    people_valid = people is None or people.is_valid()
    if request.method == "POST" and form.is_valid() and people_valid:
        try:
            with transaction.atomic():
                ngo = save(
                    user=request.user,
                    data=form.ngo_data(),
                    fields=form.cleaned_data["fields"],
                    documents=form.documents(),
                )
                for row in people or ():
                    if row.has_changed():
                        services.declare_ngo_person(
                            user=request.user, ngo=ngo, data=row.cleaned_data
                        )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, done)
            return redirect("registry:my_ngo")
    context = {
        "form": form,
        "creating": form.instance.pk is None,
        "ngo": form.instance,
        "people": people,
    }
    return render(request, "registry/registration_form.html", context)


@login_required
def download_document(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """The NGO's own people and agency staff: download a registration document; others get 404."""
    document = get_object_or_404(NGODocument.objects.select_related("ngo"), pk=pk)
    if not request.user.has_perm("registry.view_ngo_private", document.ngo):
        raise Http404
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


@login_required
def staff_dashboard(request: AuthenticatedRequest) -> HttpResponse:
    """Agency staff: the registry at a glance and the verification queue."""
    require_object_permission(request.user, "registry.view_staff_lists", None)
    by_state = dict(
        NGO.objects.values_list("verification")
        .annotate(n=Count("pk"))
        .values_list("verification", "n")
    )
    context = {
        "queue": selectors.verification_queue()[:10],
        "counts": [(label, by_state.get(value, 0), value) for value, label in Verification.choices],
        "total": sum(by_state.values()),
        "bans": selectors.active_bans().count(),
        "pipeline": pipeline(),
        "money": grant_selectors.money(),
        "overdue": grant_selectors.overdue_reports().count(),
        "due_soon": grant_selectors.reports_due_soon(),
        "overdue_tasks": programme_selectors.staff_tasks(overdue=True)[:10],
    }
    return render(request, "registry/staff_dashboard.html", context)


@login_required
def staff_ngo_list(request: AuthenticatedRequest) -> HttpResponse:
    """Agency staff: every NGO in any state, with filters."""
    require_object_permission(request.user, "registry.view_staff_lists", None)
    form = StaffFilterForm(request.GET or None)
    verification = form.cleaned_data.get("verification", "") if form.is_valid() else ""
    ngos = selectors.staff_ngo_list(_filters(form), verification)
    if kind := requested_format(request):
        headers = [
            _("Name"),
            _("VÖEN (tax ID)"),
            _("Legal form"),
            _("Economic region"),
            _("Verification"),
            _("Status"),
        ]
        rows = (
            [
                n.name_az,
                n.voen or "",
                n.get_legal_form_display(),
                n.region or "",
                n.get_verification_display(),
                n.get_status_display(),
            ]
            for n in ngos.iterator()
        )
        return table_response(kind, "qht-reyestri", headers, rows)
    return render(
        request,
        "registry/staff_ngo_list.html",
        {"form": form, "page": _page(request, ngos), "query": request.GET.copy()},
    )


@login_required
def staff_ngo_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency staff: an NGO's full record, documents, the verification decision and sanctions."""
    require_object_permission(request.user, "registry.view_staff_lists", None)
    ngo = get_object_or_404(NGO.objects.select_related("region", "district"), pk=pk)
    context = _detail_context(ngo)
    context.update(_links(request.user, selectors.affiliations_of(ngo)))
    return render(request, "registry/staff_ngo_detail.html", context)


def _detail_context(ngo: NGO, **forms: Any) -> dict[str, Any]:
    return {
        "ngo": ngo,
        "documents": ngo.documents.all(),
        "sanctions": ngo.sanctions.select_related("imposed_by"),
        "people": ngo.people.all(),
        "reasons": selectors.ineligibility_reasons(ngo),
        "return_form": forms.get("return_form") or ReturnForm(),
        "sanction_form": forms.get("sanction_form") or SanctionForm(),
        "timeline": timeline(ngo, *ngo.sanctions.all()),
        "can_void_sanctions": True,
    }


@login_required
@require_POST
def void_sanction(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency administrators: void a sanction imposed in error, with the reason (kept on record)."""
    sanction = get_object_or_404(Sanction, pk=pk)
    require_object_permission(request.user, "registry.impose_sanction", sanction)
    try:
        services.void_sanction(
            staff=request.user, sanction=sanction, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The sanction was voided."))
    return redirect("registry:staff_ngo_detail", pk=sanction.ngo_id)


@login_required
@require_POST
def verify_ngo(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency administrators and programme managers: mark a submitted NGO as verified."""
    ngo = get_object_or_404(NGO, pk=pk)
    require_object_permission(request.user, "registry.verify_ngo", ngo)
    try:
        services.verify_ngo(staff=request.user, ngo=ngo)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s is verified.") % {"name": ngo.name})
    return redirect("registry:staff_ngo_detail", pk=pk)


@login_required
@require_POST
def return_registration(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency administrators and programme managers: return a registration with reasons."""
    ngo = get_object_or_404(NGO, pk=pk)
    require_object_permission(request.user, "registry.verify_ngo", ngo)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.return_registration(
                staff=request.user,
                ngo=ngo,
                reasons=form.cleaned_data["reasons"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The registration was returned to the NGO."))
            return redirect("registry:staff_ngo_detail", pk=pk)
    return render(
        request,
        "registry/staff_ngo_detail.html",
        _detail_context(ngo, return_form=form),
        status=400,
    )


@login_required
@require_POST
def impose_sanction(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency administrators: record a sanction against an NGO."""
    ngo = get_object_or_404(NGO, pk=pk)
    require_object_permission(request.user, "registry.impose_sanction", ngo)
    form = SanctionForm(request.POST, instance=Sanction(ngo=ngo, imposed_by=request.user))
    if form.is_valid():
        try:
            services.impose_sanction(
                staff=request.user,
                ngo=ngo,
                **{
                    name: form.cleaned_data[name]
                    for name in ("kind", "starts_on", "ends_on", "reason")
                },
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The sanction was recorded."))
            return redirect("registry:staff_ngo_detail", pk=pk)
    return render(
        request,
        "registry/staff_ngo_detail.html",
        _detail_context(ngo, sanction_form=form),
        status=400,
    )


@login_required
def ngo_history(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Agency staff: every change to an NGO's record, who made it and when, old → new."""
    ngo = get_object_or_404(NGO, pk=pk)
    require_object_permission(request.user, "registry.view_history", ngo)
    entries = selectors.record_history(ngo)
    return render(request, "registry/history.html", {"ngo": ngo, "entries": entries})


# --- Affiliations (issue 11, §6) ---------------------------------------------------------------


def _links(user: Any, affiliations: Any) -> dict[str, Any]:
    """Links to list, and those of them ``user`` may change (for the edit links)."""
    rows = list(affiliations)
    changeable = [row for row in rows if user.has_perm("registry.change_affiliation", row)]
    return {"affiliations": rows, "changeable": changeable}


def _affiliation_saved(request: HttpRequest, form: Any, save: Callable[[], Any]) -> bool:
    """Run ``save`` for a valid form; put the service's refusal on the form."""
    if not form.is_valid():
        return False
    try:
        save()
    except ValidationError as error:
        apply_validation_error(form, error)
        return False
    messages.success(request, _("The link was saved."))
    return True


@login_required
@require_http_methods(["GET", "POST"])
def ngo_people(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The NGO's own people and agency staff: the NGO's declared people (founders, members,
    employees, board members) with their dates; the NGO's administrator and the agency's
    administrators and programme managers add people."""
    ngo = get_object_or_404(NGO, pk=pk)
    require_object_permission(request.user, "registry.view_affiliations", ngo)
    form = AffiliationForm(request.POST or None)
    if request.method == "POST":
        require_object_permission(request.user, "registry.manage_affiliations", ngo)
        data = form.cleaned_data if form.is_valid() else {}
        if _affiliation_saved(
            request,
            form,
            lambda: services.declare_ngo_person(user=request.user, ngo=ngo, data=data),
        ):
            return redirect("registry:ngo_people", pk=ngo.pk)
    context = {
        "ngo": ngo,
        "form": form,
        "can_manage": request.user.has_perm("registry.manage_affiliations", ngo),
        **_links(request.user, selectors.affiliations_of(ngo)),
    }
    return render(request, "registry/ngo_people.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit_affiliation(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Whoever may change the link (the NGO's administrator for its NGO's people, the agency's
    administrators and programme managers, an evaluator for their own): correct or end it."""
    affiliation = get_object_or_404(Affiliation.objects.select_related("ngo", "person"), pk=pk)
    require_object_permission(request.user, "registry.change_affiliation", affiliation)
    form_class = OwnAffiliationForm if affiliation.source == "self" else AffiliationForm
    form = form_class(request.POST or None, instance=Affiliation.objects.get(pk=pk))
    if request.method == "POST":
        data = form.cleaned_data if form.is_valid() else {}
        if _affiliation_saved(
            request,
            form,
            lambda: services.update_affiliation(
                user=request.user, affiliation=affiliation, data=data
            ),
        ):
            return redirect(_back_to(request.user, affiliation))
    context = {
        "affiliation": affiliation,
        "form": form,
        "void_form": VoidForm(),
        "back": _back_to(request.user, affiliation),
    }
    return render(request, "registry/affiliation_form.html", context)


def _back_to(user: Any, affiliation: Affiliation) -> str:
    if affiliation.source == "self" and affiliation.person_id == user.pk:
        return reverse("registry:my_affiliations")
    return reverse("registry:ngo_people", args=[affiliation.ngo_id])


@login_required
@require_POST
def void_affiliation(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Whoever may change the link: void it with a reason (it stays on record)."""
    affiliation = get_object_or_404(Affiliation, pk=pk)
    require_object_permission(request.user, "registry.change_affiliation", affiliation)
    try:
        services.void_affiliation(
            user=request.user, affiliation=affiliation, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        message_errors(request, error)
        return redirect("registry:edit_affiliation", pk=pk)
    messages.success(request, _("The link was voided; it stays on record."))
    return redirect(_back_to(request.user, affiliation))


@login_required
@require_http_methods(["GET", "POST"])
def my_affiliations(request: AuthenticatedRequest) -> HttpResponse:
    """Evaluators: declare their own past and present links to NGOs (founder, member,
    employee, board member); they are kept away from those NGOs' applications."""
    require_object_permission(request.user, "registry.declare_own_affiliation", None)
    form = OwnAffiliationForm(request.POST or None)
    if request.method == "POST":
        data = form.cleaned_data if form.is_valid() else {}
        if _affiliation_saved(
            request,
            form,
            lambda: services.declare_own_affiliation(user=request.user, ngo=data["ngo"], data=data),
        ):
            return redirect("registry:my_affiliations")
    context = {
        "form": form,
        "show_ngo": True,
        **_links(request.user, selectors.affiliations_of_person(request.user)),
    }
    return render(request, "registry/my_affiliations.html", context)
