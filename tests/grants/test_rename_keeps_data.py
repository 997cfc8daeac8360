"""The app was renamed civic → grants: a database made before the rename keeps every row, its history, its content
types and permissions under the new app, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from tests.grants import frozen_civic_0001
from tests.grants.conftest import draft_call, make_org
from tripartite.core.models import Region, Sector, User
from tripartite.grants.models import Application, Call, PPPContract, Score, TopicArea
from tripartite.partners.models import Kind, Subkind


def _civic_database() -> Any:
    """Drop the grants tables and build the civic ones as `migrate` made them before the rename; the old app's
    models (their state at civic 0001) are returned to write rows with."""
    call_command("migrate", "grants", "zero", verbosity=0)
    ContentType.objects.filter(app_label="grants").delete()  # an old database has only civic's
    loader = MigrationLoader(connection)
    state = loader.project_state([node for node in loader.graph.leaf_nodes() if node[0] != "grants"])
    migration = frozen_civic_0001.Migration("0001_initial", "civic")
    with connection.schema_editor(atomic=migration.atomic) as editor:
        state = migration.apply(state, editor)
    MigrationRecorder(connection).record_applied("civic", "0001_initial")
    return state.apps


def _old_rows(apps: Any) -> dict[str, Any]:
    """A call with its region, a criterion, an evaluator, an application with a budget line, a document and a score,
    an award, a PPP contract, history rows, content types with a permission; and a deleted call."""
    ministry = make_org("Ministry of Culture", kind=Kind.STATE_BODY, subkind=Subkind.MINISTRY)
    ngo = make_org("Old Steppe PA")
    evaluator_user = User.objects.create_user(username="old-evaluator")
    almaty = Region.objects.get(kato="750000000")
    topic = apps.get_model("civic", "TopicArea").objects.create(code="culture", name_en="Culture")
    calls = apps.get_model("civic", "Call")
    fields = dict(kind="grant", title_en="Culture grants 2025", title_ru="Гранты культуры 2025", budget=9_000_000,
                  eligible_kinds=["ngo"], opens_on=date(2025, 1, 10), deadline=date(2025, 2, 10),
                  results_on=date(2025, 3, 10), status="closed", published=True)
    call = calls.objects.create(issuer_id=ministry.pk, topic_id=topic.pk, created_at=timezone.now(), **fields)
    call.regions.add(almaty.pk)
    apps.get_model("civic", "HistoricalCall").objects.create(
        id=call.pk, issuer_id=ministry.pk, topic_id=topic.pk, created_at=call.created_at, history_date=timezone.now(),
        history_type="+", **fields)
    deleted = calls.objects.create(issuer_id=ministry.pk, topic_id=topic.pk, **fields)
    deleted_pk = deleted.pk
    with connection.cursor() as cursor:  # the frozen models' delete() would collect related rows with today's models
        cursor.execute("DELETE FROM civic_call WHERE id = %s", [deleted_pk])
    criterion = apps.get_model("civic", "Criterion").objects.create(call_id=call.pk, name_en="Relevance", weight=100)
    evaluator = apps.get_model("civic", "Evaluator").objects.create(call_id=call.pk, user_id=evaluator_user.pk, number=1,
                                                                     declared_at=timezone.now())
    application = apps.get_model("civic", "Application").objects.create(
        call_id=call.pk, applicant_id=ngo.pk, project_title="Folk music archive", requested_amount=3_000_000,
        settlement_type="rural", registered_on=date(2015, 5, 5), status="submitted", submitted_at=timezone.now())
    application.regions.add(almaty.pk)
    apps.get_model("civic", "BudgetLine").objects.create(application_id=application.pk, item="Recording", amount=3_000_000)
    apps.get_model("civic", "ApplicationDocument").objects.create(
        application_id=application.pk, kind="charter", file=f"civic/applications/{application.pk}/abc-charter.pdf",
        original_name="charter.pdf", size=10, sha256="0" * 64)
    apps.get_model("civic", "Score").objects.create(application_id=application.pk, evaluator_id=evaluator.pk,
                                                     marks={str(criterion.pk): 8})
    apps.get_model("civic", "Award").objects.create(application_id=application.pk, amount=2_500_000,
                                                     signed_on=date(2025, 3, 20))
    ppp = apps.get_model("civic", "PPPContract").objects.create(
        state_partner_id=ministry.pk, private_partner="Build LLP", sector_id=Sector.objects.get(code="P").pk,
        region_id=almaty.pk, object_en="A school", value=1_000_000, term_years=10)
    call_type = ContentType.objects.create(app_label="civic", model="call")
    ContentType.objects.create(app_label="civic", model="pppcontract")
    permission = Permission.objects.create(content_type=call_type, codename="change_call", name="Can change call")
    return {"call": call.pk, "deleted_call": deleted_pk, "application": application.pk, "ppp": ppp.pk,
            "call_type": call_type.pk, "permission": permission.pk, "ministry": ministry, "almaty": almaty}


@pytest.fixture
def renamed() -> Any:
    """A database made before the rename, with rows, then `migrate` as an operator runs it after the upgrade."""
    try:
        old = _old_rows(_civic_database())
    finally:  # even when writing the old rows fails, the next test finds the database migrated
        call_command("migrate", verbosity=0)
    ContentType.objects.clear_cache()
    return old


pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_database_made_before_the_rename_keeps_everything(renamed, make_user):
    """One test for all the checks: each needs the old database built and migrated, which is the slow part."""
    _the_rows_of_the_old_app_are_read_by_the_new_one(renamed)
    _the_history_of_the_old_app_is_kept(renamed)
    _content_types_and_permissions_move_to_the_new_app(renamed)
    _only_the_new_app_s_tables_and_migrations_remain(renamed)
    _new_records_get_new_ids_and_history(renamed, make_user)


def _the_rows_of_the_old_app_are_read_by_the_new_one(renamed):
    call = Call.objects.get(pk=renamed["call"])
    assert (call.title_en, call.issuer, list(call.regions.all())) == ("Culture grants 2025", renamed["ministry"],
                                                                       [renamed["almaty"]])
    application = Application.objects.get(pk=renamed["application"])
    assert [(line.item, line.amount) for line in application.budget_lines.all()] == [("Recording", 3_000_000)]
    assert application.documents.get().file.name == f"civic/applications/{application.pk}/abc-charter.pdf"
    assert application.award.amount == 2_500_000
    assert Score.objects.get(application=application).total() == 80
    assert PPPContract.objects.get(pk=renamed["ppp"]).object == "A school"


def _the_history_of_the_old_app_is_kept(renamed):
    assert [h.history_type for h in Call.history.filter(id=renamed["call"])] == ["+"]


def _content_types_and_permissions_move_to_the_new_app(renamed):
    assert ContentType.objects.get_for_model(Call).pk == renamed["call_type"]
    assert Permission.objects.get(pk=renamed["permission"]).content_type.app_label == "grants"
    assert not ContentType.objects.filter(app_label="civic").exists()


def _only_the_new_app_s_tables_and_migrations_remain(renamed):
    tables = set(connection.introspection.table_names())
    assert {"grants_call", "grants_call_regions", "grants_historicalcall", "grants_historicalcall_regions"} <= tables
    assert not [t for t in tables if t.startswith("civic_")]
    applied = MigrationRecorder(connection).applied_migrations()
    assert ("grants", "0001_initial") in applied
    assert not [key for key in applied if key[0] == "civic"]


def _new_records_get_new_ids_and_history(renamed, make_user):
    today = timezone.localdate()
    call = draft_call(make_user("new-admin", role="admin"), renamed["ministry"], TopicArea.objects.get(code="culture"),
                      opens_on=today, deadline=today + timedelta(days=5), results_on=today + timedelta(days=9))
    assert call.pk > renamed["deleted_call"]  # the id of a deleted row is not given again
    assert call.history.count() == 1

