"""Fuzz the whole REST API from its own OpenAPI schema with Schemathesis: no input makes a 5xx.

Schemathesis reads ``/api/schema/`` from the WSGI application and calls every operation
in-process, in the test's thread and so on the test's database connection, with generated
path parameters, query strings and bodies: ones that fit the schema and ones that do not.
It runs once anonymously (private endpoints answer 401) and once with the token of an NGO
admin whose grant has open reports; then each case is also aimed at a real row, so the detail
endpoints and ``POST /api/reports/{id}/submit/`` reach the services with fuzzed bodies.
After the random cases, a short fixed list of awkward values (``AWKWARD``) goes into every
query parameter and ``{id}``: random generation meets those only by luck.

Each operation runs as a plain Hypothesis test inside an ordinary pytest-django test (not
through ``schemathesis.pytest.from_fixture``, whose subtests rename ``node._nodeid``, an
attribute pytest 9.2 no longer has). The run is bounded and reproducible: derandomized
Hypothesis, no example database, 20 examples per operation and mode, no shrinking.
"""

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from digital_ngo.applications import services as application_services
from digital_ngo.applications.models import Application
from digital_ngo.grants.models import Grant
from digital_ngo.programmes.models import Programme, Task
from tests.fixtures.grants import conclude

# Transactions, like production: a 5xx from a database error then cannot poison the test's
# wrapping transaction and turn every later operation into a false failure (PostgreSQL).
pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLES = 20
# Schemathesis reports failed checks as a FailureGroup, a BaseExceptionGroup.
FAILURES = (Exception, BaseExceptionGroup)
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: report the failure as found
    suppress_health_check=list(HealthCheck),
    print_blob=False,
)
MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
# Values random generation finds only by luck, tried in every query parameter and ``{id}``
# of every operation: NUL bytes (PostgreSQL refuses them in text), non-ASCII digits that
# ``str.isdigit()`` accepts but ``int()`` refuses, integers beyond 64 bits and beyond
# Python's 4300-digit ``int()`` limit, and a few odd strings.
AWKWARD = ["", " ", "a\x00b", "\x00", "²", "٣", "-1", "1.5", "9" * 30, "9" * 5000, "%", "'\"<>"]


@pytest.fixture
def api_schema(settings: Any) -> Iterator[Any]:
    """The API's OpenAPI schema, loaded through the WSGI application with rate limits lifted."""
    settings.API_ANON_RATE = "1000000/min"
    settings.API_USER_RATE = "1000000/min"
    cache.clear()
    # Like Django's test client: a finished request must not close the test's connection
    # (harmless with ``transaction=True``; with plain ``db`` it would break later queries).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        from digital_ngo.wsgi import application

        yield schemathesis.openapi.from_wsgi("/api/schema/", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        cache.clear()


@pytest.fixture
def grant(
    make_ngo: Any, make_call: Any, complete: Application, ngo_admin: Any, manager: Any
) -> Grant:
    """Rows for every collection: another verified NGO and call, and a funded project of
    ``ngo_admin``'s NGO with its tranches and open reports."""
    make_ngo(name_az="Fazzinq Yoxlama İctimai Birliyi")
    make_call(name_az="Fazzinq müsabiqəsi")
    application_services.submit(user=ngo_admin, application=complete)
    Application.objects.filter(pk=complete.pk).update(
        status="funded", awarded_amount=Decimal("12000")
    )
    return conclude(manager, Application.objects.get(pk=complete.pk), date(2026, 3, 2))


@pytest.fixture
def event(manager: Any) -> Any:
    """A published event with room, for the events routes."""
    from datetime import timedelta

    from django.utils import timezone

    from digital_ngo.events import services as event_services
    from digital_ngo.registry.models import EconomicRegion

    start = timezone.now() + timedelta(days=30)
    data = {
        "title_az": "Fazzinq forumu", "kind": "forum", "starts_at": start,
        "ends_at": start + timedelta(hours=3), "capacity": 10_000,
        "region": EconomicRegion.objects.first(),
    }  # fmt: skip
    made = event_services.create_event(by=manager, data=data)
    return event_services.publish_event(by=manager, event=made)


def real_ids(grant: Grant) -> dict[str, int]:
    """The pk of a real row per collection, keyed by the path prefix of its operations."""
    from django.utils import timezone

    from digital_ngo.accounts.models import User
    from digital_ngo.campaigns.models import Statement
    from digital_ngo.coalitions.models import Coalition

    report = grant.reports.order_by("number").first()
    assert report is not None
    programme = Programme.objects.create(
        code="fuzz",
        title_az="Proqram",
        act_kind="decree",
        act_number="1",
        act_date=date(2021, 1, 1),
        starts_on=date(2024, 1, 1),
        ends_on=date(2026, 12, 31),
        responsible_body_az="Agentlik",
    )
    task = Task.objects.create(programme=programme, number="1.1", text_az="Tapşırıq")
    statement = Statement.objects.create(
        title_az="Bəyanat",
        text_az="Mətn",
        status=Statement.Status.APPROVED,
        author=User.objects.order_by("pk").first(),
        signing_opens=timezone.now(),
    )
    coalition = Coalition.objects.create(name_az="Platforma", slug="platforma", kind="platform")
    return {
        "/api/programmes/": programme.pk,
        "/api/tasks/": task.pk,
        "/api/statements/": statement.pk,
        "/api/coalitions/": coalition.pk,
        "/api/ngos/": grant.application.ngo_id,
        "/api/calls/": grant.application.call_id,
        "/api/projects/": grant.pk,
        "/api/applications/": grant.application_id,
        "/api/reports/": report.pk,
    }


Statuses = defaultdict[str, Counter[int]]


def fuzz_one(
    operation: Any,
    mode: GenerationMode,
    headers: dict[str, str],
    aim: dict[str, int] | None,
    statuses: Statuses,
) -> None:
    """Hypothesis over one operation in one mode; raises Schemathesis' failure on a 5xx."""

    @FUZZ
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        cache.clear()  # throttle history: never a 429 for reasons of volume
        response = case.call(headers=headers)
        statuses[operation.label][response.status_code] += 1
        case.validate_response(response, checks=[not_a_server_error], headers=headers)
        if aim and "id" in (case.path_parameters or {}):
            prefix = next(p for p in aim if case.path.startswith(p))
            case.path_parameters["id"] = str(aim[prefix])
            response = case.call(headers=headers)
            statuses[f"{operation.label} @real"][response.status_code] += 1
            case.validate_response(response, checks=[not_a_server_error], headers=headers)

    run()


def summary(error: BaseException) -> str:
    """Schemathesis' failure in two lines: what failed, and the curl command to reproduce it."""
    lines = [line.strip(" |`") for line in str(error).splitlines()]
    kept = [line for line in lines if line.startswith(("- ", "[5", "curl "))]
    text = " / ".join(kept) or f"{type(error).__name__}: {error}"
    return re.sub(r"(\d)\1{39,}", lambda m: f"{m[1]}…({len(m[0])} digits)", text)[:400]


def sweep_awkward(
    operation: Any, headers: dict[str, str], aim: dict[str, int] | None, statuses: Statuses
) -> list[str]:
    """Send each awkward value alone in each query parameter and in ``{id}``; list the 5xx."""
    failures = []
    real = next(
        (str(pk) for prefix, pk in (aim or {}).items() if operation.path.startswith(prefix)), "1"
    )
    has_id = "{id}" in operation.path
    names = [p.name for p in operation.iter_parameters() if p.location.value == "query"]
    variants = [
        ({"id": real} if has_id else {}, {name: value}) for name in names for value in AWKWARD
    ]
    if has_id:
        variants += [({"id": value}, {}) for value in AWKWARD if value]
    for path_parameters, query in variants:
        case = operation.Case(path_parameters=path_parameters, query=query)
        response = case.call(headers=headers)
        statuses[f"{operation.label} @awkward"][response.status_code] += 1
        try:
            case.validate_response(response, checks=[not_a_server_error], headers=headers)
        except FAILURES as error:
            failures.append(f"{operation.label} [awkward]: {summary(error)}")
    return failures


def fuzz(
    schema: Any, headers: dict[str, str], aim: dict[str, int] | None = None
) -> tuple[list[str], Statuses]:
    """Run every operation in both generation modes, then the awkward values.

    Returns one line per operation and mode that answered 5xx, and the statuses seen per
    operation (``"GET /api/ngos/{id}/ @real"`` for the calls aimed at a real row).
    """
    failures: list[str] = []
    statuses: Statuses = defaultdict(Counter)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12, [op.label for op in operations]

    for operation in operations:
        for mode in MODES:
            try:
                fuzz_one(operation, mode, headers, aim, statuses)
            except FAILURES as error:  # collect them all, then fail once
                failures.append(f"{operation.label} [{mode}]: {summary(error)}")
        failures += sweep_awkward(operation, headers, aim, statuses)
    return failures, statuses


def test_no_input_makes_a_server_error_for_anyone(api_schema: Any, grant: Grant) -> None:
    failures, statuses = fuzz(api_schema, headers={})
    assert not failures, "\n".join(failures)
    # The run really reached the views: public reads answer, private ones want a token.
    assert statuses["GET /api/ngos/"][200] and statuses["GET /api/projects/"][200]
    # (An unknown ``?format=`` is a 404 from DRF's content negotiation, before authentication.)
    for label in ("GET /api/applications/", "POST /api/reports/{id}/submit/"):
        assert statuses[label][401] and not {200, 201} & set(statuses[label]), statuses[label]


def test_no_input_makes_a_server_error_for_an_ngo_admin(
    api_schema: Any, grant: Grant, ngo_admin: Any, event: Any
) -> None:
    token = Token.objects.create(user=ngo_admin)
    aim = {**real_ids(grant), "/api/events/": event.pk}
    failures, statuses = fuzz(api_schema, {"Authorization": f"Token {token.key}"}, aim=aim)
    assert not failures, "\n".join(failures)
    # Authenticated, and aimed at the NGO's own rows: detail reads answer 200 and the
    # report submission is judged on its body (400), not refused as unknown or forbidden.
    assert statuses["GET /api/applications/{id}/ @real"][200]
    assert statuses["GET /api/reports/{id}/ @real"][200]
    assert statuses["POST /api/reports/{id}/submit/ @real"][400]
    assert statuses["GET /api/events/{id}/ @real"][200]
    assert not {401, 403} & set(statuses["GET /api/reports/"])
