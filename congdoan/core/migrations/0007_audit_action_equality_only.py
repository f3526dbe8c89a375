"""The audit log without the pattern index Django adds to an indexed text column on PostgreSQL
(``core_auditentry_action_…_like``): an action is only ever looked up whole (the audit log's
filter), which the plain index serves. Every bulk write (an import's 100,000 entries) maintained
it for nothing (issue 9; docs/scaling.md, "Indexes of the member tables")."""

from django.db import migrations

ACTION_LIKE = "core_auditentry_action_6ad0fad5_like"


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {ACTION_LIKE}")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {ACTION_LIKE} ON core_auditentry (action varchar_pattern_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0006_scheduled_reminder")]

    operations = [migrations.RunPython(drop, create, elidable=False)]
