"""Kinds of support (with their ``personal`` flag) and kinds of house carry validity dates (issue 13:
rules that change are data with validity dates). Backfill: each row starts on 01/01/2000, or on the
day of the first case or gift that used it if earlier; none is closed."""

import datetime

from django.db import migrations, models
from django.db.models import Min

ALWAYS = datetime.date(2000, 1, 1)


def backfill(apps, schema_editor):
    first_use = {
        "SupportKind": (("SupportCase", "decided_on"), ("GiftItem", "given_on")),
        "HouseKind": (("House", "case__decided_on"),),
    }
    for model, uses in first_use.items():
        for row in apps.get_model("welfare", model).objects.all():
            days = [
                apps.get_model("welfare", used).objects.filter(kind=row).aggregate(d=Min(day))["d"]
                for used, day in uses
            ]
            start = min([ALWAYS, *[d for d in days if d is not None]])
            if start != row.valid_from:
                row.valid_from = start
                row.save(update_fields=["valid_from"])


class Migration(migrations.Migration):

    dependencies = [
        ('welfare', '0007_case_drive'),
    ]

    operations = [
        migrations.AddField(
            model_name='housekind',
            name='valid_from',
            field=models.DateField(default=datetime.date(2000, 1, 1), verbose_name='từ ngày'),
        ),
        migrations.AddField(
            model_name='housekind',
            name='valid_to',
            field=models.DateField(blank=True, null=True, verbose_name='đến ngày (không gồm)'),
        ),
        migrations.AddField(
            model_name='supportkind',
            name='valid_from',
            field=models.DateField(default=datetime.date(2000, 1, 1), verbose_name='từ ngày'),
        ),
        migrations.AddField(
            model_name='supportkind',
            name='valid_to',
            field=models.DateField(blank=True, null=True, verbose_name='đến ngày (không gồm)'),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='housekind',
            constraint=models.CheckConstraint(condition=models.Q(('valid_to__isnull', True), ('valid_to__gt', models.F('valid_from')), _connector='OR'), name='welfare_housekind_period_positive'),
        ),
        migrations.AddConstraint(
            model_name='supportkind',
            constraint=models.CheckConstraint(condition=models.Q(('valid_to__isnull', True), ('valid_to__gt', models.F('valid_from')), _connector='OR'), name='welfare_supportkind_period_positive'),
        ),
    ]
