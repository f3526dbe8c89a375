"""English names of the union-officer positions a deployment starts with (``PositionKind.name_en``)."""

from django.db import migrations, models

from congdoan.core.labels import fill_english_names

POSITIONS = {
    "chu-tich": "Chair",
    "pho-chu-tich": "Vice-chair",
    "uy-vien-btv": "Standing committee member",
    "uy-vien-bch": "Executive committee member",
    "chu-nhiem-ubkt": "Chair of the inspection committee",
    "uy-vien-ubkt": "Inspection committee member",
    "truong-ban-nu-cong": "Head of the women's affairs committee",
    "to-truong": "Union group leader",
}


class Migration(migrations.Migration):
    dependencies = [("members", "0010_clean_stored_text")]

    operations = [
        migrations.AddField(
            model_name="positionkind",
            name="name_en",
            field=models.CharField(
                blank=True,
                help_text="Hiện khi giao diện bằng tiếng Anh; để trống thì hiện tên tiếng Việt.",
                max_length=120,
                verbose_name="tên tiếng Anh",
            ),
        ),
        migrations.RunPython(
            fill_english_names("members.PositionKind", POSITIONS),
            migrations.RunPython.noop,
            hints={"seed": True},
        ),
    ]
