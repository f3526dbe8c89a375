"""Funds carry validity dates (issue 13: rules that change are data with validity dates).

Backfill: a fund starts on 01/01/2000 or on its first drive's day if earlier; a fund once marked unused
(``active`` false, now removed) is closed from the day of this migration (or after its last drive),
never deleted."""

import datetime

from django.db import migrations, models
from django.db.models import Max, Min
from django.utils import timezone

ALWAYS = datetime.date(2000, 1, 1)


def backfill(apps, schema_editor):
    Fund = apps.get_model("funds", "Fund")
    for fund in Fund.objects.annotate(first=Min("drives__starts_on"), last=Max("drives__starts_on")):
        fund.valid_from = min(ALWAYS, fund.first or ALWAYS)
        if not fund.active:
            closed = timezone.localdate()
            if fund.last is not None:
                closed = max(closed, fund.last + datetime.timedelta(days=1))
            fund.valid_to = closed
        fund.save(update_fields=["valid_from", "valid_to"])


def restore(apps, schema_editor):
    Fund = apps.get_model("funds", "Fund")
    Fund.objects.filter(valid_to__isnull=False).update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("funds", "0003_grant_default_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="fund",
            name="valid_from",
            field=models.DateField(default=datetime.date(2000, 1, 1), verbose_name="từ ngày"),
        ),
        migrations.AddField(
            model_name="fund",
            name="valid_to",
            field=models.DateField(blank=True, null=True, verbose_name="đến ngày (không gồm)"),
        ),
        migrations.RunPython(backfill, restore),
        migrations.RemoveField(
            model_name="fund",
            name="active",
        ),
        migrations.AddConstraint(
            model_name="fund",
            constraint=models.CheckConstraint(
                condition=models.Q(("valid_to__isnull", True), ("valid_to__gt", models.F("valid_from")), _connector="OR"),
                name="funds_fund_period_positive",
            ),
        ),
    ]
