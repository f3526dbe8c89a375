"""Which kinds of unit hold members is data on the kind, not a list of codes in the code."""

from django.db import migrations, models

HOLDING = ["cdcs", "cd-bo-phan", "to-cong-doan"]


def mark(apps, schema_editor):
    UnitKind = apps.get_model("organizations", "UnitKind")
    UnitKind.objects.filter(models.Q(code__in=HOLDING) | models.Q(is_grassroots=True)).update(holds_members=True)


class Migration(migrations.Migration):
    dependencies = [("organizations", "0002_seed_kinds")]
    operations = [
        migrations.AddField(
            model_name="unitkind",
            name="holds_members",
            field=models.BooleanField(
                default=False,
                help_text="Đoàn viên sinh hoạt trực tiếp ở đơn vị loại này (CĐCS, công đoàn bộ phận, tổ công đoàn).",
                verbose_name="có đoàn viên sinh hoạt",
            ),
        ),
        migrations.RunPython(mark, migrations.RunPython.noop, hints={"seed": True}),
    ]
