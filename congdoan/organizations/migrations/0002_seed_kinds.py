"""The kinds of unit and the roles a deployment starts with. Both are data an admin can change."""

from django.db import migrations

UNIT_KINDS = [
    ("tong-ldld", "Tổng Liên đoàn Lao động", 0, False),
    ("cd-nganh-tw", "Công đoàn ngành trung ương", 10, False),
    ("ldld-tinh", "Liên đoàn Lao động tỉnh, thành phố", 20, False),
    ("cd-cap-tren-co-so", "Công đoàn cấp trên trực tiếp cơ sở", 30, False),
    ("cdcs", "Công đoàn cơ sở", 40, True),
    ("cd-bo-phan", "Công đoàn bộ phận", 50, False),
    ("to-cong-doan", "Tổ công đoàn", 60, False),
]

# The tree's own permissions; each other app grants its own in a migration of its own.
ALL = ["units.view", "units.manage"]
ROLE_KINDS = [
    ("chu-tich", "Chủ tịch", 0, ALL),
    ("pho-chu-tich", "Phó Chủ tịch", 10, ALL),
    ("can-bo-chuyen-trach", "Cán bộ chuyên trách", 20, ALL),
    ("uy-vien-bch", "Ủy viên Ban Chấp hành", 30, ["units.view"]),
    ("can-bo-van-phong", "Cán bộ văn phòng (chỉ xem)", 40, ["units.view"]),
]


def seed(apps, schema_editor):
    UnitKind = apps.get_model("organizations", "UnitKind")
    RoleKind = apps.get_model("organizations", "RoleKind")
    for code, name, order, grassroots in UNIT_KINDS:
        UnitKind.objects.update_or_create(
            code=code, defaults={"name": name, "order": order, "is_grassroots": grassroots}
        )
    for code, name, order, perms in ROLE_KINDS:
        RoleKind.objects.get_or_create(code=code, defaults={"name": name, "order": order, "permissions": perms})


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop, hints={"seed": True})]
