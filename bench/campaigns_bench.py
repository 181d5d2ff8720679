# ruff: noqa: E501  (Django snippets run in subprocesses are kept on one line each)
"""Bench of statements: signature intake under load with a worker killed, and mailing 1 000.

1. Signature intake: gunicorn (2 sync workers) serves the public signing page; 64 client
   threads sign (GET the form once for the CSRF token, then POST a signature and open its
   confirmation link) for 30 s. Halfway through one worker is SIGKILLed (gunicorn starts a
   new one). Reported: confirmed signatures per second, and — counted in the database —
   acknowledged signatures missing (a 200 answer whose row is not confirmed) and duplicate
   organisations. Runs on SQLite and, when reachable, PostgreSQL.
2. Mailing: 1 000 recipients through the local SMTP sink (``digital_ngo.core.mailsink``)
   at a configured throttle, by ``db_worker``; the worker is SIGKILLed mid-run and a new one
   started (``resume_mailings``). Reported: messages per minute, and duplicates at the sink.

The confirmation link is computed by the bench from the shared SECRET_KEY, standing in for
the signer's mailbox (the server sends mail to a dummy backend). Writes
``bench/reports/campaigns.md``. Not a test: figures depend on the machine.
"""

import http.client
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
APP = str(REPO / ".venv/bin/digital-ngo")
GUNICORN = str(REPO / ".venv/bin/gunicorn")
PORT = int(os.environ.get("BENCH_PORT", "8012"))
SMTP_PORT, WEB_PORT = 2526, 8926
SECRET = "bench-secret-key-" + "x" * 40
CLIENTS, SECONDS = 64, 30


def env_for(var: Path, database_url: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DIGITAL_NGO_VAR=str(var),
        SECRET_KEY=SECRET,
        DEBUG="false",
        SIGNATURE_LIMIT_PER_IP="100000000",
        SIGNATURE_LIMIT_PER_EMAIL="100000000",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        LOG_LEVEL="ERROR",
    )
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


SETUP = """
import django; django.setup()
from datetime import timedelta
from django.utils import timezone
from digital_ngo.accounts.models import User, Role
from digital_ngo.campaigns import services
a = User.objects.create_user("a@bench.az", "x-Long-pass-1", full_name="A", role=Role.AGENCY_ADMIN)
m = User.objects.create_user("m@bench.az", "x-Long-pass-1", full_name="M", role=Role.PROGRAMME_MANAGER)
s = services.create_statement(author=m, data={"title_az": "Bench", "text_az": "Mətn",
    "signing_opens": timezone.now() - timedelta(days=1)})
s = services.approve_statement(staff=a, statement=s)
print(s.pk)
"""


def django_python(env: dict[str, str], code: str) -> str:
    result = subprocess.run(
        [str(REPO / ".venv/bin/python"), "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "digital_ngo.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def token_for(statement_id: int, email: str) -> str:
    from django.core import signing

    return signing.dumps(
        {"s": statement_id, "e": email}, salt="campaigns.signature.confirm", key=SECRET
    )


class Client(threading.Thread):
    def __init__(self, n: int, statement: int, stop: threading.Event, acks: list[str]) -> None:
        super().__init__(daemon=True)
        self.n, self.statement, self.stop, self.acks = n, statement, stop, acks
        self.errors = 0

    def _request(
        self, method: str, path: str, body: str = "", cookie: str = ""
    ) -> tuple[int, str, str]:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        headers = {"Cookie": cookie} if cookie else {}
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read().decode(errors="replace")
        set_cookie = response.getheader("Set-Cookie") or ""
        conn.close()
        return response.status, data, set_cookie

    def run(self) -> None:
        path = f"/statements/{self.statement}/sign/"
        token, cookie, i = "", "", 0
        while not self.stop.is_set():
            try:
                if not token:
                    _status, page, set_cookie = self._request("GET", path)
                    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
                    cookie = set_cookie.split(";")[0]
                i += 1
                org, email = f"Bench Org {self.n}-{i}", f"c{self.n}-{i}@org{self.n}-{i}.example.org"
                form = urllib.parse.urlencode(
                    {
                        "csrfmiddlewaretoken": token,
                        "organisation": org,
                        "country": "AZ",
                        "city": "Bakı",
                        "ecosoc": "none",
                        "representative": "R",
                        "email": email,
                    }
                )
                status, _body, _c = self._request("POST", path, form, cookie)
                if status != 200:
                    self.errors += 1
                    continue
                confirm = (
                    f"/statements/{self.statement}/confirm/{token_for(self.statement, email)}/"
                )
                status, _body, _c = self._request("GET", confirm)
                if status == 200:
                    self.acks.append(org)
                else:
                    self.errors += 1
            except (OSError, http.client.HTTPException, AttributeError):
                self.errors += 1


def wait_http(url: str, seconds: float = 30) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


def intake(label: str, database_url: str | None) -> dict[str, object]:
    var = Path(tempfile.mkdtemp(prefix="bench-campaigns-"))
    env = env_for(var, database_url)
    subprocess.run([APP, "migrate", "-v0"], env=env, check=True)
    statement = int(django_python(env, SETUP).splitlines()[-1])
    server = subprocess.Popen(
        [
            GUNICORN,
            "digital_ngo.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--backlog",
            "512",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_http(f"http://127.0.0.1:{PORT}/statements/{statement}/")
        stop, acks = threading.Event(), []  # type: ignore[var-annotated]
        clients = [Client(n, statement, stop, acks) for n in range(CLIENTS)]
        started = time.time()
        for c in clients:
            c.start()
        time.sleep(SECONDS / 2)
        children = subprocess.run(
            ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
        ).stdout.split()
        killed = children[0] if children else ""
        if killed:
            os.kill(int(killed), signal.SIGKILL)
        time.sleep(SECONDS / 2)
        stop.set()
        for c in clients:
            c.join(timeout=40)
        elapsed = time.time() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    acked = list(acks)
    check = django_python(
        env,
        f"""
import django; django.setup()
from django.db.models import Count
from digital_ngo.campaigns.models import Signature
names = {acked!r}
rows = Signature.objects.filter(statement_id={statement})
confirmed = set(rows.filter(status="confirmed").values_list("organisation", flat=True))
dups = rows.values("name_key", "country").annotate(n=Count("pk")).filter(n__gt=1).count()
print(sum(1 for n in names if n not in confirmed), dups, rows.filter(status="confirmed").count())
"""
        if len(acked) < 200000
        else "print(-1, -1, -1)",
    )
    missing, duplicates, in_db = (int(x) for x in check.split())
    return {
        "database": label,
        "confirmed_per_s": len(acked) / elapsed,
        "acknowledged": len(acked),
        "confirmed_in_db": in_db,
        "missing": missing,
        "duplicates": duplicates,
        "errors": sum(c.errors for c in clients),
        "killed_worker": bool(killed),
    }


MAIL_SETUP = """
import django; django.setup()
from digital_ngo.accounts.models import User, Role
from digital_ngo.campaigns import services
from digital_ngo.media.models import MediaOutlet, MediaContact
a = User.objects.create_user("a2@bench.az", "x-Long-pass-1", full_name="A", role=Role.AGENCY_ADMIN)
m = User.objects.create_user("m2@bench.az", "x-Long-pass-1", full_name="M", role=Role.PROGRAMME_MANAGER)
outlets = MediaOutlet.objects.bulk_create(
    [MediaOutlet(name=f"Bench outlet {i}", name_folded=f"bench outlet {i}", kind="online") for i in range(1000)])
MediaContact.objects.bulk_create([MediaContact(outlet=o, email=f"desk{o.pk}@bench.example.az") for o in outlets])
s = services.create_statement(author=m, data={"title_az": "Müraciət", "text_az": "Mətn",
    "segment_kinds": ["online"]})
s = services.approve_statement(staff=a, statement=s)
services.start_sending(staff=a, statement=s)
print(s.pk)
"""


def mailing(per_minute: int) -> dict[str, object]:
    var = Path(tempfile.mkdtemp(prefix="bench-mailing-"))
    env = env_for(var, None)
    env.update(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(SMTP_PORT),
        CAMPAIGN_MESSAGES_PER_MINUTE=str(per_minute),
        CAMPAIGN_STALE_SECONDS="5",
    )
    subprocess.run([APP, "migrate", "-v0"], env=env, check=True)
    sink = subprocess.Popen(
        [
            str(REPO / ".venv/bin/python"),
            "-m",
            "digital_ngo.core.mailsink",
            "--smtp",
            str(SMTP_PORT),
            "--web",
            str(WEB_PORT),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    worker = None
    try:
        wait_http(f"http://127.0.0.1:{WEB_PORT}/count")
        statement = int(django_python(env, MAIL_SETUP).splitlines()[-1])
        started = time.time()
        worker = subprocess.Popen(
            [APP, "db_worker", "--no-reload", "--interval", "0.2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        while int(urllib.request.urlopen(f"http://127.0.0.1:{WEB_PORT}/count").read()) < 300:
            time.sleep(0.05)
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        subprocess.run([APP, "resume_mailings"], env=env, check=True, stdout=subprocess.DEVNULL)
        worker = subprocess.Popen(
            [APP, "db_worker", "--no-reload", "--interval", "0.2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        status = ""
        deadline = time.time() + 3600
        while status != "sent" and time.time() < deadline:
            time.sleep(0.5)
            status = django_python(
                env,
                f"""
import django; django.setup()
from digital_ngo.campaigns.models import Statement
print(Statement.objects.get(pk={statement}).status)""",
            )
        elapsed = time.time() - started
        recipients = (
            urllib.request.urlopen(f"http://127.0.0.1:{WEB_PORT}/recipients")
            .read()
            .decode()
            .split()
        )
        counts = django_python(
            env,
            f"""
import django; django.setup()
from collections import Counter
from digital_ngo.campaigns.models import Delivery
print(dict(Counter(Delivery.objects.filter(statement_id={statement}).values_list("status", flat=True))))""",
        )
    finally:
        if worker is not None:
            worker.terminate()
        sink.terminate()
    return {
        "throttle_per_min": per_minute,
        "received": len(recipients),
        "duplicates": len(recipients) - len(set(recipients)),
        "per_min": len(recipients) / elapsed * 60,
        "elapsed_s": elapsed,
        "rows": counts,
    }


def postgres_url() -> str | None:
    base = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    name = "dngo_campaigns_bench"
    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], capture_output=True
    )
    made = subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", name], capture_output=True
    )
    return f"{base}/{name}" if made.returncode == 0 else None


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digital_ngo.settings")
    from django.conf import settings

    if not settings.configured:
        settings.configure(SECRET_KEY=SECRET)
    results = [intake("SQLite", None)]
    pg = postgres_url()
    if pg:
        results.append(intake("PostgreSQL", pg))
    print(results, flush=True)
    mail = mailing(int(os.environ.get("BENCH_MAIL_PER_MINUTE", "3000")))
    lines = [
        "# Statements bench",
        "",
        f"Signature intake: {CLIENTS} clients for {SECONDS} s against gunicorn (2 sync workers), "
        "one worker SIGKILLed halfway.",
        "",
        "| database | confirmed signatures/s | acknowledged | confirmed in DB | missing | duplicates | client errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['database']} | {r['confirmed_per_s']:.0f} | {r['acknowledged']} | "
            f"{r['confirmed_in_db']} | {r['missing']} | {r['duplicates']} | {r['errors']} |"
        )
    lines += [
        "",
        f"Mailing 1 000 recipients at a throttle of {mail['throttle_per_min']}/min, worker "
        "SIGKILLed after 300 messages and restarted:",
        "",
        f"- received by the SMTP sink: {mail['received']}, duplicates: {mail['duplicates']}",
        f"- messages per minute overall (kill and restart included): {mail['per_min']:.0f}",
        f"- delivery rows: {mail['rows']}",
        "",
    ]
    report = "\n".join(lines)
    out = REPO / "bench/reports/campaigns.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report)
    print(report)
    sys.exit(0)


if __name__ == "__main__":
    main()
