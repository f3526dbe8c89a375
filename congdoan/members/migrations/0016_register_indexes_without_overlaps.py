"""The member register without the indexes another one already serves (issue 9: the import writes
into every index of these tables; docs/scaling.md, "Indexes of the member tables", says what each
remaining one serves).

- ``person_phone``: the phone is only searched by prefix, which ``person_phone_like`` serves (and
  equality with it).
- The foreign key indexes on ``members_person.unit_id``, ``members_membership.person_id`` and
  ``.unit_id``: ``person_unit_status``, ``membership_person_from`` and ``membership_unit_from``
  begin with those columns.
- ``members_person_id_number_…_like`` (Django's for a unique text column on PostgreSQL): an ID
  number is only looked up whole, which the unique index serves.

Every uniqueness constraint stays. The foreign keys' indexes are dropped by name on PostgreSQL
only: on SQLite altering the field would rebuild ``members_person`` and lose its ``UnitStock``
triggers (migration 0013), for an index that costs the embedded database nothing that matters.
"""

import django.db.models.deletion
from django.db import migrations, models

DROPPED = {  # name: (table, column as the index had it)
    "members_person_unit_id_a59113d4": ("members_person", "unit_id"),
    "members_membership_person_id_12ff447c": ("members_membership", "person_id"),
    "members_membership_unit_id_5ef3e595": ("members_membership", "unit_id"),
    "members_person_id_number_05783dfc_like": ("members_person", "id_number varchar_pattern_ops"),
}


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in DROPPED:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, (table, column) in DROPPED.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column})")


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0015_membership_first_sex"),
        ("organizations", "0007_unitversion_sort_key"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="person", name="person_phone"),
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop, create, elidable=False)],
            state_operations=[
                migrations.AlterField(
                    model_name="membership",
                    name="person",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="memberships",
                        to="members.person",
                    ),
                ),
                migrations.AlterField(
                    model_name="membership",
                    name="unit",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="memberships",
                        to="organizations.unit",
                        verbose_name="đơn vị",
                    ),
                ),
                migrations.AlterField(
                    model_name="person",
                    name="unit",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organizations.unit",
                        verbose_name="đơn vị sinh hoạt",
                    ),
                ),
            ],
        ),
    ]
