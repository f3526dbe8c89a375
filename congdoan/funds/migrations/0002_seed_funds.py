"""The funds shipped with the system (``funds.catalogue.SHIPPED``), English names included."""

from django.db import migrations

from congdoan.funds.catalogue import SHIPPED  # fixed codes: the figures are named after them


def seed(apps, schema_editor):
    Fund = apps.get_model("funds", "Fund")
    for code, name, name_en, order in SHIPPED:
        Fund.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en, "order": order})


def unseed(apps, schema_editor):
    apps.get_model("funds", "Fund").objects.filter(code__in=[c for c, *_r in SHIPPED], drives=None).delete()


class Migration(migrations.Migration):
    dependencies = [("funds", "0001_funds_drives_contributions")]
    operations = [migrations.RunPython(seed, unseed, hints={"seed": True})]
