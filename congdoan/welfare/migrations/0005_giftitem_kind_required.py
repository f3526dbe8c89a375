"""Every gift item has its kind (filled by 0004, in its own transaction before the column is made
required, as PostgreSQL wants when rows were updated)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("welfare", "0004_giftitem_kind")]

    operations = [
        migrations.AlterField(
            model_name="giftitem",
            name="kind",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="welfare.supportkind",
                verbose_name="loại hỗ trợ",
            ),
        ),
    ]
