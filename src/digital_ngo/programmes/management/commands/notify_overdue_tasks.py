"""``digital-ngo notify_overdue_tasks``: tell responsible staff of overdue tasks (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand

from digital_ngo.programmes.services import notify_overdue_tasks


class Command(BaseCommand):
    help = "Notify each overdue programme task's responsible staff member once per overdue spell."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Overdue tasks notified: {notify_overdue_tasks()}.")
