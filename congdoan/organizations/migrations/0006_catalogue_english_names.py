"""English names of the catalogues (``core.models.Catalogue.name_en``), and those of the kinds of
unit and roles a deployment starts with (terms of docs/glossary.md)."""

from django.db import migrations, models

from congdoan.core.labels import fill_english_names

UNIT_KINDS = {
    "tong-ldld": "General Confederation of Labour",
    "cd-nganh-tw": "National industry union",
    "ldld-tinh": "Provincial federation of labour",
    "cd-cap-tren-co-so": "Directly-superior union",
    "cdcs": "Grassroots union",
    "cd-bo-phan": "Union sub-unit",
    "to-cong-doan": "Union group",
}
ROLE_KINDS = {
    "chu-tich": "Chair",
    "pho-chu-tich": "Vice-chair",
    "can-bo-chuyen-trach": "Full-time officer",
    "uy-vien-bch": "Executive committee member",
    "can-bo-van-phong": "Office staff (view only)",
}


def name_en_field():
    return models.CharField(
        blank=True,
        help_text="Hiện khi giao diện bằng tiếng Anh; để trống thì hiện tên tiếng Việt.",
        max_length=120,
        verbose_name="tên tiếng Anh",
    )


class Migration(migrations.Migration):
    dependencies = [("organizations", "0005_clean_stored_text")]

    operations = [
        migrations.AddField(model_name="rolekind", name="name_en", field=name_en_field()),
        migrations.AddField(model_name="unitkind", name="name_en", field=name_en_field()),
        migrations.RunPython(
            fill_english_names("organizations.UnitKind", UNIT_KINDS),
            migrations.RunPython.noop,
            hints={"seed": True},
        ),
        migrations.RunPython(
            fill_english_names("organizations.RoleKind", ROLE_KINDS),
            migrations.RunPython.noop,
            hints={"seed": True},
        ),
    ]
