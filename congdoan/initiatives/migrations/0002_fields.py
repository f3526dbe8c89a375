"""The fields (lĩnh vực) of initiatives, shipped as data with their English names; administrators
add others."""

from django.db import migrations

FIELDS = [
    ("quan-ly-hanh-chinh", "Quản lý, cải cách hành chính", "Management and administrative reform", 10),
    ("giao-duc", "Giáo dục, đào tạo", "Education and training", 20),
    ("y-te", "Y tế, chăm sóc sức khỏe", "Health care", 30),
    ("khoa-hoc-cong-nghe", "Khoa học, công nghệ, chuyển đổi số", "Science, technology and digital transformation", 40),
    ("van-hoa-xa-hoi", "Văn hóa, xã hội", "Culture and society", 50),
    ("phong-chong-dich", "Phòng, chống dịch bệnh", "Epidemic prevention and control", 60),
    ("cong-doan", "Hoạt động công đoàn", "Trade union work", 70),
    ("khac", "Lĩnh vực khác", "Other fields", 90),
]


def seed(apps, schema_editor):
    InitiativeField = apps.get_model("initiatives", "InitiativeField")
    for code, name, name_en, order in FIELDS:
        InitiativeField.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "order": order}
        )


def unseed(apps, schema_editor):
    apps.get_model("initiatives", "InitiativeField").objects.filter(code__in=[f[0] for f in FIELDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed, hints={"seed": True})]
