"""Benchmark: jobs lost and duplicated when the worker is SIGKILLed mid-run, and time to resume.

In a throw-away SQLite database (its own ``DIGITAL_NGO_VAR``) it uploads ``--items``
scanned PDFs of ``--pages`` printed pages each, starts ``digital-ngo worker``, waits until
a document is part-read, kills the worker with SIGKILL (and, as ``make demo``'s supervisor
does, its process group: Tesseract with it), starts a new worker and waits until every
job has finished. It reports

* **lost**: items never finished (still queued or being read) and tasks left READY/RUNNING;
* **duplicated**: tasks that ran to the end more than once for one item, and pages stored twice;
* **pages read again**: pages OCR'd a second time after the kill (at most the one in flight);
* **time to resume**: from the new worker's start to the killed document's next page
  (includes the lease: the dead worker's heartbeat must first be older than it).

Usage: ``python bench/worker_kill_bench.py [--items N] [--pages N] [--lease S]``.
``tests/core/test_worker_recovery.py`` runs the same drill on a small scale.
"""

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
APP = str(REPO / ".venv" / "bin" / "digital-ngo")
REPORT = REPO / "bench" / "reports" / "worker_kill.md"
WORDS = (
    "Azərbaycan Respublikasının Prezidenti yanında Qeyri-Hökumət Təşkilatlarına Dövlət "
    "Dəstəyi Agentliyi gənclər təşkilatlarının layihələrinə qrant ayırmışdır"
)


def environment(var: Path, lease: float) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DIGITAL_NGO_VAR=str(var),
        WORKER_HEARTBEAT_SECONDS="1",
        WORKER_LEASE_SECONDS=str(lease),
        DEBUG="false",
    )
    return env


def prepare(var: Path, env: dict[str, str], items: int, pages: int) -> None:
    """Migrate a fresh database and upload ``items`` PDFs of ``pages`` printed pages."""
    subprocess.run([APP, "migrate", "--no-input", "-v0"], env=env, check=True)
    script = f"""
import io
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from digital_ngo.accounts.models import Role, User
from digital_ngo.press import services
from digital_ngo.press.demo import render_page
user = User.objects.create_user("drill@example.az", "a-Long-drill-passw0rd",
    full_name="Drill", role=Role.MONITORING_OFFICER)
for n in range({items}):
    images = [Image.open(io.BytesIO(render_page(f"{{n}} {{p}} " + {WORDS!r}, width=900)))
              for p in range({pages})]
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=150)
    services.upload_item(user=user, title=f"Drill {{n}}",
        upload=SimpleUploadedFile(f"d{{n}}.pdf", buffer.getvalue(), "application/pdf"))
"""
    subprocess.run([APP, "shell", "-c", script], env=env, check=True)


def query(var: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(var / "db.sqlite3", timeout=30) as db:
        return db.execute(sql).fetchall()


def start_worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [APP, "worker", "--no-startup-delay", "-v0"],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for(condition: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise TimeoutError(f"waited {timeout:.0f} s for {what}")


def part_read(var: Path) -> tuple[int, int] | None:
    rows = query(
        var,
        "SELECT id, pages_done FROM press_pressitem WHERE status='processing' "
        "AND pages_done >= 1 AND pages_done < pages_total",
    )
    return rows[0] if rows else None


def group_processes(pgid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid:
                found.append(int(entry.name))
    return found


def stop(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()


def drill(var: Path, *, items: int, pages: int, lease: float) -> dict[str, Any]:
    """Run the kill-and-resume drill in ``var``; return the figures."""
    env = environment(var, lease)
    prepare(var, env, items, pages)
    first = start_worker(env)
    try:
        item_id, done_at_kill = wait_for(lambda: part_read(var), 300, "a part-read document")
        first.send_signal(signal.SIGKILL)
        first.wait()
        left_in_group = len(group_processes(first.pid))
        os.killpg(first.pid, signal.SIGKILL) if left_in_group else None  # as the supervisor does
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
    second = start_worker(env)
    started = time.monotonic()
    try:
        wait_for(
            lambda: query(
                var,
                f"SELECT 1 FROM press_pressitem WHERE id={item_id} AND "
                f"(pages_done > {done_at_kill} OR status NOT IN ('processing', 'queued'))",
            ),
            300,
            "the killed document to resume",
        )
        resume_seconds = time.monotonic() - started
        wait_for(
            lambda: (
                not query(
                    var, "SELECT 1 FROM press_pressitem WHERE status IN ('queued', 'processing')"
                )
            ),
            600,
            "every document to be read",
        )
    finally:
        stop(second)
    unfinished = query(
        var, "SELECT count(*) FROM press_pressitem WHERE status IN ('queued', 'processing')"
    )[0][0]
    open_tasks = query(
        var,
        "SELECT count(*) FROM django_tasks_database_dbtaskresult "
        "WHERE status IN ('READY', 'RUNNING')",
    )[0][0]
    successes = query(
        var,
        "SELECT json_extract(args_kwargs, '$.args[0]'), count(*) FROM "
        "django_tasks_database_dbtaskresult WHERE status='SUCCESSFUL' GROUP BY 1",
    )
    double_pages = query(
        var, "SELECT count(*) - count(DISTINCT item_id || ':' || number) FROM press_readpage"
    )[0][0]
    statuses = dict(query(var, "SELECT status, count(*) FROM press_pressitem GROUP BY status"))
    return {
        "items": items,
        "pages": pages,
        "lease": lease,
        "killed_at_page": done_at_kill,
        "left_in_group": left_in_group,
        "lost": unfinished + open_tasks,
        "duplicated": sum(max(count - 1, 0) for _, count in successes) + double_pages,
        "resume_seconds": resume_seconds,
        "statuses": statuses,
        "worker_ids_of_killed": query(
            var,
            "SELECT json_array_length(worker_ids) FROM django_tasks_database_dbtaskresult "
            f"WHERE json_extract(args_kwargs, '$.args[0]') = {item_id}",
        )[0][0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=4)
    parser.add_argument("--pages", type=int, default=5)
    parser.add_argument("--lease", type=float, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        figures = drill(Path(tmp), items=args.items, pages=args.pages, lease=args.lease)
    lines = [
        "# Worker kill drill (bench/worker_kill_bench.py)",
        "",
        f"{figures['items']} scanned PDFs × {figures['pages']} pages, heartbeat 1 s, "
        f"lease {figures['lease']:.0f} s; worker SIGKILLed after page "
        f"{figures['killed_at_page']} of a document.",
        "",
        "| figure | value |",
        "| --- | --- |",
        f"| jobs lost | {figures['lost']} |",
        f"| jobs duplicated | {figures['duplicated']} |",
        f"| time to resume (new worker start → next page) | {figures['resume_seconds']:.1f} s |",
        f"| processes left in the killed worker's group | {figures['left_in_group']} |",
        f"| final statuses | {figures['statuses']} |",
    ]
    text = "\n".join(lines) + "\n"
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
