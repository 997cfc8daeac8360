"""Set-up: migrations and reference data on the current database, the OpenAPI contract, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tripartite.core.models import Region, Sector

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_migrations_load_the_regions_and_oked_sections():
    assert Region.objects.count() == 20
    assert Region.objects.filter(kato="710000000").exists()  # Astana
    assert Sector.objects.count() == 21
    assert set(Sector.objects.values_list("code", flat=True)) == {chr(c) for c in range(ord("A"), ord("V"))}
    astana = Region.objects.get(kato="710000000")
    assert astana.name_kk and astana.name_ru and astana.name_en


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrations_can_be_reversed_and_reapplied():
    call_command("migrate", "core", "0001", verbosity=0)
    assert Region.objects.count() == 0
    call_command("migrate", verbosity=0)
    assert Region.objects.count() == 20


def test_openapi_document_matches_the_committed_contract():
    """A change to the API must be a conscious one: regenerate docs/openapi.json with `make openapi`."""
    from tripartite.api import api

    current = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/")))
    committed = json.loads((ROOT / "docs" / "openapi.json").read_text())
    assert current == committed, "The API changed: run `make openapi` and review the diff of docs/openapi.json"


def test_cli_without_a_command_prints_usage_and_fails():
    result = subprocess.run([sys.executable, "-m", "tripartite.cli"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "usage: tripartite" in result.stdout


def test_cli_unknown_command_is_one_line_error():
    result = subprocess.run([sys.executable, "-m", "tripartite.cli", "frobnicate"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "unknown command" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.django_db
def test_interactive_api_docs_load_nothing_from_the_internet(client):
    page = client.get("/api/v1/docs").content.decode()
    assert "swagger-ui" in page
    assert "cdn." not in page and "https://" not in page
