"""The kinds of support, of programme and of house (issue 13, seeds 000, 001, 003): shipped as data with
their English names; administrators add others. ``personal``: a kind whose beneficiary is personal data."""

from django.db import migrations

SUPPORT_KINDS = [
    ("om-dau", "Ốm đau", "Sickness", 10, True),
    ("tai-nan", "Tai nạn", "Accident", 20, True),
    ("kho-khan", "Hoàn cảnh khó khăn", "Hardship", 30, True),
    ("tu-tuat", "Thăm hỏi khi có người mất", "Bereavement", 40, False),
    ("hieu-hy", "Kết hôn", "Wedding", 50, False),
    ("thien-tai", "Thiên tai, hỏa hoạn", "Natural disaster, fire", 60, False),
    ("nha-o", "Xây, sửa nhà", "House built or repaired", 70, False),
    ("qua-tet", "Quà Tết", "Tết gift", 80, False),
    ("qua-chinh-sach", "Quà gia đình chính sách", "Gift to a policy family", 90, True),
    ("khac", "Hỗ trợ khác", "Other support", 100, False),
]
PROGRAMME_KINDS = [
    ("tet", "Chăm lo Tết", "Tết care programme", 10),
    ("27-7", "Tri ân gia đình chính sách nhân ngày 27/7", "Gifts to policy families on 27 July", 20),
    ("khao-sat", "Thăm, tặng quà trong đợt khảo sát", "Gifts during a survey visit", 30),
    ("thien-tai", "Hỗ trợ vùng thiên tai", "Disaster relief", 40),
    ("khac", "Chương trình khác", "Other programme", 100),
]
HOUSE_KINDS = [
    ("tinh-nghia", "Nhà tình nghĩa", "House of gratitude (Nhà tình nghĩa)", 10),
    ("tinh-thuong", "Nhà tình thương", "House of compassion (Nhà tình thương)", 20),
    ("mai-am", "Mái ấm Công đoàn", "Trade Union Shelter (Mái ấm Công đoàn)", 30),
]


def seed(apps, schema_editor):
    kinds = apps.get_model("welfare", "SupportKind")
    for code, name, name_en, order, personal in SUPPORT_KINDS:
        kinds.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "order": order, "personal": personal}
        )
    for model, rows in (("ProgrammeKind", PROGRAMME_KINDS), ("HouseKind", HOUSE_KINDS)):
        catalogue = apps.get_model("welfare", model)
        for code, name, name_en, order in rows:
            catalogue.objects.update_or_create(code=code, defaults={"name": name, "name_en": name_en, "order": order})


def unseed(apps, schema_editor):
    for model, rows in (("SupportKind", SUPPORT_KINDS), ("ProgrammeKind", PROGRAMME_KINDS), ("HouseKind", HOUSE_KINDS)):
        apps.get_model("welfare", model).objects.filter(code__in=[r[0] for r in rows]).delete()


class Migration(migrations.Migration):
    dependencies = [("welfare", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed, hints={"seed": True})]
