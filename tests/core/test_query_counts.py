"""The number of queries of each public page and API list is pinned (an N+1 cannot return).

Counted on a cold cache (the page is rendered) with several NGOs, calls, projects and press
items, so a query per row would change the count; the cache's own reads and writes are part
of the count. The second request of the same page is a cache hit: two queries (the topic
versions, the page), plus the API's rate-limit bookkeeping.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digital_ngo.applications import services as application_services
from digital_ngo.applications.models import Application
from digital_ngo.core.cache import PUBLIC_APPS, versions
from tests.fixtures.grants import conclude

pytestmark = pytest.mark.django_db

#: The anonymous rate limit's bookkeeping in the database cache (a read, then a write).
THROTTLE = 6
#: path template → queries on a cold cache.
EXPECTED = {
    "/": 19,
    "/ngos/": 11,
    "/ngos/?q=birliyi": 11,
    "/ngos/{ngo}/": 12,
    "/projects/": 11,
    "/projects/{project}/": 15,
    "/calls/": 10,
    "/press/": 8,
    "/press/?q=birliyi": 8,
    "/opendata/": 7,
    "/api/ngos/": 16,
    "/api/projects/": 18,
    "/api/calls/": 19,
}


@pytest.fixture
def data(complete, ngo_admin, manager, make_ngo, make_call):
    for _ in range(3):
        make_ngo()
    make_call(name_az="İkinci müsabiqə")
    application_services.submit(user=ngo_admin, application=complete)
    Application.objects.filter(pk=complete.pk).update(
        status="funded", awarded_amount=Decimal("12000")
    )
    grant = conclude(manager, Application.objects.get(pk=complete.pk), date(2026, 3, 2))
    return {"ngo": grant.application.ngo_id, "project": grant.number}


@pytest.mark.parametrize("path", EXPECTED)
def test_queries_per_public_page(client, data, path):
    url = path.format(**data)
    cache.clear()
    versions(PUBLIC_APPS)  # every topic has a version: the count is the page's own
    with CaptureQueriesContext(connection) as cold:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).status_code == 200
    hit = 2 + (THROTTLE if path.startswith("/api/") else 0)
    assert (len(cold), len(warm)) == (EXPECTED[path], hit), [
        path,
        *(q["sql"][:150] for q in cold.captured_queries),
    ]
