"""Crash safety on PostgreSQL: gunicorn (master and workers) killed with SIGKILL while survey answers are being
posted loses no acknowledged answer and stores none twice, when clients retry with the same idempotency key.

The database is the test database (the test commits, so gunicorn's own connections see the campaign); the
throwaway server of scripts/with-postgres.sh runs with fsync off, which does not matter here: PostgreSQL itself
keeps running, only the application server is killed.
"""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from datetime import date
from http.client import HTTPConnection
from pathlib import Path
from typing import Any

import pytest

from tests.operations.conftest import on_postgresql

ROOT = Path(__file__).resolve().parents[2]
THREADS = 4


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _campaign() -> Any:
    from tripartite.partners.models import Kind, Organisation, Subkind
    from tripartite.surveys import template_questionnaire
    from tripartite.surveys.models import Campaign, Option, Question, Questionnaire, QuestionnaireVersion

    owner = Organisation.objects.create(kind=Kind.TRADE_UNION, subkind=Subkind.REPUBLICAN_UNION_ASSOCIATION,
                                        name_en="Crash-test union")
    version = template_questionnaire.install(Questionnaire, QuestionnaireVersion, Question, Option)
    campaign = Campaign(slug=f"crash-{uuid.uuid4().hex[:6]}", version=version, owner=owner, title_en="Crash test",
                        opens_on=date(2020, 1, 1), mode=Campaign.Mode.SNOWBALL)
    campaign.full_clean()
    campaign.save()
    return campaign


def _answers(rng: random.Random) -> dict[str, int]:
    return {"age_group": rng.randint(1, 6), "gender": rng.randint(1, 2), "sector": rng.randint(1, 11),
            "gov": rng.randint(1, 4), "employer": rng.randint(1, 4), "self": rng.randint(1, 4),
            "network_size": rng.randint(2, 400)}


class Gunicorn:
    """gunicorn in a process group of its own, so that one signal reaches the master and every worker."""

    def __init__(self, port: int, database_name: str) -> None:
        from django.conf import settings

        self.port = port
        db = settings.DATABASES["default"]
        url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{database_name}"
        self.env = {**os.environ, "DATABASE_URL": url, "SURVEYS_SUBMISSIONS_PER_HOUR": "0", "CONN_MAX_AGE": "0",
                    "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "tripartite.settings"}
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "tripartite.wsgi", "--workers", "2", "--preload",
             "--bind", f"127.0.0.1:{self.port}", "--log-level", "error"],
            cwd=ROOT, env=self.env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def wait_ready(self, path: str, timeout: float = 45.0) -> float:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            try:
                conn = HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", path)
                if conn.getresponse().status == 200:
                    return time.monotonic() - started
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"gunicorn did not answer within {timeout} s")

    def kill(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


class Clients:
    """Threads posting answers; an answer without a 2xx answer is kept, to be sent again with the same key."""

    def __init__(self, port: int, path: str) -> None:
        self.port, self.path = port, path
        self.acknowledged: set[str] = set()
        self.pending: dict[str, bytes] = {}
        self.failures = 0
        self.lock = threading.Lock()
        self.running = threading.Event()

    def post(self, conn: HTTPConnection, key: str, body: bytes) -> bool:
        try:
            conn.request("POST", self.path, body=body, headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            ok = response.status in (200, 201)
            if response.will_close:
                conn.close()
        except (OSError, ConnectionError):
            conn.close()
            ok = False
        with self.lock:
            if ok:
                self.acknowledged.add(key)
                self.pending.pop(key, None)
            else:
                self.failures += 1
                self.pending[key] = body
        return ok

    def run(self, seed: int) -> None:
        rng = random.Random(seed)
        conn = HTTPConnection("127.0.0.1", self.port, timeout=10)
        while self.running.is_set():
            key = uuid.uuid4().hex
            body = json.dumps({"answers": _answers(rng), "idempotency_key": key, "invitation": None,
                               "referral": None, "language": "ru"}).encode()
            if not self.post(conn, key, body):
                time.sleep(0.1)  # the server is down: do not spin
        conn.close()

    def retry_pending(self, rounds: int = 5) -> None:
        conn = HTTPConnection("127.0.0.1", self.port, timeout=10)
        for _ in range(rounds):
            with self.lock:
                todo = dict(self.pending)
            if not todo:
                break
            for key, body in todo.items():
                self.post(conn, key, body)
        conn.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not on_postgresql(), reason="the crash test runs against PostgreSQL (scripts/with-postgres.sh)")
def test_killing_gunicorn_mid_load_loses_no_acknowledged_answer_and_duplicates_none() -> None:
    from django.db import connection

    from tripartite.surveys.models import Response

    campaign = _campaign()
    port = _free_port()
    server = Gunicorn(port, connection.settings_dict["NAME"])
    ready_path = f"/api/v1/surveys/campaigns/{campaign.slug}"
    clients = Clients(port, f"/api/v1/surveys/campaigns/{campaign.slug}/responses")
    threads = [threading.Thread(target=clients.run, args=(n,)) for n in range(THREADS)]
    started = time.monotonic()
    try:
        server.start()
        server.wait_ready(ready_path)
        clients.running.set()
        for thread in threads:
            thread.start()
        time.sleep(4)
        before_kill = len(clients.acknowledged)
        server.kill()
        killed_at = time.monotonic()
        time.sleep(0.5)
        server.start()
        server.wait_ready(ready_path)
        back_after = time.monotonic() - killed_at
        time.sleep(2)
        clients.running.clear()
        for thread in threads:
            thread.join(timeout=20)
        clients.retry_pending()
    finally:
        clients.running.clear()
        server.stop()
    elapsed = time.monotonic() - started

    assert before_kill > 0, "no answer was acknowledged before the kill: the load did not run"
    assert clients.failures > 0, "no request failed: the kill did not happen mid-load"
    assert not clients.pending, f"{len(clients.pending)} answers still unacknowledged after the retries"
    stored = list(Response.objects.filter(campaign=campaign).values_list("idempotency_key", flat=True))
    assert len(stored) == len(set(stored)), "an answer was stored twice"
    assert set(stored) == clients.acknowledged  # every acknowledged answer stored, nothing stored unacknowledged
    print(f"crash test: {len(clients.acknowledged)} answers acknowledged and stored once each "
          f"({before_kill} before the SIGKILL, {clients.failures} failed requests retried); gunicorn answered "
          f"{back_after:.1f} s after the kill; {elapsed:.1f} s in all")
