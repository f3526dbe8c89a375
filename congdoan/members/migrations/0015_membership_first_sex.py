"""The periods' derived columns (``Membership.first``, ``Membership.sex``): the person's first period
and the person's sex, so that the joins of a period and the women on a past date are counted from
the periods alone (issue 15, docs/scaling.md). Backfilled here from the periods and the people;
``membership_first_from`` (the first periods by start, partial) replaces ``membership_from``."""

from django.db import migrations, models
from django.db.models import Exists, OuterRef, Subquery

# PostgreSQL: one pass, the first period by a window over each person's periods, the sex by a join.
BACKFILL_SQL = """
UPDATE members_membership m
SET first = f.first, sex = f.sex
FROM (
    SELECT p.id, p.valid_from = min(p.valid_from) OVER (PARTITION BY p.person_id) AS first, s.sex
    FROM members_membership p JOIN members_person s ON s.id = p.person_id
) f
WHERE m.id = f.id
"""


def backfill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(BACKFILL_SQL)
        return
    Membership = apps.get_model("members", "Membership")
    Person = apps.get_model("members", "Person")
    earlier = Membership.objects.filter(person_id=OuterRef("person_id"), valid_from__lt=OuterRef("valid_from"))
    Membership.objects.update(
        first=~Exists(earlier),
        sex=Subquery(Person.objects.filter(pk=OuterRef("person_id")).values("sex")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0014_membership_flow_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="first",
            field=models.BooleanField(default=False, editable=False),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="membership",
            name="sex",
            field=models.CharField(
                choices=[("M", "Nam"), ("F", "Nữ")], default="", editable=False, max_length=1
            ),
            preserve_default=False,
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="membership", name="membership_from"),
        migrations.AddIndex(
            model_name="membership",
            index=models.Index(
                condition=models.Q(("first", True)),
                fields=["valid_from"],
                include=("unit",),
                name="membership_first_from",
            ),
        ),
    ]
