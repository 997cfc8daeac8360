"""A migration operation for renaming an app with its data (civic → grants): on a new database it creates the new
app's tables; on a database made before the rename it takes over the old app's tables instead.

Django keys a database to an app's label three times: the tables are named `<label>_<model>`, `django_migrations`
records `(label, migration)`, and `django_content_type` (hence permissions and admin log entries) stores
`app_label`. Taking over renames every table of the models (their history tables and many-to-many tables too),
moves the content types to the new label and forgets the old app's migration records, in the migration's
transaction: on SQLite and PostgreSQL either all of it happens or nothing. Rows keep their ids; PostgreSQL
sequences, indexes and constraints keep their old names, which nothing relies on.

The module's name starts with "_" so that the migration loader does not take it for a migration.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.db.migrations.recorder import MigrationRecorder
from django.db.migrations.state import ProjectState


class TakeOverOrCreate(migrations.SeparateDatabaseAndState):
    """The operations of a renamed app's first migration, which the old app's tables satisfy when they exist.

    `old_migrations` are the old app's migrations whose schema equals these operations' schema; a database with
    other migrations of the old app recorded is refused, because its tables may not match.
    """

    def __init__(self, *, old_label: str, old_migrations: list[str], operations: list[Any]) -> None:
        self.old_label = old_label
        self.old_migrations = list(old_migrations)
        super().__init__(database_operations=operations, state_operations=operations)

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (f"{__name__}.{type(self).__qualname__}", [], {
            "old_label": self.old_label, "old_migrations": self.old_migrations, "operations": self.state_operations,
        })

    def describe(self) -> str:
        return f"Create the tables, or take over those of the app {self.old_label!r} on a database made before the rename"

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: ProjectState, to_state: ProjectState) -> None:
        if self._old_app_is_installed(schema_editor.connection):
            self._take_over(app_label, schema_editor, to_state)
        else:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def _old_app_is_installed(self, connection: Any) -> bool:
        recorder = MigrationRecorder(connection)
        if not recorder.has_table():
            return False
        applied = sorted(name for app, name in recorder.applied_migrations() if app == self.old_label)
        if not applied:
            return False
        if applied != sorted(self.old_migrations):
            raise RuntimeError(
                f"The database has the migrations {applied} of the app {self.old_label!r}; this migration can take "
                f"over its tables only at {sorted(self.old_migrations)}."
            )
        return True

    def _take_over(self, app_label: str, schema_editor: Any, to_state: ProjectState) -> None:
        connection = schema_editor.connection
        with connection.cursor() as cursor:
            existing = set(connection.introspection.table_names(cursor))
        renames = []
        # The models' own tables, their history tables and the many-to-many tables Django makes for them.
        for model in to_state.apps.get_app_config(app_label).get_models(include_auto_created=True):
            table = model._meta.db_table
            if not table.startswith(f"{app_label}_"):
                continue  # a table named explicitly keeps its name whatever the app is called
            old = self.old_label + table.removeprefix(app_label)
            if old not in existing:
                raise RuntimeError(f"The table {old!r} of the app {self.old_label!r} is missing: nothing was changed.")
            renames.append((model, old, table))
        for model, old, table in renames:
            schema_editor.alter_db_table(model, old, table)
        content_types = "django_content_type"
        if content_types in existing:
            table = schema_editor.quote_name(content_types)
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE app_label = %s", [app_label])  # noqa: S608
                if cursor.fetchone()[0]:
                    raise RuntimeError(f"Content types of the app {app_label!r} exist already: nothing was changed.")
                cursor.execute(f"UPDATE {table} SET app_label = %s WHERE app_label = %s",  # noqa: S608
                               [app_label, self.old_label])
        recorder = MigrationRecorder(connection)
        for name in self.old_migrations:
            recorder.record_unapplied(self.old_label, name)

