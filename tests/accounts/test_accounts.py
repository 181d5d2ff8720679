"""Accounts: sign-up, invitations by e-mail, password reset and login lockout."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from digital_ngo.accounts import services
from digital_ngo.accounts.models import Invitation, Role, User
from digital_ngo.registry.models import Verification
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_sign_up_creates_an_ngo_admin_and_logs_in(client):
    response = client.post(
        reverse("accounts:sign_up"),
        {"full_name": "Samir Həsənov", "email": "Samir@Example.AZ", "password": PASSWORD},
    )
    assert response.status_code == 302 and response.url == reverse("registry:register_ngo")
    user = User.objects.get()
    assert user.email == "samir@example.az" and user.role == Role.NGO_ADMIN and user.ngo is None


def test_sign_up_with_a_taken_email_changes_nothing(client, make_user):
    make_user(Role.EVALUATOR, email="taken@example.az")
    response = client.post(
        reverse("accounts:sign_up"),
        {"full_name": "X", "email": "TAKEN@example.az", "password": PASSWORD},
    )
    assert response.status_code == 200
    assert "Bu e-poçt ünvanı ilə hesab artıq mövcuddur." in response.content.decode()
    assert User.objects.count() == 1


def test_sign_up_refuses_a_weak_password(client):
    response = client.post(
        reverse("accounts:sign_up"), {"full_name": "X", "email": "x@example.az", "password": "123"}
    )
    assert response.status_code == 200 and not User.objects.exists()


def test_email_is_unique_in_the_database_whatever_the_case(make_user):
    from django.db import IntegrityError, transaction

    make_user(Role.EVALUATOR, email="one@example.az")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="ONE@example.az", full_name="Two", role=Role.EVALUATOR)


def test_staff_user_cannot_belong_to_an_ngo(make_ngo):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(
            email="s@example.az", full_name="S", role=Role.FINANCE_OFFICER, ngo=make_ngo()
        )


def test_agency_admin_invites_an_evaluator_who_accepts(
    client, make_user, django_capture_on_commit_callbacks
):
    admin = make_user(Role.AGENCY_ADMIN)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invite"), {"email": "expert@example.az", "role": "evaluator"}
        )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["expert@example.az"]
    link = link_in(mail.outbox[0])
    client.logout()
    page = client.get(link)
    assert page.status_code == 200
    response = client.post(link, {"full_name": "Leyla Hüseynova", "password": PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(email="expert@example.az")
    assert user.role == Role.EVALUATOR and user.ngo is None
    assert Invitation.objects.get().accepted_at is not None
    assert client.get(link).status_code == 404  # a used link does not work twice


def test_ngo_admin_invites_members_into_own_ngo_only(make_user, make_ngo):
    ngo = make_ngo()
    admin = make_user(Role.NGO_ADMIN, ngo)
    invitation = services.invite_user(
        inviter=admin, email="member@example.az", role=Role.NGO_MEMBER
    )
    assert invitation.ngo == ngo
    with pytest.raises(PermissionDenied):
        services.invite_user(inviter=admin, email="boss@example.az", role=Role.AGENCY_ADMIN)


def test_ngo_admin_of_unverified_ngo_cannot_invite(make_user, make_ngo):
    admin = make_user(Role.NGO_ADMIN, make_ngo(verification=Verification.SUBMITTED))
    with pytest.raises(PermissionDenied):
        services.invite_user(inviter=admin, email="m@example.az", role=Role.NGO_MEMBER)


@pytest.mark.parametrize("role", [Role.PROGRAMME_MANAGER, Role.EVALUATOR, Role.NGO_MEMBER])
def test_others_cannot_invite(make_user, make_ngo, role):
    user = make_user(role, make_ngo() if role == Role.NGO_MEMBER else None)
    with pytest.raises(PermissionDenied):
        services.invite_user(inviter=user, email="m@example.az", role=Role.EVALUATOR)
    assert not Invitation.objects.exists()


def test_inviting_an_existing_user_is_refused(make_user):
    admin = make_user(Role.AGENCY_ADMIN)
    make_user(Role.EVALUATOR, email="old@example.az")
    with pytest.raises(ValidationError):
        services.invite_user(inviter=admin, email="old@example.az", role=Role.EVALUATOR)


def test_reinviting_replaces_the_open_invitation(make_user):
    admin = make_user(Role.AGENCY_ADMIN)
    services.invite_user(inviter=admin, email="new@example.az", role=Role.EVALUATOR)
    services.invite_user(inviter=admin, email="NEW@example.az", role=Role.FINANCE_OFFICER)
    assert list(Invitation.objects.values_list("role", flat=True)) == [Role.FINANCE_OFFICER]


def test_bad_invitation_token_is_404(client):
    assert client.get(reverse("accounts:accept_invitation", args=["nonsense"])).status_code == 404


def test_password_reset_sends_a_working_link(client, make_user):
    user = make_user(Role.EVALUATOR, email="forgot@example.az")
    client.post(reverse("accounts:password_reset"), {"email": "forgot@example.az"})
    assert len(mail.outbox) == 1
    link = link_in(mail.outbox[0])
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Another-long-pass-42", "new_password2": "Another-long-pass-42"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Another-long-pass-42")


def test_login_by_email_then_lockout_after_repeated_failures(client, make_user, settings):
    make_user(Role.EVALUATOR, email="e@example.az")
    url = reverse("accounts:login")
    assert client.post(url, {"username": "e@example.az", "password": PASSWORD}).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "e@example.az", "password": "wrong"})
    locked = client.post(url, {"username": "e@example.az", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Hesab bloklanıb" in locked.content.decode()
