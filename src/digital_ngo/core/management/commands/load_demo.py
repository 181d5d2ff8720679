"""``digital-ngo load_demo [--scale N]``: load reproducible demo data (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from digital_ngo.accounts import demo as account_demo
from digital_ngo.applications import demo as grant_demo
from digital_ngo.campaigns import demo as campaigns_demo
from digital_ngo.coalitions import demo as coalitions_demo
from digital_ngo.events import demo as events_demo
from digital_ngo.grants import demo as grants_demo
from digital_ngo.health import demo as health_demo
from digital_ngo.media import demo as media_demo
from digital_ngo.press import demo as press_demo
from digital_ngo.programmes import demo as programmes_demo
from digital_ngo.registry import demo as registry_demo


class Command(BaseCommand):
    help = "Load realistic, reproducible demo data; running it again adds only what is missing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help=f"Multiply the data: {registry_demo.NGOS_PER_SCALE} NGOs per unit (default 1).",
        )

    def handle(self, *args: Any, scale: int, **options: Any) -> None:
        if scale < 1:
            self.stderr.write("--scale must be 1 or more.")
            raise SystemExit(2)
        result = registry_demo.load_ngos(scale)
        self.stdout.write(f"NGOs: {result.created} created, {result.total} in all.")
        accounts = account_demo.load_accounts()
        admin = next(user for account, user in accounts if account.role == "agency_admin")
        registry_demo.load_sanctions(admin)
        for _account, user in accounts:
            if user.ngo is not None:
                registry_demo.attach_documents(user.ngo, user)
        outlets = media_demo.load_outlets()
        manager = next(user for account, user in accounts if account.role == "programme_manager")
        self.stdout.write(f"Grant cycle: {grant_demo.load_cycle(admin, manager)}.")
        finance = next(user for account, user in accounts if account.role == "finance_officer")
        monitor = next(user for account, user in accounts if account.role == "monitoring_officer")
        self.stdout.write(
            f"Grants: {grants_demo.load_grants(manager, finance, monitor)} agreements."
        )
        clippings = press_demo.load_clippings(admin, outlets)
        self.stdout.write(f"Press archive: {clippings} demo clippings read and restored.")
        programmes = programmes_demo.load_programmes(manager)
        self.stdout.write(f"State programmes: {programmes}.")
        dormant = health_demo.load_activity(admin)
        self.stdout.write(f"Sector health: {dormant} NGOs with no visible activity.")
        self.stdout.write(f"Events: {events_demo.load_events(admin)}.")
        platform = coalitions_demo.load_platform()
        self.stdout.write(f"Coalitions: {platform.name_en}, {platform.members.count()} members.")
        self.stdout.write(f"Statements: {campaigns_demo.load(manager, admin)}.")
        self.stdout.write(f"Demo accounts (password: {account_demo.DEMO_PASSWORD}):")
        for account, user in accounts:
            where = f" — {user.ngo.name_az}" if user.ngo else ""
            self.stdout.write(f"  {account.email:28} {user.get_role_display()}{where}")
