"""``digital-ngo worker``: the background task worker that survives, beats and takes over."""

from typing import Any

from django_tasks_db.management.commands import db_worker

from digital_ngo.core.worker import ResilientWorker


class Command(db_worker.Command):
    help = (
        "Run the background task worker: retries database errors, writes a heartbeat, "
        "takes over tasks of dead workers, stops at a page boundary on SIGTERM."
    )

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.set_defaults(reload=False)  # a reload would drop the task being run

    def handle(self, *args: Any, **options: Any) -> None:
        original = db_worker.Worker
        db_worker.Worker = ResilientWorker  # type: ignore[misc]
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original  # type: ignore[misc]
