"""Benchmark: submitting responses over HTTP to gunicorn + PostgreSQL, from a load client in another process.

    bash scripts/with-postgres.sh .venv/bin/python bench/surveys_submit.py               # 4 workers, 20 s
    bash scripts/with-postgres.sh .venv/bin/python bench/surveys_submit.py --workers 4 --threads 16 --seconds 20

What happens: the throwaway database is migrated and an open snowball campaign created; gunicorn serves
`tripartite.wsgi` on 127.0.0.1 with the rate limiter off (settings module `surveys_bench_settings`:
SURVEYS_SUBMISSIONS_PER_HOUR = 0) and persistent database connections; a client process with threads
(http.client, keep-alive where the server allows it) posts valid responses to
POST /api/v1/surveys/campaigns/{slug}/responses for a bounded time, one in five through the referral
code of an earlier respondent.  Printed: sustained completed submissions per second, p50/p99 latency,
and the check that every acknowledged submission (by its idempotency key) is in the database.
Targets: ≥ 300/s, p99 ≤ 150 ms, zero lost.  Nothing is asserted.  The "lost" figure counts answers lost while
nothing crashes: scripts/with-postgres.sh starts PostgreSQL with fsync, synchronous_commit and full_page_writes
off, so a crash of the database server or the machine could lose acknowledged answers; the run says so.  The
crash test (tests/operations/test_crash.py) is the one that kills the server.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from http.client import HTTPConnection
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


# ---------------------------------------------------------------------------------------------
# The load client (runs in its own process: `surveys_submit.py --client ...`)


def _answers(rng: random.Random) -> dict[str, int]:
    return {"age_group": rng.randint(1, 6), "gender": rng.randint(1, 2), "sector": rng.randint(1, 11),
            "gov": rng.randint(1, 4), "employer": rng.randint(1, 4), "self": rng.randint(1, 4),
            "network_size": rng.randint(2, 400)}


def _worker(port: int, path: str, deadline: float, seed: int, out: list[tuple[float, int, str]]) -> None:
    rng = random.Random(seed)
    conn = HTTPConnection("127.0.0.1", port, timeout=30)
    referrals: list[str] = []
    while time.monotonic() < deadline:
        key = uuid.uuid4().hex
        body = {"answers": _answers(rng), "idempotency_key": key, "invitation": None,
                "referral": rng.choice(referrals) if referrals and rng.random() < 0.2 else None, "language": "ru"}
        data = json.dumps(body).encode()
        started = time.perf_counter()
        try:
            conn.request("POST", path, body=data, headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            payload = response.read()
            status = response.status
            if response.will_close:
                conn.close()
        except (OSError, ConnectionError):
            conn.close()
            out.append((time.perf_counter() - started, 0, key))
            continue
        out.append((time.perf_counter() - started, status, key))
        if status in (200, 201) and len(referrals) < 50:
            referrals.append(json.loads(payload)["referral_code"])
    conn.close()


def client_main(port: int, slug: str, seconds: float, threads: int) -> None:
    path = f"/api/v1/surveys/campaigns/{slug}/responses"
    deadline = time.monotonic() + seconds
    results: list[list[tuple[float, int, str]]] = [[] for _ in range(threads)]
    pool = [threading.Thread(target=_worker, args=(port, path, deadline, i, results[i])) for i in range(threads)]
    started = time.monotonic()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.monotonic() - started
    flat = [r for chunk in results for r in chunk]
    json.dump({"elapsed": elapsed, "latencies": [r[0] for r in flat], "statuses": [r[1] for r in flat],
               "acknowledged": [r[2] for r in flat if r[1] in (200, 201)]}, sys.stdout)


# ---------------------------------------------------------------------------------------------
# The benchmark


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_ready(port: int, path: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in time")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(q / 100 * len(ordered) + 0.5)) - 1))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--client", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--slug", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        client_main(args.port, args.slug, args.seconds, args.threads)
        return

    sys.path.insert(0, str(BENCH))
    os.environ["DJANGO_SETTINGS_MODULE"] = "surveys_bench_settings"
    from surveys_setup import django_on_postgres, make_campaign

    django_on_postgres()
    from tripartite.surveys.models import Response

    campaign = make_campaign(f"bench-submit-{uuid.uuid4().hex[:6]}")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(BENCH), str(ROOT)]),
           "DJANGO_SETTINGS_MODULE": "surveys_bench_settings", "CONN_MAX_AGE": "600"}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "tripartite.wsgi", "--workers", str(args.workers), "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", "--keep-alive", "5"],
        cwd=ROOT, env=env,
    )
    try:
        _wait_ready(port, f"/api/v1/surveys/campaigns/{campaign.slug}")
        before = Response.objects.filter(campaign=campaign).count()
        load_before = os.getloadavg()[0]
        client = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--client", "--port", str(port), "--slug", campaign.slug,
             "--seconds", str(args.seconds), "--threads", str(args.threads)],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True,
        )
    finally:
        server.send_signal(signal.SIGTERM)  # the master stops its workers gracefully
        server.wait(timeout=30)
    report: dict[str, Any] = json.loads(client.stdout)
    statuses = report["statuses"]
    ok = [lat for lat, status in zip(report["latencies"], statuses, strict=True) if status in (200, 201)]
    acknowledged = report["acknowledged"]
    stored = 0
    for start in range(0, len(acknowledged), 5000):
        chunk = acknowledged[start:start + 5000]
        stored += Response.objects.filter(campaign=campaign, idempotency_key__in=chunk).count()
    total_stored = Response.objects.filter(campaign=campaign).count() - before
    errors: dict[int, int] = {}
    for status in statuses:
        if status not in (200, 201):
            errors[status] = errors.get(status, 0) + 1
    rate = len(ok) / report["elapsed"]
    print(f"gunicorn {args.workers} sync workers, client {args.threads} threads, {report['elapsed']:.1f} s; "
          f"load average before the run {load_before:.1f} on {os.cpu_count()} CPUs")
    print(f"completed submissions: {len(ok):,} = {rate:,.0f}/s sustained (target >= 300/s)")
    if ok:
        print(f"latency: p50 {1000 * statistics.median(ok):.1f} ms, p99 {1000 * percentile(ok, 99):.1f} ms, "
              f"max {1000 * max(ok):.1f} ms (target p99 <= 150 ms)")
    print(f"acknowledged {len(acknowledged):,}; found in the database by idempotency key: {stored:,}; "
          f"lost: {len(acknowledged) - stored} (target 0); responses stored in all: {total_stored:,}")
    print(f"non-2xx answers: {errors or 'none'}")
    durability = _durability_off()
    if durability:
        print(f"note: PostgreSQL ran with {', '.join(durability)}: the lost figure holds only when nothing crashes "
              f"and does not cover a crash of the database server or the machine")


def _durability_off() -> list[str]:
    """The PostgreSQL settings of this run that trade crash safety for speed."""
    from django.db import connection

    off = []
    with connection.cursor() as cursor:
        for name in ("fsync", "synchronous_commit", "full_page_writes"):
            cursor.execute(f"SHOW {name}")
            if cursor.fetchone()[0] == "off":
                off.append(f"{name}=off")
    return off


if __name__ == "__main__":
    main()
