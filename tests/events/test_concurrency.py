"""Capacity under concurrency: threads register and confirm at once against the real database.

Each thread has its own database connection. Exactly ``capacity`` people get a seat,
everyone else is on the waiting list, and cancellations promote the waiting list in the
order people joined it. On SQLite ``BEGIN IMMEDIATE`` serialises the writers; on
PostgreSQL the event's row lock does.
"""

import sqlite3
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import connection, connections

from digital_ngo.events import services
from digital_ngo.events.models import Event, Registration
from tests.fixtures.events import person

pytestmark = pytest.mark.django_db(transaction=True)

R = Registration.Status
PEOPLE = 12
CAPACITY = 5


@pytest.fixture
def threads_database(transactional_db: None, tmp_path: Any) -> Iterator[None]:
    """Give threads a database they can share for real.

    PostgreSQL already is one. SQLite's in-memory test database cannot be opened by
    several connections that lock properly, so the test's data is copied into a file
    database and every connection (this thread's and the workers') opens that file
    for the duration of the test.
    """
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    path = tmp_path / "threads.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    memory = connections["default"]
    name = connections.settings["default"]["NAME"]
    connections.settings["default"]["NAME"] = str(path)
    connections["default"] = connections.create_connection("default")
    try:
        yield
    finally:
        connections["default"].close()
        connections["default"] = memory
        connections.settings["default"]["NAME"] = name


def _in_thread(function, *args):  # type: ignore[no-untyped-def]
    def run():  # type: ignore[no-untyped-def]
        try:
            return function(*args)
        finally:
            connections.close_all()

    return run


def test_exactly_capacity_confirmed_rest_waiting_then_promoted_in_order(
    threads_database, make_event
):
    event = make_event(capacity=CAPACITY)
    pending = [services.register(event=event, person=person(n), accept_waiting_list=True)
               for n in range(PEOPLE)]  # fmt: skip
    start = threading.Barrier(PEOPLE)

    def confirm(token: str) -> str:
        start.wait()
        return str(services.confirm(token=token).status)

    with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
        outcomes = list(pool.map(lambda r: _in_thread(confirm, r.link_token)(), pending))

    assert outcomes.count(R.CONFIRMED) == CAPACITY
    assert outcomes.count(R.WAITING) == PEOPLE - CAPACITY
    event.refresh_from_db()
    assert event.confirmed_count == CAPACITY
    queue = list(
        Registration.objects.filter(event=event, status=R.WAITING)
        .order_by("waiting_since", "pk")
        .values_list("pk", flat=True)
    )
    seated = list(Registration.objects.filter(event=event, status=R.CONFIRMED))

    # Two people cancel at the same time: the first two of the queue get their seats.
    barrier = threading.Barrier(2)

    def cancel(token: str) -> None:
        barrier.wait()
        services.cancel(token=token)

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda r: _in_thread(cancel, r.link_token)(), seated[:2]))

    promoted = set(
        Registration.objects.filter(pk__in=queue, status=R.CONFIRMED).values_list("pk", flat=True)
    )
    assert promoted == set(queue[:2])
    event.refresh_from_db()
    assert event.confirmed_count == CAPACITY
    assert Event.objects.get(pk=event.pk).registrations.filter(status=R.WAITING).count() == (
        PEOPLE - CAPACITY - 2
    )


def test_concurrent_duplicates_leave_one_registration(threads_database, make_event):
    event = make_event()
    start = threading.Barrier(6)
    errors = []

    def register() -> None:
        start.wait()
        try:
            services.register(event=event, person=person(1))
        except Exception as error:
            errors.append(error)

    with ThreadPoolExecutor(max_workers=6) as pool:
        for _ in range(6):
            pool.submit(_in_thread(register))
    assert Registration.objects.filter(event=event).count() == 1
    assert len(errors) == 5
