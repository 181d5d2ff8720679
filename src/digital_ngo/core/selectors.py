"""Reads of ``core``: the health of the platform for load balancers and the bench."""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection


@dataclass(frozen=True)
class Health:
    database: bool
    worker_heartbeat: datetime | None


def database_ok() -> bool:
    """One cheap query on the default database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure of the database means "not healthy"
        return False


def worker_heartbeat() -> datetime | None:
    """When a task worker last reported alive; ``None`` until workers report a heartbeat.

    The hook for the worker heartbeat (issue 17): replace the body, keep the signature.
    """
    return None


def health() -> Health:
    """The database check and the worker's last heartbeat."""
    return Health(database=database_ok(), worker_heartbeat=worker_heartbeat())
