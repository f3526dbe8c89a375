"""Chủ tịch is held by one person at a time in each unit (the BCH elects one chair)."""

from django.db import migrations


def mark(apps, schema_editor):
    apps.get_model("members", "PositionKind").objects.filter(code="chu-tich").update(single_holder=True)


def unmark(apps, schema_editor):
    apps.get_model("members", "PositionKind").objects.filter(code="chu-tich").update(single_holder=False)


class Migration(migrations.Migration):
    dependencies = [("members", "0007_positionkind_single_holder")]

    operations = [migrations.RunPython(mark, unmark, hints={"seed": True})]
