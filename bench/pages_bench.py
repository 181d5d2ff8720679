"""Benchmark: each public page, public API list and staff page against ``/healthz``, same run.

For each database (SQLite under ``var/bench-pages``; PostgreSQL too when ``--postgres URL``
or ``BENCH_DATABASE_URL`` is given) it migrates, loads ``load_demo --scale N`` once (the
database is kept between runs), starts gunicorn (DEBUG off, workers from
``gunicorn.conf.py``), warms each URL once and measures it with ``wrk`` (``-c 8``,
``bench/wrk_p95.lua`` prints requests/s and p95). Every figure is written with the
``/healthz`` figure measured in the same run; the targets are shares of it.

Writes ``bench/results.json`` and ``bench/reports/pages.md``.
Usage: ``python bench/pages_bench.py [--scale 100] [--seconds 8] [--postgres URL]``.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
APP = REPO / ".venv" / "bin" / "digital-ngo"
GUNICORN = REPO / ".venv" / "bin" / "gunicorn"
LUA = REPO / "bench" / "wrk_p95.lua"
RESULTS = REPO / "bench" / "results.json"
REPORT = REPO / "bench" / "reports" / "pages.md"
PORT = int(os.environ.get("BENCH_PORT", "8014"))
STAFF_EMAIL = "bench-staff@example.az"

#: (name, path, kind): kind is "public" (target ≥50% of /healthz, p95 < 50 ms) or "staff"
#: (signed in; ≥20%, p95 < 150 ms). ``{project}``/``{ngo}`` are filled from the data.
PAGES = [
    ("portal home", "/", "public"),
    ("NGO directory", "/ngos/", "public"),
    ("NGO directory, deep page", "/ngos/?page=1000", "public"),
    ("NGO search", "/ngos/?q=vetendas", "public"),
    ("NGO profile", "/ngos/{ngo}/", "public"),
    ("projects", "/projects/", "public"),
    ("a project page", "/projects/{project}/", "public"),
    ("calls", "/calls/", "public"),
    ("press search", "/press/?q=vetendas+cemiyyeti", "public"),
    ("open data page", "/opendata/", "public"),
    ("API: NGOs", "/api/ngos/", "public"),
    ("API: projects", "/api/projects/", "public"),
    ("API: calls", "/api/calls/", "public"),
    ("staff dashboard", "/staff/", "staff"),
    ("staff NGO list, filtered", "/staff/ngos/?verification=verified&legal_form=ib", "staff"),
    ("staff press list", "/staff/press/", "staff"),
]
TARGETS = {"public": (0.5, 50.0), "staff": (0.2, 150.0)}


def run_app(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [str(APP), *args], env=env, check=True, capture_output=True, text=True
    ).stdout


def prepare(env: dict[str, str], scale: int) -> dict[str, str]:
    """Migrate, load the scaled demo data once, and return the URL fillers and a session."""
    run_app(env, "migrate", "--no-input", "-v0")
    probe = "from digital_ngo.registry.models import NGO; print(NGO.objects.count())"
    if int(run_app(env, "shell", "--no-imports", "-c", probe).strip() or 0) < 100 * scale:
        started = time.monotonic()
        run_app(env, "load_demo", "--scale", str(scale))
        print(f"load_demo --scale {scale}: {time.monotonic() - started:.0f} s", flush=True)
    script = f"""
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from digital_ngo.accounts.models import User, Role
from digital_ngo.grants.models import Grant
from digital_ngo.registry.models import NGO
user = User.objects.filter(email="{STAFF_EMAIL}").first() or User.objects.create_user(
    "{STAFF_EMAIL}", None, full_name="Bench", role=Role.AGENCY_ADMIN)
s = SessionStore()
s[SESSION_KEY] = str(user.pk)
s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
s[HASH_SESSION_KEY] = user.get_session_auth_hash()
s.create()
print(s.session_key)
print(NGO.objects.verified().order_by("pk").values_list("pk", flat=True)[500])
print(Grant.objects.order_by("number").values_list("number", flat=True).first())
"""
    session, ngo, project = run_app(env, "shell", "--no-imports", "-c", script).split()
    return {"session": session, "ngo": ngo, "project": project}


def postgres_ready(url: str) -> bool:
    """Create the bench database if missing; ``False`` (and a note) when PostgreSQL is down."""
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1]
    try:
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as db:
            if not db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                db.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError as error:
        print(f"PostgreSQL not measured ({error})", file=sys.stderr)
        return False
    return True


def start_server(env: dict[str, str]) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [str(GUNICORN), "digital_ngo.wsgi", "--bind", f"127.0.0.1:{PORT}", "--log-level", "error"],
        env=env,
        cwd=REPO,
        start_new_session=True,
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("gunicorn did not start")


def wrk(path: str, seconds: int, connections: int, cookie: str = "") -> tuple[float, float]:
    """Requests/s and p95 latency (ms) of ``path``; non-2xx/3xx answers make it fail."""
    url = f"http://127.0.0.1:{PORT}{path}"
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", str(LUA), *headers, url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    if "Non-2xx or 3xx responses" in out:
        raise SystemExit(f"{path} answered errors under load:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p95 = float(re.search(r"p95_ms=([\d.]+)", out).group(1))  # type: ignore[union-attr]
    return rps, p95


def measure(label: str, env: dict[str, str], scale: int, seconds: int) -> list[dict[str, object]]:
    """Every page of :data:`PAGES` and /healthz on one database; one row per metric."""
    fill = prepare(env, scale)
    server = start_server(env)
    rows: list[dict[str, object]] = []
    try:
        cookie = f"sessionid={fill['session']}"
        for _name, path, kind in PAGES:  # warm: the first request fills the page cache
            target = f"http://127.0.0.1:{PORT}{path.format(**fill)}"
            request = urllib.request.Request(target)
            if kind == "staff":
                request.add_header("Cookie", cookie)
            urllib.request.urlopen(request, timeout=120).read()
        ref_rps, ref_p95 = wrk("/healthz", seconds, 8)
        print(f"[{label}] /healthz: {ref_rps:.0f} req/s, p95 {ref_p95:.1f} ms", flush=True)
        for name, path, kind in PAGES:
            rps, p95 = wrk(path.format(**fill), seconds, 8, cookie if kind == "staff" else "")
            share, limit = TARGETS[kind]
            print(f"[{label}] {name}: {rps:.0f} req/s ({rps / ref_rps:.0%}), p95 {p95:.1f} ms")
            base = {"database": label, "scale": scale, "page": name, "path": path, "kind": kind}
            rows.append(
                {
                    **base,
                    "metric": f"{label} {name} requests/s",
                    "value": round(rps, 1),
                    "unit": "req/s",
                    "reference": round(ref_rps, 1),
                    "reference_metric": "/healthz requests/s, same run",
                    "share": round(rps / ref_rps, 3),
                    "target_share": share,
                    "met": rps / ref_rps >= share,
                }
            )
            rows.append(
                {
                    **base,
                    "metric": f"{label} {name} p95 latency",
                    "value": round(p95, 1),
                    "unit": "ms",
                    "reference": round(ref_p95, 1),
                    "reference_metric": "/healthz p95 latency, same run",
                    "target_max": limit,
                    "met": p95 < limit,
                }
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
    return rows


def report(rows: list[dict[str, object]], seconds: int, scale: int) -> str:
    lines = [
        "# Page benchmark",
        "",
        f"`python bench/pages_bench.py`: `load_demo --scale {scale}`, gunicorn as configured in",
        f"`gunicorn.conf.py` ({os.cpu_count()} cores), DEBUG off, `wrk -t2 -c8 -d{seconds}s` on",
        "loopback after one warming request per URL. Shares are of `/healthz` in the same run.",
        "Public targets: ≥ 50% and p95 < 50 ms; staff pages: ≥ 20% and p95 < 150 ms.",
        "",
        "Scale per database: "
        + ", ".join(sorted({f"{r['database']} {r['scale']}" for r in rows}))
        + " (`load_demo --scale`).",
        "",
        "| database | page | req/s | share of /healthz | p95 ms | met |",
        "|---|---|---:|---:|---:|---|",
    ]
    by_page: dict[tuple[object, object], dict[str, object]] = {}
    for row in rows:
        entry = by_page.setdefault((row["database"], row["page"]), {})
        if row["unit"] == "req/s":
            entry.update(rps=row["value"], ref=row["reference"], share=row["share"], m1=row["met"])
        else:
            entry.update(p95=row["value"], m2=row["met"])
    for (database, page), e in by_page.items():
        met = "yes" if e["m1"] and e["m2"] else "**no**"
        lines.append(
            f"| {database} | {page} | {e['rps']:,.0f} | {float(e['share']):.0%} "  # type: ignore[arg-type]
            f"(of {e['ref']:,.0f}) | {e['p95']} | {met} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--postgres", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--postgres-scale", type=int, default=0, help="default: --scale")
    args = parser.parse_args()
    base = {
        **os.environ,
        "DEBUG": "false",
        "API_ANON_RATE": "100000000/min",
        "API_USER_RATE": "100000000/min",
        "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
    }
    var = REPO / "var" / "bench-pages"
    databases = [("SQLite", {**base, "DIGITAL_NGO_VAR": str(var / "sqlite")})]
    databases[0][1].pop("DATABASE_URL", None)
    if args.postgres and postgres_ready(args.postgres):
        databases.append(
            (
                "PostgreSQL",
                {**base, "DIGITAL_NGO_VAR": str(var / "pg"), "DATABASE_URL": args.postgres},
            )
        )
    rows: list[dict[str, object]] = []
    for label, env in databases:
        scale = args.postgres_scale or args.scale if label == "PostgreSQL" else args.scale
        rows += measure(label, env, scale, args.seconds)
    RESULTS.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n")
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(report(rows, args.seconds, args.scale))
    print(f"Wrote {RESULTS.relative_to(REPO)} and {REPORT.relative_to(REPO)}", file=sys.stderr)


if __name__ == "__main__":
    main()
