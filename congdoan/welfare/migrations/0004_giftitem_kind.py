"""A gift item has a kind of support, like a case (the figures ``welfare.by_kind.<code>.*`` count both).

Items recorded before get the kind their programme's kind implies: Tết → Quà Tết, 27/7 → Quà gia đình
chính sách, any other → Hỗ trợ khác (the shipped codes of 0002; an officer corrects a row in the admin)."""

import django.db.models.deletion
from django.db import migrations, models

IMPLIED = {"tet": "qua-tet", "27-7": "qua-chinh-sach"}
OTHER = "khac"


def fill(apps, schema_editor):
    item_model = apps.get_model("welfare", "GiftItem")
    kinds = apps.get_model("welfare", "SupportKind")
    if not item_model.objects.exists():
        return
    other, _created = kinds.objects.get_or_create(
        code=OTHER, defaults={"name": "Hỗ trợ khác", "name_en": "Other support", "order": 100}
    )
    by_code = {k.code: k for k in kinds.objects.filter(code__in=IMPLIED.values())}
    for item in item_model.objects.select_related("programme__kind"):
        item.kind = by_code.get(IMPLIED.get(item.programme.kind.code, ""), other)
        item.save(update_fields=["kind"])


class Migration(migrations.Migration):
    dependencies = [("welfare", "0003_grant_default_permissions")]

    operations = [
        migrations.AddField(
            model_name="giftitem",
            name="kind",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="welfare.supportkind",
                verbose_name="loại hỗ trợ",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
