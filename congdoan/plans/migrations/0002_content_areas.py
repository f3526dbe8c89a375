"""The content areas of the coordination programmes between CĐVC Việt Nam and the provincial federations
(seed 000): shipped as data, with their English names; administrators add others."""

from django.db import migrations

AREAS = [
    (
        "chi-dao-cdvc-tinh",
        "Chỉ đạo Công đoàn Viên chức tỉnh, thành phố hoạt động theo tính chất ngành nghề",
        "Directing the provincial public-sector unions by the nature of their sector",
        10,
    ),
    (
        "phong-trao-co-quan-van-hoa",
        "Phong trào thi đua “Xây dựng cơ quan văn hóa và ngày làm việc 8 giờ có chất lượng, hiệu quả”",
        "The emulation movement “Building cultured offices and an effective, high-quality 8-hour working day”",
        20,
    ),
    (
        "cuoc-van-dong-trung-thanh",
        "Cuộc vận động “Trung thành, Trách nhiệm, Liêm chính, Sáng tạo”",
        "The campaign “Loyalty, Responsibility, Integrity, Creativity”",
        30,
    ),
    (
        "che-do-chinh-sach",
        "Thực hiện chế độ, chính sách của cán bộ, công chức, viên chức, người lao động",
        "Policies and benefits of public employees and workers",
        40,
    ),
    ("an-sinh-xa-hoi", "Hoạt động an sinh xã hội, từ thiện", "Social security and charity", 50),
]


def seed(apps, schema_editor):
    ContentArea = apps.get_model("plans", "ContentArea")
    for code, name, name_en, order in AREAS:
        ContentArea.objects.update_or_create(code=code, defaults={"name": name, "name_en": name_en, "order": order})


def unseed(apps, schema_editor):
    apps.get_model("plans", "ContentArea").objects.filter(code__in=[a[0] for a in AREAS]).delete()


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed, hints={"seed": True})]
