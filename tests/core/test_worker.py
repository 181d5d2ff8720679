"""The background worker survives, beats, takes over lost jobs and stops at a page boundary.

The drills run the real ``digital-ngo worker`` in child processes on a throw-away SQLite
database (``bench/worker_kill_bench.py``), kill it with real signals and read the database.
"""

import io
import os
import signal
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from digital_ngo.core.models import WorkerHeartbeat
from digital_ngo.core.supervise import Supervisor, parse_procfile
from digital_ngo.press import services
from digital_ngo.press.models import PressItem

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import worker_kill_bench as drill


def test_sigkill_mid_run_loses_and_duplicates_no_job(tmp_path):
    figures = drill.drill(tmp_path, items=1, pages=3, lease=2)
    assert figures["lost"] == 0
    assert figures["duplicated"] == 0
    assert figures["worker_ids_of_killed"] == 2  # taken again by the second worker
    assert figures["statuses"] == {"review": 1}


def test_sigterm_stops_at_the_next_page_and_requeues(tmp_path):
    env = drill.environment(tmp_path, lease=2)
    drill.prepare(tmp_path, env, items=1, pages=6)
    worker = drill.start_worker(env)
    try:
        drill.wait_for(lambda: drill.part_read(tmp_path), 300, "a part-read document")
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=120) == 0
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
    [(status, done, total)] = drill.query(
        tmp_path, "SELECT status, pages_done, pages_total FROM press_pressitem"
    )
    assert (status, total) == ("processing", 6)
    assert 1 <= done < 6  # stopped between pages, not after the whole document
    [(task_status,)] = drill.query(
        tmp_path, "SELECT status FROM django_tasks_database_dbtaskresult"
    )
    assert task_status == "READY"  # queued again, neither failed nor finished
    # a new worker resumes after the pages already read
    second = drill.start_worker(env)
    try:
        drill.wait_for(
            lambda: drill.query(tmp_path, "SELECT 1 FROM press_pressitem WHERE status='review'"),
            300,
            "the document to be read",
        )
    finally:
        drill.stop(second)
    pages = drill.query(tmp_path, "SELECT number FROM press_readpage ORDER BY number")
    assert [number for (number,) in pages] == list(range(6))


def test_supervisor_restarts_a_dead_process_and_kills_its_children(tmp_path):
    runs, child = tmp_path / "runs", tmp_path / "child.pid"
    procfile = f"# a comment\nflaky: echo run >> {runs}; sleep 300 & echo $! >> {child}; exit 3\n"
    supervisor = Supervisor(parse_procfile(procfile), log=io.StringIO())
    for process in supervisor.processes:
        supervisor.start(process)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not runs.exists() or runs.read_text().count("run") < 2):
        for process in supervisor.processes:
            supervisor.check(process)
        time.sleep(0.1)
    assert runs.read_text().count("run") >= 2
    first_child = int(child.read_text().split()[0])  # its run ended and was handled
    for process in supervisor.processes:
        supervisor.kill_group(process, signal.SIGKILL)
        if process.popen:
            process.popen.wait()
    stat = Path(f"/proc/{first_child}/stat")
    assert not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] == "Z"


@pytest.mark.django_db
def test_staff_see_that_no_worker_is_alive(client, make_user, tmp_path, settings):
    from digital_ngo.accounts.models import Role

    settings.MEDIA_ROOT = tmp_path
    staff = make_user(Role.MONITORING_OFFICER)
    WorkerHeartbeat.objects.create(
        worker_id="gone", pid=1, seen_at=timezone.now() - timedelta(hours=2)
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = services.upload_item(
        user=staff,
        title="Xəbər",
        upload=SimpleUploadedFile("x.txt", "Gənclər təşkilatı".encode(), "text/plain"),
    )
    client.force_login(staff)
    page = client.get(reverse("press:review", args=[item.pk])).content.decode()
    assert 'id="worker-alert"' in page
    WorkerHeartbeat.objects.create(worker_id="alive", pid=2)
    page = client.get(reverse("press:review", args=[item.pk])).content.decode()
    assert 'id="worker-alert"' not in page


@pytest.mark.django_db(transaction=True)
def test_review_decision_computes_outside_the_lock(make_user, make_ngo, tmp_path, settings):
    """Deriving a big text (fold, NGO names, facts) happens before the write transaction."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from digital_ngo.accounts.models import Role

    settings.MEDIA_ROOT = tmp_path
    staff = make_user(Role.MONITORING_OFFICER)
    make_ngo(name_az="Gənclər Birliyi")
    text = "Gənclər Birliyi 2024-cü ildə Bakıda 1500 nəfərə kömək etdi. Azerbaycan " * 50
    item = services.upload_item(
        user=staff, title="Xəbər", upload=SimpleUploadedFile("x.txt", text.encode(), "text/plain")
    )
    services.process_item(item.pk)
    item.refresh_from_db()
    assert item.edits, "aztext should propose at least one change"
    inside: list[str] = []

    def record(execute, sql, params, many, context):
        if connection.in_atomic_block:
            inside.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record), CaptureQueriesContext(connection):
        services.decide_edit(user=staff, item=item, index=0, accepted=False)
    assert not [sql for sql in inside if "registry_ngo" in sql]  # names read before the lock
    item.refresh_from_db()
    assert item.edits[0]["accepted"] is False


@pytest.mark.django_db(transaction=True)
def test_a_running_task_with_a_live_worker_is_not_taken(make_user):
    from digital_ngo.core.worker import beat, reclaim_abandoned

    beat("alive-one")
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="digital_ngo.press.tasks.process_press_item",
        backend_name="default",
        run_after=timezone.now(),
        status="RUNNING",
        worker_ids=["alive-one"],
    )
    dead = DBTaskResult.objects.create(
        args_kwargs={"args": [2], "kwargs": {}},
        task_path="digital_ngo.press.tasks.process_press_item",
        backend_name="default",
        run_after=timezone.now(),
        status="RUNNING",
        worker_ids=["gone-one"],
    )
    assert reclaim_abandoned() == [str(dead.pk)]
    task.refresh_from_db()
    dead.refresh_from_db()
    assert (task.status, dead.status) == ("RUNNING", "READY")
    assert PressItem.objects.count() == 0
