"""A background worker that survives database errors, shows it is alive and takes over lost jobs.

``digital-ngo worker`` runs django-tasks-db's worker with four additions:

* **Retries instead of exiting**: a database error (SQLite "database is locked", a
  PostgreSQL restart) is logged, the connection dropped, and the loop starts again after
  a short back-off; the result of a finished task is written with retries too.
* **Heartbeat**: a thread updates the worker's :class:`~digital_ngo.core.models.WorkerHeartbeat`
  row every ``WORKER_HEARTBEAT_SECONDS``; :func:`worker_status` tells the staff pages (and
  ``/healthz``) whether any worker is alive.
* **Leases**: a task left RUNNING by a worker whose heartbeat is older than
  ``WORKER_LEASE_SECONDS`` (it was killed, or its machine died) is made READY again and
  taken by a live worker; tasks resume from their last checkpoint (press items: the last
  page read, see ``press.services``).
* **Stopping at a checkpoint**: on SIGTERM/SIGINT a long task stops at its next
  :func:`checkpoint` (a page boundary) and is queued again, not failed and not finished
  after the whole document; a second signal stops at once.
"""

import ctypes
import logging
import os
import signal
import socket
import threading
import time
from datetime import datetime, timedelta
from types import FrameType
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone
from django_tasks_db.compat import TaskContext, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from digital_ngo.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

READY, RUNNING = "READY", "RUNNING"
#: how many times a task interrupted by a database error is queued again before it fails.
MAX_ATTEMPTS = 5

_stop = threading.Event()


class Stopping(Exception):
    """Raised at a checkpoint when the worker was asked to stop: the task is queued again."""


def checkpoint() -> None:
    """Where a long task may stop (between pages): raise :class:`Stopping` if asked to."""
    if _stop.is_set():
        raise Stopping


def heartbeat_seconds() -> float:
    return float(getattr(settings, "WORKER_HEARTBEAT_SECONDS", 5))


def lease_seconds() -> float:
    return float(getattr(settings, "WORKER_LEASE_SECONDS", 30))


def die_with_parent() -> None:
    """``preexec_fn`` for child processes (Tesseract): Linux kills them when the worker dies."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:  # not Linux: the child outlives a killed worker, as before
        pass


def beat(worker_id: str, *, stopped: bool = False) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "pid": os.getpid(),
            "host": socket.gethostname()[:255],
            "seen_at": timezone.now(),
            "stopped": stopped,
        },
    )


def live_worker_ids(now: datetime | None = None) -> set[str]:
    since = (now or timezone.now()) - timedelta(seconds=lease_seconds())
    return set(
        WorkerHeartbeat.objects.filter(seen_at__gte=since, stopped=False).values_list(
            "worker_id", flat=True
        )
    )


def reclaim_abandoned() -> list[str]:
    """Make READY again every RUNNING task whose worker has stopped heart-beating."""
    live = live_worker_ids()
    reclaimed = []
    with transaction.atomic():
        for task in DBTaskResult.objects.select_for_update().filter(status=RUNNING):
            owner = task.worker_ids[-1] if task.worker_ids else None
            if owner in live:
                continue
            task.status = READY
            task.save(update_fields=["status"])
            reclaimed.append(str(task.pk))
    for task_id in reclaimed:
        logger.warning("Task %s lost its worker; queued again", task_id)
    return reclaimed


def worker_status() -> dict[str, Any]:
    """Whether a worker is alive, when one was last seen, and how many tasks wait."""
    last = WorkerHeartbeat.objects.order_by("-seen_at").first()
    alive = bool(live_worker_ids())
    waiting = DBTaskResult.objects.filter(status=READY).count()
    return {"alive": alive, "last_seen": last.seen_at if last else None, "waiting": waiting}


def _retry_db(action: Any, what: str) -> None:
    """Run ``action`` until it gets past database errors (locked, connection lost)."""
    delay = 0.5
    while True:
        try:
            action()
            return
        except DatabaseError:
            logger.exception("Database error while %s; retrying in %.1f s", what, delay)
            connection.close()
            time.sleep(delay)
            delay = min(delay * 2, 10)


def _requeue(task: DBTaskResult, *, delay: float = 0) -> None:
    def write() -> None:
        DBTaskResult.objects.filter(pk=task.pk).update(
            status=READY, run_after=timezone.now() + timedelta(seconds=delay)
        )

    _retry_db(write, "queueing a task again")


class ResilientWorker(Worker):
    """django-tasks-db's worker, made to survive, beat and give back interrupted work."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._beating = threading.Event()

    def shutdown(self, signum: int, frame: FrameType | None) -> None:
        _stop.set()
        super().shutdown(signum, frame)

    def _beat_loop(self) -> None:
        while not self._beating.wait(heartbeat_seconds()):
            try:
                beat(self.worker_id)
                reclaim_abandoned()
            except DatabaseError:
                logger.exception("Heartbeat failed; trying again")
                connection.close()
        connection.close()

    def run(self) -> None:
        _stop.clear()
        _retry_db(lambda: beat(self.worker_id), "starting")
        _retry_db(reclaim_abandoned, "taking over lost tasks")
        thread = threading.Thread(target=self._beat_loop, name="heartbeat", daemon=True)
        thread.start()
        delay = 0.5
        try:
            while self.running:
                try:
                    super().run()
                    return
                except DatabaseError:
                    logger.exception("Worker loop hit a database error; going on in %.1f s", delay)
                    connection.close()
                    time.sleep(delay)
                    delay = min(delay * 2, 10)
                    close_old_connections()
        finally:
            self._beating.set()
            thread.join(timeout=heartbeat_seconds() + 1)
            try:
                beat(self.worker_id, stopped=True)
            except DatabaseError:
                logger.warning("Could not record the worker's stop")

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """Run one task; a stop or a database error queues it again instead of failing it."""
        self.running_task = True
        try:
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend_type = type(task.get_backend())
            task_started.send(sender=backend_type, task_result=task_result)
            args, kwargs = task_result.args, task_result.kwargs
            try:
                if task.takes_context:
                    value = task.call(TaskContext(task_result=task_result), *args, **kwargs)
                else:
                    value = task.call(*args, **kwargs)
            except Stopping:
                logger.warning("Task %s stopped at a checkpoint; queued again", db_task_result.pk)
                _requeue(db_task_result)
                return
            except DatabaseError as error:
                attempts = len(db_task_result.worker_ids)
                connection.close()
                if attempts < MAX_ATTEMPTS:
                    logger.warning("Task %s hit %r; queued again", db_task_result.pk, error)
                    _requeue(db_task_result, delay=2**attempts)
                    return
                _retry_db(lambda e=error: db_task_result.set_failed(e), "recording a failure")
            except Exception as failure:
                _retry_db(lambda e=failure: db_task_result.set_failed(e), "recording a failure")
            else:
                _retry_db(lambda: db_task_result.set_successful(value), "recording a result")
            task_finished.send(sender=backend_type, task_result=db_task_result.task_result)
        finally:
            self.running_task = False
            self._run_tasks += 1
