"""The scheduler: the jobs the platform runs by itself, at their times, each run logged.

The platform knows its deadlines, so nobody has to remember them. Each job is a
service function taking the current time and returning how many things it did;
each notice it sends is claimed once in the database (``core.once``), so running a
job twice — or two schedulers at once — sends nothing twice. Runs are kept in
``SchedulerRun``.

``digital-ngo scheduler`` runs the due jobs every 30 seconds (``make demo`` starts it
beside the web server and the task worker); ``digital-ngo scheduler --once`` runs what
is due and exits, for a cron line or a systemd timer in production.
"""

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from digital_ngo.core.models import SchedulerRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    run: Callable[[datetime], int]


def _report_reminders(now: datetime) -> int:
    from digital_ngo.grants.services import send_report_reminders

    return send_report_reminders(timezone.localdate(now))


def _sanction_proposals(now: datetime) -> int:
    from digital_ngo.grants.services import propose_due_sanctions

    return propose_due_sanctions(timezone.localdate(now))


def _correction_reminders(now: datetime) -> int:
    from digital_ngo.applications.services import send_correction_reminders

    return send_correction_reminders(now)


def _appeal_window(now: datetime) -> int:
    from digital_ngo.decisions.services import send_appeal_window_reminders

    return send_appeal_window_reminders(now)


def _calls(now: datetime) -> int:
    from digital_ngo.funding.services import send_call_reminders

    return send_call_reminders(now)


def _open_data(now: datetime) -> int:
    from digital_ngo.opendata.services import regenerate_if_changed

    return regenerate_if_changed(now)


JOBS: list[Job] = [
    Job("calls", timedelta(minutes=1), _calls),
    Job("correction_reminders", timedelta(minutes=15), _correction_reminders),
    Job("appeal_window", timedelta(minutes=15), _appeal_window),
    Job("report_reminders", timedelta(hours=1), _report_reminders),
    Job("sanction_proposals", timedelta(hours=1), _sanction_proposals),
    Job("open_data", timedelta(minutes=1), _open_data),
]


def is_due(job: Job, now: datetime) -> bool:
    last = SchedulerRun.objects.filter(job=job.name).values_list("started_at", flat=True).first()
    return last is None or now - last >= job.every


def run(job: Job, now: datetime | None = None) -> SchedulerRun:
    """Run ``job`` now and log the run; an error is logged, never raised."""
    now = now or timezone.now()
    record = SchedulerRun.objects.create(job=job.name, started_at=now)
    try:
        record.done = job.run(now)
    except Exception:  # a failing job must not stop the others; the log keeps the trace
        record.error = traceback.format_exc()[-4000:]
        logger.exception("Scheduled job %s failed", job.name)
    record.finished_at = timezone.now()
    record.save(update_fields=["done", "error", "finished_at"])
    return record


def run_pending(now: datetime | None = None, jobs: Any = None) -> list[SchedulerRun]:
    """Run every job that is due at ``now``."""
    now = now or timezone.now()
    return [run(job, now) for job in (jobs or JOBS) if is_due(job, now)]
