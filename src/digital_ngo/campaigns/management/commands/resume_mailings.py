"""Queue another sending run for every statement still being sent (after a worker restart)."""

from typing import Any

from django.core.management.base import BaseCommand

from digital_ngo.campaigns.models import Statement
from digital_ngo.campaigns.services import enqueue_sending


class Command(BaseCommand):
    help = "Queue the sending of every statement whose mailing has not finished."

    def handle(self, *args: Any, **options: Any) -> None:
        for pk in Statement.objects.filter(status=Statement.Status.SENDING).values_list(
            "pk", flat=True
        ):
            enqueue_sending(pk)
            self.stdout.write(f"statement {pk}: sending queued")
