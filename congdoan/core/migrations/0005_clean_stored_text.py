"""Rule values' sources stored as typed before every input was cleaned (``core.text``): cleaned in
place (``core.cleanup``). The audit log and finished jobs are records of what was, left as they are."""

from django.db import migrations

from congdoan.core.cleanup import LINE, clean_stored


def clean(apps, schema_editor):
    clean_stored(apps.get_model("core", "RuleValue"), {"key": LINE, "source": LINE})


class Migration(migrations.Migration):
    dependencies = [("core", "0004_rule_value")]

    operations = [migrations.RunPython(clean, migrations.RunPython.noop)]
