"""``UnitStock``: each unit's members today and the women among them, kept by the database.

Triggers on members_person maintain it on every INSERT, UPDATE and DELETE, whatever writes (the
services, the COPY import, the daily ``refresh_current_units``, unit mergers, raw SQL):

- PostgreSQL: three statement-level AFTER triggers with transition tables (one per event: a
  trigger with transition tables takes a single event and no column list), each adding the
  grouped difference per unit in one upsert; an UPDATE counts only rows whose unit, status or sex
  changed (old and new rows joined by id), so that the daily writes of other columns cost one
  empty join.
- SQLite: row-level triggers (``AFTER UPDATE OF unit_id, status, sex``).

The table is filled from the register as it stands, in the same migration.
"""

from django.db import migrations, models

COUNTED = "('active', 'exempt')"  # members.models.IN_UNIT
FEMALE = "'F'"


def _postgres_add(function: str, rows: str, sign: str) -> str:
    """A trigger function adding (``sign`` "+") or taking away ("-") the counted rows of the
    transition table ``rows``, grouped by unit, in one upsert."""
    return f"""
CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO members_unitstock AS s (unit_id, members, women)
    SELECT unit_id, {sign}count(*), {sign}count(*) FILTER (WHERE sex = {FEMALE})
    FROM {rows} WHERE unit_id IS NOT NULL AND status IN {COUNTED}
    GROUP BY unit_id ORDER BY unit_id
    ON CONFLICT (unit_id) DO UPDATE
        SET members = s.members + EXCLUDED.members, women = s.women + EXCLUDED.women;
    RETURN NULL;
END $$;
"""


POSTGRES_FUNCTIONS = (
    _postgres_add("members_unitstock_on_insert", "new_rows", "")
    + _postgres_add("members_unitstock_on_delete", "old_rows", "-")
    + f"""
CREATE FUNCTION members_unitstock_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO members_unitstock AS s (unit_id, members, women)
    SELECT unit_id, sum(n), sum(w) FROM (
        SELECT o.unit_id, -1 AS n, CASE WHEN o.sex = {FEMALE} THEN -1 ELSE 0 END AS w
        FROM old_rows o JOIN new_rows r ON r.id = o.id
        WHERE (o.unit_id, o.status, o.sex) IS DISTINCT FROM (r.unit_id, r.status, r.sex)
          AND o.unit_id IS NOT NULL AND o.status IN {COUNTED}
        UNION ALL
        SELECT r.unit_id, 1, CASE WHEN r.sex = {FEMALE} THEN 1 ELSE 0 END
        FROM old_rows o JOIN new_rows r ON r.id = o.id
        WHERE (o.unit_id, o.status, o.sex) IS DISTINCT FROM (r.unit_id, r.status, r.sex)
          AND r.unit_id IS NOT NULL AND r.status IN {COUNTED}
    ) AS changed
    GROUP BY unit_id ORDER BY unit_id
    ON CONFLICT (unit_id) DO UPDATE
        SET members = s.members + EXCLUDED.members, women = s.women + EXCLUDED.women;
    RETURN NULL;
END $$;

CREATE TRIGGER members_unitstock_insert AFTER INSERT ON members_person
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION members_unitstock_on_insert();
CREATE TRIGGER members_unitstock_delete AFTER DELETE ON members_person
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION members_unitstock_on_delete();
CREATE TRIGGER members_unitstock_update AFTER UPDATE ON members_person
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION members_unitstock_on_update();
"""
)

POSTGRES_DROP = """
DROP TRIGGER IF EXISTS members_unitstock_insert ON members_person;
DROP TRIGGER IF EXISTS members_unitstock_delete ON members_person;
DROP TRIGGER IF EXISTS members_unitstock_update ON members_person;
DROP FUNCTION IF EXISTS members_unitstock_on_insert();
DROP FUNCTION IF EXISTS members_unitstock_on_delete();
DROP FUNCTION IF EXISTS members_unitstock_on_update();
"""


def _sqlite_add(row: str, sign: str) -> str:
    return f"""
    INSERT INTO members_unitstock (unit_id, members, women)
        VALUES ({row}.unit_id, {sign}1, {sign}({row}.sex = {FEMALE}))
        ON CONFLICT (unit_id) DO UPDATE
        SET members = members + excluded.members, women = women + excluded.women;"""


def _counted(row: str) -> str:
    return f"{row}.unit_id IS NOT NULL AND {row}.status IN {COUNTED}"


SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER members_unitstock_insert AFTER INSERT ON members_person
    WHEN {_counted("NEW")} BEGIN {_sqlite_add("NEW", "+")} END""",
    f"""CREATE TRIGGER members_unitstock_delete AFTER DELETE ON members_person
    WHEN {_counted("OLD")} BEGIN {_sqlite_add("OLD", "-")} END""",
    f"""CREATE TRIGGER members_unitstock_update_old AFTER UPDATE OF unit_id, status, sex ON members_person
    WHEN {_counted("OLD")} BEGIN {_sqlite_add("OLD", "-")} END""",
    f"""CREATE TRIGGER members_unitstock_update_new AFTER UPDATE OF unit_id, status, sex ON members_person
    WHEN {_counted("NEW")} BEGIN {_sqlite_add("NEW", "+")} END""",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "members_unitstock_insert",
        "members_unitstock_delete",
        "members_unitstock_update_old",
        "members_unitstock_update_new",
    )
]

FILL = f"""
INSERT INTO members_unitstock (unit_id, members, women)
SELECT unit_id, count(*), sum(CASE WHEN sex = {FEMALE} THEN 1 ELSE 0 END)
FROM members_person WHERE unit_id IS NOT NULL AND status IN {COUNTED} GROUP BY unit_id
"""


def create(apps, schema_editor):
    statements = [POSTGRES_FUNCTIONS] if schema_editor.connection.vendor == "postgresql" else SQLITE_TRIGGERS
    for sql in [FILL, *statements]:
        schema_editor.execute(sql, params=None)


def drop(apps, schema_editor):
    statements = [POSTGRES_DROP] if schema_editor.connection.vendor == "postgresql" else SQLITE_DROP
    for sql in statements:
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0012_person_sort_keys"),
        ("organizations", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="UnitStock",
            fields=[
                (
                    "unit",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="organizations.unit",
                    ),
                ),
                ("members", models.IntegerField(default=0)),
                ("women", models.IntegerField(default=0)),
            ],
            options={
                "verbose_name": "số đoàn viên hiện nay của đơn vị",
                "verbose_name_plural": "số đoàn viên hiện nay của các đơn vị",
            },
        ),
        migrations.RunPython(create, drop),
    ]
