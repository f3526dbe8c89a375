"""Members in Vietnamese alphabetical order, and a search that matches every word typed.

- ``Person.sort_key`` / ``family_sort_key``: ``core.text.vietnamese_sort_key`` of the name, by
  given name then family name (the lists' order) and by family name as written; filled for the
  people already stored (``members.models.name_keys``, batched); in "C" collation on PostgreSQL (the
  keys are ASCII made to be compared byte by byte, as SQLite compares), so that the same order
  comes out of both and the indexes serve ``ORDER BY sort_key, id``.
- ``person_sort_key`` (sort_key, id) including the columns a search filters on (PostgreSQL): a
  first page, searched or not, walks the order shown and stops, reading no row of the table.
  It replaces 0003's ``person_name_order``, ordered by the folded name, which no list shows any more.
- ``person_name_trgm``: trigrams of the whole folded name (as 0002 had), which serve every word of
  a search (``name_folded LIKE '%word%'`` for each word, ANDed: one GIN scan); it replaces 0003's
  ``person_name_rest_trgm``, which served the "starts with / contains after the first letter" split
  of a single phrase.
"""

from django.db import migrations, models

import congdoan.core.fields
from congdoan.core.cleanup import fill_derived, postgres_sql
from congdoan.members.models import name_keys

KEY_COLUMNS = ("sort_key", "family_sort_key")


def fill(apps, schema_editor):
    fill_derived(apps.get_model("members", "Person"), ["full_name"], lambda row: name_keys(row["full_name"]))


class Migration(migrations.Migration):
    dependencies = [("members", "0011_catalogue_english_names")]

    operations = [
        migrations.AlterModelOptions(
            name="person",
            options={
                "ordering": ["sort_key", "id"],
                "verbose_name": "đoàn viên",
                "verbose_name_plural": "đoàn viên",
            },
        ),
        *(
            migrations.AddField(
                model_name="person",
                name=column,
                field=congdoan.core.fields.CharField(default="", db_default="", editable=False, max_length=400),
            )
            for column in KEY_COLUMNS
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        postgres_sql(
            [
                *(
                    f'ALTER TABLE members_person ALTER COLUMN {column} TYPE varchar(400) COLLATE "C"'
                    for column in KEY_COLUMNS
                ),
                "DROP INDEX IF EXISTS person_name_order",
                "DROP INDEX IF EXISTS person_name_rest_trgm",
                "CREATE INDEX IF NOT EXISTS person_name_trgm ON members_person "
                "USING gin (name_folded gin_trgm_ops)",
            ],
            [
                "DROP INDEX IF EXISTS person_name_trgm",
                'CREATE INDEX IF NOT EXISTS person_name_order ON members_person (name_folded COLLATE "C", id) '
                "INCLUDE (unit_path, status, sex, card_number)",
                "CREATE INDEX IF NOT EXISTS person_name_rest_trgm ON members_person "
                "USING gin (substring(name_folded, 2) gin_trgm_ops)",
            ],
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=["sort_key", "id"],
                include=("name_folded", "unit_path", "status", "card_number"),
                name="person_sort_key",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["family_sort_key", "id"], name="person_family_sort_key"),
        ),
        postgres_sql(["ANALYZE members_person"]),
    ]
