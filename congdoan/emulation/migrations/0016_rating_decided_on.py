"""A rating keeps the day it was sent up and the day it was decided (issue 11 §6: the decider is the
directly-superior union on that day; reports count a rating from the day it was decided), and where
its disciplinary flag came from. Existing ratings take the day of their audit row (``rating.submit``,
``rating.decide``, the latest), else the day of their last state change, else their creation day
(local time)."""

from django.db import migrations, models
from django.utils import timezone


def local_day(moment):
    return timezone.localtime(moment).date() if moment else None


def backfill_days(apps, schema_editor):
    Rating = apps.get_model("emulation", "Rating")
    AuditEntry = apps.get_model("core", "AuditEntry")
    for rating in Rating.objects.exclude(state="draft").iterator():
        days = {}
        for action, field in (("rating.submit", "submitted_on"), ("rating.decide", "decided_on")):
            if field == "decided_on" and rating.state != "decided":
                continue
            at = (
                AuditEntry.objects.filter(
                    action=action, object_type="emulation.rating", object_id=str(rating.pk)
                )
                .order_by("-at", "-id")
                .values_list("at", flat=True)
                .first()
            )
            days[field] = local_day(at or rating.state_changed_at or rating.created_at)
        Rating.objects.filter(pk=rating.pk).update(**days)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("emulation", "0015_block_plans_meetings"),
    ]

    operations = [
        migrations.AddField(
            model_name="rating",
            name="decided_on",
            field=models.DateField(blank=True, null=True, verbose_name="ngày quyết định xếp loại"),
        ),
        migrations.AddField(
            model_name="rating",
            name="discipline_source",
            field=models.CharField(blank=True, max_length=500, verbose_name="nguồn thông tin kỷ luật"),
        ),
        migrations.AddField(
            model_name="rating",
            name="submitted_on",
            field=models.DateField(blank=True, null=True, verbose_name="ngày gửi cấp trên"),
        ),
        migrations.RunPython(backfill_days, migrations.RunPython.noop),
    ]
