"""``digital-ngo scheduler [--once]``: run the platform's scheduled jobs (see core.scheduler)."""

import signal
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from digital_ngo.core import scheduler


class Command(BaseCommand):
    help = "Run the scheduled jobs (reminders, lateness, open data) when they are due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run what is due now and exit.")
        parser.add_argument("--interval", type=int, default=30, help="Seconds between checks.")

    def handle(self, *args: Any, once: bool, interval: int, **options: Any) -> None:
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        while True:
            for record in scheduler.run_pending():
                state = "failed" if record.error else f"{record.done} done"
                self.stdout.write(f"{record.started_at:%Y-%m-%d %H:%M:%S} {record.job}: {state}")
            if once or stopping:
                return
            for _ in range(interval):
                if stopping:
                    return
                time.sleep(1)
            close_old_connections()  # a long-running process drops stale connections
