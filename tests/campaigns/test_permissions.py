"""Role matrix of every new page and API route (media register, statements, coalitions).

Every row names a URL and the roles allowed; every other role and the anonymous visitor
are tried too.
"""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from digital_ngo.accounts.models import Role
from digital_ngo.campaigns import services
from digital_ngo.campaigns.models import Signature, Statement
from digital_ngo.coalitions.models import Coalition
from digital_ngo.media.models import MediaOutlet

pytestmark = pytest.mark.django_db

STAFF = {"agency_admin", "programme_manager", "monitoring_officer", "finance_officer"}
MANAGERS = {"agency_admin", "programme_manager"}
EVERYONE = {role.value for role in Role} | {"anonymous"}


@pytest.fixture
def world(make_user: Any) -> dict[str, Any]:
    author, approver = make_user(Role.PROGRAMME_MANAGER), make_user(Role.AGENCY_ADMIN)
    statement = services.create_statement(
        author=author,
        data={"title_az": "B", "text_az": "M", "signing_opens": timezone.now() - timedelta(1)},
    )
    draft = services.create_statement(author=author, data={"title_az": "D", "text_az": "M"})
    statement = services.approve_statement(staff=approver, statement=statement)
    outlet = MediaOutlet.objects.create(name="Test qəzeti", kind="newspaper")
    coalition = Coalition.objects.create(name_az="Platforma", slug="p", kind="platform")
    signature = Signature.objects.create(
        statement=statement,
        organisation="T",
        name_key="t",
        country="AZ",
        representative="R",
        email="r@gmail.com",
    )
    return {
        "statement": statement,
        "draft": draft,
        "outlet": outlet,
        "coalition": coalition,
        "signature": signature,
    }


def _client(client: Any, user: Any) -> Any:
    if user is not None:
        client.force_login(user)
    return client


def _expected(role: str, allowed: set[str]) -> int:
    if role in allowed:
        return 200
    return 302 if role == "anonymous" else 403


GET_VIEWS = [
    ("/staff/statements/", STAFF),
    ("/staff/statements/new/", MANAGERS),
    ("/staff/statements/{statement}/", STAFF),
    ("/staff/statements/{draft}/edit/", MANAGERS),
    ("/staff/statements/{statement}/progress/", STAFF),
    ("/staff/media/", STAFF),
    ("/staff/media/{outlet}/", STAFF),
    ("/staff/media/import/", MANAGERS),
]


def _url(template: str, world: dict[str, Any]) -> str:
    return template.format(**{k: getattr(v, "pk", v) for k, v in world.items()})


@pytest.mark.parametrize("role", sorted(EVERYONE))
@pytest.mark.parametrize(("url", "allowed"), GET_VIEWS)
def test_staff_pages(
    client: Any,
    users: dict[str, Any],
    world: dict[str, Any],
    role: str,
    url: str,
    allowed: set[str],
) -> None:
    response = _client(client, users[role]).get(_url(url, world))
    assert response.status_code == _expected(role, allowed)


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_public_pages_and_api_open_to_everyone(
    client: Any, users: dict[str, Any], world: dict[str, Any], role: str
) -> None:
    client = _client(client, users[role])
    pk = world["statement"].pk
    for url in [
        "/statements/",
        f"/statements/{pk}/",
        f"/statements/{pk}/sign/",
        f"/statements/{pk}/signatures.csv",
        f"/statements/{pk}/signatures.xlsx",
        f"/statements/{pk}/signatures.jsonl",
        "/coalitions/",
        "/coalitions/p/",
        "/api/statements/",
        f"/api/statements/{pk}/",
        "/api/coalitions/",
        f"/api/coalitions/{world['coalition'].pk}/",
    ]:
        assert client.get(url).status_code == 200, url
    for url in [f"/statements/{world['draft'].pk}/", f"/api/statements/{world['draft'].pk}/"]:
        assert client.get(url).status_code == 404, url  # drafts are not public


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_api_is_read_only(
    client: Any, users: dict[str, Any], world: dict[str, Any], role: str
) -> None:
    client = _client(client, users[role])
    response = client.post("/api/statements/", {"title_az": "x"})
    assert response.status_code in (401, 403, 405)


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_approve_is_for_a_second_manager_only(
    client: Any, users: dict[str, Any], world: dict[str, Any], role: str
) -> None:
    draft = world["draft"]
    response = _client(client, users[role]).post(f"/staff/statements/{draft.pk}/approve/")
    status = Statement.objects.get(pk=draft.pk).status
    if role in MANAGERS:
        assert response.status_code == 302 and status == Statement.Status.APPROVED
    else:
        assert response.status_code in (302 if role == "anonymous" else 403,)
        assert status == Statement.Status.DRAFT


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_signature_review_is_for_managers_only(
    client: Any, users: dict[str, Any], world: dict[str, Any], role: str
) -> None:
    signature = world["signature"]
    response = _client(client, users[role]).post(
        f"/staff/signatures/{signature.pk}/reject/", {"reason": "Saxta"}
    )
    status = Signature.objects.get(pk=signature.pk).status
    if role in MANAGERS:
        assert status == Signature.Status.REJECTED
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert status == Signature.Status.PENDING


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_sign_as_ngo_only_for_a_verified_ngo_admin(
    client: Any, users: dict[str, Any], world: dict[str, Any], role: str
) -> None:
    pk = world["statement"].pk
    response = _client(client, users[role]).post(f"/statements/{pk}/sign-as-ngo/")
    signed = Signature.objects.filter(statement_id=pk, ngo__isnull=False).exists()
    if role == "ngo_admin":
        assert response.status_code == 302 and signed
    else:
        assert response.status_code == (302 if role == "anonymous" else 403) and not signed
