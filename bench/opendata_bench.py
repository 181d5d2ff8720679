"""Benchmark: open-data generation time and peak memory as the number of grants grows.

For each size N it builds a throw-away SQLite database with N grants (bulk inserts of
what the exports read: NGO, application with an outcome, indicator and budget line,
grant, two tranches), then runs ``opendata.services.regenerate`` in a process of its own
and reports its time and that process's maximum resident set size. Flat memory means the
peak barely moves from 10 000 to 100 000 grants.

Usage: ``python bench/opendata_bench.py [N ...]`` (default 10 000 and 100 000).
The script runs itself with ``--build N`` and ``--generate DIR`` in child processes.
"""

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REPORT = REPO / "bench" / "reports" / "opendata.md"
BATCH = 5000


def build(n: int) -> None:
    """Fill the (empty, migrated) database with ``n`` grants."""
    from datetime import date, timedelta
    from decimal import Decimal

    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from digital_ngo.accounts.models import Role, User
    from digital_ngo.applications.models import Application, BudgetLine, Indicator, Outcome
    from digital_ngo.funding.models import Call, Funder, Topic
    from digital_ngo.grants.models import Grant, Tranche
    from digital_ngo.registry.demo import voen_for
    from digital_ngo.registry.models import NGO, FieldOfActivity

    staff = User.objects.create_user(
        "bench@example.az", None, full_name="Bench", role=Role.AGENCY_ADMIN
    )
    start = date(2025, 3, 1)
    call = Call.objects.create(
        name_az="Bench",
        year=2025,
        opens_at="2025-01-01T00:00Z",
        closes_at="2025-02-01T00:00Z",
        total_budget=Decimal("1e9"),
        created_by=staff,
        tranches=[80, 20],
        is_published=True,
    )
    call.funders.set(Funder.objects.filter(code="agency"))
    topic = Topic.objects.create(call=call, code="A", name_az="Mövzu")
    field = FieldOfActivity.objects.first()
    for first in range(0, n, BATCH):
        ngos = NGO.objects.bulk_create(
            NGO(
                name_az=f"QHT {i}",
                legal_form="public_association",
                scope="national",
                voen=voen_for(i % 99_999 + 1, 10 + i // 99_999),
                verification="verified",
            )
            for i in range(first, min(n, first + BATCH))
        )
        apps = Application.objects.bulk_create(
            Application(
                call=call,
                ngo=ngo,
                instrument="small",
                topic=topic,
                field=field,
                title=f"Layihə {ngo.pk}",
                summary="Təsvir",
                duration_months=6,
                status="agreement",
                awarded_amount=Decimal("10000"),
                created_by=staff,
            )
            for ngo in ngos
        )
        outcomes = Outcome.objects.bulk_create(Outcome(application=a, text="Nəticə") for a in apps)
        Indicator.objects.bulk_create(
            Indicator(
                application=a,
                outcome=o,
                name="İştirakçılar",
                unit="nəfər",
                target=100,
                means_of_verification="Siyahı",
            )
            for a, o in zip(apps, outcomes, strict=True)
        )
        BudgetLine.objects.bulk_create(
            BudgetLine(
                application=a,
                category="events",
                description="Tədbir",
                unit_cost=10000,
                quantity=1,
                months=1,
            )
            for a in apps
        )
        grants = Grant.objects.bulk_create(
            Grant(
                application=a,
                number=f"QHT-2025-{a.pk:06d}",
                amount=Decimal("10000"),
                starts_on=start,
                ends_on=start + timedelta(days=180),
                created_by=staff,
            )
            for a in apps
        )
        Tranche.objects.bulk_create(
            Tranche(
                grant=g,
                number=k,
                percent=p,
                amount=Decimal(100 * p),
                status="paid" if k == 1 else "scheduled",
                paid_on=start if k == 1 else None,
            )
            for g in grants
            for k, p in ((1, 80), (2, 20))
        )


def generate(directory: str) -> None:
    """Regenerate the open data into ``directory``; print seconds and peak RSS in MiB."""
    from digital_ngo.opendata import services

    started = time.perf_counter()
    services.regenerate(output_dir=directory)
    seconds = time.perf_counter() - started
    print(f"{seconds:.1f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}")


def run(n: int) -> tuple[int, float, float]:
    """Build a database of ``n`` grants and time one generation: (n, seconds, peak MiB)."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "DIGITAL_NGO_VAR": tmp,
            "DJANGO_SETTINGS_MODULE": "digital_ngo.settings",
        }
        me = [sys.executable, __file__]
        subprocess.run([*me, "--build", str(n)], env=env, check=True)
        made = subprocess.run(
            [*me, "--generate", f"{tmp}/out"], env=env, check=True, capture_output=True, text=True
        )
        seconds, peak = made.stdout.split()[-2:]
        return n, float(seconds), float(peak)


def report(sizes: list[int]) -> None:
    rows = [run(n) for n in sizes]
    lines = [
        "# Open-data generation benchmark",
        "",
        f"SQLite, Python {sys.version.split()[0]}; `opendata.services.regenerate` writes the "
        "360Giving JSON, CSV and XLSX, the IATI XML and a ZIP of them. Peak memory is the "
        "generating process's maximum resident set size (Python, Django and every library).",
        "",
        "| grants | generation time | grants/s | peak memory |",
        "| ---: | ---: | ---: | ---: |",
    ]
    lines += [f"| {n:,} | {s:.1f} s | {n / s:,.0f} | {peak:.1f} MiB |" for n, s, peak in rows]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


def main(argv: list[str]) -> None:
    if argv[:1] in (["--build"], ["--generate"]):
        import django

        django.setup()
        if argv[0] == "--build":
            build(int(argv[1]))
        else:
            generate(argv[1])
        return
    report([int(arg) for arg in argv] or [10_000, 100_000])


if __name__ == "__main__":
    main(sys.argv[1:])
