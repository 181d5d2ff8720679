"""``digital-ngo restore_active_ngos``: restore notified or inactive NGOs with a new signal."""

from typing import Any

from django.core.management.base import BaseCommand

from digital_ngo.health.services import restore_on_signals


class Command(BaseCommand):
    help = "Restore as active every notified or inactive NGO that shows a signal since its notice."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"NGOs restored on a new signal: {restore_on_signals()}.")
