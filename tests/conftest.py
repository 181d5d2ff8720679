"""Shared fixtures: users of every role, NGOs and real uploaded files.

Nothing here mocks the platform's code: fixtures create real rows through
the models or the services, in the real test database.
"""

import importlib
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from digital_ngo.accounts.models import Role, User
from digital_ngo.registry.demo import voen_for
from digital_ngo.registry.models import NGO, FieldOfActivity, LegalForm, Scope, Verification

pytest_plugins = ["tests.fixtures.grants", "tests.fixtures.events"]

PASSWORD = "a-Long-test-passw0rd"
AGENCY_ROLES = [
    Role.AGENCY_ADMIN,
    Role.PROGRAMME_MANAGER,
    Role.MONITORING_OFFICER,
    Role.FINANCE_OFFICER,
]


def pdf_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(buffer, "PDF")
    return buffer.getvalue()


@pytest.fixture
def pdf_upload() -> Callable[[str], SimpleUploadedFile]:
    """Make a real one-page PDF upload named ``name``."""
    return lambda name="charter.pdf": SimpleUploadedFile(name, pdf_bytes(), "application/pdf")


@pytest.fixture
def make_ngo(db: Any) -> Callable[..., NGO]:
    """Create an NGO directly in the database (verified unless told otherwise)."""
    counter = iter(range(1, 10_000))

    def make(**fields: Any) -> NGO:
        n = next(counter)
        values: dict[str, Any] = {
            "name_az": f"Test İctimai Birliyi {n}",
            "legal_form": LegalForm.PUBLIC_ASSOCIATION,
            "voen": voen_for(n, territory=99),
            "scope": Scope.NATIONAL,
            "verification": Verification.VERIFIED,
        }
        values.update(fields)
        if values["legal_form"] == LegalForm.FOREIGN:
            values.setdefault("country", "TR")
            values["voen"] = fields.get("voen")
        ngo = NGO.objects.create(**values)
        ngo.fields.set(FieldOfActivity.objects.all()[:1])
        return ngo

    return make


@pytest.fixture
def make_user(db: Any) -> Callable[..., User]:
    """Create a user with ``role`` (and ``ngo`` for NGO roles)."""
    counter = iter(range(1, 10_000))

    def make(role: str, ngo: NGO | None = None, **fields: Any) -> User:
        n = next(counter)
        email = fields.pop("email", f"{role}{n}@example.az")
        return User.objects.create_user(
            email,
            PASSWORD,
            full_name=fields.pop("full_name", f"Test {role} {n}"),
            role=role,
            ngo=ngo,
            **fields,
        )

    return make


@pytest.fixture
def users(make_user: Callable[..., User], make_ngo: Callable[..., NGO]) -> dict[str, User | None]:
    """One user of every role (NGO people in one verified NGO) plus ``anonymous`` as None."""
    ngo = make_ngo(name_az="Öz QHT-miz")
    people: dict[str, User | None] = {
        role.value: make_user(role)
        for role in Role
        if role not in (Role.NGO_ADMIN, Role.NGO_MEMBER)
    }
    people[Role.NGO_ADMIN.value] = make_user(Role.NGO_ADMIN, ngo)
    people[Role.NGO_MEMBER.value] = make_user(Role.NGO_MEMBER, ngo)
    people["anonymous"] = None
    return people


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Hash test passwords with MD5: the real hasher costs ~0.3 s per user on these machines."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings: Any, tmp_path: Any) -> None:
    """Keep files uploaded by tests out of the repository's ``var/uploads``."""
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.fixture(autouse=True)
def reference_data(request: pytest.FixtureRequest) -> None:
    """Make sure the reference data (regions, districts, fields, funders) exists for DB tests.

    The data migration loads them once, but a transactional test (the browser
    tests) ends by flushing every table, and ``serialized_rollback`` cannot
    restore them once Playwright's event loop runs in the test thread. Rerunning
    the migration's own idempotent loader when the rows are missing works in any
    test order, on SQLite and PostgreSQL.
    """
    if not {"db", "transactional_db"} & set(request.fixturenames):
        return
    from django.apps import apps

    from digital_ngo.funding.models import Funder

    if not FieldOfActivity.objects.exists():
        importlib.import_module("digital_ngo.registry.migrations.0002_reference_data").load(
            apps, None
        )
    if not Funder.objects.exists():
        importlib.import_module("digital_ngo.funding.migrations.0002_funders").load(apps, None)


@pytest.fixture(autouse=True)
def empty_page_cache(request: pytest.FixtureRequest) -> None:
    """Start every database test with an empty shared cache.

    The cache table is not a model table, so the flush after a transactional test
    leaves its rows (cached pages of rows that no longer exist) behind.
    """
    if {"db", "transactional_db"} & set(request.fixturenames):
        from django.core.cache import cache

        cache.clear()
