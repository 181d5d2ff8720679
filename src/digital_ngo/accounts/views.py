"""Views of the accounts area. Each docstring says who may use the view."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from digital_ngo.accounts import services
from digital_ngo.accounts.forms import (
    AcceptInvitationForm,
    InvitationForm,
    PreferencesForm,
    SignUpForm,
)
from digital_ngo.accounts.selectors import user_area
from digital_ngo.core.forms import apply_validation_error
from digital_ngo.core.http import AuthenticatedRequest

BACKEND = "django.contrib.auth.backends.ModelBackend"


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    """Anyone signed in: send them to the start page of their area."""
    area = user_area(request.user)
    if area == "staff":
        return redirect("registry:staff_dashboard")
    if area == "ngo":
        return redirect("registry:my_ngo")
    if area == "evaluator":
        return redirect("reviews:mine")
    return redirect("portal:home")


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    """Anyone not signed in: create an NGO administrator account, then register the NGO."""
    if request.user.is_authenticated:
        return redirect("accounts:home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.register_ngo_admin(**form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            login(request, user, backend=BACKEND)
            messages.success(request, _("Your account is ready. Now register your NGO."))
            return redirect("registry:register_ngo")
    return render(request, "accounts/sign_up.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: AuthenticatedRequest) -> HttpResponse:
    """Agency administrators (any staff role) and verified NGOs' administrators (their members)."""
    roles = services.invitable_roles(request.user)
    if not roles:
        raise PermissionDenied
    form = InvitationForm(request.POST or None, roles=roles)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite_user(inviter=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect(reverse("accounts:invite"))
    return render(request, "accounts/invite.html", {"form": form})


@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Whoever holds a valid invitation link: create the account it offers."""
    invitation = services.open_invitation(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(token=token, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            login(request, user, backend=BACKEND)
            messages.success(request, _("Welcome! Your account is ready."))
            return redirect("accounts:home")
    return render(
        request, "accounts/accept_invitation.html", {"form": form, "invitation": invitation}
    )


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: AuthenticatedRequest) -> HttpResponse:
    """Anyone signed in: their own account and the language their notices come in."""
    form = PreferencesForm(request.POST or None, initial={"language": request.user.language})
    if request.method == "POST" and form.is_valid():
        services.set_preferences(user=request.user, language=form.cleaned_data["language"])
        messages.success(request, _("Your preferences were saved."))
        return redirect("accounts:preferences")
    return render(request, "accounts/preferences.html", {"form": form})
