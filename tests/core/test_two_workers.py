"""Two task workers on PostgreSQL share one queue and run each job exactly once.

django-tasks-db claims a job with ``SELECT … FOR UPDATE SKIP LOCKED``; this runs two real
``db_worker`` processes against the test database and checks every job ran once, by one
worker, and that both workers took part. Skipped unless the configured database is
PostgreSQL (CI runs the suite on both).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from tests.core.worker_probe import probe

REPO = Path(__file__).resolve().parents[2]
JOBS = 60

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"
    ),
]


def _worker_env() -> dict[str, str]:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    if db.get("PASSWORD"):
        url = url.replace("@", f":{db['PASSWORD']}@", 1)
    return {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(REPO)}


def test_two_workers_run_each_job_exactly_once():
    for n in range(JOBS):
        probe.enqueue(n)
    command = [sys.executable, "-m", "django", "db_worker", "--batch", "--no-startup-delay"]
    env = {**_worker_env(), "DJANGO_SETTINGS_MODULE": "digital_ngo.settings"}
    workers = [
        subprocess.Popen([*command, "--worker-id", f"w{i}"], env=env, cwd=REPO) for i in (1, 2)
    ]
    assert [worker.wait(timeout=300) for worker in workers] == [0, 0]
    results = list(DBTaskResult.objects.all())
    assert len(results) == JOBS
    assert {r.status for r in results} == {"SUCCESSFUL"}
    assert sorted(r.return_value for r in results) == list(range(JOBS))
    assert all(len(r.worker_ids) == 1 for r in results)
    assert {r.worker_ids[0] for r in results} == {"w1", "w2"}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT cache_key FROM django_cache WHERE cache_key LIKE %s", ["%probe-run:%"]
        )
        runs = [key.split(":")[3] for (key,) in cursor.fetchall()]
    assert sorted(int(n) for n in runs) == list(range(JOBS))
