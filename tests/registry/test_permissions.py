"""Who may open each registry and accounts view: the allowed get 200/302, the others 403/404.

Every row names a URL and the roles allowed; every other role (and the
anonymous visitor) is tried too, so a view opened to the wrong people fails.
"""

import pytest
from django.urls import reverse

from digital_ngo.accounts.models import Role
from digital_ngo.registry.models import NGODocument, Verification

pytestmark = pytest.mark.django_db

STAFF = {"agency_admin", "programme_manager", "monitoring_officer", "finance_officer"}
NGO_PEOPLE = {"ngo_admin", "ngo_member"}
EVERYONE = {role.value for role in Role} | {"anonymous"}


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


def expected(role, allowed, denied_status):
    if role in allowed:
        return 200
    return 302 if role == "anonymous" else denied_status


GET_VIEWS = [
    ("registry:staff_dashboard", False, STAFF, 403),
    ("registry:staff_ngo_list", False, STAFF, 403),
    ("registry:staff_ngo_detail", True, STAFF, 403),
    ("registry:history", True, STAFF, 403),
    ("registry:my_ngo", False, NGO_PEOPLE, 403),
    ("accounts:invite", False, {"agency_admin", "ngo_admin"}, 403),
]


@pytest.mark.parametrize("role", sorted(EVERYONE))
@pytest.mark.parametrize(("name", "with_pk", "allowed", "denied"), GET_VIEWS)
def test_get_views(client, users, make_ngo, role, name, with_pk, allowed, denied):
    args = [make_ngo().pk] if with_pk else []
    response = client_for(client, users[role]).get(reverse(name, args=args))
    assert response.status_code == expected(role, allowed, denied)


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_public_pages_open_to_everyone(client, users, make_ngo, role):
    ngo = make_ngo()
    client = client_for(client, users[role])
    for url in ["/", reverse("registry:directory"), reverse("registry:profile", args=[ngo.pk])]:
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_unverified_profile_is_404_for_everyone(client, users, make_ngo, role):
    ngo = make_ngo(verification=Verification.SUBMITTED)
    assert (
        client_for(client, users[role]).get(reverse("registry:profile", args=[ngo.pk])).status_code
        == 404
    )


@pytest.fixture
def charter(users, pdf_upload):
    """A charter uploaded by the NGO of the ``users`` fixture's NGO administrator."""
    return NGODocument.objects.create(
        ngo=users["ngo_admin"].ngo,
        kind="charter",
        file=pdf_upload(),
        original_name="charter.pdf",
        content_type="application/pdf",
        size=10,
        uploaded_by=users["ngo_admin"],
    )


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_documents_only_for_own_ngo_and_staff(client, users, charter, role):
    document = charter
    response = client_for(client, users[role]).get(reverse("registry:document", args=[document.pk]))
    assert response.status_code == expected(role, STAFF | NGO_PEOPLE, 404)
    if response.status_code == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_people_of_another_ngo_get_404_for_documents(client, charter, make_ngo, make_user):
    document = charter
    stranger = make_user(Role.NGO_ADMIN, make_ngo())
    client.force_login(stranger)
    assert client.get(reverse("registry:document", args=[document.pk])).status_code == 404


@pytest.mark.parametrize("role", sorted(EVERYONE))
@pytest.mark.parametrize(
    ("name", "data", "allowed"),
    [
        ("registry:verify", {}, {"agency_admin", "programme_manager"}),
        ("registry:return", {"reasons": "Sənəd oxunmur"}, {"agency_admin", "programme_manager"}),
        (
            "registry:impose_sanction",
            {"kind": "warning", "starts_on": "2026-01-10", "reason": "Gecikmə"},
            {"agency_admin"},
        ),
    ],
)
def test_staff_decisions(client, users, make_ngo, role, name, data, allowed):
    ngo = make_ngo(verification=Verification.SUBMITTED)
    response = client_for(client, users[role]).post(reverse(name, args=[ngo.pk]), data)
    if role in allowed:
        assert response.status_code == 302
        assert response.url == reverse("registry:staff_ngo_detail", args=[ngo.pk])
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        if role == "anonymous":
            assert response.url.startswith(reverse("accounts:login"))
    ngo.refresh_from_db()
    changed = ngo.verification != Verification.SUBMITTED or ngo.sanctions.exists()
    assert changed == (role in allowed)


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_register_ngo_only_for_ngo_admin_without_ngo(client, users, make_user, role):
    response = client_for(client, users[role]).get(reverse("registry:register_ngo"))
    assert response.status_code == (302 if role == "anonymous" else 403)
    client.force_login(make_user(Role.NGO_ADMIN))
    assert client.get(reverse("registry:register_ngo")).status_code == 200


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_edit_registration_only_for_admin_of_unverified_ngo(
    client, users, make_ngo, make_user, role
):
    response = client_for(client, users[role]).get(reverse("registry:edit_registration"))
    assert response.status_code == (302 if role == "anonymous" else 403)
    client.force_login(make_user(Role.NGO_ADMIN, make_ngo(verification=Verification.RETURNED)))
    assert client.get(reverse("registry:edit_registration")).status_code == 200


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_back_office_is_for_superusers_only(client, users, make_user, role):
    response = client_for(client, users[role]).get("/back-office/")
    assert response.status_code == 302
    client.force_login(make_user(Role.AGENCY_ADMIN, is_staff=True, is_superuser=True))
    assert client.get("/back-office/").status_code == 200


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_only_an_administrator_voids_a_sanction(client, users, make_ngo, role):
    from datetime import date

    from digital_ngo.registry import services
    from digital_ngo.registry.models import Sanction

    sanction = services.impose_sanction(
        staff=users["agency_admin"],
        ngo=make_ngo(),
        kind=Sanction.Kind.WARNING,
        starts_on=date(2026, 5, 1),
        ends_on=None,
        reason="Hesabat gecikib.",
    )
    response = client_for(client, users[role]).post(
        reverse("registry:void_sanction", args=[sanction.pk]), {"reason": "Səhvən"}
    )
    sanction.refresh_from_db()
    assert response.status_code == (302 if role in {"agency_admin", "anonymous"} else 403)
    assert sanction.status == ("voided" if role == "agency_admin" else "active")


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_preferences_are_each_users_own(client, users, role):
    client = client_for(client, users[role])
    response = client.post(reverse("accounts:preferences"), {"language": "en"})
    assert response.status_code == 302
    if users[role] is not None:
        users[role].refresh_from_db()
        assert users[role].language == "en"
    else:
        assert "/login" in response["Location"]
