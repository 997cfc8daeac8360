"""Schemathesis against a live server with the demo data: the server, the runs and their figures.

Two profiles. `QUICK`, in every test run (tests/hardening/test_fuzz.py): pytest-django's live server on the
session's test database, one example per operation, no coverage phase, a fixed seed — a minute or so. `LONG`,
with TRIPARTITE_FUZZ=1 and `make fuzz` (`python -m tests.hardening.fuzzing --max-examples 100`): gunicorn with two
workers on a freshly migrated database, every phase including coverage (its boundary values and malformed
media types), two schemathesis workers.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKS = ("not_a_server_error", "status_code_conformance", "content_type_conformance", "response_schema_conformance")
# The one operation that would revoke the token the authenticated run is using (the thousands of 401s).
TOKEN_REVOKING = "DELETE /api/v1/auth/tokens/{token_id}"

_MAKE_SUPERUSER = """
from tripartite.core.models import User
from tripartite.core.services import api_token_create
user = User.objects.create_superuser(username="fuzz-admin", password="fuzz-admin-not-secret")
print(api_token_create(user=user, name="fuzz")[1])
"""


@dataclass(frozen=True)
class Profile:
    """How much schemathesis generates: examples per operation, phases, concurrency, a time cap per run."""

    max_examples: int
    phases: str
    workers: int
    max_time: int | None = None


# One example per operation (plus the schema's own examples and the stateful links), one request at a time: the
# in-process live server shares SQLite's in-memory test database between its threads.
QUICK = Profile(max_examples=1, phases="examples,fuzzing,stateful", workers=1)
LONG = Profile(max_examples=3, phases="examples,coverage,fuzzing,stateful", workers=2, max_time=100)
# Limits that would turn most of the run's requests (thousands from one address) into 429s.
UNLIMITED = {"SURVEYS_SUBMISSIONS_PER_HOUR": 0, "LOGIN_FAILURES_ALLOWED": 0, "LOGIN_FAILURES_ALLOWED_PER_ADDRESS": 0}


@dataclass(frozen=True)
class LiveServer:
    url: str
    token: str


@dataclass
class FuzzFigures:
    """What a run found: operations tested, test cases generated, failures by check."""

    label: str
    operations: int = 0
    cases: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    details: list[str] = field(default_factory=list)
    exit_code: int = 0
    output: str = ""

    def summary(self) -> str:
        found = ", ".join(f"{check}: {n}" for check, n in sorted(self.failures.items())) or "none"
        return f"{self.label}: {self.operations} operations, {self.cases} cases, failures: {found}"

    def report(self) -> str:
        return "\n".join([self.summary(), *(f"  - {line}" for line in self.details)])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _environment(var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    # Never the configured database: the run writes thousands of records. A throwaway one may be given.
    env.pop("DATABASE_URL", None)
    if os.environ.get("FUZZ_DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["FUZZ_DATABASE_URL"]
    env.update({
        "DJANGO_SETTINGS_MODULE": "tripartite.settings", "TRIPARTITE_VAR_DIR": str(var_dir),
        "MEDIA_ROOT": str(var_dir / "media"), "DEBUG": "False", "LOG_LEVEL": "ERROR",
        **{name: str(value) for name, value in UNLIMITED.items()},
    })
    return env


@contextmanager
def live_server(*, workers: int = 2) -> Iterator[LiveServer]:
    """Migrate a fresh SQLite database (or FUZZ_DATABASE_URL), load the demo, make a superuser's token, serve."""
    var_dir = Path(tempfile.mkdtemp(prefix="tripartite-fuzz-"))
    env = _environment(var_dir)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--verbosity", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "load_demo", "--verbosity", "0"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    token = subprocess.run([*manage, "shell", "-c", _MAKE_SUPERUSER], cwd=ROOT, env=env, check=True,
                           capture_output=True, text=True).stdout.strip().splitlines()[-1]
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tripartite.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--timeout", "120", "--log-level", "warning", "--preload"],
        cwd=ROOT, env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        # Two cores shared with other test runs can take a minute just to import Django.
        deadline = time.monotonic() + 180
        while True:
            try:
                # The schema is built on request: several seconds on a busy machine.
                urllib.request.urlopen(url + "/api/v1/openapi.json", timeout=60).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the live server did not start") from None
                time.sleep(0.5)
        yield LiveServer(url=url, token=token)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(var_dir, ignore_errors=True)


def _schemathesis() -> list[str]:
    st = Path(sys.executable).with_name("st")
    if not st.exists():
        raise RuntimeError("schemathesis is not installed: pip install -e '.[test]'")
    return [str(st)]


def run_schemathesis(server: LiveServer, *, label: str, authenticated: bool, profile: Profile,
                     seed: int = 20) -> FuzzFigures:
    """One `st run` over the published schema; the figures come from its NDJSON event stream.

    It runs in a directory of its own: schemathesis keeps found crashes in `.schemathesis/` under the working
    directory and replays them first, which would make a run depend on the runs before it.
    """
    report_dir = Path(tempfile.mkdtemp(prefix="tripartite-st-"))
    ndjson = report_dir / "events.ndjson"
    # Read once, with a generous timeout: schemathesis gives up on a schema after 10 s, and a worker busy with
    # other test runs can take that long to build it the first time.
    schema = report_dir / "openapi.json"
    with urllib.request.urlopen(f"{server.url}/api/v1/openapi.json", timeout=120) as answer:
        schema.write_bytes(answer.read())
    command = [
        *_schemathesis(), "run", str(schema), "--url", server.url,
        "--checks", ",".join(CHECKS), "--max-examples", str(profile.max_examples), "--seed", str(seed),
        "--phases", profile.phases, "--workers", str(profile.workers), "--generation-database", "none",
        "--no-shrink", "--request-timeout", "60",
        "--suppress-health-check", "all", "--report", "ndjson", "--report-ndjson-path", str(ndjson),
        "--output-truncate", "true",
    ]
    if profile.max_time:
        command += ["--max-time", str(profile.max_time)]
    if authenticated:
        command += ["--header", f"Authorization: Bearer {server.token}", "--exclude-path-regex", r"^/api/v1/auth/tokens/"]
    done = subprocess.run(command, cwd=report_dir, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    figures = FuzzFigures(label=label, exit_code=done.returncode, output=done.stdout[-20000:] + done.stderr[-5000:])
    _read_events(ndjson, figures)
    shutil.rmtree(report_dir, ignore_errors=True)
    return figures


def _read_events(path: Path, figures: FuzzFigures) -> None:
    """Operations, generated cases and unique failures (operation, check, title, message), as the CLI counts them."""
    if not path.exists():
        return
    operations: set[str] = set()
    unique: set[tuple[str, str, str, str]] = set()
    for line in path.read_text().splitlines():
        finished = json.loads(line).get("ScenarioFinished")
        if finished is None:
            continue
        recorder = finished.get("recorder") or {}
        if finished.get("phase") != "stateful":
            operations.add(recorder.get("label", ""))
        figures.cases += len(recorder.get("cases") or {})
        for checks in (recorder.get("checks") or {}).values():
            for check in checks:
                if check.get("status") != "failure":
                    continue
                failure = (check.get("failure_info") or {}).get("failure") or {}
                key = (failure.get("operation", ""), check["name"], failure.get("title", ""), failure.get("message", ""))
                if key not in unique:
                    unique.add(key)
                    figures.failures[check["name"]] += 1
                    message = " | ".join(key[3].splitlines()[:3])[:300]
                    figures.details.append(f"{key[0]} [{key[1]}] {key[2]}: {message}")
    operations.discard("")
    figures.operations = len(operations)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-examples", type=int, default=50)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--phases", default=LONG.phases)
    parser.add_argument("--max-time", type=int, default=None)
    parser.add_argument("--workers", type=int, default=LONG.workers)
    args = parser.parse_args()
    profile = Profile(max_examples=args.max_examples, phases=args.phases, workers=args.workers, max_time=args.max_time)
    failed = False
    with live_server() as server:
        for label, authenticated in (("anonymous", False), ("superuser", True)):
            started = time.monotonic()
            figures = run_schemathesis(server, label=label, authenticated=authenticated, profile=profile, seed=args.seed)
            print(figures.output)
            print("==", figures.report(), f"({time.monotonic() - started:.0f} s)")
            failed = failed or figures.exit_code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
