"""Jobs are found by a registered name, no longer by the work function's module path: rename the
kinds stored by the member import and export, and move a check's "applied" write into follow_up."""

from django.db import migrations

RENAMED = {
    "congdoan.members.importing.validate_work": "members.import.check",
    "congdoan.members.importing.apply_work": "members.import.write",
    "congdoan.members.exporting.members_export_work": "members.export.list",
    "congdoan.members.exporting.stats_export_work": "members.export.stats",
}


def rename(apps, schema_editor, mapping=RENAMED):
    Job = apps.get_model("core", "Job")
    for old, new in mapping.items():
        Job.objects.filter(kind=old).update(kind=new)
    if mapping is RENAMED:
        for check in Job.objects.filter(kind="members.import.check", follow_up__isnull=True):
            applied = (check.result or {}).pop("applied", None)
            if applied and Job.objects.filter(pk=applied).exists():
                check.follow_up_id = applied
                check.save(update_fields=["follow_up", "result"])


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0004_grant_default_permissions"),
        ("core", "0003_job_follow_up"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
