"""The shipped categories (chuyên mục) of the news portal; administrators add others as data."""

from django.db import migrations

CATEGORIES = [
    ("tin-hoat-dong", "Tin hoạt động", "Activity news", 10),
    ("thi-dua-khen-thuong", "Thi đua – khen thưởng", "Emulation and awards", 20),
    ("cham-lo-doi-song", "Chăm lo đời sống", "Members' welfare", 30),
    ("hoi-nghi-dai-hoi", "Hội nghị – đại hội", "Conferences and congresses", 40),
    ("thong-bao", "Thông báo", "Announcements", 50),
]


def add(apps, schema_editor):
    Category = apps.get_model("portal", "Category")
    for code, name, name_en, order in CATEGORIES:
        Category.objects.update_or_create(code=code, defaults={"name": name, "name_en": name_en, "order": order})


def remove(apps, schema_editor):
    apps.get_model("portal", "Category").objects.filter(code__in=[c[0] for c in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]
    operations = [migrations.RunPython(add, remove, hints={"seed": True})]
