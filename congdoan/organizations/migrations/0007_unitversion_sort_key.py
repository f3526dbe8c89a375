"""Units in Vietnamese alphabetical order: ``UnitVersion.sort_key`` (``core.text.vietnamese_sort_key``
of the name as written), filled for the versions already stored, in "C" collation on PostgreSQL
(the key is ASCII made to be compared byte by byte, as SQLite compares), indexed."""

from django.db import migrations, models

import congdoan.core.fields
from congdoan.core.cleanup import fill_derived, postgres_sql
from congdoan.organizations.models import unit_name_keys


def fill(apps, schema_editor):
    fill_derived(
        apps.get_model("organizations", "UnitVersion"),
        ["name", "short_name"],
        lambda row: {"sort_key": unit_name_keys(row["name"], row["short_name"])[1]},
    )


class Migration(migrations.Migration):
    dependencies = [("organizations", "0006_catalogue_english_names")]

    operations = [
        migrations.AddField(
            model_name="unitversion",
            name="sort_key",
            field=congdoan.core.fields.CharField(default="", db_default="", editable=False, max_length=700),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        postgres_sql(
            ['ALTER TABLE organizations_unitversion ALTER COLUMN sort_key TYPE varchar(700) COLLATE "C"']
        ),
        migrations.AddIndex(
            model_name="unitversion", index=models.Index(fields=["sort_key"], name="unitversion_sort_key")
        ),
    ]
